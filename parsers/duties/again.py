"""A subject's second role: the same bodies doing a task and, further on, directing others
or helping them, with no new subject named.

* "Bộ trưởng, Thủ trưởng …, Chủ tịch Ủy ban nhân dân các tỉnh … tiếp tục nâng cao tinh thần
  trách nhiệm khẩn trương chỉ đạo các cơ quan, đơn vị, Ban quản lý dự án, nhà thầu …"
  (Công điện 224/CĐ-TTg 1): they act, and lead those they direct.
* "Bộ Tài chính tiếp tục xuất cấp hàng dự trữ quốc gia …. Chỉ đạo Tổng công ty Hàng không
  Việt Nam … hỗ trợ …" (Nghị quyết 380/NQ-CP II.1.1.1.b): the next sentence opens with
  "Chỉ đạo" and names no body of the registry; its subject is the one before.
* "Bộ Nông nghiệp và Môi trường rà soát, đánh giá …; phối hợp tiếp tục tăng cường năng lực
  cộng đồng …" (NQ 380 III.3): "phối hợp" with no partner, the subject helps others' work.
* "Bộ Khoa học và Công nghệ: (1) trình …; (2) chủ trì, phối hợp với …; (3) …" and "Bộ Tài
  chính: (1) Chủ trì, phối hợp với …; (2) Phân bổ …" (Thông báo 624/TB-VPCP III.5.a,
  III.6.a): a subject over numbered tasks in one paragraph leads those that open with "chủ
  trì" and does the others (``numbered_roles``), as over tasks printed as items.

Only a subject that implements gets a second role, and only where no registered body
stands between it and the verb (then the verb is that body's, or the list's it governs).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from parsers import vntext
from parsers.bodies import Mention
from parsers.duties.model import Duty

# "chỉ đạo" + those directed, when the registry knows none of them; "phối hợp" + no partner.
# Not the noun: "theo chỉ đạo của …", "sự chỉ đạo", "ý kiến chỉ đạo", "văn bản chỉ đạo",
# "Ban Chỉ đạo", "chỉ đạo như sau", "chỉ đạo tại …".
_DIRECTS = re.compile(r"(?<!theo )(?<!su )(?<!kien )(?<!ban )(?<!de )\bchi dao\b"
                      r"(?! nhu sau| cua\b| tai\b| cac cap\b)")
_HELPS = re.compile(r"(?:^|[;,] )phoi hop (?!voi\b)")
# Opening "Chỉ đạo …" / "phối hợp …" (no partner) of a clause, after a label or a dash.
_OPENS_DIRECTING = re.compile(r"[\W\d]*(?:[a-z]\)\s*)?chi dao\b(?! nhu sau)")
_OPENS_HELPING = re.compile(r"[\W\d]*phoi hop (?!voi\b|chat che voi\b)")


def second_roles(text: str, spans: Sequence[tuple[int, int]], duties: Sequence[Duty],
                 named: Sequence[Mention]) -> list[Duty]:
    """The extra duties (``lead`` or ``coordinate``) of the subjects in ``duties`` that the
    rules above give; ``spans`` are the clauses, ``named`` every name (registered or not)
    in text order."""
    extra: list[Duty] = []
    subject: list[Duty] = []
    for start, end in spans:
        own = [d for d in duties if start <= d.start < end and d.role == "implement"
               and d.evidence_start == _first_start(duties, start, end)]
        inside = [m for m in named if start <= m.start < end]
        folded = vntext.fold(text[start:end])
        if own:
            subject = own
            after = max(d.evidence_end for d in own)
            if not any(m.start >= after for m in inside):  # nothing named after the subject
                extra += _again(text[after:end], own)
        elif subject and _OPENS_DIRECTING.match(folded):  # ". Chỉ đạo Tổng công ty …"
            extra += [_as(d, "lead") for d in subject]
        elif subject and _OPENS_HELPING.match(folded) and not _partner_first(
                text, start, inside):  # "; phối hợp tiếp tục tăng cường …"
            extra += [_as(d, "coordinate") for d in subject]
        elif inside:
            subject = []
    return extra


# "X: (1) …": the subject, a colon and the first number; "; (2) …" a later task's opening.
_OVER_NUMBERED = re.compile(r"\W*:\W*\(1\)")
_NUMBERED = re.compile(r"[\W_]*\(\d{1,2}\)\W*")
_TASK_ROLES = (("chu tri", "lead"), ("phoi hop", None))  # a partner's help: the partner's


def numbered_roles(text: str, spans: Sequence[tuple[int, int]],
                   duties: Sequence[Duty]) -> list[Duty]:
    """The roles of a subject printed over numbered tasks in one paragraph ("X: (1) …;
    (2) …"): lead for a task that opens with "chủ trì", implement for one that opens with
    another verb, none for "phối hợp với …"; each role once, beside those it has."""
    subject: list[Duty] = []
    extra: list[Duty] = []
    for start, end in spans:
        own = [d for d in duties if start <= d.start < end and d.role in ("implement", "lead")
               and d.evidence_start == _first_start(duties, start, end)]
        if own:
            after = max(d.end for d in own)
            subject = own if _OVER_NUMBERED.match(text[after:end]) else []
            continue
        opening = _NUMBERED.match(text[start:end])
        if not subject or opening is None:
            continue
        task = vntext.fold(text[start + opening.end() : end])
        role = next((r for words, r in _TASK_ROLES if task.startswith(words)), "implement")
        if role is not None:
            extra += [_as(d, role) for d in subject]
    return _new_only(extra, duties)


def _new_only(extra: Sequence[Duty], duties: Sequence[Duty]) -> list[Duty]:
    """``extra`` without the (body, role) pairs ``duties`` hold, each pair once."""
    held = {(d.body_id, d.role) for d in duties}
    out: list[Duty] = []
    for duty in extra:
        if (duty.body_id, duty.role) not in held:
            held.add((duty.body_id, duty.role))
            out.append(duty)
    return out


def _partner_first(text: str, start: int, inside: Sequence[Mention]) -> bool:
    """Whether a body is named right after the clause's "phối hợp" (its partner)."""
    at = vntext.fold(text[start:]).find("phoi hop")
    return any(0 <= m.start - (start + at + len("phoi hop")) <= 2 for m in inside)


def _first_start(duties: Sequence[Duty], start: int, end: int) -> int | None:
    """Where the clause's subject evidence starts: the first duty of the clause that starts
    at its own mention (a subject's evidence runs from the subject on)."""
    own = [d.evidence_start for d in duties
           if start <= d.start < end and d.evidence_start == d.start]
    return min(own) if own else None


def _again(rest: str, subject: Sequence[Duty]) -> list[Duty]:
    folded = vntext.fold(rest)
    if _DIRECTS.search(folded):
        return [_as(d, "lead") for d in subject]
    if _HELPS.search(folded):
        return [_as(d, "coordinate") for d in subject]
    return []


def _as(duty: Duty, role: str) -> Duty:
    return Duty(duty.body_id, role, duty.start, duty.end, duty.text, duty.evidence_start,
                duty.evidence_end, duty.evidence, duty.position)


# The verb a clause after ";" may open with and still be the subject's own work: "Bộ Giáo
# dục và Đào tạo chủ trì xây dựng …; hướng dẫn các bộ, ngành, địa phương thực hiện …"
# (Thông báo 624/TB-VPCP III.5.e): guiding, urging, checking other bodies named there. Not
# another item of the task led ("X chủ trì, phối hợp với Y ban hành hướng dẫn A; ban hành
# hướng dẫn B", Nghị quyết 74/NQ-CP), a deadline or a report: steps of the task led.
_CONTINUES = re.compile(r"\s*(?:dong thoi,? )?(?:huong dan|don doc|kiem tra)\b")


def continued_roles(text: str, spans: Sequence[tuple[int, int]],
                    duties: Sequence[Duty]) -> list[Duty]:
    """Implement for a subject that leads a task and, after ";", goes on with work of its
    own that names no subject ("X chủ trì A; hướng dẫn Y …": X guides, Y acts); a numbered
    task ("; (2) hướng dẫn …") belongs to a list, not to the clause before it."""
    subject: list[Duty] = []
    extra: list[Duty] = []
    for start, end in spans:
        own = [d for d in duties if start <= d.start < end and d.role == "lead"
               and d.evidence_start == _first_start(duties, start, end)]
        if own:
            subject = own
        elif subject and _CONTINUES.match(vntext.fold(text[start:end])) and any(
                start <= d.start < end for d in duties):  # those guided are named
            extra += [_as(d, "implement") for d in subject]
        else:
            subject = []
        if not text[start:end].rstrip().endswith(";"):
            subject = []
    return _new_only(extra, duties)
