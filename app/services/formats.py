"""A document's provisions as Markdown and NDJSON text, a line at a time, so an export of
a long code streams in batches instead of being built whole in memory."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from app.services.listing import Rows


def markdown(meta: dict[str, Any], batches: Iterable[Rows]) -> Iterator[str]:
    """The document as Markdown: a title, its metadata, then every provision in order.

    Provisions with a heading become headings (one level deeper per depth); every
    provision is preceded by an HTML anchor named by its path, as on the web page, so
    ``#III.4.2`` finds it in a rendered file too.
    """
    name = " ".join(p for p in (meta.get("type"), meta.get("number") or meta["id"]) if p)
    yield f"# {name}" + (f": {meta['title']}" if meta.get("title") else "") + "\n\n"
    for key, label in (("id", "Mã"), ("issuer", "Cơ quan ban hành"), ("date", "Ngày"),
                       ("place", "Nơi ban hành")):
        if meta.get(key):
            yield f"- {label}: {meta[key]}\n"
    for batch in batches:
        for row in batch:
            yield "\n" + _provision(row)


def _provision(row: dict[str, Any]) -> str:
    anchor = f'<a id="{row["path"]}"></a>\n'
    label = row.get("label") or ""
    if row.get("heading"):
        level = "#" * min(row["depth"] + 2, 6)
        text = f"\n\n{row['text']}" if row.get("text") else ""
        title = " ".join(part for part in (level, label, row["heading"]) if part)
        return f"{anchor}{title}{text}\n"
    # A lone "-" label is already Markdown's bullet.
    prefix = f"**{label}** " if label and label != "-" else ""
    bullet = "- " if label == "-" else ""
    return f"{anchor}{bullet}{prefix}{row['text']}\n"


def ndjson(batches: Iterable[Rows]) -> Iterator[str]:
    """One JSON object per provision and line."""
    for batch in batches:
        yield "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in batch)


def flat(batches: Iterable[Rows]) -> Iterator[Rows]:
    """Rows for a spreadsheet: ``flags`` as one cell, ``a; b``."""
    for batch in batches:
        yield [{**row, "flags": "; ".join(row["flags"] or [])} for row in batch]
