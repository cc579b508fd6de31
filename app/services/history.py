"""Versions of documents and what became of each provision id (the rule: ``parsers/versions``).

Ingest calls ``record`` in the document's own transaction, so a version and its history
go in with the rows or not at all; it writes one row per changed id, never per document.
The first version of a document writes none: "added in version 1" is implicit for an id
with no row, and is written, with the id's hash then, when a later version first changes,
moves or removes it (a tenth of the store at 100 000 provisions, for rows that said only
what the provisions table says).
A provision id that is no longer stored is answered from its history (``whereabouts``):
moved (same content at another id: a redirect there), or gone (removed in a version, or
repealed by a document whose relation names it). An id with no history stays unknown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.orm import Session

from app.db.analysis_models import Relation
from app.db.bulk import insert_rows
from app.db.in_lists import chunks
from app.db.models import DocumentVersion, Provision, ProvisionEvent, table_of
from app.errors import VnlexError
from app.services import provisions
from app.services.links import provision_url
from app.services.relation_targets import (
    ENDING,
    NAMING,
    candidates,
    dates_of,
    naming_params,
    target_of,
)
from app.services.suggest import can_exist
from parsers import vntext
from parsers.versions import Change, changes, move_key

_V = table_of(DocumentVersion)
MAX_HOPS = 20  # moves followed from an old id; a longer chain is a loop or a bug


class Gone(VnlexError):
    """A provision id that existed and no longer does (410)."""

    status = 410
    code = "gone"


@dataclass(frozen=True)
class Moved:
    """An old id and where its content is now."""

    provision_id: str
    moved_to: str
    version: int

    def body(self) -> dict[str, Any]:
        return {"provision_id": self.provision_id, "moved_to": self.moved_to,
                "version": self.version, "url": provision_url(self.moved_to),
                "history": f"{provision_url(self.provision_id)}/history"}


def record(session: Session, document: dict[str, Any], effective_date: str | None,
           old: dict[str, dict[str, Any]], rows: list[dict[str, Any]]) -> int | None:
    """Store a new version of ``document`` if it changed; its number, else None.

    Args:
        document: the documents row being written (``id``, ``date``, ``source_hash``).
        effective_date: the date the new text says it takes effect.
        old: the stored provision rows by id (empty for a new document).
        rows: the new provision rows, in document order.
    """
    doc_id = document["id"]
    # Every id of a first ingest is "added": no change list to compute, only its emptiness.
    found = changes([_versioned(r) for r in old.values()], [_versioned(r) for r in rows]) \
        if old else []
    same = not found if old else not rows
    last = session.execute(
        select(DocumentVersion.version, DocumentVersion.source_hash)
        .where(DocumentVersion.document_id == doc_id)
        .order_by(DocumentVersion.version.desc()).limit(1)
    ).first()
    if last is not None and same and last.source_hash == document["source_hash"]:
        return None  # the same text again: no version
    version = (last.version if last is not None else 0) + 1
    # Core, not an ORM object: the unit of work's flush cost more than the rest of this.
    insert_rows(session, _V, [{
        "document_id": doc_id, "version": version,
        "ingested_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
        "source_hash": document["source_hash"], "issue_date": document.get("date"),
        "effective_date": effective_date,
    }])
    if not old:
        return version  # every id added in the first version: implicit (``_implicit``)
    events = [{"provision_id": c.provision_id, "document_id": doc_id, "version": version,
               "change": c.change, "content_hash": c.content_hash, "other_id": c.other_id}
              for c in found]
    insert_rows(session, table_of(ProvisionEvent),
                [*_first_versions(session, doc_id, old, found), *events])
    session.flush()
    return version


def _first_versions(session: Session, doc_id: str, old: dict[str, dict[str, Any]],
                    found: list[Change]) -> list[dict[str, Any]]:
    """The implicit "added in version 1" row of each stored id this version changes,
    moves or removes and that has no row yet, written now that it stops being the current
    state (its hash is the stored row's)."""
    ids = [c.provision_id for c in found if c.provision_id in old]
    written: set[str] = set()
    for chunk in chunks(ids):
        written.update(session.scalars(
            select(ProvisionEvent.provision_id).distinct()
            .where(ProvisionEvent.provision_id.in_(chunk))))
    return [{"provision_id": pid, "document_id": doc_id, "version": 1, "change": "added",
             "content_hash": old[pid]["content_hash"], "other_id": None}
            for pid in dict.fromkeys(ids) if pid not in written]


def _versioned(row: dict[str, Any]) -> tuple[str, str, str]:
    return (row["id"], row["content_hash"],
            move_key(row["heading"], row["text"], row["content_hash"]))


def forget(session: Session, doc_ids: Iterable[str]) -> None:
    """Drop the history of deleted documents: their ids become unknown again."""
    ids = list(doc_ids)
    session.execute(delete(ProvisionEvent).where(ProvisionEvent.document_id.in_(ids)))
    session.execute(delete(DocumentVersion).where(DocumentVersion.document_id.in_(ids)))


def canonical(provision_id: str) -> str:
    """The id as stored: the document part as its slug (the rule of ``provisions.find``)."""
    doc_part, _, path = provision_id.strip().strip("/").partition("/")
    return f"{vntext.slug(doc_part)}/{path}"


def whereabouts(session: Session, provision_id: str) -> Moved | None:
    """Where an id no longer stored went: ``Moved`` to a stored id, or None when it has no
    history (unknown).

    Raises:
        Gone: it was removed, or moved to an id that was removed since.
    """
    if not can_exist(provision_id):
        return None
    wanted = current = canonical(provision_id)
    for _ in range(MAX_HOPS):
        event = _latest(session, current)
        if event is None:
            return None
        if event.change == "removed":
            raise _gone(session, wanted, event)
        if event.change != "moved_to" or event.other_id is None:
            return None  # stored again, or a history this rule did not write
        current = event.other_id
        if provisions.find(session, current) is not None:
            return Moved(wanted, current, event.version)
    return None


def _latest(session: Session, provision_id: str) -> ProvisionEvent | None:
    return session.scalars(
        select(ProvisionEvent).where(ProvisionEvent.provision_id == provision_id)
        .order_by(ProvisionEvent.version.desc(), ProvisionEvent.id.desc()).limit(1)
    ).first()


def _gone(session: Session, wanted: str, event: ProvisionEvent) -> Gone:
    version = session.get(DocumentVersion, (event.document_id, event.version))
    removed = {"version": event.version, "document_id": event.document_id,
               # as the history's items say it (pydantic writes UTC as "Z")
               "ingested_at": _utc(version.ingested_at).isoformat().replace("+00:00", "Z")
               if version else None,
               "issue_date": version.issue_date if version else None}
    repeal = repealed_by(session, event.document_id, event.provision_id)
    where = f"{wanted} was removed in version {event.version} of {event.document_id}"
    when = removed["issue_date"] or removed["ingested_at"]
    message = f"{where} (dated {when})" if when else where
    if repeal is not None:
        message = f"{message}: repealed by {repeal['doc_id']} ({repeal['evidence']})"
    return Gone(message, provision_id=wanted, removed=removed, repealed_by=repeal,
                history=f"{provision_url(wanted)}/history")


# The relations that may repeal or replace one of ``paths`` of a document (``NAMING``),
# the deepest path first.
_REPEALS = select(Relation).where(
    Relation.kind.in_(ENDING), Relation.target_path.in_(bindparam("paths", expanding=True)),
    NAMING).order_by(func.length(Relation.target_path).desc(), Relation.id)


def repealed_by(session: Session, doc_id: str, provision_id: str) -> dict[str, Any] | None:
    """The relation that repeals or replaces the provision or one of its ancestors: one
    whose target is this document by the id its number makes, or by a key of this document
    (a law cited by its title alone, ``Bãi bỏ Điều 4 của Luật Thử phiên bản``) that
    resolves here (``relation_targets``); read through the indexes on both."""
    path = provision_id.partition("/")[2]
    parts = path.split(".")
    paths = [".".join(parts[:n]) for n in range(len(parts), 0, -1)]
    rows = session.scalars(_REPEALS, {**naming_params(session, doc_id), "paths": paths}).all()
    for row in rows:
        if row.target_doc_id != doc_id:
            docs = candidates(session, [row])
            on = dates_of(session, [row.document_id]).get(row.document_id)
            target = target_of(docs, row, {d.id: d for d in docs}, on)
            if target is None or target.id != doc_id:
                continue
        return {"doc_id": row.document_id, "provision_id": row.provision_id,
                "kind": row.kind, "path": row.target_path, "evidence": row.evidence}
    return None


def provision_history(session: Session, provision_id: str) -> dict[str, Any]:
    """Every version that changed ``provision_id``, oldest first, with those of the ids it
    moved from before it moved.

    Raises:
        NotFound: neither stored nor in any history; the error lists the closest ids.
    """
    node = provisions.find(session, provision_id)
    pid = node.id if node is not None else canonical(provision_id)
    events = _chain(session, pid, None, MAX_HOPS) if can_exist(pid) else []
    if not events and node is not None:
        events = [_implicit(node)]
    if not events:
        provisions.require(session, provision_id)  # raises NotFound with suggestions
    versions = _versions(session, {(e.document_id, e.version) for e in events})
    return {"provision_id": pid, "current": node is not None,
            "url": provision_url(pid) if node is not None else None,
            "items": [_item(e, versions.get((e.document_id, e.version))) for e in events]}


def _implicit(node: Provision) -> ProvisionEvent:
    """The history row not stored for an id unchanged since its document's first version
    (stored only once a later version changes, moves or removes it)."""
    return ProvisionEvent(provision_id=node.id, document_id=node.document_id, version=1,
                          change="added", content_hash=node.content_hash, other_id=None)


def _chain(session: Session, pid: str, before: int | None, hops: int) -> list[ProvisionEvent]:
    query = select(ProvisionEvent).where(ProvisionEvent.provision_id == pid)
    if before is not None:
        query = query.where(ProvisionEvent.version < before)
    own = list(session.scalars(query.order_by(ProvisionEvent.version, ProvisionEvent.id)))
    out: list[ProvisionEvent] = []
    for event in own:
        if event.change == "moved_from" and event.other_id and hops > 0:
            out.extend(_chain(session, event.other_id, event.version, hops - 1))
        out.append(event)
    return out


def _versions(session: Session, keys: set[tuple[str, int]]
              ) -> dict[tuple[str, int], DocumentVersion]:
    docs, numbers = {doc for doc, _ in keys}, {number for _, number in keys}
    rows = session.scalars(select(DocumentVersion).where(
        DocumentVersion.document_id.in_(docs), DocumentVersion.version.in_(numbers)))
    return {(r.document_id, r.version): r for r in rows if (r.document_id, r.version) in keys}


def _utc(stamp: dt.datetime) -> dt.datetime:
    """Stored naive in UTC (as ``documents.updated_at``); said with its zone."""
    return stamp.replace(tzinfo=dt.UTC)


def _item(event: ProvisionEvent, version: DocumentVersion | None) -> dict[str, Any]:
    return {
        "version": event.version, "provision_id": event.provision_id,
        "change": event.change, "other_id": event.other_id,
        "content_hash": event.content_hash,
        "ingested_at": _utc(version.ingested_at) if version else None,
        "source_hash": version.source_hash if version else None,
        "issue_date": version.issue_date if version else None,
        "effective_date": version.effective_date if version else None,
    }

