"""The check set of issue 11 stays at or above the scores measured when it was written.

The floors are the measured scores (tests/analysis/checkset.py prints them with every
miss): a change that loses a check fails here and names it. Raise a floor when a rule
earns it; lower one only with the reason in the commit message. ``held_out_2`` was scored
once, when the second round's rules were settled (2026-11-27); its floor is that first
score, and no rule was changed for it afterwards. ``held_out_3`` was written and scored
blind before the third round (2026-11-28); the fourth round worked on its misses.
``held_out_4`` was written and scored blind before the fourth round and is not tuned to;
the fifth round worked on its misses. ``held_out_5`` was written and scored blind before the
fifth round, which then worked on its misses. ``held_out_6`` was written at the end of the
fifth round and scored once, blind; the sixth round worked on its misses. ``held_out_7``
was written at the end of the sixth round and scored once, blind; the seventh round worked
on its classes (bodies printed as a title over items; the nearest title wins over a
section's lead-in). ``held_out_8`` was written at the end of the seventh round and scored
once, blind; two of its classes were then worked on. ``held_out_9`` was written at the
start of the eighth round and scored once, blind; the round worked on its classes (the
nearer of two lead-ins, a level or an unknown agency inside a list of bodies, the issuer's
polite order, associations and banks recorded as unresolved). ``held_out_10`` was written
at the start of the ninth round from two Prime Minister's texts of 2025 (QĐ 2623/QĐ-TTg, a
plan; CĐ 224/CĐ-TTg, a telegram) and scored once, blind; the round worked on its classes
and on open classes of held_out_7 … held_out_9. ``held_out_11`` was written at the start of
the tenth round from a 2025 notice of the Government Office (TB 624/TB-VPCP) and scored
once, blind, before any rule was changed; the round then worked on its classes.
``held_out_12`` was written at the start of the eleventh round from a 2025 notice of the
Government Office (TB 623/TB-VPCP) and scored once, blind, before any rule was changed;
the round then worked on held_out_11's open classes, not on held_out_12's.
``held_out_13`` was written at the start of the twelfth round from two 2025 texts (TB
634/TB-VPCP, a notice; KH 157/KH-UBND of Cần Thơ, a city's plan) and scored once, blind,
before any rule was changed; the round then worked on its classes and held_out_12's.
``held_out_14`` was written at the start of the thirteenth round from two 2025 texts (TB
636/TB-VPCP, a notice; KH 617/KH-UBND of Đồng Tháp, a province's plan with an annex table)
and scored once, blind, before any rule was changed.
``held_out_15`` was written at the start of the fourteenth round from two 2025 texts with
annex task tables nested in section rows (QĐ 2597/QĐ-TTg, a Prime Minister's decision; KH
980/KH-UBND of Nghệ An, a province's plan); an annex row is checked as a row (``until``).
Scored once, blind, before any rule was changed.
``held_out_16`` was written at the start of the fifteenth round from two 2025 texts (KL
221-KL/TW, a Party conclusion; QĐ 2530/QĐ-TTg, a plan with an assignment table whose
coordinators are dash lists inside a cell) and scored once, blind, before any rule was
changed; the round then worked on its classes.
"""

from __future__ import annotations

import pytest
from checkset import SPLITS, registry_score, role_scores, target_score

# Measured 2026-11-27 (docs/analysis.md has the history). Roles passed down by a lead-in
# count as their own (body, role, inherited) expectations.
FLOORS = {
    "tuned": (1.000, 1.000),  # precision, recall
    "held_out": (1.000, 0.950),
    # blind: scored once, 85 of 123, 5 false (0.944, 0.691); no longer blind since the
    # third round worked on its misses: 121 of 123, 4 false; fourth round: 122 of 123
    "held_out_2": (0.968, 0.992),
    # blind, 2026-11-28, before the third round's rules: 10 of 21, 15 false; the same when
    # scored again after them. The fourth round worked on its misses: 21 of 21, no false.
    "held_out_3": (1.000, 1.000),
    # blind, 2026-11-28, written before the fourth round's rules: 16 of 21, no false; the
    # same when scored again after them. The fifth round worked on its misses: 21 of 21.
    "held_out_4": (1.000, 1.000),
    # blind, 2026-11-28, written before the fifth round's rules: 57 of 62, 5 false
    # (0.919, 0.919). The fifth round worked on its misses: 62 of 62, no false.
    "held_out_5": (1.000, 1.000),
    # blind, 2026-11-28, written when the fifth round's rules were settled and scored once:
    # 25 of 40, 3 false (0.893, 0.625). The sixth round worked on its misses: 40 of 40.
    "held_out_6": (1.000, 1.000),
    # blind, 2026-11-28, written when the sixth round's rules were settled and scored once:
    # 17 of 42 items, 16 false (0.515, 0.405; main's rules: 0.486, 0.405). The seventh
    # round worked on its classes: 34 of 42, 3 false (0.919, 0.810). Eighth round: 36 of
    # 42, 4 false (0.900, 0.857): the section's lead-in now reads Ủy ban nhân dân cấp tỉnh
    # and passes it, like the ministries beside it, to III.2.a.4, whose own subject ("Bộ
    # Giáo dục và Đào tạo và các cơ sở giáo dục, đào tạo lồng ghép …") is still not read.
    # Ninth round: 42 of 42, no false (III.2.a.4's own subject, the bare "Hội đồng nhân
    # dân", "chủ trì" after "trên cơ sở …,", "báo cáo kết quả gửi X").
    "held_out_7": (1.000, 1.000),
    # blind, 2026-11-28, written when the seventh round's rules were settled and scored
    # once: 12 of 17 items, no false (1.000, 0.706; the same on main's rules). Then two of
    # its classes were worked on: 14 of 17, no false.
    # Ninth round: 17 of 17 (bare "Trung ương" reported to is the Central Committee).
    "held_out_8": (1.000, 1.000),
    # blind, 2026-11-28, written at the start of the eighth round and scored once before
    # any rule was changed: 78 of 97, 3 false (0.963, 0.804). Two checks written as direct
    # were corrected to inherited (the held_out_2 rule); the round worked on its classes:
    # 91 of 97, no false.
    # Ninth round: 93 of 97 ("hỗ trợ các địa phương tiếp nhận …", "Khuyến khích các địa
    # phương …").
    "held_out_9": (1.000, 0.959),
    # blind, 2026-11-28, written at the start of the ninth round and scored once before any
    # rule was changed: 64 of 93 items, 7 false (0.901, 0.688). The round worked on its
    # classes: 91 of 93, no false.
    "held_out_10": (1.000, 0.978),
    # blind, 2026-11-28, written at the start of the tenth round and scored once before any
    # rule was changed: 42 of 52 items, 2 false (0.955, 0.808); targets 2 of 3, 1 false.
    # The tenth round worked on its classes: 47 of 52, no false (the issuer's "trân trọng
    # thông báo", a subject over numbered tasks, a run-in title before "(1)", "tham mưu ban
    # hành … của X"); targets 3 of 3 ("đến nay mới đạt X" is where things stand).
    # Eleventh round: 52 of 52, no false (bare "Các bộ" doing a duty, "X chủ trì A; hướng
    # dẫn Y", "đăng ký … qua X", "trên cơ sở đề xuất của X, Y tổng hợp", "Ban Chỉ đạo của
    # Chính phủ" recorded as unresolved).
    "held_out_11": (1.000, 1.000),
    # blind, 2026-11-28, written at the start of the eleventh round and scored once before
    # any rule was changed: 22 of 23 items, 2 false (0.917, 0.957); targets 2 of 3;
    # registry 3 of its 4 new checks. Its own misses were left alone (held out); the
    # round's rules changed none of its roles, and its registry check is now right.
    # Twelfth round, on its classes: 23 of 23, no false (who attended a meeting, the
    # issuer's "thông báo để … biết, thực hiện", "ban hành để các địa phương (…) thực hiện").
    "held_out_12": (1.000, 1.000),
    # blind, 2026-11-28, written at the start of the twelfth round and scored once before
    # any rule was changed: 29 of 46 items, 8 false (0.784, 0.630); targets 0 of 4 (values
    # right, no year); registry 4 of its 5 new checks (one written with an unquoted date,
    # a slip of the check's, not of the registry: quoted, as the earlier check has it).
    # One check (157 V.5.c) expected the same body and role direct and inherited, which one
    # row per duty never gives: corrected after scoring (blind on the corrected set: 29 of
    # 45, 8 false, 0.784, 0.644). The round worked on its classes: 45 of 45, 1 false (634 II
    # "Thường trực Tỉnh ủy" credited to the class tỉnh ủy, thành ủy: see docs/analysis.md).
    "held_out_13": (0.978, 1.000),
    # blind, 2026-11-29, written at the start of the thirteenth round and scored once before
    # any rule was changed: 9 of 26 items, 7 false (0.562, 0.346); targets 1 of 5 (values,
    # comparators, units and years of the plan's milestones right, their measure read as
    # the milestone "Đến hết năm 2030"; "vượt mục tiêu … (10%)" read as "=").
    # Then: "Giao X, Y theo chức năng, nhiệm vụ và thẩm quyền chủ trì" (the remit skipped
    # before "chủ trì"), "Ủy ban nhân dân các xã, phường": 13 of 26, 4 false (0.765, 0.500).
    # A province's own capitalised "Ủy ban nhân dân Tỉnh xem xét" is its level, not an
    # unknown name: 15 of 26, 4 false (0.789, 0.577).
    # An unknown name of the shape "Sở A, B và C" ("Sở Văn hoá, Thể thao và Du lịch") is no
    # longer cut at its comma: 16 of 26, 4 false (0.800, 0.615).
    # Fourteenth round: the annex's rows nested by the layout under its section rows are
    # read as cells, a line each: 23 of 26, 1 false (0.958, 0.885). A title of bodies over
    # one paragraph of its own (IV.5 "Ủy ban nhân dân các xã, phường"): 24 of 26 (0.960,
    # 0.923).
    # Fifteenth round: a list's last coordinator ending in "." (annex III, "… và các cơ quan
    # liên quan.") still holds its column: 25 of 26, 1 false (0.962, 0.962).
    "held_out_14": (0.962, 0.962),
    # blind, 2026-11-29, written at the start of the fourteenth round and scored once before
    # any rule was changed: 101 of 144 items, 9 false (0.918, 0.701); targets 2 of 4 (values,
    # units, years right; "Bảo đảm 100% hệ thống số hoá" and "Hoàn thành 100% chuyển đổi
    # số" measured by the words before the value; 4 of 4 once a verb of reaching before the
    # value leaves the measure to the words after it).
    # Then (fourteenth round): a cell wrapped onto a capitalised line goes on with the line
    # above ("Bộ Khoa học và" / "Công nghệ"); "Cơ quan, địa" is no e-signature field; a
    # lead cell naming only an unknown body holds its column; a result cell ("Quyết định
    # của Chủ tịch UBND …") gives no role; "Bộ CHQS tỉnh" and "Ban Chỉ huy …" recorded as
    # unresolved; "cơ quan, địa phương liên quan" registered: 132 of 144, 1 false.
    # A line ending on the head of a name ("phối hợp với Bộ" / "Xây dựng …") goes on with
    # the next: 135 of 144, 1 false (0.993, 0.938). A title of bodies over one paragraph
    # of its own (V.4): 136 of 144 (0.993, 0.944). "Văn bản của Trưởng" / "Ban Chỉ huy …"
    # one result cell (a line ending on an office goes on): 137 of 144, no false. A title's
    # lead passes to "a) Chủ trì, …" that also gives the body a role of its own: 138 of 144.
    "held_out_15": (1.000, 0.958),
    # blind, 2026-11-29, written at the start of the fifteenth round from KL 221-KL/TW and
    # QĐ 2530/QĐ-TTg and scored once before any rule was changed: 62 of 82 items, 6 false
    # (0.912, 0.756); targets 1 of 6 (μg/m3 and "công trình" not read, no year under
    # "Mục tiêu cụ thể giai đoạn 2026 - 2030", a bare "1.200 công trình" not read).
    # Then: a cell of coordinators printed as "- X;" items, and a section row in capitals
    # not a lead cell; a colon clause with no body ("…; lồng ghép …, cụ thể:") passing the
    # sentence's subject; an item opening with an unknown body takes no implement; "các
    # tổ chức chính trị - xã hội thành viên chủ trì" leads; a steering committee defined
    # "(gọi tắt là …)" read whole: 78 of 82, 3 false (0.963, 0.951); targets 6 of 6.
    # "các bộ liên quan" registered: 79 of 82 (0.963, 0.963).
    "held_out_16": (0.963, 0.963),
}
# Right of how many: tuned 12 of 12, held_out_2 7 of 7 (blind first: 11 and 0); held_out_8
# 2 of 4 (blind, scored once); held_out_11 3 of 3 (blind first: 2 of 3, 1 false);
# held_out_12 3 of 3 (blind: 2); held_out_13 4 of 4 (blind: 0, no year); held_out_14 1 of 5
# (blind, the first split whose checks name the measure; 4 of 5 once ":" ends a clause, so
# "Đến hết năm 2030:" is no longer the measure).
# The same checks against the targets the ingest stores (what /targets serves): before the
# thirteenth round only objective rows were read, 9 of 38 (tuned 6, held_out_14 3, the rest
# 0: a notice's or plan's tasks, a news page's paragraphs). Now a figure outside the
# objectives is stored when its clause or the lead-in over it says it is striven for
# ("phấn đấu", "mục tiêu", "chỉ tiêu"): 26 of 38. Still lost: figures with no such word
# ("tuổi thọ trung bình đạt 75,5 tuổi" in a news page's summary, "phải đạt 90% trong năm
# 2025" in a notice's task).
STORED_RIGHT = {"tuned": 6, "held_out_2": 6, "held_out_8": 2, "held_out_11": 1,
                "held_out_12": 3, "held_out_13": 4, "held_out_14": 4, "held_out_15": 4,
                "held_out_16": 6}
TARGETS_RIGHT = {"tuned": (12, 12), "held_out_2": (7, 7), "held_out_8": (2, 4),
                 "held_out_11": (3, 3), "held_out_12": (3, 3),
                 "held_out_13": (4, 4), "held_out_14": (4, 5), "held_out_15": (4, 4),
                 "held_out_16": (6, 6)}
REGISTRY_RIGHT = 21  # of 21. held_out_13's five added blind: 4 right (20 of 21); the
# State Bank's branch then recorded as unresolved. Before: 16 of 16 (held_out_12's four
# added blind: 3 right; then Bộ Nội vụ's religious affairs handed to Bộ Dân tộc và Tôn
# giáo, Nghị định 41/2025/NĐ-CP)


@pytest.fixture(scope="module")
def roles():  # noqa: ANN201
    return role_scores()


@pytest.mark.parametrize("split", SPLITS)
def test_roles_stay_at_their_measured_scores(roles, split: str) -> None:  # noqa: ANN001
    score = roles[split]
    precision, recall = FLOORS[split]
    misses = "\n".join(score.misses)
    assert score.precision >= precision - 1e-3, misses
    assert score.recall >= recall - 1e-3, misses


def test_the_set_is_as_large_as_the_issue_asks(roles) -> None:  # noqa: ANN001
    checks = sum(s.tp + s.fn for s in roles.values())
    # every split but the tuned one is held out (held_out_3 … were added after this test)
    held_out = sum(roles[s].tp + roles[s].fn for s in SPLITS if s != "tuned")
    assert checks >= 60
    assert held_out >= checks / 3
    assert roles["held_out_2"].tp + roles["held_out_2"].fn >= 25


@pytest.mark.parametrize("split", sorted(TARGETS_RIGHT))
def test_targets_stay_right(split: str) -> None:
    score = target_score(split)
    right, checks = TARGETS_RIGHT[split]
    assert score.tp + score.fn >= checks
    assert score.tp >= right and score.fp == 0, "\n".join(score.misses)


@pytest.mark.parametrize("split", sorted(STORED_RIGHT))
def test_stored_targets_stay_right(split: str) -> None:
    score = target_score(split, stored=True)
    assert score.tp >= STORED_RIGHT[split] and score.fp == 0, "\n".join(score.misses)


def test_registry_checks_stay_right() -> None:
    score = registry_score()
    assert score.tp + score.fn >= 10
    assert score.tp >= REGISTRY_RIGHT, "\n".join(score.misses)
