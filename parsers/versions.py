"""Provision ids across versions of a document: the rule, pure.

A provision's id is its document id and its path (``parsers/ids.py``), so a new version
of a text keeps every id whose path still exists, whatever happened to its words. Between
the stored version and the new one, each id is:

* **kept** (same content hash) or **changed** (another hash) when the path is in both;
* **moved** when the path is gone but a provision with the same content appears at a
  path that is new: the old id then redirects to the new one. "The same content" is the
  same content hash first (label, heading and text: a clause carried whole to another
  article), else the same ``move_key``, which leaves the label out: an article renumbered
  (``Điều 5`` printed as ``Điều 6`` with its heading and words unchanged) is the same
  provision under a new number, and its old id redirects too. A node with neither heading
  nor text of its own (an ``Điều 7.`` whose words are all in its clauses) has only its
  label to go by, so its key is its content hash. Several vanished and new provisions with
  one key are paired in document order;
* **removed** when the path is gone and its content is nowhere new;
* **added** when the path is new and its content came from no vanished path.

Only the ids of the last four kinds are recorded (``changes``), so what an ingest writes
is proportional to what changed::

    >>> old = [("x/d1", "h1"), ("x/d2", "h2"), ("x/d3", "h3"), ("x/d7", "h7", "k7")]
    >>> new = [("x/d1", "h1"), ("x/d2", "h9"), ("x/d4", "h3"), ("x/d8", "h8", "k7")]
    >>> for c in changes(old, new):
    ...     print(c.provision_id, c.change, c.other_id)
    x/d2 changed None
    x/d4 moved_from x/d3
    x/d8 moved_from x/d7
    x/d3 moved_to x/d4
    x/d7 moved_to x/d8
"""

from __future__ import annotations

import hashlib
from collections import defaultdict, deque
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


# (id, content hash) or (id, content hash, move key): without a key, the hash is the key.
Item = tuple[str, str] | tuple[str, str, str]


def move_key(heading: str | None, text: str, content_hash: str) -> str:
    """What a provision is without its label (see the module's rule): SHA-256 of heading
    and text, or ``content_hash`` when both are empty."""
    if not (heading or text):
        return content_hash
    return hashlib.sha256("\x1f".join(["", heading or "", text]).encode("utf-8")).hexdigest()


def changes(old: Sequence[Item], new: Sequence[Item]) -> list[Change]:
    """The changes from ``old`` to ``new``, each a list of ``(id, content hash[, move
    key])`` in document order: the new version's ids first (in its order), then the
    vanished ones."""
    old_hash = {item[0]: item[1] for item in old}
    new_ids = {item[0] for item in new}
    by_hash: dict[str, deque[str]] = defaultdict(deque)
    by_key: dict[str, deque[str]] = defaultdict(deque)
    for item in old:
        if item[0] not in new_ids:
            by_hash[item[1]].append(item[0])
            by_key[_key(item)].append(item[0])
    # Exact copies first, over the whole version, then what only the label changed in.
    source: dict[str, str] = {}  # new id -> the vanished id it moved from
    taken: set[str] = set()
    for queues, key in ((by_hash, _hash), (by_key, _key)):
        for item in new:
            if item[0] not in old_hash and item[0] not in source:
                found = _first_free(queues.get(key(item)), taken)
                if found is not None:
                    source[item[0]] = found
                    taken.add(found)
    out: list[Change] = []
    moved_away: list[Change] = []
    for item in new:
        pid, digest = item[0], item[1]
        before = old_hash.get(pid)
        if before is not None:
            if before != digest:
                out.append(Change(pid, "changed", digest))
        elif pid in source:
            out.append(Change(pid, "moved_from", digest, source[pid]))
            moved_away.append(Change(source[pid], "moved_to", digest, pid))
        else:
            out.append(Change(pid, "added", digest))
    out.extend(moved_away)
    out.extend(Change(item[0], "removed", item[1]) for item in old
               if item[0] not in new_ids and item[0] not in taken)
    return out


def _hash(item: Item) -> str:
    return item[1]


def _key(item: Item) -> str:
    return item[2] if len(item) > 2 else item[1]


def _first_free(candidates: deque[str] | None, taken: set[str]) -> str | None:
    """The first of ``candidates`` not yet paired, dropping the paired ones on the way (each
    id is dropped once from each of its two queues: linear overall)."""
    while candidates:
        pid = candidates.popleft()
        if pid not in taken:
            return pid
    return None
