"""The roles of the mentions in one clause: the subject's, then each verb's list; the
first role a mention gets is kept."""

from __future__ import annotations

from parsers.bodies import Mention
from parsers.duties.clauses import restates_request
from parsers.duties.model import Duty, make_duty
from parsers.duties.subject import proposed_then_done, subject_of, subject_role
from parsers.duties.tokens import CONNECTORS, Item, items_of, list_at, word_at
from parsers.duties.verbs import (
    GUIDE_WORDS,
    ORDER_WORDS,
    PASSIVE,
    REGISTER_WORDS,
    REPORT_SKIP,
    REPORT_WORDS,
    coordinated,
    directs_after,
    guided_at,
    is_legal_basis,
    issuer_advised,
    lead_after,
    lists_attendees,
    narrated,
    order_length,
    purpose_doers,
    registered_with,
    report_length,
    sent_to,
)

# The words a role can be read at: "chủ trì", "phối hợp", an order verb, a report, a
# guidance ("hướng dẫn các bộ … kết nối").
_TRIGGERS = (frozenset({"chu", "phoi", "de"}) | ORDER_WORDS | REPORT_WORDS | GUIDE_WORDS
             | REGISTER_WORDS)


def clause_duties(text: str, start: int, end: int, mentions: list[Mention]) -> list[Duty]:
    """The duties of the ``mentions`` inside ``text[start:end]`` (one clause)."""
    if restates_request(text, start, end):
        return []
    items = items_of(text, start, end, mentions)
    if is_legal_basis(items) or lists_attendees(items):
        return []
    roles: dict[int, Duty] = {}

    def mark(members: list[Item], role: str, ev_start: int, ev_end: int) -> None:
        for item in members:
            if item.mention and item.mention.start not in roles:
                roles[item.mention.start] = make_duty(item.mention, role, ev_start, ev_end, text,
                                                  item.position)

    subject, after = subject_of(text, items)
    if subject:
        role, stop = subject_role(text, items, subject, after, end)
        if role:
            mark(subject, role, subject[0].start, stop)
    proposed = proposed_then_done(text, items) if any(it.word == "tren" for it in items) else None
    if proposed is not None:  # "trên cơ sở đề xuất của X, Y tổng hợp": Y acts
        doer, role, stop = proposed
        mark(doer, role, doer[0].start, items[stop].end)
    for i, item in enumerate(items):
        if item.word not in _TRIGGERS:  # most words: every test below is false
            continue
        nxt = word_at(items, i + 1)
        if item.word == "chu" and nxt == "tri":  # "… do Bộ X chủ trì", "giao Bộ X chủ trì"
            j = i - 1
            while j >= 0 and (items[j].mention or items[j].word in CONNECTORS):
                j -= 1
            members = [it for it in items[j + 1 : i] if it.mention]
            if members and word_at(items, j) in PASSIVE:
                mark(members, "lead", members[0].start, items[i + 1].end)
            if word_at(items, i + 2) == "cung":  # "X chủ trì cùng Bộ Y và các bộ …"
                partners, _ = list_at(items, i + 3)
                if partners:
                    mark(partners, "coordinate", item.start, partners[-1].end)
            elif _leading_noun(items, i) and word_at(items, i + 2) == "cua":
                # "vai trò chủ trì của Bộ Công an", "dưới sự chủ trì của …": who leads
                members, _ = list_at(items, i + 3)
                if members:
                    mark(members, "lead", item.start, members[-1].end)
        elif item.word == "phoi" and nxt == "hop":
            members = coordinated(items, i + 2)
            if members:
                mark(members, "coordinate", item.start, members[-1].end)
        elif order_length(items, i) and not narrated(text, items, i):  # "giao Bộ X …"
            members, after = list_at(items, i + order_length(items, i))
            lead_at = lead_after(items, after)
            if lead_at is None:
                lead_at = directs_after(items, after)
            if members:
                stop = members[-1].end if lead_at is None else items[lead_at + 1].end
                mark(members, "implement" if lead_at is None else "lead", item.start, stop)
        elif guided_at(items, i):  # "hướng dẫn các bộ, ngành, địa phương kết nối …"
            members, _ = list_at(items, i + 2)
            mark(members, "implement", item.start, members[-1].end)
        elif registered_with(text, items, i):  # "đăng ký … qua Bộ X"
            members = registered_with(text, items, i)
            mark(members, "report_to", item.start, members[-1].end)
        elif purpose_doers(text, items, i):  # "ban hành để các địa phương thực hiện"
            members = purpose_doers(text, items, i)
            mark(members, "implement", item.start, members[-1].end)
        elif report_length(items, i):
            k = i + report_length(items, i)
            while k < len(items) and items[k].word in REPORT_SKIP and k - i < 8:
                k += 1
            members, _ = list_at(items, k)
            if not members:  # "gửi báo cáo kết quả thực hiện về Bộ Nội vụ"
                members = sent_to(items, k) or issuer_advised(items, k)
            if members:
                mark(members, "report_to", item.start, members[-1].end)
    return list(roles.values())


def _leading_noun(items: list[Item], i: int) -> bool:
    """Whether "chủ trì" at ``items[i]`` is a noun: "vai trò chủ trì", "sự chủ trì" (then
    the list after "của" leads: "vai trò chủ trì của Bộ Công an")."""
    return word_at(items, i - 1) == "su" or (
        word_at(items, i - 2), word_at(items, i - 1)) == ("vai", "tro")
