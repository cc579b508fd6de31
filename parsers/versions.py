"""Provision ids across versions of a document: the rule, pure.

A provision's id is its document id and its path (``parsers/ids.py``), so a new version
of a text keeps every id whose path still exists, whatever happened to its words. Between
the stored version and the new one, each id is:

* **kept** (same content hash) or **changed** (another hash) when the path is in both;
* **moved** when the path is gone but a provision with the same content hash appears at
  a path that is new: the old id then redirects to the new one. Several vanished and new
  provisions with one hash are paired in document order;
* **removed** when the path is gone and its content is nowhere new;
* **added** when the path is new and its content came from no vanished path.

Only the ids of the last four kinds are recorded (``changes``), so what an ingest writes
is proportional to what changed::

    >>> old = [("x/d1", "h1"), ("x/d2", "h2"), ("x/d3", "h3")]
    >>> new = [("x/d1", "h1"), ("x/d2", "h9"), ("x/d4", "h3")]
    >>> [(c.provision_id, c.change, c.other_id) for c in changes(old, new)]
    [('x/d2', 'changed', None), ('x/d4', 'moved_from', 'x/d3'), ('x/d3', 'moved_to', 'x/d4')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

CHANGES = ("added", "changed", "moved_from", "moved_to", "removed")


@dataclass(frozen=True, slots=True)
class Change:
    """What a new version did to one id; ``other_id`` is the other end of a move."""

    provision_id: str
    change: str  # one of CHANGES
    content_hash: str
    other_id: str | None = None


def changes(old: Sequence[tuple[str, str]], new: Sequence[tuple[str, str]]) -> list[Change]:
    """The changes from ``old`` to ``new``, each a list of ``(id, content hash)`` in
    document order: the new version's ids first (in its order), then the vanished ones."""
    old_hash = dict(old)
    new_ids = {pid for pid, _ in new}
    vanished: dict[str, list[str]] = defaultdict(list)
    for pid, digest in old:
        if pid not in new_ids:
            vanished[digest].append(pid)
    out: list[Change] = []
    moved_away: list[Change] = []
    for pid, digest in new:
        before = old_hash.get(pid)
        if before is not None:
            if before != digest:
                out.append(Change(pid, "changed", digest))
        elif vanished.get(digest):
            source = vanished[digest].pop(0)
            out.append(Change(pid, "moved_from", digest, source))
            moved_away.append(Change(source, "moved_to", digest, pid))
        else:
            out.append(Change(pid, "added", digest))
    out.extend(moved_away)
    removed = {pid for pids in vanished.values() for pid in pids}
    out.extend(Change(pid, "removed", digest) for pid, digest in old if pid in removed)
    return out
