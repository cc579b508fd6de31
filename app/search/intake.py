"""An ingest feeds this node's index as it stores documents.

After a large ingest the index used to read back every row just stored and tokenize it
again (a fifth of `vnlex ingest`'s time at SCALE=0.1, py-spy). The worker processes that
parse a document now compute its index fields too (``rows.prepared``, ``index.text_fields``);
once the document is committed, the ingest's process gives them their row ids and adds
them to one writer it holds for the whole run.

``sync``'s rules still hold. The writer's lock is held throughout, so this node's searches
answer from the index as it stands meanwhile; each commit (every ``COMMIT_SECONDS``, and at
the end) writes ``state.json``, so they see the ingest's progress at that pace. The state
moves only up to a change below which every change was applied: a change another process
logged in between is left, with what follows it, to the usual catch-up
(``sync.fresh_index``), which applies a change twice harmlessly. A crash loses the changes
after the last commit, which that catch-up applies again. An index that is missing or
behind the store is brought up first, the usual way.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import models
from app.db.session import session_scope
from app.search import sync
from app.search.index import (
    WRITER_HEAP,
    IndexFolder,
    State,
    TextFields,
    delete_documents,
    document_of,
    keyed,
)

# How often a long ingest commits what it fed: this node's searches see its documents at
# this pace (each commit is a segment for tantivy to merge: not every document).
COMMIT_SECONDS = 30.0
_C = models.table_of(models.IndexChange)
_P = models.table_of(models.Provision)
_ROW_IDS = select(_P.c.id, _P.c.pk)


# What an ingest's worker makes of each row: its id, its article's id (itself when it
# lies under none) and its fields; the store gives the two ids their row ids.
Fed = tuple[str, str, TextFields]


class Feed:
    """One writer on this node's current build."""

    def __init__(self, url: str, node: IndexFolder, state: State) -> None:
        self.url, self.node, self.state = url, node, state
        # One indexing thread, as a rebuild has (``sync.rebuild``).
        self.writer = node.index(state).writer(WRITER_HEAP * 2, 1)
        self._ours: set[int] = set()
        self._committed_at = time.monotonic()

    def add(self, doc_id: str, changes: Sequence[int], dropped: Iterable[str],
            rows: Sequence[Fed], pk: Mapping[str, int]) -> None:
        """Replace ``doc_id`` in the index by ``rows``, once stored and committed with the
        ``changes`` it logged and the row ids ``pk`` (``row_ids``, read before that
        commit), and delete the ``dropped`` documents."""
        if not changes:  # stored as it was: the index has it already
            return
        delete_documents(self.writer, [doc_id, *dropped])
        for row_id, article_id, fields in rows:
            self.writer.add_document(document_of(keyed(fields, pk[row_id], pk[article_id])))
        self._ours.update(changes)

    def commit_if_due(self) -> None:
        if time.monotonic() - self._committed_at >= COMMIT_SECONDS:
            self.commit()

    def commit(self) -> State:
        """Commit what was fed; the state moves to the last change every one up to which
        was fed."""
        self.writer.commit()
        seq = self.state.seq
        with session_scope(self.url) as session:
            for change in session.scalars(select(_C.c.seq).where(_C.c.seq > seq)
                                          .order_by(_C.c.seq)):
                if change not in self._ours:
                    break
                seq = change
        self._ours = {change for change in self._ours if change > seq}
        self.state = State(build=self.state.build, store_id=self.state.store_id, seq=seq,
                           pid=os.getpid())
        self.node.write_state(self.state)
        self._committed_at = time.monotonic()
        return self.state


@contextmanager
def feeding(url: str, root: Path) -> Iterator[Feed]:
    """A feed of ``root``'s index for the time of an ingest into ``url``, under the
    writer's lock; committed at the end, rolled back (to its last commit) on an error."""
    node = sync.folder(root)
    with sync.writer_lock(node.root, wait=True):
        with session_scope(url) as session:
            feed = _open(url, session, node)
        try:
            yield feed
            feed.commit()
        except BaseException:
            feed.writer.rollback()  # back to the last commit, which the state describes
            raise
        finally:
            feed.writer.wait_merging_threads()


def row_ids(session: Session, doc_id: str) -> dict[str, int]:
    """The row id of each provision of ``doc_id``, as ``session`` sees them."""
    found = session.execute(_ROW_IDS.where(_P.c.document_id == doc_id))
    return {str(row_id): int(pk) for row_id, pk in found.all()}


def _open(url: str, session: Session, node: IndexFolder) -> Feed:
    """A feed of the current build, brought up to the store first: for an empty store, an
    empty build made current at once, so this node's searches answer (nothing yet) rather
    than wait for the writer's lock until the ingest ends."""
    head, sid = sync.store_head(session)
    state = node.state()
    if state is None or state.store_id != sid:
        state = sync.restore_or_rebuild(session, node, head, sid)
    if state.seq < head:
        state = sync.catch_up(session, node, head)
    return Feed(url, node, state)
