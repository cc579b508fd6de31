"""Stage 5: the finished tree of nodes → frozen provisions with paths, roles and warnings.

Paths come from ``parsers.ids``; a label printed twice under one parent keeps the first
and gives the second ``_2`` with a ``duplicate_label`` warning naming its line.
"""

from __future__ import annotations

from parsers import ids, ocr, patterns
from parsers.model import ParseWarning, Provision
from parsers.roles import role_of_heading
from parsers.tree import Node

# How a duplicate_label warning says the label repeats the one printed just before it: the
# source prints it twice (a misprint, kept as printed), not a structure the parser missed.
SOURCE_REPEAT = "printed twice in a row in the source"


def _kind(node: Node, in_article: bool) -> str:
    if node.kind == "numbered":
        return "clause" if in_article else "item"
    if node.kind in ("closing", "gap"):
        return "paragraph"
    return node.kind


def finalize(
    roots: list[Node], doc_id: str
) -> tuple[tuple[Provision, ...], list[tuple[int, int, str]], list[ParseWarning]]:
    """Assign paths and roles; return provisions, source segments and warnings."""
    return _Finalizer(doc_id).run(roots)


class _Finalizer:
    def __init__(self, doc_id: str) -> None:
        self.doc_id = doc_id
        self.segments: list[tuple[int, int, str]] = []
        self.warnings: list[ParseWarning] = []
        self.articles: dict[str, int] = {}  # path → line where it was printed first
        self.through: dict[str, str] = {}  # kind numbered through → the last part printed

    def run(
        self, roots: list[Node]
    ) -> tuple[tuple[Provision, ...], list[tuple[int, int, str]], list[ParseWarning]]:
        for node in roots:
            if node.label is not None:
                break
            if node.kind == "paragraph":
                node.role = "preamble"  # before the first labeled provision: "Căn cứ …"
        return self.build(roots, None, None, False), self.segments, self.warnings

    def _parts(self, nodes: list[Node]) -> list[str]:
        # a gap holds labels under it: named p1, p2 … like a paragraph beside labels, so
        # that its children never read as a clause's (d9.p3.1, not d9.3.1)
        labeled = any(ids.part_for(n.kind, n.label) or n.kind == "gap" for n in nodes)
        ordinals = iter(ids.unlabeled_parts(labeled, len(nodes)))
        parts: dict[str, int] = {}
        previous = None
        stroke_free = not any(n.kind == "point" and n.label == "đ" for n in nodes)
        printed_parts = [ids.part_for(n.kind, n.label) for n in nodes]
        for i, node in enumerate(nodes):
            printed = printed_parts[i]
            if stroke_free and _lost_stroke(node, previous):
                printed = self._as_dd(node)
            part = printed or next(ordinals)
            between = _between(previous, printed_parts[i + 1] if i + 1 < len(nodes) else None)
            if part in parts and part == previous and between and between not in parts:
                part = self._misnumbered(node, part, between)
            elif part in parts:
                part = self._duplicate(part, parts, node, _in_a_row(node, printed, previous))
            parts[part] = node.line
            previous = printed
        return list(parts)

    def _as_dd(self, node: Node) -> str:
        """A second ``d)`` right after ``d)``: the ``đ)`` of the sequence a, b, c, d, đ, e
        whose stroke the text lost (Nghị định 06/2021, Điều 52 khoản 3). The label stays
        as printed; the id is the one a reader cites, ``đ``, and a warning says so."""
        self.warnings.append(ParseWarning(
            "suspected_ocr",
            "point 'd)' printed right after 'd)' is probably 'đ)' (the stroke lost); "
            "its id reads it as 'đ'",
            node.line))
        return "đ"

    def _misnumbered(self, node: Node, part: str, between: str) -> str:
        """``2.`` printed again between ``2.`` and ``4.`` (Nghị định 105/2025/NĐ-CP, Mẫu
        số PC07, mục IV): the ``3.`` the source misprinted, as both neighbours say. The
        label stays as printed; the id is the one the sequence gives, and a warning names
        the line."""
        self.warnings.append(ParseWarning(
            "suspected_ocr",
            f"label {part!r} printed again right after {part!r} and before the label after "
            f"{between!r}: probably {between!r} misprinted; its id reads it as {between!r}",
            node.line))
        return between

    def _path(self, node: Node, parent_path: str | None, part: str) -> str:
        if node.kind not in ids.NUMBERED_THROUGH:
            return ids.join(parent_path, part)
        path = part
        if path in self.articles:
            path = self._duplicate(
                path, self.articles, node, _in_a_row(node, part, self.through.get(node.kind))
            )
        self.articles[path] = node.line
        self.through[node.kind] = part
        return path

    def _duplicate(self, part: str, taken: dict[str, int], node: Node, in_a_row: bool) -> str:
        """A label printed twice: the second gets ``_2`` and a warning naming both lines.
        ``in_a_row``: the label right before it among its siblings is the same one
        (``d)`` / ``d)``, ``Điều 3.`` / ``Điều 3.``), a repeat printed in the source
        (``SOURCE_REPEAT`` in the message), not a level the parser missed."""
        unique = _unique(part, taken)
        why = f"; {SOURCE_REPEAT}" if in_a_row else ""
        self.warnings.append(ParseWarning(
            "duplicate_label",
            f"label {part!r} printed again (first on line {taken[part]}); kept as {unique!r}"
            f"{why}",
            node.line))
        return unique

    def build(
        self,
        nodes: list[Node],
        parent_path: str | None,
        parent_role: str | None,
        in_article: bool,
        in_annex: bool = False,
    ) -> tuple[Provision, ...]:
        out = []
        for node, part in zip(nodes, self._parts(nodes), strict=True):
            in_annex = in_annex or node.kind == "annex"
            # Articles and chapters printed inside an annex (a model decision in a form)
            # are numbered within it: pl2.mau01.d1, never the document's own d1.
            path = (
                ids.join(parent_path, part)
                if in_annex and node.kind != "annex"
                else self._path(node, parent_path, part)
            )
            role = _role(node, parent_role)
            self.segments.extend((s, e, f"provision:{path}") for s, e in node.spans)
            children = self.build(
                node.children, path, role, in_article or node.kind == "article", in_annex
            )
            out.append(
                Provision(
                    id=f"{self.doc_id}/{path}",
                    path=path,
                    kind=_kind(node, in_article),
                    label=node.label,
                    heading=node.heading,
                    text=node.text,
                    role=role,
                    start=node.spans[0][0],
                    end=node.spans[-1][1],
                    children=children,
                    flags=ocr.flags(f"{node.heading or ''}\n{node.text}"),
                )
            )
        return tuple(out)


# Labels that open a list: printed again, they start another list (a form's notes, a
# table's next block, a second document), which is a level the parser missed.
_FIRST_LABELS = frozenset({"1", "a", "I", "A"})


def _in_a_row(node: Node, part: str | None, previous: str | None) -> bool:
    """The sibling printed right before ``node`` carries the same label, that label does
    not open a list, and ``node`` has words of its own: ``c)`` / ``d)`` / ``d)`` is a
    misprint of the source; a bare ``2`` is a table's row number (Nghị định 175/2024,
    Phụ lục XI), which the parser failed to read as a table."""
    words = any(ch.isalpha() for ch in f"{node.heading or ''}{node.text}")
    return (
        part is not None and part == previous and words
        and (node.label or "") not in _FIRST_LABELS
    )


_LETTERS = patterns.POINT_LETTERS


def _between(before: str | None, after: str | None) -> str | None:
    """The one label that falls between two printed ones (``2`` and ``4`` → ``3``, ``b``
    and ``d`` → ``c``), or None."""
    if before is None or after is None:
        return None
    if before.isdigit() and after.isdigit():
        return str(int(before) + 1) if int(after) == int(before) + 2 else None
    if before in _LETTERS and after in _LETTERS:
        i = _LETTERS.index(before)
        return _LETTERS[i + 1] if _LETTERS.index(after) == i + 2 else None
    return None


def _lost_stroke(node: Node, previous: str | None) -> bool:
    return node.kind == "point" and node.label == "d" and previous == "d"


def _unique(part: str, taken: dict[str, int]) -> str:
    """``3`` printed a second time becomes ``3_2``, a third time ``3_3``."""
    n = 2
    while f"{part}_{n}" in taken:
        n += 1
    return f"{part}_{n}"


def _role(node: Node, parent_role: str | None) -> str | None:
    if node.kind == "closing":
        return "closing"
    if node.role:
        return node.role
    if node.kind in ("section", "numbered", "point", "chapter", "part"):
        own = role_of_heading(node.heading)
        if own:
            return own
    return parent_role
