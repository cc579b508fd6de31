"""Stage 4: tokens → a tree of provisions, nested by numbering (never by markdown level).

Paths, roles and the frozen provisions are made from this tree by ``parsers.finalize``.
Each kind has a rank; a new node closes every open node of the same or a lower rank and
becomes the child of the nearest open node above it. Unlabeled paragraphs attach by how
they read (see ``_attach_paragraph``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from parsers import guides, ids, patterns
from parsers.blocks import is_upper
from parsers.classify import Token, roman_to_int

RANK = {
    "form": -0.5,  # "Mẫu số 01" inside an annex: everything up to the next form is in it
    "guide": -0.45,  # "HƯỚNG DẪN KÊ KHAI MẪU SỐ 01": inside the form it follows, to the next
    "example": -0.5,  # "VÍ DỤ SỐ 02" inside an annex: likewise up to the next example
    "row": -0.5,  # a table row (one cell a line) holding a procedure numbered from 1 again
    "procedure": -0.7,  # "Tên thủ tục số 2": above the forms its procedure prints
    "part": 0.0,
    "section": 1.0,
    "chapter": 1.0,
    "subchapter": 2.0,
    "article": 3.0,
    "numbered": 4.0,
    "point": 5.0,
    "subpoint": 5.2,  # "b.1)" inside point b)
    "enumeration": 5.5,  # "(1)" inside an item or a point
    "milestone": 6.0,
    "bullet": 7.0,
}
_BULLET_RANKS = {"+": 7.5, "•": 7.3}
# Labels that start a list: only these restart one under a paragraph (_adopt_restart), and
# only lists of these kinds; a section restarting at "I." begins another document printed
# in the same annex, whose title paragraph sits wherever the text before it left off.
_FIRST_LABELS = frozenset({"1", "a"})
_ADOPTABLE = frozenset({"numbered", "point", "enumeration"})
_ANNOUNCING = _ADOPTABLE | {"bullet"}
_ADOPTED = 0.01  # a paragraph that took a list ranks just above it
_TITLE_HOLDERS = ("part", "chapter", "subchapter", "row")
# Kinds whose first label ("I.", "A.", "Chương I"), printed again in an annex under a title
# of its own, begins another document printed in the same annex (a model report, the
# guide to a form): that title opens a node like a form's, so its numbering restarts.
_RESTARTING = frozenset({"section", "part", "chapter"})
_RESTART_LABELS = frozenset({"I", "A", "1"})
_TITLE_MAX = 300
# A gap in a crawled page (a paywall notice, ``patterns.GAP``) sits just under the open
# article, section or chapter: the list labels after it, which the reader cannot place,
# become its children; the next article or section closes it.
_GAP_RANK = RANK["article"] + 0.01
# In a form's guide (``parsers.guides``) the outline's headings rank by depth above the
# fields, and the fields above the points, enumerations and bullets under them.
_HEADING_RANK, _HEADING_STEP = RANK["numbered"], 0.05
_FIELD_RANK = RANK["numbered"] + 0.5
# Nodes that hold a guide's outline: the guide, or a Roman section printed in it.
_OUTLINE_HOLDERS = frozenset({"form", "section", "part", "chapter", "example", "row"})
# "Ghi chú:" after a form's last line opens the form's notes, whatever ends before it.
_NOTES = re.compile(r"^\*?(?:Ghi chú|GHI CHÚ|Chú thích|Lưu ý)\b")


@dataclass(eq=False)
class Node:
    kind: str
    label: str | None
    heading: str | None
    texts: list[str]
    spans: list[tuple[int, int]]
    rank: float
    line: int
    children: list[Node] = field(default_factory=list)
    role: str | None = None
    printed: str = ""  # the opening block as printed, label and all

    @property
    def text(self) -> str:
        return "\n".join(self.texts)


def _rank(token: Token) -> float:
    if token.kind == "row":  # only "Tên thủ tục số N" is classified a row: it holds forms
        return RANK["procedure"]
    if token.kind == "numbered":
        return RANK["numbered"] + 0.1 * token.label.count(".")  # type: ignore[union-attr]
    if token.kind == "bullet":
        first = token.block.text[0]
        return _BULLET_RANKS.get(first, RANK["bullet"])
    return RANK[token.kind]


_LETTERS = patterns.POINT_LETTERS


def _previous_label(token: Token) -> tuple[str, str] | None:
    """(kind, label) of the provision that ``token`` continues: ``3.`` → ``2.``, ``đ)`` →
    ``d)``, ``(2)`` → ``(1)``; None for the first of a list."""
    label = token.label or ""
    if token.kind in ("numbered", "enumeration") and label.isdigit() and int(label) > 1:
        return token.kind, str(int(label) - 1)
    if token.kind == "point" and label in _LETTERS[1:]:
        return "point", _LETTERS[_LETTERS.index(label) - 1]
    return None


def _previous_roman(label: str) -> str | None:
    """``III`` → ``II``; None for ``I``."""
    number = roman_to_int(label) if label else 0
    return None if number <= 1 else _ROMANS[number - 1]


_ROMANS = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
           "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX")


def _item_heading(node: Node) -> bool:
    """A section printed ``I)`` (``patterns.PAREN_SECTION``): a heading inside an item."""
    return node.kind == "section" and bool(patterns.PAREN_SECTION.match(node.printed))


def _part(node: Node) -> str | None:
    """The path part a node will get (``1.2`` → ``2``; ``(1)`` and ``1.`` both ``1``)."""
    kind = "item" if node.kind == "numbered" else node.kind
    return ids.part_for(kind, node.label)


def _part_of(token: Token) -> str | None:
    """The path part ``token`` will get as a node."""
    return ids.part_for("item" if token.kind == "numbered" else token.kind, token.label)


def _node(token: Token, rank: float) -> Node:
    texts = [token.text] if token.text else []
    return Node(
        kind=token.kind,
        label=token.label,
        heading=token.heading,
        texts=texts,
        spans=list(token.block.spans),
        rank=rank,
        line=token.block.line,
        printed=token.block.text,
    )


def _demote_listed_forms(node: Node, siblings: list[Node]) -> None:
    """An annex that lists its forms (``Mẫu số 01 | Đơn đề nghị …``) before printing them:
    an entry of that list, a form label with nothing under it, is a line of the list once
    the form itself is printed, so the form keeps its label and its id (``mau01``)."""
    if node.kind != "form" or node.label is None:
        return
    for entry in siblings:
        # "Mẫu số 03:" listed, "Mẫu số 03." printed: one form, whatever follows its number
        if entry.kind == "form" and _part(entry) == _part(node) and not entry.children:
            entry.kind, entry.label, entry.heading = "paragraph", None, None
            entry.texts = [entry.printed, *entry.texts]


def next_of_kind(tokens: list[Token], skipped: tuple[str, ...]) -> list[Token | None]:
    """For each index, the first token after it whose kind is not in ``skipped``."""
    out: list[Token | None] = [None] * len(tokens)
    following = None
    for i in range(len(tokens) - 1, -1, -1):
        out[i] = following
        if tokens[i].kind not in skipped:
            following = tokens[i]
    return out


class TreeBuilder:
    """Feeds tokens in document order; ``roots`` holds the finished top level."""

    def __init__(self, in_annex: bool = False) -> None:
        self.roots: list[Node] = []
        self.stack: list[Node] = []
        self.last: Node | None = None  # the node that took the last text
        self.in_annex = in_annex
        self.row: int | None = None  # the printed line of a form-listing row being placed
        # unlabeled paragraphs placed since the last labeled node
        self.since_label: list[_Placed] = []
        # the open nodes when each (kind, label) was last opened, it last
        self.opened: dict[tuple[str, str], list[Node]] = {}
        self.index = 0  # the position of the token being fed
        self.tokens: list[Token] = []  # every token, for a look at the next label
        # for each index of ``tokens`` (the list it was computed for), the next token that
        # is no paragraph or bullet: found once, not by a scan of the rest at each label
        self._next_listed: tuple[list[Token], list[Token | None]] = ([], [])
        # tokens whose list restarts ("1.", "a)") where that label is already taken
        self.restarts: list[int] = []
        # rows whose cell printed "a)" and took the "b)" … after them (_adopt_from_cell)
        self.cell_hosts: list[Node] = []
        self.after_text = False
        # the paragraph _leads_in_a_repeat kept apart: it takes the labels it announces
        self.repeat_lead_in: Node | None = None
        self.guides: set[Node] = set()  # the form guides opened (parsers.guides)
        self.headings: dict[Node, guides.Key] = {}  # a guide's outline headings, by key
        self.field_holder: Node | None = None  # the node a guide's current fields hang on

    def open_row(self, token: Token) -> None:
        """The first cell of a table row (its number printed alone before it) opens a node
        of the form's rank, titled by the cell, that holds the rest of the row."""
        self.row = None
        self.since_label.clear()
        while self.stack and self.stack[-1].rank >= RANK["row"]:
            self.stack.pop()
        label = token.block.lines[0].row
        if f"r{label}" in {_part(s) for s in self._landing(RANK["row"])}:
            label = None  # another table of the annex, numbered from 1 again: not r1_2
        lines = token.block.lines
        # the first cell names the row; cells after it that the block took in (its time
        # limit, "10 ngày làm việc …") are the row's text
        first = next((i for i, line in enumerate(lines) if i and line.blank_before), len(lines))
        rest = " ".join(line.text for line in lines[first:])
        self._add(replace(_node(token, RANK["row"]), kind="row", label=label,
                          heading=" ".join(line.text for line in lines[:first]),
                          texts=[rest] if rest else []))

    def _add(self, node: Node) -> None:
        (self.stack[-1].children if self.stack else self.roots).append(node)
        self.stack.append(node)
        self.last = node
        if node.label is not None:
            self.opened[(node.kind, node.label)] = list(self.stack)

    def _resume_list(self, token: Token, node: Node) -> bool:
        """``4.`` whose ``3.`` was closed by unlabeled text (``INSTRUCTION`` / ``1.`` …
        ``3. … presented:`` / ``a. The quota book.`` / ``4. …``, the English half of a form
        in Nghị định 18/2021/NĐ-CP), where ``4`` is already taken: the list goes on beside
        the ``3.`` printed last. Only a label that would repeat moves."""
        previous = _previous_label(token)
        if previous is None or previous not in self.opened or self._continued(token):
            return False
        printed = (node.kind, node.label)
        landing = self._landing(node.rank)
        if printed not in {(s.kind, s.label) for s in landing}:
            return False
        ancestors = self.opened[previous][:-1]
        resumed = self.opened[previous][-1]
        siblings = ancestors[-1].children if ancestors else self.roots
        if resumed not in siblings or printed in {(s.kind, s.label) for s in siblings}:
            return False
        # the unlabeled text printed since, placed beside the list's branch, goes on with
        # the item it follows, so the tree keeps the printed order
        branch = next((i for i, s in enumerate(landing)
                       if any(s is n for n in self.opened[previous])), None)
        strays = landing[branch + 1 :] if branch is not None else []
        if branch is None or any(s.kind not in ("paragraph", "bullet") for s in strays):
            return False
        del landing[branch + 1 :]
        resumed.children.extend(strays)
        self.stack = list(ancestors)
        node.rank = resumed.rank
        return True

    @staticmethod
    def _takes_title(top: Node, token: Token) -> bool:
        """``Chương I`` printed alone: the line in capitals after it is its title."""
        return (
            top.kind in _TITLE_HOLDERS
            and not top.heading
            and not top.children
            and token.kind == "paragraph"
            and (is_upper(token.block.text) or token.block.emphasized)
        )

    def _list_rank(self, token: Token) -> float | None:
        """Labels continue the list of their predecessor (``3.`` after ``2.``, ``c)`` after
        ``b)``), wherever it is open; ``1.`` right under a numbered provision opens a list
        inside it."""
        continued = self._continued(token)
        after_text = self._goes_on_after_text(token)
        if after_text is not None and bool(token.heading) == bool(after_text.heading):
            # printed alike: "2. Thông tin phê duyệt …" (text) goes on with the nested "1.
            # Trong thời hạn …", "**2. Cách thức thực hiện:**" (a heading) with the outer
            # "1. Trình tự thực hiện:"
            self.after_text = True
            return after_text.rank
        if continued is not None:
            return continued.rank
        inside = self._inside_item(token)
        if inside is not None:
            return inside
        printed = self._printed_place(token)
        if printed is not None:
            return printed
        if (self._open_numbered_parent(token) or self._under_dotted_point(token)
                or self._under_item_heading(token)):
            return self.stack[-1].rank + 0.05
        gap = self._over_a_gap(token)
        return gap.rank if gap is not None else None

    def _over_a_gap(self, token: Token) -> Node | None:
        """``5.`` after ``1.``, ``2.`` and bullets that print fields 3 and 4 (``- Chỉ tiêu 3.
        …``, the guide to a form in Nghị định 236/2025/NĐ-CP), where ``5`` is already
        taken at its kind's own rank: the list it skips to, the nearest open one whose last
        item is below it. Only a label that would repeat moves."""
        label = token.label or ""
        if token.kind != "numbered" or not label.isdigit() or int(label) < 2:
            return None
        if _part_of(token) not in {_part(s) for s in self._landing(_rank(token))}:
            return None
        for holder in reversed(self.stack):
            items = [c for c in holder.children
                     if c.kind == "numbered" and (c.label or "").isdigit()]
            if items and int(items[-1].label or 0) < int(label) and not any(
                c.label == label for c in items
            ):
                return items[-1]
        return None

    def _inside_item(self, token: Token) -> float | None:
        """``*I) Xét duyệt nhiệm vụ*`` printed in italics inside a procedure's step (``1.
        Trình tự thực hiện:`` / ``Bước 2: Xử lý hồ sơ`` / ``*I) …*`` / ``1. …`` / ``*II)
        …*``): a heading inside the item it is printed in, ``II)`` beside ``I)``; the
        step's next item (``2. Cách thức thực hiện``) closes them."""
        if token.kind != "section" or not patterns.PAREN_SECTION.match(token.block.text):
            return None
        previous = _previous_roman(token.label or "")
        for node in reversed(self.stack):
            if node.kind == "section" and node.label == previous and _item_heading(node):
                return node.rank
        numbered = next((n for n in reversed(self.stack) if n.kind == "numbered"), None)
        return numbered.rank + 0.05 if numbered is not None and previous is None else None

    def _goes_on_after_text(self, token: Token) -> Node | None:
        """``3.`` after ``2.`` and a paragraph, in a list nested inside another
        (``*II) Thẩm định kinh phí*`` / ``1.`` / ``2.`` / ``Trong trường hợp cần thiết …``
        / ``3.``): the paragraph closed ``2.`` but not the list, whose parent is still the
        open node and holds nothing labelled after ``2.``; ``3.`` goes on beside it instead
        of climbing to its kind's own rank, out of the heading."""
        previous = _previous_label(token)
        if previous is None or previous not in self.opened or len(self.opened[previous]) < 2:
            return None
        *_, parent, node = self.opened[previous]
        if not self.stack or self.stack[-1] is not parent or node.rank <= _rank(token):
            return None
        after = parent.children[next(i for i, c in enumerate(parent.children) if c is node) + 1:]
        if any(c.kind not in ("paragraph", "bullet") for c in after):
            return None
        return node

    def _under_item_heading(self, token: Token) -> bool:
        """``1.`` right under a heading printed inside an item (``*I) …*``) starts a list
        inside it."""
        top = self.stack[-1] if self.stack else None
        return (token.kind == "numbered" and token.label == "1" and top is not None
                and _item_heading(top) and not top.children)

    def _under_dotted_point(self, token: Token) -> bool:
        """``1.`` right under a point printed with a dot (``a. Tóm tắt tổng quát`` / ``1.
        Chi phí thuế hoãn lại [A]: …``, the guide to a form in Nghị định 236/2025/NĐ-CP):
        the point heads the fields numbered under it, as a clause heads its points."""
        top = self.stack[-1] if self.stack else None
        return (
            token.kind == "numbered" and token.label == "1" and top is not None
            and top.kind == "point" and not top.children
            and bool(patterns.DOTTED_LETTERED.match(top.printed))
        )

    def _continued(self, token: Token) -> Node | None:
        """The open ``N-1.``, ``(N-1)`` or previous letter that a label follows, if any;
        for the head of an outline (``3.`` with ``3.1.`` next), the outermost one."""
        previous = _previous_label(token)
        if previous is None:
            return None
        candidates = [node for node in self.stack if (node.kind, node.label) == previous]
        if not candidates:
            return None
        return candidates[0] if self._heads_outline(token) else candidates[-1]

    def _printed_place(self, token: Token) -> float | None:
        """The rank of a dotted label placed by what it prints, where its rank alone would
        place it elsewhere: ``2.1.2.`` beside the open ``2.1.1.``, ``1.1.`` under the open
        ``1.``, however deep the lists printed since (a form's guide, Nghị định
        236/2025/NĐ-CP: ``2.1.1. …`` / ``1. …`` / ``2. …`` / ``2.1.2. …``)."""
        label = token.label or ""
        if token.kind != "numbered" or "." not in label:
            return None
        head, last = label.rsplit(".", 1)
        if not last.isdigit():
            return None
        previous = f"{head}.{int(last) - 1}" if int(last) > 1 else None
        sibling = self._open_numbered(previous)
        parent = self._open_numbered(head)
        rank = _rank(token)
        landing = next((n for n in reversed(self.stack) if n.rank < rank), None)
        if sibling is not None:
            above = self._above(sibling)
            return None if landing is (above[-1] if above else None) else sibling.rank
        if parent is not None and landing is not parent:
            return parent.rank + 0.05
        return None

    def _open_numbered(self, label: str | None) -> Node | None:
        return next((n for n in reversed(self.stack)
                     if n.kind == "numbered" and n.label == label), None) if label else None

    def _above(self, node: Node) -> list[Node]:
        """The open nodes above ``node``, its parent last."""
        return self.stack[: next(i for i, n in enumerate(self.stack) if n is node)]

    def _heads_outline(self, token: Token) -> bool:
        """``3.`` whose next numbered label is ``3.1.``: the outline's third heading, not
        the third entry of the list printed under ``2.3.`` just before it."""
        following = self._next_label_token()
        return (token.kind == "numbered" and following is not None
                and following.kind == "numbered" and following.label == f"{token.label}.1")

    def _next_label_token(self) -> Token | None:
        """The first token after the one being fed that is no paragraph or bullet."""
        tokens, following = self._next_listed
        if tokens is not self.tokens:
            tokens, following = self.tokens, next_of_kind(self.tokens, ("paragraph", "bullet"))
            self._next_listed = (tokens, following)
        return following[self.index] if self.index < len(following) else None

    def _open_numbered_parent(self, token: Token) -> bool:
        """Numbering that restarts at ``1.`` right under a numbered provision (``2. … gồm:``
        ``1. …``) starts a list inside it, and so does any number right under a dotted
        heading (``3.1.2.2. Phân bổ …`` / ``4. Chi tiền lương …``: a form's guide whose
        fields 1 to 3 are the table's common columns, Nghị định 236/2025/NĐ-CP). Decided
        by labels alone, so ids never hang on the punctuation of the text."""
        top = self.stack[-1] if self.stack else None
        if token.kind != "numbered" or top is None or top.kind != "numbered" or top.children:
            return False
        return token.label == "1" or (
            "." in (top.label or "") and (token.label or "").isdigit()
            and not token.heading  # "3. Kiến nghị" after "1.2.": the outline's, 2 unprinted
            and not self._heads_outline(token) and not self._follows_printed(token)
        )

    def _follows_printed(self, token: Token) -> bool:
        """The label before ``token``'s (``5`` for ``6.``) is printed beside the open dotted
        heading: ``6.`` goes on with that list after ``5.1.``, ``5.2.`` (Nghị định
        105/2025/NĐ-CP, Mẫu số PC06: ``5.`` closed by a paragraph before its ``5.1.``)."""
        previous = _previous_label(token)
        siblings = self.stack[-2].children if len(self.stack) > 1 else self.roots
        return any((s.kind, s.label) == previous for s in siblings)

    def feed(self, token: Token) -> None:
        top = self.stack[-1] if self.stack else None
        if top and self._takes_title(top, token):
            top.heading = token.block.text
            top.spans.extend(token.block.spans)
            return
        if token.kind == "paragraph":
            self._attach_paragraph(token)
            return
        if token.kind == "listed_form":
            self._attach_paragraph(replace(token, kind="paragraph"))
            self.row = token.block.line  # the row's next cell, the form's name, joins it
            return
        if token.kind == "gap":
            self._open_gap(token)
            return
        if token.kind == "closing":
            self.stack.clear()
            self._add(_node(token, 99.0))
            self.stack.clear()
            return
        if self._feed_in_guide(token):
            return
        self.row = None
        self.after_text = False  # set by _list_rank: the list goes on after a paragraph
        rank = self._list_rank(token) or _rank(token)
        node = _node(token, rank)
        self._open_titled_document(node)
        self.since_label.clear()
        if (not self._resume_list(token, node) and not self._adopt_restart(node)
                and not self._adopt_from_cell(token, node)):
            # "3." closes everything opened since "2.", a paragraph that took a list too
            if not self.after_text and (continued := self._continued(token)) is not None:
                while self.stack and self.stack.pop() is not continued:
                    pass
            while self.stack and self.stack[-1].rank >= rank:
                self.stack.pop()
            if self.stack and self.stack[-1] in self.cell_hosts and node.label == "a":
                self.stack.pop()  # a row's list is done: "a)" begins another row's
        siblings = self.stack[-1].children if self.stack else self.roots
        _demote_listed_forms(node, siblings)
        if (node.kind in _ADOPTABLE and node.label in _FIRST_LABELS
                and _part(node) in {_part(s) for s in siblings}):
            self.restarts.append(self.index)
        self._add(node)

    def _open_guide(self, token: Token) -> None:
        """The title of a form's guide opens a node inside the form it follows (up to the
        next form), unlabeled like another document printed in the annex."""
        node = _node(token, RANK["guide"])
        node.kind, node.heading, node.texts = "form", token.block.text, []
        self.row = None
        self.since_label.clear()
        while self.stack and self.stack[-1].rank >= node.rank:
            self.stack.pop()
        self._add(node)
        self.guides.add(node)
        self.field_holder = None

    def _feed_in_guide(self, token: Token) -> bool:
        """Inside a form's guide, a numbered label is a heading of its outline or a field
        of the heading above it (``parsers.guides``); placed here, not by rank. False for
        a token outside a guide or one the outline does not read (``a)``, ``(1)``)."""
        at = next((i for i in range(len(self.stack) - 1, -1, -1)
                   if self.stack[i] in self.guides), None)
        key = guides.outline_key(token) if at is not None else None
        if at is None or key is None:
            return False
        scope = max(i for i in range(at, len(self.stack))
                    if self.stack[i].kind in _OUTLINE_HOLDERS)
        heads = [n for n in self.stack[scope + 1 :] if n in self.headings]
        if (guides.goes_on(key, [self.headings[n] for n in heads])
                and guides.reads_as_title(token, key)
                and (not isinstance(key, tuple) or len(key) > 1 or self._heads_outline(token))):
            self._open_heading(token, key, scope)
        elif isinstance(key, tuple):
            self._open_field(token, key, heads[-1] if heads else self.stack[scope])
        else:
            return False
        self.row = None
        self.since_label.clear()
        return True

    def _open_heading(self, token: Token, key: guides.Key, scope: int) -> None:
        while len(self.stack) > scope + 1 and not (
            self.stack[-1] in self.headings
            and guides.encloses(self.headings[self.stack[-1]], key)
        ):
            self.stack.pop()
        depth = sum(n in self.headings for n in self.stack[scope + 1 :])
        node = _node(token, _HEADING_RANK + _HEADING_STEP * depth)
        node.heading, node.texts = (token.heading or token.text).strip(), []
        self._add(node)
        self.headings[node] = key
        self.field_holder = node

    def _open_field(self, token: Token, key: tuple[int, ...], heading: Node) -> None:
        """A field goes on in the list its heading holds, under the lead-in that announced
        it if any (``Tại Tờ khai …, các chỉ tiêu … được kê khai theo hướng dẫn sau:`` /
        ``1. Quốc gia: …``); ``2.1.`` goes under the open field ``2.``."""
        holder = self.field_holder
        if holder is None or (holder is not heading and holder not in heading.children):
            holder = heading
        holder = self._lead_in(key, holder, heading) or holder
        above = ".".join(str(n) for n in key[:-1])
        # "3.2." after "3.1." and a paragraph that closed "3.": still a part of field 3
        field = next((c for c in reversed(holder.children)
                      if c.kind == "numbered" and c.label == above), None)
        for node in (holder, field):
            if node is None or node in self.stack:
                continue
            while self.stack[-1] is not heading and node not in self.stack[-1].children:
                self.stack.pop()
            self.stack.append(node)
        while self.stack[-1] is not (field or holder):
            self.stack.pop()
        self._add(_node(token, _FIELD_RANK + 0.1 * (len(key) - 1)))
        self.field_holder = holder

    def _lead_in(self, key: tuple[int, ...], holder: Node, heading: Node) -> Node | None:
        """The paragraph right before a list of fields that it announces: its own node
        under the heading, holding the list. It announces the list when it ends in a colon
        and the list starts (``1.``) or repeats a field its holder has, or when the list
        starts again where ``1`` is taken (``NHỮNG ĐIỀU CẦN CHÚ Ý`` / ``1. …`` after the
        guide's notes ``(1)`` … ``(20)``, Nghị định 50/2024/NĐ-CP, Phụ lục XVI)."""
        placed = self.since_label[-1] if self.since_label else None
        if placed is None or len(key) > 1:
            return None
        taken = any(_part(c) == str(key[0]) for c in holder.children)
        colon = placed.token.text.rstrip().endswith(":")
        if not ((colon and (key == (1,) or taken)) or (key == (1,) and taken)):
            return None
        lead = placed.take_back()
        lead.rank = _FIELD_RANK - _ADOPTED
        heading.children.append(lead)
        return lead

    def _open_gap(self, token: Token) -> None:
        """Text left out of the page: the numbering after it resumes somewhere unknown,
        so it is not set beside the labels printed before (``a)`` after ``e)`` is not
        ``a_2``)."""
        self.row = None
        self.since_label.clear()
        while self.stack and self.stack[-1].rank >= _GAP_RANK:
            self.stack.pop()
        self._add(_node(token, _GAP_RANK))

    def _adopt_restart(self, node: Node) -> bool:
        """A list that starts again (``1.``, ``a)``, ``(1)``, ``I.``, its label already taken
        where it would land) right after an unlabeled paragraph belongs to that paragraph:
        the notes of a form (``Ghi chú:`` / ``(1) …``), ``Bước 2: … sau:`` / ``1. …``,
        ``Trường hợp 2:`` / ``1. …``. Only a label that would repeat moves, so no id that
        was unique changes."""
        host = self.last
        if (
            host is None
            or host.children
            or (node.label not in _FIRST_LABELS and host is not self.repeat_lead_in)
            or node.kind not in _ADOPTABLE
            or _part(node) not in {_part(s) for s in self._landing(node.rank)}
        ):
            return False
        if host.kind == "paragraph":
            host.rank = node.rank - _ADOPTED
        elif host.kind in _ANNOUNCING and (host.text or host.heading or "").endswith(":"):
            # "… các yêu cầu sau đây:" / "a) …": a list announced by the provision before
            # it, a dash too ("- Thời gian giải quyết theo quy định:" / "1. Đối với …")
            node.rank = host.rank + _ADOPTED
        else:
            return False
        while self.stack and host not in self.stack[-1].children:
            self.stack.pop()  # the open nodes below the paragraph's parent close
        self.stack.append(host)
        return True

    def _adopt_from_cell(self, token: Token, node: Node) -> bool:
        """``b)`` whose ``a)`` was printed in a cell of the table row just before it
        (``35.1 | a) Cơ sở sản xuất công nghiệp … | N | 0,2`` / ``| b) Cơ sở sản xuất dệt
        may | N | 0,25``, Nghị định 105/2025/NĐ-CP, the insurance premium table): the list
        goes on under that row, so the next row's ``a)`` … ``d)`` repeat nothing."""
        previous = _previous_label(token)
        host = self.last
        if (
            previous is None or previous[0] != "point" or host is None
            or host.kind != "paragraph" or host.children
            or self._continued(token) is not None
            or not re.search(rf"(?:^|\|)\s*{previous[1]}\)\s", host.text)
        ):
            return False
        host.rank = node.rank - _ADOPTED
        while self.stack and host not in self.stack[-1].children:
            self.stack.pop()
        self.stack.append(host)
        self.cell_hosts.append(host)
        return True

    def _open_titled_document(self, node: Node) -> None:
        """``I.``/``A.``/``Chương I`` whose label is already taken where it would land, in an
        annex, after an unlabeled title (``HƯỚNG DẪN KÊ KHAI MẪU SỐ 01/TB-ĐVHT``, a bold
        ``CHI HỖ TRỢ ĐỐI VỚI …``): the title begins another document printed in the annex.
        It becomes a node of the form's rank, taking the paragraphs after it, so the new
        numbering restarts under it instead of repeating its predecessor's (``I_2``)."""
        if (
            not self.in_annex
            or node.kind not in _RESTARTING
            or node.label not in _RESTART_LABELS
            or _part(node) not in {_part(s) for s in self._landing(node.rank)}
        ):
            return
        start = next(
            (i for i, p in enumerate(self.since_label) if _reads_as_title(p.token)), None
        )
        if start is None:
            return
        moved = [placed.take_back() for placed in reversed(self.since_label[start:])][::-1]
        title = moved[0]
        title.kind, title.heading, title.texts = "form", title.text, []
        title.rank = RANK["form"]
        title.children = moved[1:]
        while self.stack and self.stack[-1].rank >= title.rank:
            self.stack.pop()
        self._add(title)

    def _landing(self, rank: float) -> list[Node]:
        """The children of the node a provision of ``rank`` would become a child of."""
        parent = next((n for n in reversed(self.stack) if n.rank < rank), None)
        return parent.children if parent else self.roots

    def feed_paragraph(self, token: Token, upcoming: Token | None) -> None:
        """An unlabeled paragraph inside a list whose next item follows it (``a)`` … text …
        ``b)``) continues the item before it; otherwise it is placed by how it reads."""
        if self.in_annex and guides.opens_guide(token):
            self._open_guide(token)
            return
        m = guides.LETTER_SUBHEADING.match(token.block.text)
        if m and self._feed_in_guide(replace(
            token, kind="subpoint", label=f"{m['letter']}.{m['number']}",
            heading=m["rest"].strip(), text="",
        )):
            return
        top = self.stack[-1] if self.stack else None
        if (
            top is not None
            and upcoming is not None
            and top.kind == upcoming.kind
            and top.kind in ("point", "subpoint", "numbered", "bullet", "enumeration")
            and top.rank == _rank(upcoming)
            and not top.children
            and not _empty_field(top)
            and not self._leads_in_a_repeat(token, upcoming)
        ):
            top.texts.append(token.text)
            top.spans.extend(token.block.spans)
            return
        if top is not None and upcoming is not None and self._leads_in_a_repeat(token, upcoming):
            self.feed(token)
            self.repeat_lead_in = self.last
            return
        if (
            top is not None
            and upcoming is not None
            and _lead_in_goes_on(top, upcoming)
            and not _NOTES.match(token.text)
        ):
            top.texts.append(token.text)
            top.spans.extend(token.block.spans)
            self.last = top
            return
        self.feed(token)

    def _leads_in_a_repeat(self, token: Token, upcoming: Token) -> bool:
        """``11. Bảng thuyết minh …`` / ``Riêng đối với quy định QDMTT, … khai theo hướng
        dẫn sau:`` / ``9. …`` / ``11. …`` (a form's guide, Nghị định 236/2025/NĐ-CP, Mẫu
        01/TM): a lead-in ending in a colon before labels already printed in this list is
        no text of the item above it; it announces the fields again, its own list."""
        top = self.stack[-1] if self.stack else None
        if (top is None or upcoming.kind not in _ADOPTABLE or top.kind != upcoming.kind
                or upcoming.label in _FIRST_LABELS):  # a list from "1." already restarts
            return False
        taken = {_part(s) for s in self._landing(_rank(upcoming))}
        return (token.text.rstrip().endswith(":")
                and ids.part_for("item" if upcoming.kind == "numbered" else upcoming.kind,
                                 upcoming.label) in taken
                and _previous_label(upcoming) != (upcoming.kind, top.label))

    def feed_quoted(self, token: Token) -> None:
        """A block inside a quotation continues the provision that opened it: the one
        whose text came last, even an unnumbered paragraph that is not kept open."""
        if self.last is None:
            self._attach_paragraph(token)
            return
        top = self.last
        top.texts.append(token.block.text)
        top.spans.extend(token.block.spans)

    def _in_clause(self) -> bool:
        """The open node is a clause: a numbered provision inside an article."""
        return (
            bool(self.stack)
            and self.stack[-1].kind == "numbered"
            and any(n.kind == "article" for n in self.stack)
        )

    def _attach_paragraph(self, token: Token) -> None:
        """A heading waiting for text takes it, and so does a provision with a heading and no
        children yet; otherwise the paragraph belongs beside the provisions above it."""
        text, spans = token.text, token.block.spans
        if self.row is not None and self.last is not None and token.block.line == self.row:
            self.last.texts.append(text)
            self.last.spans.extend(spans)
            return
        self.row = None
        while self.stack:
            top = self.stack[-1]
            if not top.children and (top.heading or not top.texts) and not _empty_field(top):
                self.since_label.append(_Placed(token, top, len(top.texts), len(top.spans)))
                top.texts.append(text)
                top.spans.extend(spans)
                self.last = top
                return
            if top.heading or top.kind in (
                "section", "article", "chapter", "part", "subchapter", "form", "example", "row",
                "gap",
            ):
                break
            self.stack.pop()
            if top.kind == "point" and self._in_clause():
                break  # after a clause's points ("Trường hợp …", "… khoản này"): the clause's
        node = _node(token, 98.0)
        siblings = self.stack[-1].children if self.stack else self.roots
        siblings.append(node)
        self.since_label.append(_Placed(token, node, 0, 0, siblings))
        self.last = node


@dataclass(eq=False)
class _Placed:
    """Where an unlabeled paragraph went: a node of its own among ``siblings``, or the
    text of ``owner`` from ``texts``/``spans`` on (``siblings`` None)."""

    token: Token
    owner: Node
    texts: int
    spans: int
    siblings: list[Node] | None = None

    def take_back(self) -> Node:
        """Undo the placing (the latest first) and return the paragraph as a node."""
        if self.siblings is not None:
            self.siblings.remove(self.owner)
            return self.owner
        node = _node(self.token, 98.0)
        node.texts = self.owner.texts[self.texts :]
        node.spans = self.owner.spans[self.spans :]
        del self.owner.texts[self.texts :], self.owner.spans[self.spans :]
        return node


# Where the search for the row a restarting list belongs to stops: a heading above it.
_ABOVE_ROWS = frozenset({"part", "chapter", "subchapter", "section", "article", "form",
                         "example"})


def rows_holding_restarts(tokens: list[Token], restarts: list[int]) -> frozenset[int]:
    """The first cells of the table rows (``Line.row``) that the restarting lists at
    ``restarts`` are printed in: the nearest row opened before each, with no heading
    between."""
    rows: set[int] = set()
    for i in restarts:
        for j in range(i - 1, -1, -1):
            token = tokens[j]
            if token.kind in _ABOVE_ROWS:
                break
            if token.kind == "paragraph" and token.block.lines[0].row is not None:
                rows.add(j)
                break
    return frozenset(rows)


def give_rows_their_numbers(tokens: list[Token], rows: frozenset[int]) -> list[Token]:
    """A dotted row number (``1.1.2``, kept in the text) is joined to the end of the cell
    before it (``c) Giờ cao điểm 1.1.2``): for a row that opens (``rows``), the number
    leaves that cell and becomes the row's printed label, as ``Điều 5.`` is an article's."""
    out = list(tokens)
    for j in rows:
        before = out[j - 1].block if j else None
        if before is None or len(before.lines) < 2:
            continue
        number = before.lines[-1]
        span = (number.start, number.end)
        if number.text.rstrip(".") != out[j].block.lines[0].row or before.spans[-1] != span:
            continue
        out[j - 1] = _without_last_line(out[j - 1])
        row = out[j].block
        out[j] = replace(out[j], block=replace(row, spans=[span, *row.spans]))
    return out


def _without_last_line(token: Token) -> Token:
    block = token.block
    cut = block.lines[-1].text

    def strip(text: str | None) -> str | None:
        return text[: -len(cut)].rstrip() if text is not None and text.endswith(cut) else text

    block = replace(block, text=strip(block.text) or block.text, lines=block.lines[:-1],
                    spans=block.spans[:-1])
    if token.text.endswith(cut):
        return replace(token, text=strip(token.text) or "", block=block)
    return replace(token, heading=strip(token.heading), block=block)


def _empty_field(node: Node) -> bool:
    """``(2)`` printed bare: blocks made it an empty field of a blank form (a bare label
    with text on the next line is joined to it there), so the paragraph after it is the
    form's, not its text (``classify._EMPTY_ENUMERATED``)."""
    return node.kind == "enumeration" and not node.texts and node.printed == f"({node.label})"


def _lead_in_goes_on(top: Node, upcoming: Token) -> bool:
    """A lead-in (``4. Hồ sơ … không chịu thuế:``), then a paragraph, then the list it
    announces (``a) …``): the paragraph goes on with the lead-in (``Trường hợp …, người
    khai hải quan nộp thêm:``, Thông tư 38/2015/TT-BTC, Điều 16), so the list stays under
    it instead of hanging beside the clauses (``c_2``, ``d_2``)."""
    return (
        top.kind in _ADOPTABLE | {"subpoint"}
        and not top.children
        and (top.text or top.heading or "").rstrip().endswith(":")
        and upcoming.kind in _ADOPTABLE
        and upcoming.label in _FIRST_LABELS
        and _rank(upcoming) > top.rank
    )


def _reads_as_title(token: Token) -> bool:
    """A title line: in capitals or emphasized, short, not ending a sentence."""
    text = token.block.text
    return (
        (is_upper(text) or token.block.emphasized)
        and len(text) <= _TITLE_MAX
        and text[-1] not in ".;:,"
    )
