"""CPU time of each ingest stage per 1 000 provisions, one process, no profiler:
parse (``parse_file``), flatten + analysis (``prepare_document``, with the search index's
fields as ``vnlex ingest`` makes them), store (``store_document`` into a fresh SQLite file,
commit included; the index's writer is not timed).

    .venv/bin/python scripts/ingest_stages.py /tmp/x-cache/scale-0.01-*/files

On a shared machine compare two trees in the same minute, interleaved (CPU time, not wall);
the bench's ``vnlex ingest`` figure adds start-up, the worker processes and the index sync.
"""

from __future__ import annotations

import sys
import tempfile
import time

from app.errors import IngestError
from app.services import registry as bodies_registry
from app.services.gc_pace import fewer_collections
from app.services.ingest import _store_file, collect_files, parse_file, prepare_document
from app.services.maintenance import ensure_schema


def main(paths: list[str]) -> None:
    registry = bodies_registry.load()
    parse_s = prepare_s = 0.0
    provisions = 0
    prepared = []
    for path in collect_files(paths):
        started = time.process_time()
        with fewer_collections():  # as ingest's prepare_file runs them
            doc, doc_id = parse_file(path)
            parsed = time.process_time()
            try:
                one = prepare_document(doc, doc_id=doc_id, source_path=str(path.resolve()),
                                       registry=registry, for_sqlite=True, for_index=True)
            except IngestError:  # refused (no provision), as `vnlex ingest` refuses it
                continue
        parse_s += parsed - started
        prepare_s += time.process_time() - parsed
        provisions += len(one.rows)
        prepared.append(one)
    url = f"sqlite:///{tempfile.mkdtemp(prefix='ingest-stages-')}/vnlex.db"
    ensure_schema(url)
    started = time.process_time()
    for one in prepared:
        _store_file(url, one, registry)
    store_s = time.process_time() - started
    per = 1e6 / max(provisions, 1)
    sys.stdout.write(f"{provisions} provisions; ms CPU per 1000: parse {parse_s * per:.1f}, "
                     f"flatten+analysis {prepare_s * per:.1f}, store {store_s * per:.1f}\n")


if __name__ == "__main__":
    main(sys.argv[1:])
