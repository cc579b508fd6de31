"""The registry of bodies: loaded from the file the settings name, synced into ``bodies``."""

from __future__ import annotations

import functools
import hashlib
import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from app.core.config import get_settings
from app.db.analysis_models import Body, BodySuccessor, Duty
from app.db.migrate import head_revision
from app.db.models import StoreInfo, table_of
from app.errors import IngestError
from parsers.bodies import Registry, load_registry

_B = table_of(Body)
_L = table_of(BodySuccessor)
_S = table_of(StoreInfo)
# The registry that ``bodies`` holds exactly, by digest: with it stored, syncing before
# each document costs one row read instead of reading and comparing every body.
DIGEST_KEY = "bodies_digest"
_lock = threading.Lock()
# path → (mtime_ns, size, registry): an ingest of many files parses the YAML once.
_cache: dict[Path, tuple[int, int, Registry]] = {}


def load(path: str | Path | None = None) -> Registry:
    """The registry at ``path`` (default: the settings' ``VNLEX_BODIES``).

    Raises:
        IngestError: the file is missing, not YAML, or breaks a rule of the registry;
            the message names the file and the rule.
    """
    path = Path(path) if path is not None else get_settings().bodies_path
    try:
        stat = path.stat()
    except OSError as exc:
        raise IngestError(f"registry of bodies {path}: cannot read: {exc.strerror}") from None
    with _lock:
        cached = _cache.get(path)
        if cached and cached[:2] == (stat.st_mtime_ns, stat.st_size):
            return cached[2]
    try:
        registry = load_registry(path)
    except (yaml.YAMLError, ValueError, KeyError, TypeError, AttributeError,
            UnicodeDecodeError) as exc:
        reason = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
        raise IngestError(f"registry of bodies {path} is invalid: {reason}") from None
    if not registry.bodies:  # an empty or truncated file would silently drop every duty
        raise IngestError(f"registry of bodies {path} is invalid: it lists no bodies")
    with _lock:
        _cache[path] = (stat.st_mtime_ns, stat.st_size, registry)
    return registry


def body_rows(registry: Registry) -> list[dict[str, Any]]:
    """The registry as rows of ``bodies``; cased aliases are aliases to a reader."""
    return [
        {
            "id": b.id, "name": b.name, "kind": b.kind, "parent_id": b.parent,
            "aliases": list(dict.fromkeys((*b.aliases, *b.cased_aliases))),
            "valid_from": b.valid_from, "valid_to": b.valid_to, "successor_id": b.successor,
            "change_act": b.change_act, "sources": list(b.sources),
        }
        for b in registry.bodies
    ]


def successor_rows(registry: Registry) -> list[dict[str, Any]]:
    """The registry's successions as rows of ``body_successors``: a sole successor, or each
    body a split gave a part to, with that part (``scope``) and its act."""
    return [{"body_id": b.id, "successor_id": later.body, "scope": later.scope,
             "change_act": later.change_act}
            for b in registry.bodies for later in b.taken_over_by]


def sync_bodies(session: Session, registry: Registry) -> None:
    """Upsert every body of ``registry``; drop bodies it no longer has that no duty names.

    A body removed from the file but still named by another document's duties stays until
    that document is re-ingested (its duties would otherwise lose their body). Until then
    the registry's digest is not recorded, so each ingest syncs again and drops it.
    """
    digest = _digest(registry)
    if _stored_digest(session) == digest:
        return
    rows = body_rows(registry)
    # Tuples zipped with the column names: a RowMapping per body turned into a dict cost
    # more than the rest of syncing, once per ingested document.
    columns = [c for c in _B.columns if c.name != "pk"]  # the row id is the store's own
    names = [c.name for c in columns]
    stored = (dict(zip(names, row, strict=True)) for row in session.execute(select(*columns)))
    existing = {body["id"]: body for body in stored}
    fresh = [row for row in rows if row["id"] not in existing]
    changed = [row for row in rows if row["id"] in existing and existing[row["id"]] != row]
    if fresh:
        session.execute(insert(_B), fresh)
    for row in changed:
        session.execute(update(_B).where(_B.c.id == row["id"]).values(**row))
    wanted = {row["id"] for row in rows}
    stale = [body_id for body_id in existing if body_id not in wanted]
    kept = 0
    if stale:
        named = select(Duty.body_pk)
        session.execute(delete(_B).where(_B.c.id.in_(stale), _B.c.pk.not_in(named)))
        kept = session.scalar(select(func.count()).where(_B.c.id.in_(stale))) or 0
    # A few dozen rows: written again whole rather than compared.
    session.execute(delete(_L))
    if links := successor_rows(registry):
        session.execute(insert(_L), links)
    _store_digest(session, None if kept else digest)


def _digest(registry: Registry) -> str:
    """The digest of what ``bodies`` holds for ``registry``, worked out once per loaded
    registry (0.7 ms, before every document of an ingest otherwise). Keyed by identity: a
    registry's own hash walks every body."""
    known = _digests.get(id(registry))
    if known is None or known[0] is not registry:
        # The schema's revision too: a migration that rewrites bodies makes the next
        # ingest sync.
        text = json.dumps([_schema_head(), body_rows(registry), successor_rows(registry)],
                          sort_keys=True,
                          ensure_ascii=False, default=str)
        known = _digests[id(registry)] = (registry, hashlib.sha256(text.encode()).hexdigest())
    return known[1]


_digests: dict[int, tuple[Registry, str]] = {}


@functools.cache
def _schema_head() -> str | None:
    return head_revision("sqlite://")


def _stored_digest(session: Session) -> str | None:
    return session.scalar(select(_S.c.value).where(_S.c.key == DIGEST_KEY))


def _store_digest(session: Session, digest: str | None) -> None:
    session.execute(delete(_S).where(_S.c.key == DIGEST_KEY))
    if digest is not None:
        session.execute(insert(_S).values(key=DIGEST_KEY, value=digest))


@dataclass(frozen=True)
class Handover:
    """A body whose duties passed to another, with the part that passed (``scope``: the
    split's, None when all of them did) and the act that passed it."""

    body: Body
    scope: str | None
    change_act: str | None


def handovers(session: Session, body_id: str) -> list[Handover]:
    """Bodies whose duties, or a part of them, passed to ``body_id``, directly or through a
    chain, nearest first. Through a chain the part is the nearest split's: what a split
    gave to a body that later merged into ``body_id``."""
    found: list[Handover] = []
    todo: dict[str, str | None] = {body_id: None}
    seen = {body_id}
    while todo:
        links = session.scalars(select(BodySuccessor)
                                .where(BodySuccessor.successor_id.in_(list(todo)))
                                .order_by(BodySuccessor.body_id)).all()
        later: dict[str, BodySuccessor] = {}
        for link in links:
            if link.body_id not in seen:
                seen.add(link.body_id)
                later[link.body_id] = link
        bodies = session.scalars(select(Body).where(Body.id.in_(list(later)))
                                 .order_by(Body.id)).all()
        step = [Handover(b, later[b.id].scope or todo[later[b.id].successor_id],
                         later[b.id].change_act or b.change_act) for b in bodies]
        found += step
        # A body still in force handed over a field, not what it had taken over itself
        # (Bộ Nội vụ gave religious affairs to Bộ Dân tộc và Tôn giáo, not Bộ LĐTBXH's
        # labour): the chain goes on only through bodies that ended.
        todo = {h.body.id: h.scope for h in step if h.body.valid_to is not None}
    return found


def predecessors(session: Session, body_id: str) -> list[Body]:
    """Bodies whose duties passed to ``body_id``, directly or through a chain."""
    return [h.body for h in handovers(session, body_id)]
