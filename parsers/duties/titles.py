"""A title that only names bodies over the items below it: who does those items.

"a) Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương" printed as a heading over
dashed tasks, "- Bộ Công Thương" over "+" tasks, "1. Bộ trưởng, Thủ trưởng cơ quan ngang
bộ, …, Chủ tịch Ủy ban nhân dân các tỉnh …" over a)–đ), "Đề nghị Mặt trận Tổ quốc Việt Nam
tại địa phương" over "+" tasks, an article "Điều 74. Bộ Tài chính" or "Điều 7. Trách nhiệm
của Bộ X" over its clauses: the same as the title printed with a colon after it. The
caller decides that the node has items under it; without them such a line is a title or a
table cell, and names no duty.
"""

from __future__ import annotations

from collections.abc import Sequence

from parsers.bodies import Mention, Unresolved
from parsers.duties.model import Duty, make_duty
from parsers.duties.tokens import is_lead_in, items_of, list_at
from parsers.duties.verbs import order_length

# Words that may follow the list and still leave it the whole title: "Mặt trận Tổ quốc
# Việt Nam tại địa phương", "… ở trung ương" (a place, up to three words).
_PLACE = frozenset({"tai", "o"})
_PLACE_WORDS = 3
# "Trách nhiệm của Bộ Tài chính", "Nhiệm vụ, quyền hạn của …" over the duties: the same as
# the bodies alone ("Điều 74. Bộ Tài chính").
_DUTIES_OF = (("trach", "nhiem", "cua"), ("nhiem", "vu", "quyen", "han", "cua"),
              ("nhiem", "vu", "cua"))


def title_doers(title: str, mentions: Sequence[Mention],
                unknown: Sequence[Unresolved] = ()) -> list[Duty]:
    """The bodies a title names as doers (``implement``, evidence from the order word or
    the first body to the last), or [] when the title says anything but "[order] bodies
    [place]" (a colon, a verb, a stop: those are read by the other rules)."""
    stripped = title.rstrip(" *\n\t")
    if not mentions or not stripped or ":" in stripped or stripped[-1] in ".;?!,":
        return []
    named = sorted([*mentions, *(Mention("", u.start, u.end, u.text, "") for u in unknown)],
                   key=lambda m: m.start)
    items = items_of(title, 0, len(stripped), named)
    first = 0
    while first < len(items) and is_lead_in(items[first]) and items[first].word != "cac":
        first += 1
    start = first
    first += order_length(items, first) if first < len(items) else 0
    words = tuple(it.word for it in items[first : first + 6])
    first += next((len(p) for p in _DUTIES_OF if words[: len(p)] == p), 0)
    members, after = list_at(items, first)
    rest = items[after:]
    if not members or (rest and not (rest[0].word in _PLACE and len(rest) <= _PLACE_WORDS
                                      and not any(it.mention for it in rest))):
        return []
    ev_start = items[start].start
    return [make_duty(it.mention, "implement", ev_start, members[-1].end, title, it.position)
            for it in members if it.mention and it.mention.body_id]
