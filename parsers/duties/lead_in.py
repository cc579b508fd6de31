"""Duties a lead-in passes down to the items under it.

"Giao Đảng ủy Chính phủ lãnh đạo, chỉ đạo:" names the body once; the tasks below it do
not name it again, yet each is the Đảng ủy Chính phủ's to lead. The passed duty is marked
as such (``Passed``), keeps the lead-in's mention and evidence, and is counted in the item
only when the item gives the body no role of its own (the item's own words win, and a
body is never given the same role twice in one provision).

A lead-in is one of:

* **a colon**: a heading or a text that ends with ``:`` ("Bộ Chính trị giao Ban Tổ chức
  Trung ương:"), or whose first clause holds a ``:`` after the body it assigns ("Giao Đảng
  ủy Chính phủ: Chỉ đạo …"); what it gives the bodies before the colon passes down;
* **a sentence continued**: an unnumbered paragraph that ends with ``;`` ("Bộ Nội vụ chủ
  trì, phối hợp với các bộ, ngành, địa phương trình Chính phủ …;"), continued by the next
  unnumbered paragraphs up to the one that ends the sentence ("Ban hành Thông tư ….").

Where a colon's items are: its descendants when the tree nests them (a numbered heading
over its points); otherwise, in a text without numbering, the following siblings up to one
that starts an assignment of its own (an order, "Bộ Chính trị giao …", or a subject with a
role, "Đảng ủy Bộ Nội vụ chủ trì …") or is a lead-in itself. Only roles that act pass
(lead, coordinate, implement): a report is a step of the lead-in's own task. In an item
that opens with how the body acts ("Chủ trì, …", "Lãnh đạo, chỉ đạo …", "(Đôn đốc,) chỉ
đạo …"), and in the items under such an item, a lead-in body that was to implement leads
it. An item that names its own doer takes no implement from its lead-in.

An item is part of the order above it: an unnumbered paragraph whose roles were set aside
because nothing in its own wording orders work ("Chủ trì, phối hợp với Ban Tổ chức Trung
ương …;", "Báo cáo Bộ Chính trị trong quý II/2025.") keeps them (``Node.item_duties``)
when a lead-in passes it something.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice

from parsers import vntext
from parsers.duties.clauses import clauses
from parsers.duties.model import PASSED_ROLES, Duty
from parsers.duties.verbs import opens_with_order
from parsers.roles import role_of_heading

# Kinds of node that may hold items of a lead-in printed before them without numbering.
_UNNUMBERED = frozenset({"paragraph"})
# First words of an item that says the lead-in body leads it.
_LEADS = (("chu", "tri"), ("lanh", "dao"), ("chi", "dao"))
# Verbs an item may put before "chỉ đạo" and still be the lead-in body's direction of
# others: "Đôn đốc, chỉ đạo các đơn vị trực thuộc …", "Quán triệt, chỉ đạo cán bộ …",
# "Tiếp tục chỉ đạo …". "Thực hiện" opens them too ("Thực hiện đôn đốc, chỉ đạo …"), but
# not "chỉ đạo" itself: "Thực hiện chỉ đạo của Thủ tướng …" carries out another's.
_URGES = (("don", "doc"), ("quan", "triet"), ("tiep", "tuc"), ("khan", "truong"))
# Words naming the part a body plays before "chủ trì": "phát huy vai trò cơ quan thường
# trực (đầu mối) chủ trì …".
_ROLE_OF = frozenset({"co", "quan", "thuong", "truc", "dau", "moi"})
# An order in the first words of a paragraph: "Giao …", "Bộ Chính trị giao …", "Đồng
# thời, yêu cầu …" ("bàn giao", "được giao" are not orders).
_ORDER_OPENS = re.compile(r"\W*(?:\w+\W+){0,4}?(?<!ban )(?<!duoc )(?:giao|yeu cau|de nghi)\b")
# The issuer enacting ("Ban Bí thư quy định:", "Quốc hội ban hành …:") or a body's rights
# ("Công đoàn có quyền:"): the items below are the act's content, not tasks of the body.
_NOT_TASKS = (("quy", "dinh"), ("ban", "hanh"), ("quyet", "dinh"), ("quyet", "nghi"),
              ("ket", "luan"), ("co", "quyen"))


@dataclass(frozen=True, slots=True)
class Node:
    """What this module needs of a provision: its place in the tree, its printed heading
    and text, and the duties read from each (offsets into that heading or text)."""

    id: str
    parent_id: str | None
    kind: str
    label: str | None
    heading: str
    text: str
    heading_duties: tuple[Duty, ...] = ()
    text_duties: tuple[Duty, ...] = ()
    # The text's roles read as an order, when ``text_duties`` set them aside (a preamble
    # paragraph that orders nothing by itself): kept only if the node is an item.
    item_duties: tuple[Duty, ...] | None = None
    # The heading (or, without one, the text) is only a list of bodies over items
    # (``titles.title_doers``): a lead-in without a colon.
    titled: bool = False
    # The text opens with a body the registry does not know ("Ủy ban nhân dân thành phố
    # Hà Nội và Ủy ban nhân dân Thành phố Hồ Chí Minh cần tập trung …"): its own doer.
    unknown_subject: bool = False


@dataclass(frozen=True, slots=True)
class Passed:
    """``duty`` (offsets into ``source_id``'s heading when ``in_heading``, else its text)
    given to ``provision_id`` by the lead-in ``source_id``, with the role it has there."""

    provision_id: str
    source_id: str
    role: str
    duty: Duty
    in_heading: bool


@dataclass(frozen=True, slots=True)
class _Given:
    source_id: str
    duty: Duty
    in_heading: bool


@dataclass
class LeadIns:
    """What lead-ins do to a document: the duties they pass down, and the items whose own
    set-aside roles count (``items``: provision id → its ``item_duties``)."""

    passed: list[Passed] = field(default_factory=list)
    items: dict[str, tuple[Duty, ...]] = field(default_factory=dict)


def passed_down(nodes: Sequence[Node]) -> list[Passed]:
    """The duties each node receives from the lead-ins above or before it, in node order."""
    return read_lead_ins(nodes).passed


def read_lead_ins(nodes: Sequence[Node]) -> LeadIns:
    """The duties each node receives from the lead-ins above or before it, in node order,
    and the items that keep their own roles.

    Args:
        nodes: every provision of a document, in document order.
    """
    tree = _Tree(nodes)
    # Per node, one given duty per (body, role): the nearest lead-in's wins.
    received: dict[str, dict[tuple[str, str], _Given]] = defaultdict(dict)
    result = LeadIns()
    kept: dict[str, Node] = {}
    for node in nodes:  # document order: a lead-in has received before it passes on
        as_item = node.item_duties
        if as_item is not None and received.get(node.id):
            node = kept[node.id] = replace(node, text_duties=as_item)
            result.items[node.id] = as_item
            own = _lead_in(node)
        else:
            own = tree.lead_in(node)
        if node.text.rstrip(" *").endswith(";") and node.kind in _UNNUMBERED:
            # A continued sentence passes what it gives and what it was given to the next
            # paragraph, which passes it on in turn if the sentence goes on.
            nxt = _continued(node, tree)
            if nxt is not None:
                _give(received[nxt.id], [*(own or _acting(node)), *received[node.id].values()])
        elif own:
            for item in _items(node, tree):
                _give(received[item.id], own, nearer=True)
    for node in nodes:
        if node.id in received:
            result.passed += _receive(kept.get(node.id, node), received[node.id].values(),
                                      tree)
    return result


def _give(to: dict[tuple[str, str], _Given], given: Iterable[_Given],
          nearer: bool = False) -> None:
    """Add ``given`` to what a node received, one per (body, role). Lead-ins are read in
    document order, so a colon lead-in read later is nearer to its items than one that
    gave them the same pair before ("6. Các bộ, cơ quan, địa phương … cụ thể như sau:"
    over "c) Các bộ, cơ quan, địa phương:" over dashes): ``nearer`` lets it win."""
    new: dict[tuple[str, str], _Given] = {}
    for g in given:
        new.setdefault((g.duty.body_id, g.duty.role), g)
    for key, g in new.items():
        if nearer:
            to[key] = g
        else:
            to.setdefault(key, g)


class _Tree:
    """Children, siblings after a node, and what each node is as a lead-in, each worked
    out once: every step stays linear in the number of provisions."""

    def __init__(self, nodes: Sequence[Node]) -> None:
        self.children: dict[str | None, list[Node]] = defaultdict(list)
        self._place: dict[str, int] = {}
        for node in nodes:
            siblings = self.children[node.parent_id]
            self._place[node.id] = len(siblings)
            siblings.append(node)
        self._leads: dict[str, list[_Given]] = {}
        self._owns: dict[str, bool] = {}
        self._nodes = {node.id: node for node in nodes}
        self._opens_lead: dict[str, bool] = {}

    def directed(self, node: Node, source_id: str) -> bool:
        """Whether the lead-in body directs the work of ``node``: the node opens with how
        it acts ("Chủ trì, …", "Đôn đốc, chỉ đạo …"), or an item between it and the
        lead-in does ("Chỉ đạo Tổng công ty Cảng hàng không Việt Nam:" over "+ Khẩn trương
        hoàn tất …": the ministry leads what the corporation does)."""
        if self._opens(node):
            return True
        between: list[Node] = []  # only when the lead-in is an ancestor (not a sibling)
        current = self._nodes.get(node.parent_id or "")
        while current is not None and current.id != source_id:
            between.append(current)
            current = self._nodes.get(current.parent_id or "")
        return current is not None and any(self._opens(n) for n in between)

    def owned_between(self, node: Node, source_id: str) -> bool:
        """Whether a node between ``node`` and the lead-in ``source_id`` above it names its
        own doer (a title of bodies, "Ủy ban nhân dân các tỉnh …:", "Đề nghị X"), without
        opening with how the lead-in body directs it: the section's lead-in ("… các bộ, cơ
        quan trung ương … cần … thực hiện các nhiệm vụ, giải pháp sau đây:") does not reach
        the items of "- Bộ Công Thương"."""
        between: list[Node] = []  # only when the lead-in is an ancestor (not a sibling)
        current = self._nodes.get(node.parent_id or "")
        while current is not None and current.id != source_id:
            between.append(current)
            current = self._nodes.get(current.parent_id or "")
        return current is not None and any(
            n.titled or (self.starts_own(n) and not self._opens(n)) for n in between)

    def _opens(self, node: Node) -> bool:
        if node.id not in self._opens_lead:
            self._opens_lead[node.id] = _opens_with_lead(node.text)
        return self._opens_lead[node.id]

    def after(self, node: Node) -> Iterator[Node]:
        """The siblings after ``node``, read lazily (no copy of the rest of the list)."""
        return islice(self.children[node.parent_id], self._place[node.id] + 1, None)

    def lead_in(self, node: Node) -> list[_Given]:
        if node.id not in self._leads:
            self._leads[node.id] = _lead_in(node)
        return self._leads[node.id]

    def starts_own(self, node: Node) -> bool:
        if node.id not in self._owns:
            self._owns[node.id] = _starts_own(node)
        return self._owns[node.id]


def _lead_in(node: Node) -> list[_Given]:
    """What a colon lead-in gives: the acting duties before its colon; a title that only
    names bodies gives them."""
    if node.titled:
        in_heading = bool(node.heading_duties)
        duties = node.heading_duties if in_heading else node.text_duties
        return [_Given(node.id, d, in_heading) for d in duties if _passes(d)]
    heading = node.heading.rstrip(" *")
    if heading.endswith(":"):
        return [_Given(node.id, d, True) for d in node.heading_duties if _passes(d)]
    span = _colon_clause(node.text)
    if span is None or "co quyen" in vntext.fold(node.text[span[0]:span[1]]):
        return []  # "Cá nhân có quyền yêu cầu cơ quan nhà nước …:" lists rights
    given = [_Given(node.id, d, False) for d in node.text_duties
             if _passes(d) and span[0] <= d.start and d.end <= span[1]]
    return given or _subject_over(node, span)


def _subject_over(node: Node, span: tuple[int, int]) -> list[_Given]:
    """A colon clause with no body of its own goes on with the sentence's subject: "Ủy
    ban nhân dân các tỉnh, … chịu trách nhiệm toàn diện …; lồng ghép các mục tiêu … của
    địa phương, cụ thể:" (2530/QĐ-TTg IV.2.m) gives its items the bodies of the first
    clause, when that clause starts the text, the text is one sentence up to the colon,
    and the colon clause details that sentence ("cụ thể"); "…; trong đó lưu ý một số nội
    dung trọng tâm sau:" after a request to a standing board (634/TB-VPCP II) does not."""
    spans = clauses(node.text)
    if (not spans or spans[0][0] != 0 or spans[0] == span or "." in node.text[:span[0]]
            or "cu the" not in vntext.fold(node.text[span[0]:span[1]])):
        return []
    first = spans[0]
    return [_Given(node.id, d, False) for d in node.text_duties
            if _passes(d) and first[0] <= d.start and d.end <= first[1]]


def _colon_clause(text: str) -> tuple[int, int] | None:
    """The lead-in of a text, up to its colon: the last clause when the text ends with
    ``:`` ("… trong đó, cần tập trung một số nhiệm vụ sau:"), else the first clause when
    it holds one ("Giao Đảng ủy Chính phủ: Chỉ đạo …")."""
    if ":" not in text:
        return None
    spans = clauses(text)
    if not spans:
        return None
    stripped = text.rstrip(" *\n")
    if stripped.endswith(":"):
        return spans[-1][0], len(stripped)
    start, end = spans[0]
    at = text.find(":", start, end)
    return (start, at) if at >= 0 else None


def _acting(node: Node) -> list[_Given]:
    return [_Given(node.id, d, False) for d in node.text_duties if _passes(d)]


def _passes(duty: Duty) -> bool:
    """Whether a lead-in's duty goes to its items: an acting role, not the issuer enacting
    or a body's rights (the last two words of a subject's evidence are its verb)."""
    words = tuple(vntext.fold(duty.evidence).replace(",", " ").split()[-2:])
    return duty.role in PASSED_ROLES and words not in _NOT_TASKS


def _continued(node: Node, tree: _Tree) -> Node | None:
    """The unnumbered paragraph after ``node`` if it goes on with its sentence."""
    item = next(tree.after(node), None)
    if item is None or item.kind not in _UNNUMBERED or item.label or tree.starts_own(item):
        return None
    return item


def _items(node: Node, tree: _Tree) -> list[Node]:
    """The items of a colon lead-in: its descendants, or the siblings after it."""
    children = tree.children
    if children.get(node.id):
        return _descendants(node, children)
    if node.label:
        # A numbered lead-in without children printed its items in its own text ("2.1.
        # … các nhiệm vụ trọng tâm sau:" over bullets); the numbered siblings after it
        # are its peers, not its items.
        return []
    out: list[Node] = []
    kind: str | None = ""  # "" until the first item is seen
    for item in tree.after(node):
        if kind == "":
            # Items printed with a dash or a number after the lead-in: the run of them.
            kind = item.kind if item.label else None
        if (kind and item.kind != kind) or tree.starts_own(item) or tree.lead_in(item) or (
                role_of_heading(item.heading)):
            break  # a new assignment, or a new part ("7. Tổ chức thực hiện")
        out += [item, *_descendants(item, children)]
    return out


def _descendants(node: Node, children: dict[str | None, list[Node]]) -> list[Node]:
    out: list[Node] = []
    for child in children.get(node.id, ()):
        out += [child, *_descendants(child, children)]
    return out


def _starts_own(node: Node) -> bool:
    """Whether a node opens an assignment of its own: an order in its first clause, or a
    subject with a role ("Đảng ủy Bộ Nội vụ chủ trì", evidence from the subject on)."""
    if node.unknown_subject:
        return True
    spans = clauses(node.text)
    if not spans:
        return False
    end = spans[0][1]
    if _ORDER_OPENS.match(vntext.fold(node.text[spans[0][0]:end])):
        return True  # "Bộ Chính trị giao các cơ quan, ban đảng …" (whoever it names)
    firsts = {d.start for d in node.text_duties}
    return any(d.evidence_start < end and d.role != "mention"
               and (opens_with_order(d.evidence) or
                    (d.role in ("lead", "implement") and d.evidence_start in firsts))
               for d in node.text_duties)


def _receive(node: Node, given: Iterable[_Given], tree: _Tree) -> list[Passed]:
    """The passed duties a node keeps: none for a body the node gives a role itself, and
    no implement when the node names its own doer ("Trên cơ sở …, các bộ, ngành, địa
    phương nghiên cứu …" under "Đối với các bộ, ngành, Ủy ban nhân dân các tỉnh:"); a lead
    passed down still holds ("Đảng ủy Bộ Nội vụ chủ trì …" under "giao Đảng ủy Chính phủ
    lãnh đạo, chỉ đạo:")."""
    own = {(d.body_id, d.role) for d in (*node.text_duties, *node.heading_duties)
           if d.role != "mention"}
    owned = {body for body, _ in own}
    doer = node.titled or node.unknown_subject or _has_subject(node)
    out: dict[tuple[str, str], Passed] = {}
    for g in given:
        # A body the node gives a role itself keeps that role; but a title's body still
        # leads an item that opens with how it acts ("1. Bộ Xây dựng" / "a) Chủ trì, …;
        # giao Bộ trưởng Bộ Xây dựng quyết định …").
        if g.duty.body_id in owned and not (
                g.duty.role == "implement" and (g.duty.body_id, "lead") not in own
                and tree.directed(node, g.source_id)):
            continue
        role = g.duty.role
        if role == "implement" and tree.owned_between(node, g.source_id):
            continue  # a nearer heading names who does it: "a) Ủy ban nhân dân các tỉnh …"
        if role == "implement" and tree.directed(node, g.source_id):
            role = "lead"
        elif role == "implement" and doer:
            continue
        out.setdefault((g.duty.body_id, role),
                       Passed(node.id, g.source_id, role, g.duty, g.in_heading))
    return list(out.values())


def _has_subject(node: Node) -> bool:
    """Whether the node's text opens a clause with bodies that act (evidence from the
    subject on: "các bộ, ngành, địa phương nghiên cứu …")."""
    firsts = {d.start for d in node.text_duties}
    return any(d.role in ("lead", "implement") and d.evidence_start in firsts
               for d in node.text_duties)


def _opens_with_lead(text: str) -> bool:
    """Whether an item opens with how the body acts: "Chủ trì, …", "Lãnh đạo, chỉ đạo …",
    "Chỉ đạo …", also after urging verbs ("(Thực hiện) đôn đốc, chỉ đạo …")."""
    words = vntext.fold(text[:80]).replace(",", " ").split()
    words = [w for w in words if w.isalpha()]
    i = 2 if words[:2] == ["thuc", "hien"] and tuple(words[2:4]) in _URGES else 0
    while tuple(words[i : i + 2]) in _URGES:
        i += 2
    if words[i : i + 4] == ["phat", "huy", "vai", "tro"]:
        i += 4  # "Tiếp tục phát huy vai trò cơ quan Thường trực chủ trì, phối hợp với …"
        while i < len(words) and words[i] in _ROLE_OF:
            i += 1
    return tuple(words[i : i + 2]) in _LEADS
