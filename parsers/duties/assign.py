"""``assign_roles``: the mentions of a provision, each with its role (the pipeline's entry)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from parsers.bodies import Mention, Registry, Unresolved, read_mentions
from parsers.duties.classify import clause_duties
from parsers.duties.clauses import clauses, joined
from parsers.duties.model import ACTIVE_PROVISION_ROLES, Duty, make_duty
from parsers.duties.tables import table_duties


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
        mentions: ``find_mentions(text, registry)``, when the caller has it already.
        unknown: the names ``read_mentions`` could not resolve (with ``mentions``). They
            hold their place in a list ("Chánh Văn phòng …; Giám đốc Sở X; Ủy ban nhân dân
            các xã … chịu trách nhiệm") and get no duty.

    Returns:
        One ``Duty`` per mention, in text order.
    """
    if mentions is None:
        mentions, unknown = read_mentions(text, registry)
    if provision_role not in ACTIVE_PROVISION_ROLES:
        return [make_duty(m, "mention", m.start, m.end, text) for m in mentions]
    named = sorted([*mentions, *(_placeholder(u) for u in unknown or ())],
                   key=lambda m: m.start)
    decided: dict[int, Duty] = {}
    for duty in table_duties(text, named):
        decided[duty.start] = duty
    starts = [m.start for m in named]  # sorted: mentions come in text order
    for start, end in joined(text, clauses(text), named, starts):
        within = named[bisect_left(starts, start) : bisect_left(starts, end)]
        inside = [m for m in within if m.start not in decided]
        if inside:
            for duty in clause_duties(text, start, end, inside):
                decided[duty.start] = duty
    return [decided.get(m.start) or make_duty(m, "mention", m.start, m.end, text) for m in mentions]


def _placeholder(name: Unresolved) -> Mention:
    return Mention("", name.start, name.end, name.text, "")
