"""``assign_roles``: the mentions of a provision, each with its role (the pipeline's entry)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from parsers.bodies import Mention, Registry, Unresolved, read_mentions
from parsers.duties.again import continued_roles, numbered_roles, second_roles
from parsers.duties.classify import clause_duties
from parsers.duties.clauses import clauses, joined, past_titles
from parsers.duties.model import ACTIVE_PROVISION_ROLES, PREAMBLE, Duty, make_duty
from parsers.duties.tables import table_duties
from parsers.duties.verbs import opens_with_order, states_plan


def assign_roles(
    text: str,
    registry: Registry,
    *,
    provision_role: str | None = None,
    mentions: Sequence[Mention] | None = None,
    unknown: Sequence[Unresolved] | None = None,
) -> list[Duty]:
    """Every body mentioned in ``text`` with its role and the span that decided it.

    Args:
        text: a provision's text (NFC); offsets refer to it.
        registry: from ``parsers.bodies.load_registry``.
        provision_role: the provision's role (``task``, ``implementation``, …) if known.
            A ``preamble`` paragraph keeps its roles only when its wording orders work
            (``ordered``): without numbering, the body of a Party text is all preamble.
        mentions: ``find_mentions(text, registry)``, when the caller has it already.
        unknown: the names ``read_mentions`` could not resolve (with ``mentions``). They
            hold their place in a list ("Chánh Văn phòng …; Giám đốc Sở X; Ủy ban nhân dân
            các xã … chịu trách nhiệm") and get no duty.

    Returns:
        One ``Duty`` per mention, in text order, then the second roles of subjects that
        act and also direct or help others (``again.second_roles``).
    """
    if mentions is None:
        mentions, unknown = read_mentions(text, registry)
    if provision_role not in (*ACTIVE_PROVISION_ROLES, PREAMBLE):
        return _mentioned(text, mentions)
    duties = _active(text, mentions, unknown or ())
    if provision_role == PREAMBLE and not ordered(text, duties):
        return _mentioned(text, mentions)
    return duties


def ordered(text: str, duties: Sequence[Duty]) -> bool:
    """Whether ``duties`` come from an order in the wording: some body leads ("Đảng ủy Bộ
    Nội vụ chủ trì", "giao X lãnh đạo, chỉ đạo"), a role's evidence opens with an order
    verb ("Bộ Chính trị yêu cầu các cấp ủy …", "giao Ban Tổ chức Trung ương"), or a
    role's clause states planned work (a deadline, "tham mưu", "chủ động" …: a summary of
    a plan drops the order verb). A preamble that only narrates ("Chính phủ ban hành Nghị
    định …", "sau khi nghe X báo cáo Bộ Chính trị …") has none of these."""
    spans = clauses(text)
    return any(d.role == "lead" or (d.role != "mention" and (
        opens_with_order(d.evidence) or states_plan(_clause_at(text, spans, d.evidence_start))))
        for d in duties)


def _clause_at(text: str, spans: list[tuple[int, int]], at: int) -> str:
    return next((text[s:e] for s, e in spans if s <= at < e), "")


def _mentioned(text: str, mentions: Sequence[Mention]) -> list[Duty]:
    return [make_duty(m, "mention", m.start, m.end, text) for m in mentions]


def _active(text: str, mentions: Sequence[Mention],
            unknown: Sequence[Unresolved]) -> list[Duty]:
    if not mentions:  # one duty per mention: a text naming no body needs no clause read
        return []
    named = sorted([*mentions, *(_placeholder(u) for u in unknown)],
                   key=lambda m: m.start)
    decided: dict[int, Duty] = {}
    for duty in table_duties(text, named):
        decided[duty.start] = duty
    starts = [m.start for m in named]  # sorted: mentions come in text order
    spans = clauses(text)  # read, never changed, by every step below
    for start, end in past_titles(text, joined(text, spans, named, starts), named, starts):
        within = named[bisect_left(starts, start) : bisect_left(starts, end)]
        inside = [m for m in within if m.start not in decided]
        if inside:
            for duty in clause_duties(text, start, end, inside):
                decided[duty.start] = duty
    duties = [decided.get(m.start) or make_duty(m, "mention", m.start, m.end, text)
              for m in mentions]
    return (duties + second_roles(text, spans, duties, named)
            + numbered_roles(text, spans, duties) + continued_roles(text, spans, duties))


def _placeholder(name: Unresolved) -> Mention:
    return Mention("", name.start, name.end, name.text, "")
