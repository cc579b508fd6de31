"""Fewer garbage collections while a document is parsed and analysed.

Parsing and analysing a document allocates hundreds of thousands of small objects (lines,
blocks, tokens, nodes, rows, mentions, duties) that live until the document is done. With
the default threshold (a collection every 700 new containers) the collector ran about 2 000
times over 39 000 provisions and its full collections walked every object alive, the
caches of the folded texts and citations included: 11 % of the CPU time of parse and
analysis (gc.callbacks, scripts/ingest_stages.py's corpus). With a threshold of 10 000 it
ran 60 times, for 2 %. Nothing a document computes depends on when the collector runs.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# New containers between two young collections while a document is prepared.
THRESHOLD = 10_000


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the collector's first threshold to ``THRESHOLD`` inside, as it was after.

    Threads that prepare documents at once may leave it raised, never lower than it was:
    each one puts back what it found only if nobody changed it since."""
    found = gc.get_threshold()
    raised = (max(found[0], THRESHOLD), *found[1:])
    gc.set_threshold(*raised)
    try:
        yield
    finally:
        if gc.get_threshold() == raised:
            gc.set_threshold(*found)
