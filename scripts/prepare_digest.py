"""One digest per file of what parsing and preparing it gives: the whole parsed document
(tree, segments, warnings), the provision and document rows, every analysis row (duties,
targets, citations, cross-references, unresolved mentions, relations, terms, effective
date, keys) and each provision's mentions; or the error that refused it.

    .venv/bin/python scripts/prepare_digest.py FOLDER > before.txt
    (change the code)
    .venv/bin/python scripts/prepare_digest.py FOLDER | diff before.txt -

A speed-up of parsing or analysis must leave every line as it was.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from app.errors import IngestError
from app.services import registry as bodies_registry
from app.services.ingest import collect_files, parse_file, prepare_document
from parsers.bodies import Registry, read_mentions
from parsers.bodies.issuer import for_issuer


def _plain(value: Any) -> Any:
    """JSON-able: dataclasses as dicts, sets sorted, tuples as lists."""
    if hasattr(value, "__dataclass_fields__"):
        return _plain(asdict(value))
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(v) for v in value), key=repr)
    return value


def digest(path: Path, registry: Registry) -> str:
    try:
        doc, doc_id = parse_file(path)
    except IngestError as exc:
        return "parse-error " + hashlib.sha256(str(exc).encode()).hexdigest()
    found: dict[str, Any] = {"document": _plain(doc), "doc_id": doc_id}
    try:
        prepared = prepare_document(doc, doc_id=doc_id, source_path=path.name,
                                    registry=registry)
    except IngestError as exc:
        found["error"] = str(exc)
    else:
        found["prepared"] = _plain(prepared)
        issuer = for_issuer(registry, prepared.document.get("issuer"))
        found["mentions"] = [_plain(read_mentions(row["text"], issuer))
                             for row in prepared.rows]
    canonical = json.dumps(found, ensure_ascii=False, sort_keys=True, default=repr)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def main(folders: list[str]) -> None:
    registry = bodies_registry.load()
    for path in collect_files(folders):
        sys.stdout.write(f"{path.parent.name}/{path.name} {digest(path, registry)}\n")


if __name__ == "__main__":
    main(sys.argv[1:])
