"""The verbs that give a role, and the list each one governs: "chủ trì", "lãnh đạo, chỉ
đạo" (lead), "phối hợp (với)" (coordinate), "báo cáo", "trình", "gửi … về" (report to),
"yêu cầu", "giao", "đề nghị" (an order: the list after it acts)."""

from __future__ import annotations

import re

from parsers import vntext
from parsers.duties.tokens import CONNECTORS, Item, list_at, word_at

LEAD_VERBS = (("lanh", "dao"), ("chi", "dao"))
REPORT_SKIP = frozenset(
    {"ket", "qua", "voi", "ve", "len", "cho", "va", "kien", "nghi", "thuc", "hien", "de", "xuat"}
)
# Order verbs: their object list is told to act ("yêu cầu các bộ, ngành …").
# "chỉ đạo các cơ quan liên quan tổng hợp": the bodies directed act (the director leads).
# "Quốc hội kêu gọi đồng bào …": an appeal by the issuer, whoever it names acts.
_ORDERS = frozenset({("yeu", "cau"), ("de", "nghi"), ("chi", "thi"), ("chi", "dao"),
                     ("keu", "goi")})
# The words ``order_length`` and ``is_report`` can be non-zero at (any other word: 0).
ORDER_WORDS = frozenset({first for first, _ in _ORDERS} | {"giao"})
# First words of what ``report_length`` reads ("báo cáo", "trình", "gửi", "tham mưu") and
# of what ``guided_at`` reads ("hướng dẫn"): where ``clause_duties`` looks at all.
REPORT_WORDS = frozenset({"bao", "trinh", "gui", "tham", "phan"})
GUIDE_WORDS = frozenset({"huong", "don", "kiem", "ho", "khuyen"})
# An order verb at the start of an evidence span: "giao …", "yêu cầu …", "đề nghị …".
_OPENS_ORDER = re.compile(r"(?:giao|yeu cau|de nghi|chi thi)\b")
# Words before "X chủ trì" that make X the lead: "do X chủ trì", "giao X chủ trì".
PASSIVE = frozenset({"do", "giao", "cho", "de"})
# "chương trình", "quá trình", "công trình" … are nouns, not "submit to".
_NOT_SUBMIT = frozenset({"chuong", "qua", "cong", "lo", "quy", "tien", "giao", "hanh", "lich"})
# Verbs of the issuer's own view, not orders to the subject.
_STATEMENTS = frozenset({("nhat", "tri"), ("ghi", "nhan"), ("danh", "gia"), ("ket", "luan"),
                         ("bieu", "duong"), ("tan", "thanh")})
# Words allowed between "giao <bodies>" and "chủ trì": "Giao X tiếp tục chủ trì",
# "giao X là cơ quan chủ trì", "giao X khẩn trương chủ trì"; "Đề nghị Ủy ban Trung ương Mặt
# trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội thành viên chủ trì" (2530/QĐ-TTg).
_LEAD_FILLERS = frozenset({"tiep", "tuc", "khan", "truong", "truc", "la", "co", "quan",
                           "dau", "moi", "thuong", "xuyen", "chu", "dong", "thanh", "vien"})
# "Căn cứ Luật …", "Căn cứ Nghị định …", "Căn cứ đề nghị của …": a legal basis, never an
# assignment; "Căn cứ chức năng, nhiệm vụ, các bộ …" is one, and goes on.
_BASIS = frozenset({"luat", "nghi", "quyet", "hien", "dieu", "quy", "thong", "de", "to",
                    "bao", "ket", "chi", "van", "cong", "y", "chuong", "ke", "bo", "phap"})


def is_legal_basis(items: list[Item]) -> bool:
    """Whether the clause opens with "Căn cứ" + an act or a body ("Căn cứ Luật …")."""
    i = 0
    while i < len(items) and (items[i].word.isdigit() or len(items[i].word) == 1):
        i += 1  # a label: "1.", "a)", "-"
    if (word_at(items, i), word_at(items, i + 1)) != ("can", "cu"):
        return False
    nxt = items[i + 2] if i + 2 < len(items) else None
    return nxt is None or nxt.mention is not None or nxt.word in _BASIS


# Openings of a clause that lists who attended ("Cùng dự buổi làm việc có lãnh đạo các Bộ,
# cơ quan: …, Văn phòng Chính phủ", Thông báo 623/TB-VPCP, 634/TB-VPCP): those present are
# named, not given work.
_ATTENDED = (("cung", "du"), ("cung", "tham", "du"), ("tham", "du"), ("du", "hop", "co"),
             ("du", "buoi"))


def lists_attendees(items: list[Item]) -> bool:
    """Whether the clause opens by saying who attended ("Cùng dự …", "Tham dự …")."""
    i = 0
    while i < len(items) and (items[i].word.isdigit() or len(items[i].word) == 1):
        i += 1
    words = tuple(it.word for it in items[i : i + 3] if not it.mention)
    return any(words[: len(a)] == a for a in _ATTENDED)


# "Giao X, Y theo chức năng, nhiệm vụ và thẩm quyền chủ trì, phối hợp với …" (Thông báo
# 636/TB-VPCP): the remit of those named, skipped before "chủ trì" whatever its length.
_REMIT = frozenset({"theo", "chuc", "nang", "nhiem", "vu", "va", "tham", "quyen", "han",
                    "duoc", "giao"})


def _past_remit(items: list[Item], k: int) -> int:
    """Index after a "theo chức năng, nhiệm vụ …" phrase starting at ``k`` (``k`` if none)."""
    if (word_at(items, k), word_at(items, k + 1), word_at(items, k + 2)) != ("theo", "chuc",
                                                                            "nang"):
        return k
    while k < len(items) and not items[k].mention and items[k].word in _REMIT:
        k += 1
    return k


def lead_after(items: list[Item], after: int) -> int | None:
    """Index of "chủ trì" (or "lãnh đạo", "chỉ đạo") right after a list, past up to four
    filler words and the remit of those named."""
    k = after = _past_remit(items, after)
    while k < len(items) and k - after <= 4:
        pair = (word_at(items, k), word_at(items, k + 1))
        if pair == ("chu", "tri") or pair in LEAD_VERBS:  # "Giao X lãnh đạo, chỉ đạo"
            return k
        if items[k].mention or items[k].word not in _LEAD_FILLERS:
            return None
        k += 1
    return None


def directs_after(items: list[Item], after: int) -> int | None:
    """Index of a later "chỉ đạo <bodies>" in the clause of an order ("Giao Đảng ủy Chính
    phủ tiếp thu ý kiến Bộ Chính trị, chỉ đạo Bộ Nội vụ rà soát …"): the bodies ordered
    direct others, so they lead. Not when a body printed right before it (no comma) is its
    own subject, or another order comes first."""
    for k in range(after, len(items) - 2):
        if (items[k].word, items[k + 1].word) == ("chi", "dao") and word_at(items, k - 1) != "ban":
            own = items[k - 1].mention and items[k].start - items[k - 1].end <= 1  # "X chỉ đạo"
            return k if not own and list_at(items, k + 2)[0] else None
        if k > after and order_length(items, k):
            return None
    return None


# Words before "hướng dẫn" that make it a noun or name whose guidance it is: "theo hướng
# dẫn", "văn bản hướng dẫn", "ban hành hướng dẫn", "tài liệu hướng dẫn".
_GUIDANCE = frozenset({"theo", "ban", "hanh", "lieu", "cac"})
# Words after the guided list that end it without an action: "hướng dẫn Bộ X về …".
_NO_ACTION = frozenset({"ve", "cua", "tai", "theo", "trong", "o", "nay", "do", "la"})


# "hướng dẫn", "đôn đốc", "kiểm tra" <bodies> <verb>: those guided, urged or checked act.
_GUIDES = (("huong", "dan"), ("don", "doc"), ("kiem", "tra"))
# … and those helped or encouraged, when the action follows the list with no comma:
# "hỗ trợ các địa phương tiếp nhận, vận chuyển …", "Khuyến khích các địa phương căn cứ …
# để hỗ trợ …"; "hỗ trợ các địa phương, bảo đảm nhanh chóng" helps them (no duty).
_HELPS = (("ho", "tro"), ("khuyen", "khich"))
# Words after a helped list that say which ones are helped, not what they do: "nơi …",
# "thuộc phạm vi …", "được miễn …", "để …" (the help's purpose).
_RECEIVE = frozenset({"noi", "thuoc", "duoc", "bi", "de", "co"})


def guided_at(items: list[Item], i: int) -> bool:
    """Whether ``items[i]`` opens "hướng dẫn <bodies> <verb>" ("hướng dẫn các bộ, ngành,
    địa phương kết nối Hệ thống …"), "đôn đốc <bodies> <verb>" ("chủ động đôn đốc các
    địa phương gửi hồ sơ …") or "kiểm tra <bodies> <verb>" ("theo dõi, đôn đốc, kiểm tra
    các bộ, cơ quan, địa phương thực hiện nhiệm vụ …"): the bodies guided, urged or
    checked are to act."""
    pair = (items[i].word, word_at(items, i + 1))
    if pair not in _GUIDES and pair not in _HELPS:
        return False
    if word_at(items, i - 1) in _GUIDANCE:
        return False
    members, after = list_at(items, i + 2)
    nxt = items[after] if after < len(items) else None
    if pair in _HELPS and nxt is not None and (
            nxt.start - items[after - 1].end >= 2 or nxt.word in _RECEIVE):
        return False  # punctuation, or who they are: "hỗ trợ công đoàn cơ sở nơi được miễn"
    return bool(members) and nxt is not None and not nxt.mention and (
        nxt.word not in _NO_ACTION)


# What bodies do "so that" a text is issued: "ban hành để các địa phương (trong đó có tỉnh
# Đắk Lắk) thực hiện" (Thông báo 623/TB-VPCP III.5).
_CARRY_OUT = frozenset({("thuc", "hien"), ("trien", "khai"), ("ap", "dung"), ("thi", "hanh"),
                        ("to", "chuc")})


def purpose_doers(text: str, items: list[Item], i: int) -> list[Item]:
    """The bodies after "để" that are to carry out what is done for them ("… ban hành để
    các địa phương thực hiện"), past a remark in brackets after them; [] otherwise ("để
    các đồng chí biết", "để tổng hợp", "tạo điều kiện để công đoàn cơ sở thực hiện quyền").
    """
    if text[items[i].start : items[i].end].lower() != "để" or (
            word_at(items, i - 2), word_at(items, i - 1)) == ("dieu", "kien"):
        return []  # "tạo điều kiện để công đoàn cơ sở thực hiện quyền …": helped, not tasked
    members, after = list_at(items, i + 1)
    if not members or after >= len(items):
        return []
    closing = text.find(")", members[-1].end, items[after].start + 200)
    if "(" in text[members[-1].end : items[after].start] and closing > 0:
        while after < len(items) and items[after].start < closing:
            after += 1  # "(trong đó có tỉnh Đắk Lắk)"
    if word_at(items, after + 2) == "quyen":  # "… thực hiện quyền, trách nhiệm": their rights
        return []
    return members if (word_at(items, after), word_at(items, after + 1)) in _CARRY_OUT else []


REGISTER_WORDS = frozenset({"dang"})


def registered_with(text: str, items: list[Item], i: int) -> list[Item]:
    """The bodies a registration goes to: "đăng ký với X", and "đăng ký … qua X" within
    fifteen words ("đăng ký nhu cầu kinh phí qua Bộ Khoa học và Công nghệ"; "đăng ký với
    Chính phủ (qua Bộ Xây dựng) các công trình …"): both receive it, as one reported to.
    "qua" is read as printed: folded, "kết quả" would look the same."""
    if (items[i].word, word_at(items, i + 1)) != ("dang", "ky"):
        return []
    found: list[Item] = []
    k = i + 2
    if word_at(items, k) == "voi":
        found, k = list_at(items, k + 1)
    for j in range(k, min(k + 15, len(items))):
        if items[j].mention:
            break
        if text[items[j].start : items[j].end].casefold() == "qua":
            found += list_at(items, j + 1)[0]
            break
    return found


def sent_to(items: list[Item], k: int) -> list[Item]:
    """The list after "về" within fifteen words of a report verb, if no body comes first."""
    return _list_after(items, k, "ve", 15)


def issuer_advised(items: list[Item], k: int) -> list[Item]:
    """The issuer of the act a report verb drafts: "Tham mưu ban hành Nghị định của Chính
    phủ", "trình ban hành Quyết định của Thủ tướng Chính phủ" (the draft goes to it)."""
    if (word_at(items, k), word_at(items, k + 1)) != ("ban", "hanh"):
        return []
    return _list_after(items, k + 2, "cua", 10)


def _list_after(items: list[Item], k: int, word: str, reach: int) -> list[Item]:
    """The list after ``word`` found within ``reach`` words from ``items[k]``, unless a
    body comes first (then the verb's list was another)."""
    for j in range(k, min(k + reach, len(items))):
        if items[j].mention:
            return []
        if items[j].word == word:
            return list_at(items, j + 1)[0]
    return []


def continues_list(items: list[Item], i: int) -> bool:
    """Whether ``items[i]`` goes on a list of bodies that a report or order verb opened."""
    j = i - 1
    while j >= 0 and (items[j].mention or items[j].word in CONNECTORS):
        j -= 1
    if j == i - 1:
        return False
    if _coordinates_at(items, j) or (word_at(items, j - 1), word_at(items, j)) == (
            "de", "xuat"):  # "phối hợp với Hội đồng Dân tộc, các Ủy ban …", "đề xuất X, Y …"
        return True
    if word_at(items, j) == "cua" and word_at(items, j - 1) in _OWNED:
        return True  # "Nhằm nâng cao … trách nhiệm của các cấp ủy đảng, chính quyền, …"
    return is_report(items, j - 1) or is_report(items, j) or bool(
        order_length(items, j - 1) or order_length(items, j))


# Nouns whose owners a list after "của" names, inside an opening phrase: "vai trò, trách
# nhiệm của X, Y" (Kế hoạch 157/KH-UBND I.1.a, a purpose), "nhận thức của …".
_OWNED = frozenset({"nhiem", "tro", "thuc", "nang", "cuc"})


def _coordinates_at(items: list[Item], j: int) -> bool:
    """Whether ``items[j]`` ends "phối hợp" or "phối hợp với" (the list after it is
    coordinated with)."""
    if word_at(items, j) == "voi":
        j -= 1
    return (word_at(items, j - 1), word_at(items, j)) == ("phoi", "hop")


# Words a subject's duty to support may open with: "X phối hợp tổ chức …", "X có trách
# nhiệm phối hợp …", "X chịu trách nhiệm phối hợp …".
DUTY_WORDS = (("co", "trach", "nhiem"), ("chiu", "trach", "nhiem"))
# A long subject names offices and classes the registry lacks before its duty words ("…,
# các cơ quan thuộc UBTVQH, các Đoàn đại biểu Quốc hội, …, căn cứ chức năng, nhiệm vụ …").
_REACH = 50


def supports(items: list[Item], after: int) -> int | None:
    """Index of "hợp" when the subject's verb is "phối hợp" with no partner ("… có trách
    nhiệm phối hợp tổ chức thực hiện"): the subject helps others' work, it coordinates.
    With a partner ("X phối hợp với Y tổ chức …", "X phối hợp Y …") X acts itself.

    The duty words may come after a phrase on the subject's remit ("căn cứ chức năng,
    nhiệm vụ … có trách nhiệm phối hợp"), before any other verb of a role or a body."""
    k: int | None = after
    if (word_at(items, after), word_at(items, after + 1)) != ("phoi", "hop"):
        k = _duty_phrase(items, after)
    if k is None:
        return None
    nxt = items[k + 2] if k + 2 < len(items) else None
    if nxt is None or nxt.mention or any(it.word == "voi" for it in items[k + 2 : k + 8]):
        return None  # a partner: "phối hợp thường xuyên, chặt chẽ với công đoàn …"
    return k + 1


def _duty_phrase(items: list[Item], after: int) -> int | None:
    """Index of "phối" in "có/chịu trách nhiệm phối hợp" within ``_REACH`` words of ``after``,
    before any other role verb."""
    words = [it.word for it in items[after : after + _REACH]]
    for k in range(len(words) - 4):
        if (words[k], words[k + 1]) in LEAD_VERBS or words[k : k + 2] == ["chu", "tri"]:
            return None
        if tuple(words[k : k + 3]) in DUTY_WORDS and words[k + 3 : k + 5] == ["phoi", "hop"]:
            return after + k + 3
    return None


def duty_words_at(items: list[Item], after: int) -> int | None:
    """Index of "có/chịu" in "có/chịu trách nhiệm" within ``_REACH`` words of ``after``,
    when no role verb, order or report comes first."""
    for k in range(after, min(after + _REACH, len(items) - 3)):
        pair = (word_at(items, k), word_at(items, k + 1))
        if pair == ("lanh", "dao") and _office_at(items, k):
            continue  # "…, Lãnh đạo các cơ quan thuộc UBTVQH, …": an office, a member
        if pair in (*LEAD_VERBS, ("chu", "tri"), ("phoi", "hop")):
            return None
        if order_length(items, k) or is_report(items, k):
            return None
        if tuple(it.word for it in items[k : k + 3]) in DUTY_WORDS:
            return k
    return None


def _office_at(items: list[Item], k: int) -> bool:
    """Whether "lãnh đạo" at ``items[k]`` names an office: after a comma, before a body or
    "các"."""
    after_comma = k > 0 and items[k].start - items[k - 1].end >= 2
    nxt = items[k + 2] if k + 2 < len(items) else None
    return after_comma and nxt is not None and (nxt.mention is not None or nxt.word == "cac")


# Words after "thống nhất" that open what was agreed ("thống nhất chỉ có …", "thống nhất
# là …", "thống nhất về phương án …", "thống nhất việc …").
_AGREED = frozenset({"chi", "la", "ve", "viec", "phuong", "chu", "noi", "nhu"})


def is_statement(items: list[Item], after: int) -> bool:
    """Whether the words after a subject state a view rather than an action: the issuer
    agreeing, noting, assessing ("nhất trí", "ghi nhận", "đánh giá", "kết luận")."""
    pair = (word_at(items, after), word_at(items, after + 1))
    if pair == ("co", "ban"):  # "cơ bản nhất trí", "cơ bản thống nhất với Báo cáo"
        pair = (word_at(items, after + 2), word_at(items, after + 3))
        return pair in _STATEMENTS or pair == ("thong", "nhat")
    # Bare "thống nhất với" is also an action ("Cấp uỷ thống nhất với công đoàn cấp trên
    # trong việc đề bạt …"), and so is "thống nhất quản lý": not a statement. "Các Bộ, cơ
    # quan thống nhất chỉ có một cơ quan chủ trì" reports what they agreed.
    if pair[0] == "thong" and pair[1] == "nhat":
        return word_at(items, after + 2) in _AGREED
    return pair in _STATEMENTS


# Kinds of act an issuer enacts "như sau:" (not "ban hành chính sách hỗ trợ … như sau:",
# a law's duty to issue a policy).
_ACTS = frozenset({("ke", "hoach"), ("quyet", "dinh"), ("nghi", "quyet"), ("chi", "thi"),
                   ("quy", "che"), ("quy", "dinh"), ("ket", "luan"), ("chuong", "trinh")})


def enacts(items: list[Item], after: int) -> bool:
    """Whether the subject issues the act itself: "…, Thủ tướng Chính phủ ban hành Kế hoạch
    triển khai thi hành Luật … với các nội dung như sau:" (the issuer enacting, no task; a
    plan's "Bộ Tư pháp ban hành hướng dẫn trước ngày …" is one)."""
    words = [it.word for it in items]
    return (words[after : after + 2] == ["ban", "hanh"] and words[-2:] == ["nhu", "sau"]
            and tuple(words[after + 2 : after + 4]) in _ACTS)


def narrated(text: str, items: list[Item], i: int) -> bool:
    """Whether the order verb at ``items[i]`` is told as done: "đã" or "vừa" printed before
    it with no comma between ("Thủ tướng Chính phủ đã ban hành Công điện số 158/CĐ-TTg …
    và nhiều văn bản chỉ đạo Bộ Xây dựng, các bộ … chuẩn bị …"). After a comma the order
    is the act's own ("Bộ Chính trị đã ban hành Nghị quyết …, theo đó Bộ Chính trị giao
    Đảng đoàn Quốc hội lãnh đạo …"). The printed word is read: folded, "đa" ("đa dạng",
    "tối đa") would look the same."""
    for k in range(i - 1, -1, -1):
        if "," in text[items[k].end : items[k + 1].start] or items[k].word == "thi":
            return False  # … or a condition ended: "kể từ … đã thanh toán đủ tiền … thì
            # phải nộp hồ sơ đề nghị cơ quan nhà nước có thẩm quyền cấp …"
        if text[items[k].start : items[k].end].casefold() in ("đã", "vừa"):
            return True
    return False


def announces(items: list[Item], k: int) -> bool:
    """Whether a lead verb ending at ``items[k - 1]`` is followed by "như sau" ("Thủ tướng
    Chính phủ chỉ đạo như sau:"): the issuer announcing its directions, no one led."""
    return (word_at(items, k), word_at(items, k + 1)) == ("nhu", "sau")


# Nouns after "được giao" that name what a body is allotted, not a task ("các bộ được giao
# kế hoạch vốn lớn", "được giao biên chế", "được giao đất").
_ALLOTTED = frozenset({"ke", "von", "bien", "dat", "du", "chi", "ngan", "tai", "quyen"})


def assigned_at(items: list[Item], after: int) -> int | None:
    """Index of "giao" when the subject is given a task in the passive ("Đảng ủy Mặt trận Tổ
    quốc, các đoàn thể Trung ương được giao nghiên cứu …", "Các Bộ, cơ quan được giao xây
    dựng các Nghị định … phải hoàn thành"), not an allotment ("được giao kế hoạch vốn")."""
    if (word_at(items, after), word_at(items, after + 1)) != ("duoc", "giao"):
        return None
    nxt = items[after + 2] if after + 2 < len(items) else None
    if nxt is None or nxt.mention or nxt.word in _ALLOTTED:
        return None
    return after + 1


# "X gồm (có) …", "X bao gồm …": what a body is made of. "Hội đồng nhân dân cấp tỉnh tổ
# chức 3-4 ban", "Ủy ban nhân dân cấp tỉnh tổ chức 14 sở", "… có 2 ban": how it is organised.
_FUNCTIONS = ("chuc", "nang", "nhiem", "vu", "quyen", "han")


def describes(items: list[Item], after: int) -> bool:
    """Whether the words after a subject describe the body rather than give it work: what
    it is made of ("gồm", "bao gồm"), how many units it is organised in ("tổ chức 14 sở",
    "có 2 ban"), or its remit by reference ("thực hiện các chức năng, nhiệm vụ, quyền hạn
    theo quy định của Chính phủ": the content is elsewhere)."""
    words = [it.word for it in items[after : after + 14]]
    if words[:1] == ["cap"]:  # "Chính quyền địa phương cấp tỉnh gồm …": the level named
        words = words[2:]
    if words[:1] == ["gom"] or words[:2] == ["bao", "gom"] or words[:2] == ["giu", "chuc"]:
        return True  # … or the office someone holds: "bí thư tỉnh ủy giữ chức danh …"
    if (words[:2] == ["to", "chuc"] and words[2:3] and words[2].isdigit()) or (
            words[:1] == ["co"] and words[1:2] and words[1].isdigit()):
        return True
    if words[:2] != ["thuc", "hien"]:
        return False
    rest = words[2:]
    if rest[:1] == ["cac"]:
        rest = rest[1:]
    return tuple(rest[:6]) == _FUNCTIONS and rest[6:9] == ["theo", "quy", "dinh"]


def coordinated(items: list[Item], k: int) -> list[Item]:
    """The list after "phối hợp": right after it, or after "với" within five words."""
    members, _ = list_at(items, k)
    return members or _list_after(items, k, "voi", 6)


def order_length(items: list[Item], i: int) -> int:
    """Words of an order verb at ``items[i]`` ("yêu cầu", "đề nghị", "giao" + "cho"), or 0."""
    word, nxt = items[i].word, word_at(items, i + 1)
    if (word, nxt) == ("chi", "dao") and word_at(items, i - 1) == "ban":
        return 0  # "Ban Chỉ đạo Nhà nước về Du lịch" names a steering committee
    if (word, nxt) in _ORDERS:
        return 3 if word_at(items, i + 2) == "cho" else 2
    if word == "giao" and word_at(items, i - 1) not in ("duoc", "ban", "tiep"):
        return 2 if nxt == "cho" else 1
    return 0


def find_lead(window: list[str]) -> int | None:
    """Index of the last word of the first lead trigger in ``window``."""
    for i in range(len(window) - 1):
        pair = (window[i], window[i + 1])
        if pair in LEAD_VERBS or pair == ("chu", "tri"):
            return i + 1
    return None


# Words before "tham mưu" that make it a noun: "cơ quan tham mưu", "vai trò tham mưu",
# "chức năng tham mưu", "công tác tham mưu", or a name: "Bộ Tổng Tham mưu".
_ADVISER = frozenset({"quan", "tro", "nang", "tac", "tong"})


def report_length(items: list[Item], i: int) -> int:
    """Words of a report verb at ``items[i]`` ("báo cáo", "tham mưu", "trình", "gửi"), or 0.
    "tham mưu Chính phủ sửa đổi …": the body advised receives the work, as one reported to."""
    if items[i].word == "phan":  # "phản ánh về Bộ Công an": difficulties reported to it
        return 2 if word_at(items, i + 1) == "anh" and word_at(items, i + 2) == "ve" else 0
    if items[i].word == "tham":
        advises = (word_at(items, i + 1) == "muu" and word_at(items, i - 1) not in _ADVISER
                   and word_at(items, i + 2) != "truong")  # "Tham mưu trưởng": an office
        return 2 if advises else 0
    if not is_report(items, i):
        return 0
    return 2 if items[i].word == "bao" else 1


def is_report(items: list[Item], i: int) -> bool:
    word = items[i].word
    if word == "bao":
        return word_at(items, i + 1) == "cao"
    if word == "trinh":
        return word_at(items, i - 1) not in _NOT_SUBMIT
    if word == "gui":  # "tiền gửi" is a deposit; "báo cáo kết quả gửi X" sends to X
        return word_at(items, i - 1) != "tien"
    return False


# A plan's wording, in a summary that drops the order verb ("Trước ngày 10/4/2025, Bộ Tư
# pháp ban hành hướng dẫn …", "Bộ Nội vụ tham mưu, trình Chính phủ …", "bộ, ngành trung
# ương chủ động đề xuất …"): a deadline (also as a bare date: "trước 9/4"), a duty word,
# guidance still to be issued, a task given ("được giao"), or a report due ("Nội dung này
# cần báo cáo Bộ Chính trị").
_PLAN = re.compile(
    r"\b(?:truoc ngay|truoc thang|cham nhat|tham muu|chu dong|khan truong|co trach nhiem"
    r"|chiu trach nhiem|ban hanh (?:van ban )?huong dan|duoc giao|can (?:bao cao|trinh))\b"
    r"|\btruoc \d{1,2}/\d{1,2}\b")
# … unless it narrates what was done: "đã ban hành", "vừa ký", "sau khi nghe".
_NARRATES = re.compile(r"\b(?:da|vua|sau khi nghe|tai phien hop)\b")


def states_plan(clause: str) -> bool:
    """Whether a clause states planned work without an order verb (see ``_PLAN``)."""
    folded = vntext.fold(clause)
    return _PLAN.search(folded) is not None and _NARRATES.search(folded) is None


def opens_with_order(evidence: str) -> bool:
    """Whether an evidence span starts with an order verb ("giao Ban Tổ chức Trung ương")."""
    return _OPENS_ORDER.match(vntext.fold(evidence).lstrip()) is not None
