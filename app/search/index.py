"""The search index: a tantivy index derived from the store, never the source of truth.

One folder per node (``Settings.index_dir``) holds ``state.json`` and one sub-folder per
build. ``state.json`` names the current build, the store it was built from and the last
change (``index_changes.seq``) it reflects; it is replaced atomically, so a reader sees
either the old build or the new one, never half of one (``app/search/sync.py`` writes it).

Every field is pre-tokenized in Python with ``parsers.vntext``, the one normalization
module, and indexed with tantivy's whitespace tokenizer: index terms and query terms come
from the same function, so they cannot drift apart.

==========  ==============================================  ============================
field       content                                          used for
==========  ==============================================  ============================
pk          the provision's row id (fast, indexed)           fetching the page from store;
                                                             the definition a question asks
doc         document id (raw, stored)                        filter, re-ingest
root        top-level path (raw, stored)                     "sections" facet
kind, role  (raw, stored)                                    filters, facets
*_key       a number for each of those four (fast): a 63-bit   facets of the best hits
            hash of document and section, the place in the
            parsers' vocabulary of kind and role
section     every ancestor path and its own (raw)            ``section`` filter
body        folded terms of heading (twice), text, citation,  matching, BM25, phrases
            the heading of the article a clause or point     (titles rank above mentions)
            lies under, and a point's clause lead-in (once)
pairs       adjacent folded terms as one token (``lao_dong``),  "the words as one phrase"
            within heading, text, the article's heading
            or the lead-in
cite        citation terms, the first one marked ``^``       "khoản 2 Điều 5" is that one
exact       normalized terms of all five (doc ids only)      exact-diacritic ranking
article_key the row id of the article it is or lies under,     one hit per article first
            else its own (fast)
titles      the pairs of heading and article heading, and    titles above mentions; the
            a short heading whole (``=thuong_nhan``)         article a question names
blank       1 inside a numbered form (``Mẫu số 01``), else 0   forms after the articles
            (fast)
==========  ==============================================  ============================

One required field (``body``) rather than one per part keeps each clause a plain term
query, which tantivy intersects several times faster than a disjunction per clause; the
adjacency bonus reads ``pairs`` (a term lookup) instead of checking positions. The heading
is in ``body`` twice, so BM25 counts a title's words more than a passing mention's: a
heading field boosted per query word cost one more seek per word at every hit (plain
queries 2.8× slower at a million provisions) and changed none of the bench's top tens.

A clause carries its article's heading because a question's words are often split between
them ("thời hạn giấy phép lao động" → the heading "Thời hạn của giấy phép lao động" over the
clause "tối đa là 02 năm"): no provision held them all, so the answer came only from the
relaxed pass, if at all. Once, not twice: the article's own row still counts its heading
more. The cost at SCALE=0.01: the index 2.83 → 2.98 MB (+5 %), two joins on the unique
``id`` when rows are read for indexing. Grouping hits by article at query time instead
could not have matched a provision that holds half of the words, short of a relaxed pass
over every hit.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import tempfile
import threading
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import tantivy

from app.search.terms import both_terms
from parsers import ids
from parsers.model import KINDS, ROLES

SCHEMA_VERSION = 11
FACET_FIELDS = ("doc", "root", "kind", "role")
CITE_START = "^"  # never in a query term (those are [a-z0-9]+)
STATE_FILE = "state.json"
WRITER_HEAP = 64_000_000


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    # Read and sorted by; sought only for the few provisions that define what a question
    # asks (``plan.row_ids``): a term lookup, where a range over the column read all of it.
    builder.add_unsigned_field("pk", fast=True, indexed=True)
    # Filters and facets only, never phrases nor scores (``plan._filters`` scores them 0):
    # document ids, no frequencies or positions.
    for name in FACET_FIELDS:
        builder.add_text_field(name, tokenizer_name="raw", stored=True, index_option="basic")
        # Facets read a column of numbers for the best hits (fast_field_values takes no
        # text), then the stored value of one hit per distinct number.
        builder.add_unsigned_field(f"{name}_key", fast=True)
    # The article a provision is or lies under (its row id): search ranks an article's best
    # hit before its second. A row id, not a hash: a column is as wide as its largest
    # number, and small ids in store order are a few bits a provision, not 63.
    builder.add_unsigned_field("article_key", fast=True)
    # A blank form's lines repeat the words of the articles it serves ("Văn bản đề nghị hỗ
    # trợ chi phí"), without answering anything: search ranks them after the rest.
    builder.add_unsigned_field("blank", fast=True)
    builder.add_text_field("section", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("body", tokenizer_name="whitespace")
    builder.add_text_field("cite", tokenizer_name="whitespace")
    # One whitespace-separated string of pair tokens: a list of values costs tantivy a
    # value each (a third of a rebuild's time), one string costs it one.
    builder.add_text_field("pairs", tokenizer_name="whitespace", index_option="basic")
    builder.add_text_field("exact", tokenizer_name="whitespace", index_option="basic")
    # The pairs of the provision's own heading and of its article's: a question whose words
    # stand side by side in a title is about that article, not about a passing mention.
    builder.add_text_field("titles", tokenizer_name="whitespace", index_option="basic")
    return builder.build()


SCHEMA = build_schema()


# What a provision becomes in the index, as plain values (strings and numbers): cheap to
# pickle, so worker processes can compute them (``app/search/feed.py``) while the writer's
# process only turns them into tantivy documents.
IndexFields = tuple[str, str, str, str, str, str, str, str, str, str, int, int, int]
# The same but for the two row ids (``pk``, ``article_key``), which only the store gives:
# an ingest's worker processes compute these beside the parsing (``app/search/intake.py``).
TextFields = tuple[str, str, str, str, str, str, str, str, str, str, int]


def to_document(row: Mapping[str, Any]) -> tantivy.Document:
    """One provision row of the store (``pk``, ``document_id``, ``root_path``, ``kind``,
    ``role``, ``ancestry``, ``heading``, ``text``, ``citation``) as an index document."""
    return document_of(index_fields(row))


def index_fields(row: Mapping[str, Any]) -> IndexFields:
    """The values ``to_document`` indexes for ``row``: all of the tokenizing, none of
    tantivy."""
    return keyed(text_fields(row), int(row["pk"]), int(row.get("article_pk") or row["pk"]))


def text_fields(row: Mapping[str, Any]) -> TextFields:
    """``index_fields`` but for the row ids: what a row's words make, before it is stored."""
    heading_terms, heading_exact = _short_terms(row["heading"] or "")
    text_terms, text_exact = both_terms(row["text"])
    cite_terms, cite_exact = _short_terms(row["citation"] or "")
    article_terms, article_exact = _short_terms(row.get("article") or "")
    # A point's clause lead-in counts once, like the article's heading.
    lead_terms, lead_exact = _short_terms(row.get("lead") or "")
    heading_pairs, article_pairs = _pairs_of(heading_terms), _pairs_of(article_terms)
    own_path = (row["ancestry"].split() or [""])[-1]
    return (
        row["document_id"], row["root_path"], row["kind"], row["role"] or "", row["ancestry"],
        " ".join([*heading_terms, *heading_terms, *text_terms, *cite_terms, *article_terms,
                  *lead_terms]),
        " ".join([*heading_pairs, *pairs(text_terms), *article_pairs, *_pairs_of(lead_terms)]),
        " ".join(anchored(cite_terms)),
        " ".join([*heading_pairs, *article_pairs, *whole_heading(heading_terms)]),
        " ".join([*heading_exact, *text_exact, *cite_exact, *article_exact, *lead_exact]),
        int(ids.in_blank_form(own_path)),
    )


def keyed(fields: TextFields, pk: int, article_pk: int) -> IndexFields:
    """``text_fields`` with the row ids the store gave: the row's and its article's."""
    doc_id, root, kind, role, ancestry, body, pair_terms, cite, titles, exact, blank = fields
    return (doc_id, root, kind, role, ancestry, body, pair_terms, cite, titles, exact, pk,
            blank, article_pk)


# An article's heading and a clause's lead-in are repeated in every row under them, and a
# citation's words in many: tokenized once each (a sixth of ``index_fields``' time).
@functools.lru_cache(maxsize=50_000)
def _short_terms(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    folded, exact = both_terms(text)
    return tuple(folded), tuple(exact)


@functools.lru_cache(maxsize=50_000)
def _pairs_of(terms: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(pairs(terms))


def document_of(fields: IndexFields) -> tantivy.Document:
    """The tantivy document of ``index_fields``' values."""
    (doc_id, root, kind, role, ancestry, body, pair_terms, cite, titles, exact, pk, blank,
     article_key) = fields
    doc = tantivy.Document(doc=doc_id, root=root, kind=kind, role=role,
                           section=ancestry.split() or [""], body=body, pairs=pair_terms,
                           cite=cite, titles=titles, exact=exact)
    doc.add_unsigned("pk", pk)
    doc.add_unsigned("blank", blank)
    doc.add_unsigned("article_key", article_key)
    for name, value in zip(FACET_FIELDS, (doc_id, root, kind, role), strict=True):
        doc.add_unsigned(f"{name}_key", facet_key(value, name))
    return doc


# Kind and role come from the parsers' closed vocabularies: their place in it (1-based; 0 is
# no role) is a key of a few bits where a hash took 63 in every provision (8 % of the index).
_VOCABULARIES: dict[str, tuple[str, ...]] = {"kind": KINDS, "role": ROLES}


@functools.lru_cache(maxsize=100_000)  # documents, sections, kinds, roles: few, repeated
def facet_key(value: str, field: str = "doc") -> int:
    """A stable number for a facet value of ``field`` (the same on every node and run):
    the place of a kind or role in its vocabulary, else a 63-bit hash (past the
    vocabulary, so a value the parsers do not name still has a key of its own)."""
    vocabulary = _VOCABULARIES.get(field, ())
    if value in vocabulary:
        return vocabulary.index(value) + 1
    if field in _VOCABULARIES and not value:
        return 0
    digest = hashlib.blake2b(value.encode("utf-8"), digest_size=8).digest()
    return len(vocabulary) + 1 + (int.from_bytes(digest, "big") >> 2)


def pairs(terms: list[str] | tuple[str, ...]) -> list[str]:
    """Adjacent terms as one token each: ``["lao_dong", "dong_tap"]``."""
    return [f"{a}_{b}" for a, b in zip(terms, terms[1:], strict=False)]


# A provision's own heading of at most this many terms is also one token of ``titles``.
HEADING_TERMS = 8
HEADING_START = "="  # never in a term, nor in a pair token


def whole_heading(terms: list[str] | tuple[str, ...]) -> list[str]:
    """The ``titles`` token of a whole heading (``=thuong_nhan``), if it is short: the
    article whose title is exactly what was asked ("thương nhân là ai" → Điều 6
    "Thương nhân") ranks above the many whose titles hold those words among others."""
    return [HEADING_START + "_".join(terms)] if 0 < len(terms) <= HEADING_TERMS else []


def pair(first: str, second: str) -> str:
    """The ``pairs`` token of two adjacent terms (``_`` is never in a term)."""
    return f"{first}_{second}"


def anchored(terms: list[str] | tuple[str, ...]) -> list[str]:
    """Citation terms with the first marked, so "starts with" is a phrase query whose first
    term is rare, not a term every citation has."""
    return [CITE_START + terms[0], *terms[1:]] if terms else []


@dataclass(frozen=True)
class State:
    """What ``state.json`` says: which build is current and how fresh it is."""

    build: str
    store_id: str
    seq: int
    schema: int = SCHEMA_VERSION
    pid: int = 0  # the process that wrote it: which worker of a node applies changes


class IndexFolder:
    """A node's index folder: its state, its current build, and writers for it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock = threading.Lock()
        self._opened: tuple[str, tantivy.Index, int] | None = None
        self._read: tuple[tuple[int, int], State | None] | None = None

    # -- state -------------------------------------------------------------------------
    def state(self) -> State | None:
        """The current state, or None when there is no usable build (missing, unreadable,
        another schema, or its build folder is gone). Read again only when ``state.json``
        was replaced (a search asks on every request)."""
        try:
            stat = os.stat(self.root / STATE_FILE)
        except OSError:
            return None
        key = (stat.st_ino, stat.st_mtime_ns)
        read = self._read
        if read is not None and read[0] == key and (
                read[1] is None or (self.root / read[1].build).is_dir()):
            return read[1]
        state = self._load()
        self._read = (key, state)
        return state

    def _load(self) -> State | None:
        try:
            data = json.loads((self.root / STATE_FILE).read_text(encoding="utf-8"))
            state = State(**data)
        except (OSError, ValueError, TypeError):
            return None
        if state.schema != SCHEMA_VERSION or not (self.root / state.build).is_dir():
            return None
        return state

    def write_state(self, state: State) -> None:
        """Replace ``state.json`` atomically (write aside, fsync, rename)."""
        self.root.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".state-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(asdict(state), out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, self.root / STATE_FILE)

    # -- reading -----------------------------------------------------------------------
    def index(self, state: State) -> tantivy.Index:
        """The tantivy index of ``state``'s build, opened once per build per process, and
        reloaded when the state moved on: another process's commit reaches this reader only
        through a file watcher otherwise, a moment after ``state.json`` already says so."""
        with self._lock:
            if self._opened is None or self._opened[0] != state.build:
                self._opened = (state.build, tantivy.Index.open(str(self.root / state.build)),
                                state.seq)
            elif self._opened[2] != state.seq:
                self._opened[1].reload()
                self._opened = (state.build, self._opened[1], state.seq)
            return self._opened[1]

    # -- writing -----------------------------------------------------------------------
    def new_build(self) -> tuple[str, tantivy.Index]:
        """An empty build folder beside the current one (made current by ``write_state``)."""
        build = self.new_build_dir()
        # Documents sorted by pk: equal scores come back in store order (see search.py).
        return build, tantivy.Index(SCHEMA, path=str(self.root / build), sort_by_field="pk")

    def new_build_dir(self) -> str:
        """A new, empty folder for a build (one restored from a copy fills it itself)."""
        build = uuid.uuid4().hex[:16]
        (self.root / build).mkdir(parents=True)
        return build

    def drop_other_builds(self, keep: str) -> None:
        """Delete builds other than ``keep`` (readers of an old build keep their open
        files: on POSIX a deleted file lives while it is mapped)."""
        for child in self.root.iterdir():
            if child.is_dir() and child.name != keep:
                shutil.rmtree(child, ignore_errors=True)


def searchable(path: Path) -> bool:
    """Whether the build at ``path`` opens and answers a search (a damaged one does not)."""
    try:
        tantivy.Index.open(str(path)).searcher().search(tantivy.Query.all_query(), 1)
    except Exception:  # noqa: BLE001 - tantivy reports a damaged index with many types
        return False
    return True


def delete_documents(writer: tantivy.IndexWriter, doc_ids: Iterable[str]) -> None:
    for doc_id in doc_ids:
        writer.delete_documents_by_term("doc", doc_id)
