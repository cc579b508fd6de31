"""The subject of a clause (the list of bodies it opens with) and the role its verb gives
it."""

from __future__ import annotations

from parsers.duties.tokens import CONNECTORS, Item, is_lead_in, list_at
from parsers.duties.verbs import (
    DUTY_WORDS,
    announces,
    assigned_at,
    continues_list,
    describes,
    duty_words_at,
    enacts,
    find_lead,
    is_statement,
    order_length,
    supports,
)

# First words of an opening adverbial: "Ở …,", "Trên cơ sở …,", "Định kỳ …,", "Khi …,",
# "Theo Kế hoạch, trước ngày …,", "Về thực hiện sắp xếp …,", "Đối với các nhiệm vụ …,".
_INTRO = frozenset({"o", "tren", "trong", "dinh", "khi", "sau", "truoc", "de", "nham", "can",
                    "theo", "ve"})
# A subject followed by one of these is a noun phrase or a statement, not an order:
# "công đoàn cơ sở tại doanh nghiệp…" (a list item), "Công đoàn Việt Nam đã trưởng thành…".
# fmt: off
NOT_ORDERS = frozenset({
    "tai", "cua", "trong", "o", "ve", "la", "da", "dang", "duoc", "bi", "nhu", "thi", "nay",
    "do", "khi", "voi", "truc", "thuoc", "va", "cung", "hay", "hoac", "con",
})
# fmt: on
# Words that put a body inside a member of a subject: "Tổ đảng ở …", "các cơ quan thuộc …".
_INSIDE = frozenset({"o", "cua", "thuoc", "tai"})


def subject_role(
    text: str, items: list[Item], subject: list[Item], after: int, end: int
) -> tuple[str | None, int]:
    """The role of the clause's subject and where its evidence ends."""
    labelled = label_role(text, items, subject)
    if labelled:  # "- Cơ quan chủ trì: Bộ Công an."
        return labelled, subject[-1].end
    words = [it.word for it in items[after : after + 12]]
    # "Bộ Quốc phòng, Bộ Công an theo chức năng, nhiệm vụ, thẩm quyền chủ trì …"
    # "… căn cứ quy định tại Điều 4 của Nghị định số 255/2025/NĐ-CP chỉ đạo …"
    reach = 10 if words[:1] == ["theo"] else 20 if words[:2] == ["can", "cu"] else 4
    if tuple(words[:3]) in DUTY_WORDS:  # "… có trách nhiệm lãnh đạo, chỉ đạo …"
        reach = 7
    window = items[after : after + reach]
    # The verb must be the subject's own: in "Bộ Chính trị giao Đảng ủy Chính phủ lãnh
    # đạo, chỉ đạo" the lead belongs to the body after "giao".
    named = next((k for k, it in enumerate(window) if it.mention), len(window))
    trigger = find_lead([it.word for it in window[:named]])
    resumed = _past_adverbial(items, after) if trigger is None else None
    if resumed is not None:  # "X, Y trên cơ sở đề xuất … của các bộ, ngành, địa phương,
        lead = find_lead([it.word for it in items[resumed : resumed + 4]])  # chủ trì …"
        if lead is not None and not any(it.mention for it in items[resumed : resumed + lead]):
            return "lead", items[resumed + lead].end
    if trigger is not None:
        if announces(items, after + trigger + 1):  # "Thủ tướng Chính phủ chỉ đạo như sau:"
            return None, 0
        return "lead", items[after + trigger].end
    gap_end = items[after].start if after < len(items) else end
    if ":" in text[subject[-1].end : gap_end]:  # "Ủy ban nhân dân các tỉnh …: a) …"
        return "implement", subject[-1].end
    assigned = assigned_at(items, after)
    if assigned is not None:  # "X được giao nghiên cứu …": X is given the task
        return "implement", items[assigned].end
    if _with_others(items, after):  # "Bộ Giáo dục và Đào tạo và các cơ sở giáo dục, đào
        return "implement", subject[-1].end  # tạo lồng ghép …": together with others
    if after >= len(items) or items[after].mention or (
            items[after].word in NOT_ORDERS and not _supplies(items, after)) or _placed(
            items, after):
        return None, 0
    # "Bộ Chính trị, Ban Bí thư cơ bản nhất trí với …"; "Hội đồng nhân dân cấp tỉnh tổ chức
    # 3-4 ban …"
    if is_statement(items, after) or describes(items, after) or enacts(items, after):
        return None, 0
    if "," in text[subject[-1].end : gap_end] and {
        it.word for it in items[after : after + 4]
    } & {"duoc", "bi"}:  # "Chủ tịch … cấp tỉnh, cấp huyện được mời …": passive
        return None, 0
    # "Thủ tướng Chính phủ yêu cầu …" gives the order; "Chính phủ trân trọng đề nghị …"
    # asks politely, still an order; "Văn phòng Chính phủ trân trọng thông báo để các đồng
    # chí biết" is the issuer's closing courtesy: the issuer does none of it.
    # "Văn phòng Chính phủ thông báo để Ủy ban nhân dân tỉnh … biết, thực hiện" (623/TB-VPCP)
    # is the same closing without the courtesy.
    if order_length(items, after) or words[:2] == ["tran", "trong"] or (
            words[:3] == ["thong", "bao", "de"]):
        return None, 0
    helps = supports(items, after)
    if helps is not None:  # "… có trách nhiệm phối hợp tổ chức thực hiện"
        return "coordinate", items[helps].end
    return "implement", items[min(after + 1, len(items) - 1)].end


_PLACE_WORDS = frozenset({"tinh", "thanh", "pho", "xa", "phuong", "dac", "khu", "ca", "nuoc",
                          "huyen", "quan", "thi", "tran", "dia"})


def _placed(items: list[Item], after: int) -> bool:
    """Whether the clause ends with where the subject is ("Ủy ban nhân dân xã, phường trên
    địa bàn thành phố;", Kế hoạch 157/KH-UBND II.1.a, those who compete): a noun phrase."""
    words = [it.word for it in items[after:]]
    return words[:3] == ["tren", "dia", "ban"] and len(words) <= 6 and all(
        w in _PLACE_WORDS for w in words[3:])


def _supplies(items: list[Item], after: int) -> bool:
    """Whether "cung" at ``items[after]`` is "cung cấp" (to supply), a verb, and not "cùng"
    (together) that folds the same: "Ủy ban nhân dân xã, phường cung cấp danh sách …"."""
    return [it.word for it in items[after : after + 2]] == ["cung", "cap"]


# A plan's label that says how the bodies after it act: "Cơ quan chủ trì:", "Cơ quan thực
# hiện:", "Cơ quan phối hợp:", "Đơn vị chủ trì thực hiện:", "Trách nhiệm thực hiện:".
_LABEL_WORDS = frozenset({"co", "quan", "don", "vi", "chu", "tri", "thuc", "hien", "phoi",
                          "hop", "trach", "nhiem"})
_LABEL_ROLES = {("chu", "tri"): "lead", ("thuc", "hien"): "implement",
                ("phoi", "hop"): "coordinate"}


def label_role(text: str, items: list[Item], subject: list[Item]) -> str | None:
    """The role a label printed before the subject and a colon gives it ("Cơ quan chủ trì:
    Bộ Công an." → lead; "Cơ quan thực hiện: Bộ Công an, Bộ Tư pháp, … và các cơ quan báo
    chí …" → implement; "Cơ quan phối hợp: …" → coordinate), whatever follows the list.
    Only a label made of these words: "Thời gian thực hiện:", "Nội dung:" name no doer."""
    k = next(i for i, it in enumerate(items) if it is subject[0])
    if k < 2 or ":" not in text[items[k - 1].end : subject[0].start]:
        return None
    words = [it.word for it in items[:k] if not it.word.isdigit() and len(it.word) > 1]
    if not words or not set(words) <= _LABEL_WORDS or not ({"co", "don", "trach"} & set(words)):
        return None
    return _LABEL_ROLES.get((words[-2], words[-1])) if len(words) >= 2 else None


# Words that make "X và các <others> …" a statement or a name, not the subject's work.
_STATES = frozenset({"da", "dang", "duoc", "bi", "la", "cua", "thuoc", "tai", "trong", "o"})


def _with_others(items: list[Item], after: int) -> bool:
    """Whether the subject goes on with "và các <others the registry lacks> <verb>": no
    body, and no word of a statement or a noun phrase, in the next ten words."""
    if [it.word for it in items[after : after + 2]] != ["va", "cac"]:
        return False
    rest = items[after + 2 : after + 12]
    return len(rest) == 10 and not any(it.mention or it.word in _STATES for it in rest)


# Openings of a phrase between a subject and its verb that may name other bodies: "trên
# cơ sở đề xuất của các bộ, …,", "căn cứ …,", "trong phạm vi …,".
_ADVERBIALS = (("tren", "co", "so"), ("can", "cu"), ("trong", "pham", "vi"))


def _past_adverbial(items: list[Item], after: int) -> int | None:
    """Index of the first word after the comma that closes a phrase opening at ``after``
    ("trên cơ sở …, chủ trì tổng hợp"), within 30 words; None without such a phrase."""
    words = tuple(it.word for it in items[after : after + 3])
    if not any(words[: len(a)] == a for a in _ADVERBIALS):
        return None
    for k in range(after + 1, min(after + 30, len(items) - 1)):
        if items[k + 1].start - items[k].end >= 2 and not items[k + 1].mention:
            return k + 1  # punctuation, then a word (a body would go on the phrase's list)
    return None


def subject_of(text: str, items: list[Item]) -> tuple[list[Item], int]:
    """The list of bodies that is the clause's subject, and the index of the word after it.

    At the start ("Ban Tổ chức Trung ương chủ trì …"), or after an opening adverbial that
    ends in a comma ("Ở những nơi chưa có tổ chức đảng, Đảng lãnh đạo …").
    """
    first = _after_label(text, items)
    while first < len(items) and is_lead_in(items[first]):
        first += 1
    subject, after = list_at(items, first)
    opening = {it.word for it in items[: first + 1]}  # "1. Trên cơ sở …", "Ở những nơi …"
    if subject:
        return _with_offices(text, items, subject, after)
    addressed = _addressed(text, items, first)
    if addressed[0]:
        return addressed
    regarding = [it.word for it in items[first : first + 2]] == ["doi", "voi"]  # not "Đổi mới"
    if not (opening & _INTRO or regarding) or _names_people(items, first):
        return subject, after
    i = 1
    while i < len(items):
        gap = text[items[i - 1].end : items[i].start]
        # A list that goes on after the comma is not a subject: in "định kỳ báo cáo Bộ
        # Chính trị, Ban Bí thư đánh giá …" Ban Bí thư is reported to. "Khi …, … thì X
        # tiếp tục chỉ đạo": the opening ends at "thì" as at a comma.
        if ("," in gap or items[i - 1].word == "thi") and items[i].mention:
            if continues_list(items, i):  # the opening has ended: no subject after it
                return [], 0
            if regarding and items[i - 1].mention:  # "Đối với dự án … do Quốc hội, Thủ
                i += 1  # tướng Chính phủ quyết định …": a list inside the opening
                continue
            subject, after = list_at(items, i)
            if after < len(items) and items[after].word not in NOT_ORDERS:
                return subject, after
            # A list read from any later mention of it ends at the same word and fails the
            # same way: skip it (rereading it from each mention was quadratic).
            i = after
            continue
        i += 1
    return [], 0


def _with_offices(
    text: str, items: list[Item], subject: list[Item], after: int
) -> tuple[list[Item], int]:
    """A subject that goes on, past names the registry lacks, to its duty words: "Các
    thành viên Đảng đoàn Quốc hội, Tổ trưởng Tổ đảng ở Thường trực Hội đồng Dân tộc, các Ủy
    ban của Quốc hội, Chủ nhiệm Văn phòng Quốc hội, Lãnh đạo các cơ quan …, Trưởng Đoàn …
    có trách nhiệm lãnh đạo, chỉ đạo …". Each member opening with a body (or an office of
    one) is a subject; a body inside a member ("Tổ đảng ở Thường trực Hội đồng Dân tộc") is
    not, nor is one that goes on that member's list ("…, các Ủy ban của Quốc hội"). The
    subject's verb is read from the duty words on."""
    if after >= len(items) or ("," not in text[subject[-1].end : items[after].start]
                                and items[after].word != "va"):
        # "Đài Truyền hình Việt Nam, Đài Tiếng nói Việt Nam và các cơ quan thông tấn, báo
        # chí … có trách nhiệm …": a last member the registry lacks, after "và".
        return subject, after
    duty = duty_words_at(items, after)
    if duty is None:
        return subject, after
    members = list(subject)
    inside = False  # the member before ended with "ở/của/thuộc <body>"
    starts = True
    for k in range(after, duty):
        item = items[k]
        if starts and item.word != "cac":
            if item.mention and (item.position or not inside):
                members.append(item)
            elif not item.mention:
                inside = False
            starts = False
        if item.word in _INSIDE:
            inside = True
        if k + 1 < duty and "," in text[item.end : items[k + 1].start]:
            starts = True
    return members, duty


def _addressed(text: str, items: list[Item], first: int) -> tuple[list[Item], int]:
    """The bodies of "Đối với <bodies>:" over the tasks they are to do ("(3) Đối với các
    bộ, ngành, Ủy ban nhân dân các tỉnh, thành phố:"): the list is the subject when a
    colon ends it and the clause. "Đối với việc …:", "Đối với hồ sơ do Bộ X tiếp nhận:"
    name no subject; "Đối với cơ quan Bộ Tài chính: Trưởng Phòng Lưu trữ" says who, in
    that body, a rule means."""
    if [it.word for it in items[first : first + 2]] != ["doi", "voi"]:
        return [], 0
    subject, after = list_at(items, first + 2)
    if subject and after == len(items) and text[subject[-1].end :].strip(" *\n") == ":":
        return subject, after
    return [], 0


def _names_people(items: list[Item], first: int) -> bool:
    """Whether the clause opens with "cán bộ" (folded like "căn", "cần" that open an
    adverbial): "Cán bộ diện Bộ Chính trị, Ban Bí thư quản lý …" names whom a rule covers,
    and the bodies in it are no subject."""
    return [it.word for it in items[first : first + 2]] == ["can", "bo"]


def _after_label(text: str, items: list[Item]) -> int:
    """Index of the first item after a short label that ends in ":" ("Bước 2:",
    "Trình tự thực hiện: Bước 1:"), or 0: no body, at most six words before it."""
    first = 0
    for k in range(1, min(len(items), 8)):
        if items[k - 1].mention:
            break
        if ":" in text[items[k - 1].end : items[k].start]:
            first = k
    return first


def proposed_then_done(text: str, items: list[Item]) -> tuple[list[Item], str, int] | None:
    """The body that acts after "trên cơ sở <đề xuất> của X, Y <verb>" inside a clause
    ("…, trên cơ sở đề xuất của Bộ Khoa học và Công nghệ, Bộ Tài chính tổng hợp, trình …",
    Thông báo 624/TB-VPCP III.6.b): Y, the last member after a comma, with its role (lead
    before "chủ trì", else implement) and the index where its evidence ends; X only
    proposes (the basis, no duty of its own here). None without such a phrase."""
    for i in range(len(items) - 3):
        if tuple(it.word for it in items[i : i + 3]) != ("tren", "co", "so"):
            continue
        of = next((k for k in range(i + 3, min(i + 9, len(items)))
                   if items[k].word == "cua" and not items[k].mention), None)
        if of is None:
            return None
        members, after = list_at(items, of + 1)
        if len(members) < 2 or after >= len(items) or items[after].mention:
            return None
        verb = items[after].word
        last, before = members[-1], members[-2]
        if verb in NOT_ORDERS or verb in CONNECTORS or "," not in text[before.end : last.start]:
            return None
        lead = find_lead([it.word for it in items[after : after + 4]])
        if lead is not None:
            return [last], "lead", after + lead
        return [last], "implement", after
    return None
