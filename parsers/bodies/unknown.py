"""Names shaped like a body that the registry does not know (``Đảng ủy Tập đoàn …``,
``Sở Y tế``, ``Ủy ban nhân dân tỉnh Quảng Ngãi``): recorded, never credited to a parent."""

from __future__ import annotations

import re
from collections.abc import Sequence

from parsers import vntext
from parsers.bodies.model import Mention, Unresolved
from parsers.bodies.registry import split_words

# Characters that end a clause: a name never spans them.
HARD_BREAK = re.compile(r"[.;:!?\n|()\[\]]")

# Heads of body names, folded; "Đảng ủy" also in "Ban Thường vụ Đảng ủy …".
_HEADS = (
    ("ban", "can", "su", "dang"), ("ban", "chi", "dao"), ("dang", "uy"), ("dang", "doan"),
    ("dang", "bo"),
    ("so",), ("tinh", "uy"), ("thanh", "uy"), ("huyen", "uy"), ("quan", "uy"),
    ("tap", "doan"),
    # military commands: "Bộ Chỉ huy Quân sự tỉnh", printed "Bộ CHQS tỉnh"; "Ban Chỉ huy
    # Phòng thủ dân sự tỉnh" (a province's plan, 2025). Not ministries, never credited.
    ("bo", "chi", "huy"), ("bo", "chqs"), ("bo", "tu", "lenh"), ("ban", "chi", "huy"),
    ("uy", "ban", "nhan", "dan"), ("hoi", "dong", "nhan", "dan"),
) + (_NATIONAL := (("hoi",), ("lien", "minh"), ("ngan", "hang")))
# Heads of associations, unions and banks ("Hội Liên hiệp Phụ nữ Việt Nam", "Liên minh Hợp
# tác xã Việt Nam", "Ngân hàng Chính sách xã hội"): their names run lower-case words of
# up to three syllables ("thập đỏ", "tác xã", "sách xã hội"): one ends at its last capital,
# or at the end of its clause.
# Lower-case words allowed between a local head and the name: "Ủy ban nhân dân tỉnh X".
_ADMIN = frozenset({"tinh", "thanh", "pho", "xa", "phuong", "huyen", "quan", "dac", "khu"})
# Lower-case words allowed between a Party head and the name: "Đảng ủy cơ quan Văn phòng
# Quốc hội", "Đảng ủy Khối …" printed "Đảng ủy khối …".
_PARTY_KINDS = frozenset({"co", "quan", "khoi"})
_NAME_JOINERS = frozenset({"va"})
# The first word of some head, as a whole folded word: most provisions have none printed
# with a capital, and need no word-by-word reading (the folded text is cached for the
# other passes of the analysis).
_HEADS_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _head in _HEADS:
    _HEADS_BY_FIRST.setdefault(_head[0], []).append(_head)
_HEAD_FIRST = re.compile(r"\b(?:" + "|".join(sorted({h[0] for h in _HEADS})) + r")\b")
# The same without its leading ``\b``: led by literal letters, the regex engine skips ahead
# to them instead of trying every position (a third faster). A match inside a word ("thuy"
# holds "uy") is set aside by hand; it lies within one word, so it hides no word's start.
_HEAD_END = re.compile(_HEAD_FIRST.pattern[2:])


def _may_have_head(text: str) -> bool:
    folded = vntext.fold_aligned(text)
    return any(text[m.start()].isupper() and _word_starts(folded, m.start())
               for m in _HEAD_END.finditer(folded))


def _word_starts(text: str, at: int) -> bool:
    """Whether ``\b`` holds before ``text[at]`` (a letter): no word character before it."""
    return at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_")


def unknown_names(text: str, mentions: Sequence[Mention]) -> list[Unresolved]:
    """Names of a body's shape in ``text`` that no registered mention covers whole."""
    if not _may_have_head(text):
        return []
    # (start, end, folded word) of each word, from [gap, word, gap, …, gap] and the parts'
    # lengths: no match object per word.
    # ``fold_aligned`` folds one character for one (and was computed above), keeping each a
    # letter or digit or not: the folded text's words are the printed ones, folded, at the
    # same places. A word has no combining mark, so that is ``fold`` of the word.
    cut = split_words(vntext.fold_aligned(text))
    words = list(zip(cut.bounds[1:-1:2], cut.bounds[2::2], cut.words, strict=True))
    starts = {m.start: m for m in mentions}
    found: list[Unresolved] = []
    # Only a capitalised first word of some head can start one: the others are stepped over
    # without a Python call each.
    may_start = [i for i, w in enumerate(words) if w[2] in _HEADS_BY_FIRST
                 and text[w[0]].isupper()]
    following = 0
    i = 0
    while i < len(words):
        while following < len(may_start) and may_start[following] < i:
            following += 1
        if following == len(may_start):
            break
        i = may_start[following]
        head = _head_at(words, i, text)
        if not head:
            i += 1
            continue
        j = i + head
        if j - i >= 4 or words[i][2] in ("so",) or tuple(
                w[2] for w in words[i:j]) in _ABBREVIATED:  # a local head may name its level
            while j < len(words) and words[j][2] in _ADMIN and (
                    not text[words[j][0]].isupper() or _own_level(words, j, text)):
                j += 1
        elif words[i][2] == "dang":
            while (j < len(words) and words[j][2] in _PARTY_KINDS
                   and not text[words[j][0]].isupper()):
                j += 1
        end = _name_end(words, j, text, starts)
        if words[i][2] == "so" and end > j == i + head and words[j][2].isdigit():
            end = j  # "Lãnh đạo Sở 0,5 ngày": no department is a number ("Ban Chỉ đạo
            # 751" is a committee, "Ủy ban nhân dân quận 1" has its level before it)
        abbreviated = tuple(w[2] for w in words[i:i + head]) in _ABBREVIATED
        if abbreviated:
            end = max(end, j)  # "Bộ CHQS tỉnh": the abbreviation is the name
        steering = tuple(w[2] for w in words[i:i + head]) in (_STEERING, _COMMAND)
        if steering:
            end = _defined_end(words, i, text) or _steering_end(words, j, end, text, starts)
            if end < 0:
                i += head
                continue
        if tuple(w[2] for w in words[i:i + head]) in _NATIONAL:
            branch = _branch_end(words, starts.get(words[i][0]), text)
            if branch:  # "Ngân hàng Nhà nước chi nhánh khu vực 14": a branch, unknown
                span = text[words[i][0]:words[branch - 1][1]]
                found.append(Unresolved(words[i][0], words[branch - 1][1], span,
                                        text[words[i][0]:words[i + head - 1][1]],
                                        vntext.words(span)))
                i = branch
                continue
            if words[i][0] in starts or _all_caps(text, words[i]):
                i += head  # "Ngân hàng Nhà nước 13": the registered name is the name;
                continue   # "XÃ HỘI CHỦ NGHĨA": a heading in capitals, no name
            end = _whole_name_end(words, j, text)
        # "Đảng ủy cấp trên", "sở hữu", "Hội nghị": no name
        if end == j and not steering and not abbreviated:
            i += head
            continue
        first = starts.get(words[i][0])
        # Known when a registered name covers it all; a shorter one ("Đảng" in "Đảng ủy
        # Tập đoàn …", the class "ban cán sự đảng") does not make it known.
        if first is None or first.end < words[end - 1][1]:
            span = text[words[i][0]:words[end - 1][1]]
            found.append(Unresolved(words[i][0], words[end - 1][1], span,
                                    text[words[i][0]:words[i + head - 1][1]],
                                    vntext.words(span)))
        i = end
    return found


# A steering committee ("Ban Chỉ đạo …"): recorded even bare, as texts name it once in
# full and then "Ban Chỉ đạo" (``short_names`` reads which one); "của <body>" is part of
# its name ("Ban Chỉ đạo của Chính phủ", not a duty of the Government).
_STEERING = ("ban", "chi", "dao")
# A command committee ("Ban Chỉ huy Phòng thủ dân sự tỉnh") is named like a steering one.
_COMMAND = ("ban", "chi", "huy")
# Heads that are a whole name: "Bộ CHQS" (Bộ Chỉ huy Quân sự).
_ABBREVIATED = frozenset({("bo", "chqs")})


def _steering_end(words: list[tuple[int, int, str]], j: int, end: int, text: str,
                  starts: dict[int, Mention]) -> int:
    """Index after a steering committee's name: its capitalised name, or "của" and the
    name of the body it belongs to."""
    if end == j and j + 1 < len(words) and words[j][2] == "cua" and not _broken(
            words, j - 1, j + 2, text):
        after = _name_end(words, j + 1, text, starts)
        return after if after > j + 1 else j
    if end == j:
        lower = _lower_name_end(words, j, text, starts)
        if lower:  # "Ban Chỉ đạo cải cách thủ tục hành chính và …": its name in lower case
            return lower
    elif end < len(words) and not text[words[end - 1][0]].isupper():
        # "Ban chỉ đạo Phòng thủ dân sự quốc gia tổ chức …": a capital, then lower case
        return _lower_name_end(words, end, text, starts, least=1) or end
    if end == j and not text[words[j - 2][0]].isupper():
        return -1  # "Hoạt động của Ban chỉ đạo, Ban điều phối …": steering committees at large
    if end == j and j < len(words) and not _broken(words, j - 1, j + 1, text) and (
            words[j][2] not in _BARE_BEFORE):
        return -1  # "Ban Chỉ đạo họp": a verb after it, no name
    return end




# A steering committee named in full right before the short name the text gives it: "Ban
# Chỉ đạo Nhà nước các công trình, dự án quan trọng quốc gia, trọng điểm ngành giao thông
# vận tải (sau đây gọi tắt là Ban Chỉ đạo)" (627/TB-VPCP), "Ban Chỉ đạo của Chính phủ về
# phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06 *(sau đây gọi
# tắt là …)*" (624/TB-VPCP): its name runs, commas, "về" and lower case included, up to the
# definition; from the last "Ban Chỉ đạo" before it, within its sentence.
_NAMED_IN_FULL = re.compile(
    r"Ban Chỉ đạo\b(?:(?!Ban Chỉ đạo)[^()\n.;:!?])*?(?=[\s,*]*\((?:sau đây )?(?:gọi tắt là"
    r"|gọi là|viết tắt là) )", re.I)


def _defined_end(words: list[tuple[int, int, str]], i: int, text: str) -> int:
    """Index after a steering committee's full name at ``words[i]`` when the text defines
    a short name for it right after (``_NAMED_IN_FULL``), else 0."""
    if "gọi" not in text and "viết tắt" not in text:
        return 0
    found = _NAMED_IN_FULL.match(text, words[i][0])
    if found is None:
        return 0
    k = i
    while k < len(words) and words[k][1] <= found.end():
        k += 1
    return k


# Words that may follow a bare "Ban Chỉ đạo" (the committee the text named before): "Ban
# Chỉ đạo phải …", "thành viên Ban Chỉ đạo và …", "Ban Chỉ đạo thống nhất kết luận".
_BARE_BEFORE = frozenset({"va", "da", "phai", "can", "thong", "ket", "chu", "la", "tai", "de",
                          "theo", "nhiet", "thang", "trong", "tu"})


# Words that end a steering committee's name printed in lower case: a joiner, a verb or a
# word of the sentence around it ("Ban chỉ đạo bao gồm …", "… để chỉ đạo …", "… cũng như").
_LOWER_NAME_STOPS = _BARE_BEFORE | frozenset({
    "hoac", "cua", "duoc", "co", "bao", "hop", "cung", "voi", "ve", "nhu", "thuc", "to", "chi",
    "giao", "tham", "se", "bi", "neu", "khi", "cac", "moi", "nay", "do", "quyet", "trien",
    "kiem", "huong", "ra", "xem", "qua",
})
_LOWER_NAME_WORDS = (2, 10)


def _lower_name_end(words: list[tuple[int, int, str]], j: int, text: str,
                    starts: dict[int, Mention], least: int = _LOWER_NAME_WORDS[0]) -> int:
    """Index after a steering committee's name in lower case right after "Ban Chỉ đạo"
    ("cải cách thủ tục hành chính", 07-KL/VPTW), ending at a joiner, a clause break, a
    comma, a body, a capital or a word of the sentence around it; 0 when that leaves
    fewer than two words or more than ten (a sentence, not a name)."""
    k = j
    while (k < len(words) and not _broken(words, k - 1, k + 1, text)
           and not text[words[k][0]].isupper() and words[k][0] not in starts
           and words[k][2] not in _LOWER_NAME_STOPS and not words[k][2].isdigit()):
        k += 1
    if not least <= k - j <= _LOWER_NAME_WORDS[1]:
        return 0
    # it ends where the sentence goes on: a break, a joiner, a capital, a verb ("… họp")
    closed = k == len(words) or _broken(words, k - 1, k + 1, text) or (
        words[k][2] in _LOWER_NAME_STOPS or text[words[k][0]].isupper())
    return k if closed else 0


# "… Ban Chỉ đạo của Chính phủ về phát triển khoa học, … và Đề án 06 (sau đây gọi tắt là
# Ban Chỉ đạo của Chính phủ)": the short name a text defines for a steering committee.
_DEFINED = re.compile(r"(Ban Chỉ đạo\b[^()]*?)\s*\*?\((?:sau đây )?(?:gọi tắt là|gọi là|viết tắt"
                      r" là) (Ban Chỉ đạo\b[^()]*?)\)")


def short_names(texts: Sequence[str]) -> dict[str, str]:
    """Keys (``vntext.words``) of the short names a document defines for its steering
    committees, each with the full name it stands for: the one the text printed before
    "(sau đây gọi tắt là …)". Bare "Ban Chỉ đạo" stands for the full name too when the
    document defines exactly one."""
    found: dict[str, str] = {}
    for text in texts:
        if "gọi" not in text and "viết tắt" not in text:  # most: no regex run over them
            continue
        for m in _DEFINED.finditer(text):
            full = m.group(1).rsplit("Ban Chỉ đạo", 1)[-1]
            found[vntext.words(m.group(2))] = "Ban Chỉ đạo" + full.rstrip(" ,*")
    if len(set(found.values())) == 1:
        found.setdefault(vntext.words("Ban Chỉ đạo"), next(iter(found.values())))
    return found


# Words of a branch's place: "chi nhánh khu vực 14", "Chi nhánh tỉnh …".
_BRANCH = ("chi", "nhanh")
_BRANCH_PLACE = frozenset({"khu", "vuc", "tinh", "thanh", "pho"})


def _branch_end(words: list[tuple[int, int, str]], known: Mention | None, text: str) -> int:
    """Index after "<registered bank> chi nhánh <place>" (a branch of the State Bank is not
    the State Bank), or 0."""
    if known is None:
        return 0
    k = next((n for n, w in enumerate(words) if w[0] >= known.end), len(words))
    if tuple(w[2] for w in words[k:k + 2]) != _BRANCH or _broken(words, k - 1, k + 2, text):
        return 0
    end = k + 2
    while end < len(words) and not _broken(words, end - 1, end + 1, text) and (
            text[words[end][0]].isupper() or words[end][2].isdigit()
            or words[end][2] in _BRANCH_PLACE):
        end += 1
    return end


def _all_caps(text: str, word: tuple[int, int, str]) -> bool:
    return text[word[0]:word[1]].isupper()


def _whole_name_end(words: list[tuple[int, int, str]], j: int, text: str) -> int:
    """Index after the name of an association or bank at ``words[j]``: capitalised words
    with up to three lower-case words after a capital, ending at a pair of capitals, or
    one capital and its lower-case words that end the clause; ``j`` when there is none."""
    k, lower, last_upper = j, 0, j - 1
    while k < len(words) and (k == j or not _broken(words, k - 1, k + 1, text)):
        if text[words[k][0]].isupper():
            lower, last_upper = 0, k
        elif k == j or lower == 3 or words[k][2] in _NAME_JOINERS or words[k][2].isdigit():
            break
        else:
            lower += 1
        k += 1
    if last_upper > j and text[words[last_upper - 1][0]].isupper():
        return last_upper + 1  # "… Việt Nam": ends at a pair of capitals
    closed = (_broken(words, k - 1, k + 1, text) if k < len(words)
              else bool(HARD_BREAK.search(text[words[-1][1]:])))
    # "Ngân hàng Chính sách xã hội:" ends with its clause; "Liên minh Hợp tác xã cấp tỉnh
    # rà soát" is cut short
    return k if closed and last_upper == j else j


def _head_at(words: list[tuple[int, int, str]], i: int, text: str) -> int:
    """How many words of a head start at ``words[i]`` (printed with a capital), or 0."""
    if not text[words[i][0]].isupper():
        return 0
    if words[i][2] == "so" and vntext.nfc(text[words[i][0]:words[i][1]]).lower() != "sở":
        return 0  # "Số 57-NQ/TW", "Số phụ lục" (a number) fold like "Sở" (a department)
    for head in _HEADS_BY_FIRST.get(words[i][2], ()):
        n = len(head)
        if tuple(w[2] for w in words[i:i + n]) == head and not _broken(words, i, i + n, text):
            return n
    return 0


def _name_end(words: list[tuple[int, int, str]], j: int, text: str,
              starts: dict[int, Mention]) -> int:
    """Index after the capitalised name starting at ``words[j]``; ``j`` if none."""
    k = j
    while k < len(words) and (not _broken(words, k - 1, k + 1, text)
                              or (k > j and _comma_pair(words, k, text, starts))):
        known = starts.get(words[k][0])
        if known is not None and (k == j or text[words[k - 1][0]].isupper()):
            while k < len(words) and words[k][1] <= known.end:  # "… đảng Bộ Ngoại giao"
                k += 1
        elif text[words[k][0]].isupper() or words[k][2].isdigit():
            k += 1
        elif (words[k][2] in _NAME_JOINERS and k > j and k + 1 < len(words)
              and text[words[k + 1][0]].isupper() and words[k + 1][0] not in starts
              and not _head_at(words, k + 1, text)):
            k += 1  # "Sở Tài nguyên và Môi trường", not "Sở Y tế và Bộ Công an"
        elif words[k][2] not in _NAME_JOINERS and _lower_tail(words, j, k, text):
            k += 1  # "Sở Y tế", "Sở Giáo dục và Đào tạo": the lower-case half of a word pair
        else:
            break
    return k


def _comma_pair(words: list[tuple[int, int, str]], k: int, text: str,
                starts: dict[int, Mention]) -> bool:
    """Whether a comma before ``words[k]`` is inside a name of the shape "A, B và C" ("Sở
    Văn hoá, Thể thao và Du lịch", KH 617/KH-UBND): a run of capitals, then "và" and a
    capital, with no body or head of a body after the comma."""
    gap = text[words[k - 1][1]:words[k][0]]
    if HARD_BREAK.search(gap) or words[k][0] in starts or _head_at(words, k, text):
        return False
    n = k
    while n < len(words) and (n == k or not _broken(words, n - 1, n + 1, text)) and (
            text[words[n][0]].isupper()
            or (words[n][2] != "va" and _lower_tail(words, k, n, text))):
        n += 1  # "Thể thao", "Du lịch": a capital and the lower-case half of its pair
    return (n > k and n + 1 < len(words) and words[n][2] == "va"
            and not _broken(words, n - 1, n + 2, text) and text[words[n + 1][0]].isupper())


def _lower_tail(words: list[tuple[int, int, str]], j: int, k: int, text: str) -> bool:
    """Whether the lower-case ``words[k]`` ends a two-word name part ("Y tế", "Tư pháp"):
    the word before it is capitalised and is the first capital of its run, so "Công
    Thương chủ trì" stops before "chủ"."""
    def upper(n: int) -> bool:
        return text[words[n][0]].isupper()

    return k - 1 >= j and upper(k - 1) and (k - 2 < j or not upper(k - 2))


def _broken(words: list[tuple[int, int, str]], a: int, b: int, text: str) -> bool:
    """A clause break or comma between ``words[a]`` and ``words[b - 1]``."""
    if a < 0:
        return False
    gap_start, gap_end = words[a][1], words[min(b, len(words)) - 1][0]
    between = text[gap_start:gap_end]
    return bool(HARD_BREAK.search(between)) or "," in between


def _own_level(words: list[tuple[int, int, str]], j: int, text: str) -> bool:
    """Whether a capitalised level word is the text's own style for its level, no name:
    "Ủy ban nhân dân Tỉnh xem xét" (a province's plan, KH 617/KH-UBND Đồng Tháp) is followed
    by a lower-case word, "Ủy ban nhân dân Tỉnh Quảng Ngãi" by the province's name."""
    return j + 1 >= len(words) or not text[words[j + 1][0]].isupper()
