"""Ingest: parse files and store each document in one all-or-nothing, idempotent transaction.

Re-ingesting a document (the same text or a corrected one) keeps every provision id, rewrites
only rows that differ, deletes provisions that disappeared, and reports what changed; a
text that changed becomes a new version, with what it did to each id (``history``: kept,
changed, moved, removed), and the stored in-force facts are refreshed (``status``). The
change is logged for the search index (``app/search/sync.py``) and the vocabulary updated
inside the same transaction, and so is the analysis (bodies, duties, targets, citations,
cross-references: ``analysis``), which is replaced whole.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import logging
import multiprocessing
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.core.config import get_settings
from app.db import models, statistics
from app.db.bulk import insert_rows
from app.db.in_lists import chunks
from app.db.models import cited_as, cited_as_sql
from app.db.packed_text import pack
from app.db.session import flush_commits, forget_engines_after_fork, is_sqlite, session_scope
from app.db.urls import is_sqlite_url
from app.errors import IngestError
from app.search import rows as index_rows
from app.search.feed import cores
from app.search.index import text_fields
from app.search.intake import Fed, Feed, feeding, row_ids
from app.search.sync import log_change
from app.search.vocab import count_terms, record_terms
from app.services import history, status
from app.services import registry as bodies_registry
from app.services.analysis import AnalysisRows, analyze, clear_analysis, store_analysis
from app.services.flatten import document_row, outside_text, provision_rows
from app.services.gc_pace import fewer_collections
from app.services.maintenance import ensure_schema
from parsers import Document, Hints, ParseError, encoding, parse_document
from parsers.bodies import Registry
from parsers.from_json import document_from_json
from parsers.model import content_hash

logger = logging.getLogger(__name__)

SUFFIXES = (".md", ".txt", ".json")  # .json: vnlex's own export (parsers/from_json.py)
# The one size limit for a document, a file here as an upload over HTTP: nothing larger is
# read into memory (a 50 MB page once kept 290 provisions and filed the rest as chrome).
_MAX_BYTES = get_settings().max_body_bytes
# The longest paragraph of the codes and laws measured is under 40 000 characters; a line of
# megabytes (28.5 MB once ran over 580 s) is a dump, refused before parsing.
MAX_LINE_CHARS = 1_000_000
# And a provision, whose lines were joined: the longest real one measured is far below.
MAX_PROVISION_CHARS = 2_000_000
HINT_KEYS = ("number", "type", "issuer", "date", "title")
# What parsers.ids.document_id gives a text with no number and a file name with no letters.
UNKNOWN_IDS = ("document",)
_P = models.table_of(models.Provision)
_D = models.table_of(models.Document)
# The length of documents.id: PostgreSQL enforces it, SQLite would not.
MAX_ID_CHARS: int = getattr(_D.c.id.type, "length", None) or 200
# Columns compared to decide whether an existing row must be rewritten.
_COMPARED = [c.name for c in _P.columns if c.name not in ("pk", "id")]


@dataclass
class IngestReport:
    """What one document's ingest did."""

    doc_id: str
    created: bool
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    moved: int = 0  # same content, new place in the tree
    version: int | None = None  # the version this ingest stored (None: nothing changed)
    warnings: int = 0
    superseded: list[str] = field(default_factory=list)  # older ids of the same file
    analysis: dict[str, int] = field(default_factory=dict)  # rows written per analysis table
    changes: list[int] = field(default_factory=list)  # the search index's change log entries


@dataclass
class FileResult:
    path: str
    report: IngestReport | None = None
    error: str | None = None


@dataclass
class IngestSummary:
    results: list[FileResult] = field(default_factory=list)

    @property
    def refused(self) -> list[FileResult]:
        return [r for r in self.results if r.error is not None]

    @property
    def reports(self) -> list[IngestReport]:
        return [r.report for r in self.results if r.report is not None]


def ingest_document(session: Session, doc: Document, *, doc_id: str | None = None,
                    source_path: str | None = None,
                    registry: Registry | None = None) -> IngestReport:
    """Store ``doc`` (insert or replace); the caller's transaction makes it all-or-nothing.

    Args:
        session: an open session; nothing is committed here.
        doc: the parsed document.
        doc_id: the id to store it under (defaults to ``doc.id``).
        source_path: the file it was read from. A file holds one document: another
            document stored from the same file under another id (the parser's id rules
            changed, a sidecar now gives the number) is deleted in the same transaction.
        registry: the bodies to look for (default: the file of ``VNLEX_BODIES``).

    Returns:
        Counts of added, changed (content hash differs), removed and unchanged provisions,
        and of the analysis rows written.

    Raises:
        IngestError: the document has no usable id or repeats a provision path, another
            file that still exists is stored under the same id, or the registry of bodies
            is broken (checked before anything is written).
    """
    registry = registry if registry is not None else bodies_registry.load()
    prepared = prepare_document(doc, doc_id=doc_id, source_path=source_path, registry=registry)
    return store_document(session, prepared, registry)


@dataclass
class Prepared:
    """A document as rows, with its analysis: all that ingest computes without the database.

    Pure and picklable, so worker processes prepare files while the main process stores.
    """

    doc_id: str
    document: dict[str, Any]  # the documents row, source_path included
    rows: list[dict[str, Any]]  # provisions, in document order
    analysis: AnalysisRows
    warnings: int
    # How many provisions hold each term (``count_terms``), what storing the document new
    # adds to the vocabulary: counted here, beside the parsing, not in the storing process
    # (None: the store counts them).
    terms: Counter[str] | None = None
    # Each provision's text as a SQLite store keeps it (``packed_text.pack``), by id, when
    # it was prepared for one: packing is a sixth of storing a document.
    packed: dict[str, str | bytes] | None = None
    # What each row makes in the search index, when prepared for an ingest that feeds it
    # (``app/search/intake.py``): the tokenizing, done beside the parsing.
    index: list[Fed] | None = None


def prepare_document(doc: Document, *, doc_id: str | None = None,
                     source_path: str | None = None, registry: Registry,
                     for_sqlite: bool = False, for_index: bool = False) -> Prepared:
    """Flatten and analyse ``doc`` (arguments as for ``ingest_document``; ``for_sqlite``:
    pack the texts as a SQLite store keeps them; ``for_index``: make the search index's
    fields of every row).

    Raises:
        IngestError: the document has no usable id (or one longer than ids may be), no
            provision, one over ``MAX_PROVISION_CHARS``, or repeats a provision path.
    """
    doc_id = doc_id or doc.id
    if not doc_id or doc_id in UNKNOWN_IDS:
        raise IngestError("document has no id (give a number in a .meta.yaml sidecar)")
    if len(doc_id) > MAX_ID_CHARS:
        raise IngestError(f"document id {doc_id[:40]!r}… is {len(doc_id)} characters, over "
                          f"{MAX_ID_CHARS} (give a number in a .meta.yaml sidecar)")
    if not doc.provisions:
        # A page that only cites a decree once became that decree, with nothing in it.
        raise IngestError("no provision found: nothing of the text reads as a document's "
                          "content (vnlex parse FILE --report shows where each line went)")
    longest = max((len(node.text) for node in doc.walk()), default=0)
    if longest > MAX_PROVISION_CHARS:
        raise IngestError(f"a provision of {longest:,} characters, over the "
                          f"{MAX_PROVISION_CHARS:,} one may have: a missed structure or a dump",
                          max_provision_chars=MAX_PROVISION_CHARS)
    rows = provision_rows(doc, doc_id)
    _check_unique(rows)
    document = document_row(doc, doc_id, source_path, rows)
    analysis = analyze(doc_id, rows, registry, document, source=doc.source,
                       outside=outside_text(doc))
    terms = count_terms(_terms_row(text) for text in _indexed(rows, document["citation"]).values())
    packed = {row["id"]: pack(row["text"]) for row in rows} if for_sqlite else None
    index = _index_rows(rows, document["citation"]) if for_index else None
    return Prepared(doc_id, document, rows, analysis, len(doc.warnings), terms, packed, index)


def _index_rows(rows: list[dict[str, Any]], cited: str) -> list[Fed]:
    return [(row["id"], read["article_id"], text_fields(read))
            for row, read in zip(rows, index_rows.prepared(rows, cited), strict=True)]


def store_document(session: Session, prepared: Prepared, registry: Registry) -> IngestReport:
    """Write a prepared document (insert or replace) in the caller's transaction.

    Raises:
        IngestError: another file that still exists is stored under the same id.
    """
    doc_id, rows = prepared.doc_id, prepared.rows
    source_path = prepared.document["source_path"]
    existing = session.execute(
        select(_D.c.id, _D.c.source_path, _D.c.citation).where(_D.c.id == doc_id)
    ).first()
    if existing is not None and source_path:
        _check_same_source(doc_id, existing.source_path, source_path)
    report = IngestReport(doc_id=doc_id, created=existing is None, warnings=prepared.warnings)
    _write_document(session, prepared.document, doc_id, len(rows), existing is not None)
    # A new document has no rows yet (foreign keys): nothing to clear or compare.
    if existing is not None:
        clear_analysis(session, [doc_id])  # before _apply_rows deletes provisions it points at
    old = _existing_rows(session, doc_id) if existing is not None else {}
    # Every provision's indexed citation ends with the document's: a new one is a change
    # to each row as it was when rows held it (and to search), though no row's columns change.
    cited, was_cited = prepared.document["citation"], existing.citation if existing else ""
    packed = prepared.packed if is_sqlite(session) else None
    _apply_rows(session, rows, old, report, recited=cited != was_cited, packed=packed)
    gone: dict[str, Indexed] = {}
    if source_path:
        report.superseded, gone = _drop_superseded(session, doc_id, source_path)
    report.analysis = store_analysis(session, doc_id, rows, registry, prepared.analysis)
    effective = next((e["date"] for e in prepared.analysis.effective), None)
    report.version = history.record(session, prepared.document, effective, old, rows)
    status.after_ingest(session, doc_id, report.superseded)
    if report.added or report.changed or report.removed or report.moved or report.superseded:
        report.changes = _log_for_search(session, doc_id, report.superseded,
                                         _indexed(rows, cited),
                                         {**_indexed(old.values(), was_cited), **gone},
                                         prepared.terms if not old else None)
    return report


Indexed = tuple[str | None, str, str]  # heading, text, whole citation


def _indexed(rows: Iterable[dict[str, Any]], cited: str) -> dict[str, Indexed]:
    """What the index and the vocabulary read of each of ``rows``, by id: the citation is
    the whole one (``cited_as``)."""
    return {row["id"]: (row["heading"], row["text"], cited_as(row["citation"], cited))
            for row in rows}


def _log_for_search(session: Session, doc_id: str, superseded: list[str],
                    new: dict[str, Indexed], old: dict[str, Indexed],
                    counted: Counter[str] | None) -> list[int]:
    """Tell the search index which documents changed, and the vocabulary which terms
    (``counted``: the terms of every row of ``new``, none of which ``old`` holds); returns
    the changes logged."""
    changes = [log_change(session, stale, deleted=True) for stale in superseded]
    seq = log_change(session, doc_id)
    removed = [_terms_row(text) for pid, text in old.items() if new.get(pid) != text]
    if counted is not None:
        record_terms(session, [], removed, seq, counted)
    else:
        added = [_terms_row(text) for pid, text in new.items() if old.get(pid) != text]
        record_terms(session, added, removed, seq)
    return [*changes, seq]


def _terms_row(indexed: Indexed) -> dict[str, Any]:
    heading, text, citation = indexed
    return {"heading": heading, "text": text, "citation": citation}


def _check_same_source(doc_id: str, stored: str | None, source_path: str) -> None:
    """Refuse a second file that parses to a stored document's id while the first file is
    still there: replacing it would lose one of the two without a word. The same file again,
    or a file whose stored path is gone (it was moved or renamed), replaces it."""
    if not stored or stored == source_path:
        return
    stored_path = Path(stored)
    try:
        if not stored_path.exists() or stored_path.samefile(source_path):
            return
    except OSError:  # the new file vanished meanwhile: treat the two as different files
        pass
    raise IngestError(
        f"document {doc_id!r} is already stored from {stored}, which still exists; "
        f"{source_path} has the same id (give one of them its own number or id in a "
        ".meta.yaml sidecar)",
        doc_id=doc_id, stored_path=stored,
    )


def _drop_superseded(session: Session, doc_id: str, source_path: str
                     ) -> tuple[list[str], dict[str, Indexed]]:
    """Delete other documents stored from the same file; their ids, and what the index
    read of their provisions (``_indexed``)."""
    stale = list(session.scalars(
        select(_D.c.id).where(_D.c.source_path == source_path, _D.c.id != doc_id)
    ))
    if not stale:
        return [], {}
    gone: dict[str, Indexed] = {pid: (heading, text, citation) for pid, heading, text, citation
                                in session.execute(
        select(_P.c.id, _P.c.heading, _P.c.text, cited_as_sql(_P.c.citation, _D.c.citation))
        .join(_D, _D.c.id == _P.c.document_id).where(_P.c.document_id.in_(stale)))}
    # Analysis, provisions, document: the bulk deletes do not rely on ON DELETE CASCADE.
    # Their history goes too: the document now lives under the new id.
    clear_analysis(session, stale)
    history.forget(session, stale)
    session.execute(delete(_P).where(_P.c.document_id.in_(stale)))
    session.execute(delete(_D).where(_D.c.id.in_(stale)))
    return stale, gone


def _check_unique(rows: list[dict[str, Any]]) -> None:
    seen: set[str] = set()
    for row in rows:
        if row["id"] in seen:
            raise IngestError(f"duplicate provision id {row['id']!r}", provision_id=row["id"])
        seen.add(row["id"])


def _write_document(session: Session, document: dict[str, Any], doc_id: str, count: int,
                    exists: bool) -> None:
    values = dict(document)
    values["provision_count"] = count
    values["updated_at"] = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    if exists:
        session.execute(update(_D).where(_D.c.id == doc_id).values(**values))
    else:
        insert_rows(session, _D, [values])


def _existing_rows(session: Session, doc_id: str) -> dict[str, dict[str, Any]]:
    result = session.execute(select(_P).where(_P.c.document_id == doc_id))
    return {row["id"]: {**row, "content_hash": content_hash(row["label"], row["heading"],
                                                            row["text"])}
            for row in result.mappings()}


def _apply_rows(session: Session, rows: list[dict[str, Any]], old: dict[str, dict[str, Any]],
                report: IngestReport, *, recited: bool = False,
                packed: dict[str, str | bytes] | None = None) -> None:
    new_ids = {row["id"] for row in rows}
    to_insert = [row for row in rows if row["id"] not in old]
    to_update = []
    for row in rows:
        before = old.get(row["id"])
        if before is None:
            continue
        if before["content_hash"] != row["content_hash"]:
            report.changed += 1
        elif recited or any(before[c] != row[c] for c in _COMPARED):
            report.moved += 1
        else:
            report.unchanged += 1
            continue
        to_update.append(row)
    removed = [pid for pid in old if pid not in new_ids]
    report.added, report.removed = len(to_insert), len(removed)
    if to_update:
        statement = (
            update(_P)
            .where(_P.c.id == bindparam("b_id"))
            .values({c: bindparam(f"b_{c}") for c in _COMPARED})
        )
        session.execute(statement, [{f"b_{k}": v for k, v in row.items()} for row in to_update])
    if packed is not None:  # bytes: PackedText keeps a packed text as it is
        to_insert = [{**row, "text": packed[row["id"]]} for row in to_insert]
    insert_rows(session, _P, to_insert)
    for chunk in chunks(removed):
        session.execute(delete(_P).where(_P.c.id.in_(chunk)))



# ---- files -------------------------------------------------------------------------------


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files to ingest: each given file, and ``*.md``/``*.txt`` under each given folder."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file()))
        else:
            files.append(path)
    return files


def sidecar_path(path: Path) -> Path | None:
    """``FILE.meta.yaml`` beside ``FILE.md`` (``FILE.md.meta.yaml`` is accepted too)."""
    for candidate in (path.with_suffix(".meta.yaml"), path.with_name(path.name + ".meta.yaml")):
        if candidate.is_file():
            return candidate
    return None


def load_hints(path: Path) -> tuple[Hints, str | None]:
    """Hints from the sidecar of ``path`` and the document id it forces, if any.

    Raises:
        IngestError: the sidecar is not a YAML mapping.
    """
    sidecar = sidecar_path(path)
    if sidecar is None:
        return Hints(), None
    try:
        data = yaml.safe_load(sidecar.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise IngestError(f"{sidecar.name}: invalid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise IngestError(f"{sidecar.name}: expected a mapping of hints")
    values = {str(k): _as_text(v) for k, v in data.items() if v is not None}
    forced_id = values.pop("id", None)
    known = {k: values.pop(k) for k in HINT_KEYS if k in values}
    return Hints(**known, extra=values), forced_id


def _as_text(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def read_text(path: Path) -> str:
    """The file as text: UTF-8, UTF-16 or Windows-1258 (``parsers.encoding``); the legacy
    font encodings TCVN3 and VNI are refused by name rather than stored as mojibake.

    Raises:
        IngestError: missing, unreadable, or not text vnlex reads.
    """
    try:
        size = path.stat().st_size
        if size > _MAX_BYTES:
            raise IngestError(
                f"the file is {size / 2**20:.1f} MB, over the {_MAX_BYTES / 2**20:.0f} MB a "
                "document may have (VNLEX_MAX_BODY_BYTES)", max_bytes=_MAX_BYTES)
        return check_lines(encoding.decode(path.read_bytes()))
    except FileNotFoundError:
        raise IngestError("no such file") from None
    except encoding.EncodingError as exc:
        raise IngestError(str(exc), encoding=exc.encoding) from None
    except OSError as exc:
        raise IngestError(f"cannot read: {exc.strerror}") from None


def check_lines(text: str) -> str:
    """``text``, unless one of its lines is longer than ``MAX_LINE_CHARS``.

    Raises:
        IngestError: a line over the limit (a dump on one line, not a printed document).
    """
    longest = max(map(len, text.splitlines()), default=0)
    if longest > MAX_LINE_CHARS:
        raise IngestError(f"a line of {longest:,} characters, over the {MAX_LINE_CHARS:,} a "
                          "line of a document may have", max_line_chars=MAX_LINE_CHARS)
    return text


def parse_file(path: Path) -> tuple[Document, str]:
    """Parse ``path`` with its sidecar hints; return the document and the id to store it under.

    Raises:
        IngestError: unreadable file, bad sidecar, or a text the parser refuses.
    """
    text = read_text(path)
    if path.suffix == ".json":
        try:
            doc = document_from_json(json.loads(text))
        except ValueError as exc:  # JSONDecodeError included
            raise IngestError(f"not a vnlex JSON document: {exc}") from None
        return doc, doc.id
    hints, forced_id = load_hints(path)
    try:
        doc = parse_document(text, hints=hints, name=path.stem)
    except ParseError as exc:
        raise IngestError(f"parse error: {exc}", line=exc.line) from None
    # Without a number, parse_document already fell back to the file name's slug.
    return doc, forced_id or doc.id


def prepare_file(path: Path, registry: Registry, for_sqlite: bool = False,
                 for_index: bool = False) -> Prepared:
    """Parse ``path`` and prepare its document for storing (no database involved;
    ``for_sqlite``, ``for_index``: as ``prepare_document``).

    Raises:
        IngestError: unreadable file, bad sidecar, a text the parser refuses, no usable id.
    """
    with fewer_collections():
        doc, doc_id = parse_file(path)
        return prepare_document(doc, doc_id=doc_id, source_path=str(path.resolve()),
                                registry=registry, for_sqlite=for_sqlite, for_index=for_index)


def ingest_file(url: str, path: Path, registry: Registry | None = None) -> IngestReport:
    """Parse and store one file in its own transaction.

    Raises:
        IngestError: the file (or the registry of bodies) was refused; the database is
            unchanged.
    """
    registry = registry if registry is not None else bodies_registry.load()
    return _store_file(url, prepare_file(path, registry, is_sqlite_url(url)), registry)


def _store_file(url: str, prepared: Prepared, registry: Registry, *,
                durable: bool = True, feed: Feed | None = None) -> IngestReport:
    try:
        with session_scope(url, write=True, durable=durable) as session:
            report = store_document(session, prepared, registry)
            fed = feed is not None and prepared.index is not None and bool(report.changes)
            pk = row_ids(session, prepared.doc_id) if fed else {}
    except SQLAlchemyError as exc:
        orig = getattr(exc, "orig", None)  # the driver's error, when the driver raised one
        reason = str(orig) if orig is not None else str(exc)
        if "database is locked" in reason:
            reason = ("another writer held the database's write lock past the busy timeout "
                      "(10 s); nothing of this document was written, ingest it again")
        raise IngestError(f"database refused the document: {reason}") from None
    if fed:  # committed: only now may the index have it
        assert feed is not None and prepared.index is not None
        feed.add(prepared.doc_id, report.changes, report.superseded, prepared.index, pk)
    return report


def ingest_paths(url: str, paths: Iterable[str | Path],
                 on_file: Callable[[FileResult], None] | None = None,
                 jobs: int | None = None, index_dir: Path | None = None) -> IngestSummary:
    """Ingest every file under ``paths``; a refused file does not stop the others.

    Args:
        url: database URL; an empty database is migrated first.
        paths: files and folders.
        on_file: called after each file (progress bars).
        jobs: worker processes that parse and analyse the files (default: the cores);
            this process stores each document in its own transaction, in file order, so
            the result is the same for any number. On PostgreSQL those commits do not
            wait for the disk; one that does, at the end, makes them all durable before
            this returns (a server crash meanwhile loses whole documents, never half).
            A batch that wrote a tenth of the store then refreshes PostgreSQL's planner
            statistics (``app/db/statistics.py``).
        index_dir: this node's search index, fed as documents are stored
            (``app/search/intake.py``) rather than left to catch up after.

    Raises:
        IngestError: the registry of bodies is broken; nothing was ingested.
    """
    registry = bodies_registry.load()  # once, and before the database is touched
    ensure_schema(url)
    files = collect_files(paths)
    if index_dir is None:
        return _ingest_files(url, files, registry, on_file, jobs or cores(), None)
    with feeding(url, index_dir) as feed:
        return _ingest_files(url, files, registry, on_file, jobs or cores(), feed)


def _ingest_files(url: str, files: list[Path], registry: Registry,
                  on_file: Callable[[FileResult], None] | None, jobs: int,
                  feed: Feed | None) -> IngestSummary:
    summary = IngestSummary()
    how = (is_sqlite_url(url), feed is not None)
    try:
        for path, prepared in _prepared(files, registry, jobs, how):
            summary.results.append(_store_one(url, path, prepared, registry, feed))
            if on_file is not None:
                on_file(summary.results[-1])
            if feed is not None:
                feed.commit_if_due()
    finally:
        # One commit that waits for the disk covers the ones before it, which did not
        # (PostgreSQL; on a loaded machine half of storing a document was that wait).
        flush_commits(url)
    written = sum(r.added + r.changed + r.removed for r in summary.reports)
    statistics.refresh_after(url, written)  # PostgreSQL plans a loaded store from these
    return summary


def _store_one(url: str, path: Path, prepared: Future[Prepared],
               registry: Registry, feed: Feed | None) -> FileResult:
    result = FileResult(path=str(path))
    try:
        result.report = _store_file(url, prepared.result(), registry, durable=False, feed=feed)
    except IngestError as exc:
        result.error = exc.message
    except Exception as exc:
        # A bug in the parser or the analysis for one file: nothing of it was written, the
        # traceback is logged for us, and the other files still go in.
        logger.exception("internal error while ingesting %s", path)
        result.error = f"internal error: {type(exc).__name__}: {exc}"
    return result


# Files in flight per worker: a long document first in line holds the storing process up,
# and with few queued behind it the workers stood idle meanwhile.
AHEAD = 6


# What to prepare besides the rows: texts packed for SQLite, the search index's fields.
_How = tuple[bool, bool]


def _prepared(files: list[Path], registry: Registry, jobs: int,
              how: _How) -> Iterator[tuple[Path, Future[Prepared]]]:
    """Each file with its preparation, in file order: here for one job or one file, else
    by a pool of worker processes that keeps ``AHEAD * jobs`` files in flight (memory stays
    bounded however many files there are)."""
    if jobs <= 1 or len(files) <= 1:
        for path in files:
            yield path, _here(path, registry, how)
        return
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_worker_context(),
                               initializer=_start_worker, initargs=(registry,))
    try:
        pending: deque[tuple[Path, Future[Prepared]]] = deque()
        queue = iter(files)
        for path in itertools.islice(queue, AHEAD * jobs):
            pending.append((path, _submit(pool, path, how)))
        while pending:
            yield pending.popleft()
            following = next(queue, None)
            if following is not None:
                pending.append((following, _submit(pool, following, how)))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _here(path: Path, registry: Registry, how: _How) -> Future[Prepared]:
    future: Future[Prepared] = Future()
    try:
        future.set_result(prepare_file(path, registry, *how))
    except Exception as exc:
        future.set_exception(exc)
    return future


def _submit(pool: ProcessPoolExecutor, path: Path, how: _How) -> Future[Prepared]:
    try:
        return pool.submit(_prepare_in_worker, path, how)
    except BrokenProcessPool as exc:  # a worker died (killed, out of memory): report it
        future: Future[Prepared] = Future()
        future.set_exception(exc)
        return future


def _worker_context() -> BaseContext:
    # fork: a worker starts in milliseconds with vnlex already imported and the registry
    # loaded; spawn would import everything again in each worker (seconds).
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


_worker_registry: Registry | None = None


def _start_worker(registry: Registry) -> None:
    global _worker_registry
    _worker_registry = registry
    forget_engines_after_fork()  # workers never touch the database


def _prepare_in_worker(path: Path, how: _How) -> Prepared:
    assert _worker_registry is not None, "_start_worker runs first"
    return prepare_file(path, _worker_registry, *how)
