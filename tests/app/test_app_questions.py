"""Questions people type, answered by the article that answers them (issue 13).

The check set (``tests/golden/lawyer-questions.tsv``) was first written from the Civil Code and
the Trade Union Law, each row's article read before the row was kept; a third of the rows
were set aside while the search rules were tuned; a third block (``blind``) over the Labour
Code and the Real Estate Business Law was written before the next round of rules and scored
once; a fourth (``blind2``) over the Electricity Law, the Law on Legal Documents, the
Labour Code and the Civil Code was written and scored once before the round that indexes an
article's heading with its clauses; a fifth (``blind3``) over the Law on Electronic
Transactions, and a sixth (``blind4``) over Nghị định 182/2024/NĐ-CP, each scored once before
the round that followed it; a seventh (``blind5``) over the Law on Value-Added Tax 2024, scored
once before the ninth round; an eighth (``blind6``) over the Law on Fire Prevention and Fighting
and Rescue 2024, scored once before the tenth; a ninth (``blind7``) over Thông tư
06/2019/TT-NHNN (foreign exchange for foreign direct investment), scored once before the
eleventh; a tenth (``blind8``) over Nghị định 102/2024/NĐ-CP (detailing the Land Law), scored
once before the twelfth; an eleventh (``blind9``) over the Commercial Law 2005 (36/2005/QH11),
scored once before the thirteenth; a twelfth (``blind10``) over the Land Law 2024
(31/2024/QH15), scored once before the fourteenth; a thirteenth (``blind11``) over the
Enterprise Law 2020 (59/2020/QH14), scored once before the sixteenth. Scores are floors
measured on the day: a change that loses a question fails here and names it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import migrated
from factories_app import CORPUS
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.db.session import dispose
from app.main import create_app
from app.services.ingest import ingest_paths

GOLDEN = Path(__file__).parents[1] / "golden" / "lawyer-questions.tsv"
FIXTURES = Path(__file__).parents[1] / "fixtures"
# The codes and laws the questions are about, beside the bundled corpus (which holds the
# Trade Union Law).
LAWS = [FIXTURES / name for name in (
    "91-2015-QH13-bo-luat-dan-su.txt", "45-2019-QH14-bo-luat-lao-dong.txt",
    "29-2023-QH15-luat-kinh-doanh-bat-dong-san.txt", "61-2024-QH15-luat-dien-luc.txt",
    "64-2025-QH15-luat-ban-hanh-vbqppl.txt", "20-2023-QH15-luat-giao-dich-dien-tu.txt",
    "182-2024-ND-CP.txt", "48-2024-QH15-luat-thue-gtgt.txt",
    "55-2024-QH15-luat-pccc-cnch.txt", "06-2019-TT-NHNN.txt", "102-2024-ND-CP.txt",
    "36-2005-QH11-luat-thuong-mai.txt", "31-2024-QH15-luat-dat-dai.txt",
    "59-2020-QH14-luat-doanh-nghiep.txt")]
# Measured on 2026-11-27 (top 3), beside the Civil Code alone: 27 of 32 tuned; held out, 13
# of the first 16 and 10 of the 16 written after the rules were settled (l49–l64).
# 2026-11-28, the Labour Code and the Real Estate Business Law ingested too, rules unchanged:
# 24 of 32 tuned (three Civil Code answers pushed below by the new laws), 23 of 32 held out,
# and the blind block (l65–l91) at its one scoring, 21 of 27.
# Then (relax below 3 whole hits, whole hits first, EXACT small when relaxed, "tối đa",
# "mấy", "phần trăm" optional, more synonyms): 27 of 32 tuned, 22 of 32 held out (l59 lost
# at rank 4), blind 22 of 27 (l83 gained). Then (a whole hit must have each marked word
# with its marks; function words that are half of a compound required): 27, 22, and the
# blind block at its last scoring 23 of 27.
# 2026-11-28, the Electricity Law and the Law on Legal Documents ingested too, rules
# unchanged: 27, 22, 23 as before, and the second blind block (l92–l124, written from those
# two laws, the Labour Code and the Civil Code) at its one scoring before any change, 25 of 33.
# Then (a clause indexed with its article's heading; one hit per article first among the
# best 100, the article standing for its clauses; a synonym's typed words in order; three
# sourced synonyms, "biêu" dropped): 29 of 32 tuned, 23 of 32 held out, blind 26 of 27,
# blind2 27 of 33 (no synonym was written for a blind2 row).
# 2026-11-28, the Law on Electronic Transactions ingested too, rules unchanged: 29, 23, 26,
# blind2 28 of 33 (l118 gained), and the third blind block (l125–l145, written from that
# law) at its one scoring before any change, 13 of 21.
# Then (a word no provision has leaves the relaxed pool; adjacency weighs 10, not 100, in
# a relaxed search; two sourced synonyms, "email" and "ăn cắp"): 28 of 32 tuned (l44 lost),
# 25 of 32 held out, blind 26 of 27, blind2 30 of 33, blind3 15 of 21 (no longer blind:
# its misses were read while these rules were chosen).
# 2026-11-28, Nghị định 182/2024/NĐ-CP (Quỹ Hỗ trợ đầu tư) ingested too, rules unchanged: 28,
# 25, 26, 30, 15 as before, and the fourth blind block (l146–l170, written from that decree)
# at its one scoring before any change, 18 of 25.
# Then (a point indexed with its clause's lead-in, schema 7): 29 of 32 tuned (l44 back), 26
# of 32 held out (l58), blind 27 of 27 (l68), blind2 30, blind3 15, blind4 18. Then two
# sourced synonyms ("bằng đại học" → "văn bằng", "mấy tiếng" → "giờ", Bộ luật Lao động
# Điều 17 and 105): blind2 31 of 33 (l111; l113 from beyond 20 to rank 6), the rest unchanged.
# 2026-11-28, Luật Thuế giá trị gia tăng 2024 (48/2024/QH15) ingested too, rules unchanged: 29,
# 26, 27, 31, 15, 18 as before, and the seventh blind block (l171–l198, written from that law)
# at its one scoring before any change, 26 of 28 (l171 "thuế vat là gì" nowhere, l172 at 5).
# Then (the ninth round: lines of a numbered blank form after the rest of the best 100; six
# sourced synonyms, "VAT", "GTGT", "máy móc thiết bị", "coi là", "bán đất", "lấy từ đâu";
# the compound rule reading the index's own pair token; a title bonus for the query's word
# pairs in a provision's heading or its article's; a "… là gì" question's defined term
# first; index schema 9): 30 of 32 tuned (l37), 26 of 32 held out, blind 27 of 27, blind2 31 of
# 33, blind3 17 of 21 (l128, l132), blind4 20 of 25 (l156, l162), blind5 28 of 28 (l171,
# l172; its misses were read while these rules were chosen).
# 2026-11-28, Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ 2024 (55/2024/QH15) ingested too,
# rules unchanged: 30, 26, 27, blind2 30 of 33 (l94 "kiểm định" pushed to 7 by the new law's
# "kiểm tra … nghiệm thu"), 17, 20, 28, and the eighth blind block (l199–l230, written from that
# law) at its one scoring before any change, 23 of 32 (l206 answered nothing at all).
# Then (the tenth round: a relaxed search that finds nothing asks for one word fewer each
# time, down to one; "do ai", "là ai" optional like the other question phrases; four sourced
# synonyms, "PCCC", "thoát hiểm", "cứu hỏa", "hạn chót"): 30, 26, 27, blind2 30, blind3 17,
# blind4 20 (l162 kept: "hạn chót" reads "trước ngày" too), blind5 28, blind6 27 of 32 (l206,
# l219, l221, l222; its misses were read while these rules were chosen): 205 of 230.
# 2026-11-28, Thông tư 06/2019/TT-NHNN ingested too, rules unchanged: 30, 27 (l53 back), 27,
# blind2 30, blind3 17, blind4 20, blind5 28, blind6 27 (206 of 230), and the ninth blind
# block (l231–l258, written from that circular) at its one scoring before any change, 24 of 28
# (l242 "doanh nghiệp fdi là gì" nowhere, l246 at 5, l248 at 6, l249 at 10).
# Then (the eleventh round: the two syllables of a compound are one word of a relaxed
# search, and a compound's own pair earns no phrase or title bonus there; a word typed with
# its marks counts toward a relaxed search only with them; a term printed in quotation marks
# is a defined term; one sourced synonym, "vào công đoàn"): 31 (l25), 28 (l42), 27, blind2
# 30, blind3 16 (l135 lost: "tài khoản" and "giao dịch" side by side were its only phrase
# bonus), blind4 20, blind5 28, blind6 28 (l202, l213; l229 lost, "nhiệm vụ" in its
# article's title), blind7 25 (l246: "Tài khoản vốn đầu tư trực tiếp" is now a defined
# term): 208 of 230 and 25 of 28.
# 2026-11-28, Nghị định 102/2024/NĐ-CP (detailing the Land Law) ingested too, rules unchanged:
# 31, 27 (l58 at 5), 26 (l72 "nghi phep nam" answered by the decree's transitional article),
# blind2 30, blind3 16, blind4 20, blind5 28, blind6 27 (l202 lost), blind7 25: 205 of 230; and
# the tenth blind block (l259–l283, written from that decree) at its one scoring before any
# change, 23 of 25 (l279 "dùng một phần đất nông nghiệp để kinh doanh dịch vụ" and l282 "việt
# kiều … xã biên giới" nowhere in the top 20).
# Then (the twelfth round: a whole hit of a query of three words or more with no two of them
# side by side, a compound's own syllables counting as one word, does not count toward the
# three that stop a relaxed search; "FDI" a sourced synonym; a "… là gì" question looks its
# term up in the synonyms' wording too): blind 27 (l72 back), blind7 27 (l242, l249), the
# rest unchanged: 206 of 230, 256 of 283. Then one sourced synonym, "ngân hàng" → "tổ chức
# tín dụng" (Thông tư 06/2019/TT-NHNN Điều 3 khoản 4): blind7 28 of 28 (l248): 257 of 283.
# Then "chủ nhà" is the owner and the household's head too, not only the landlord (Bộ luật
# Dân sự Điều 178, Luật PCCC 2024 Điều 29 khoản 2): blind6 28 (l211): 207 of 230, 258 of 283.
# Then a relaxed search asks for one word fewer while fewer than three provisions have the
# words asked for (not only while none has): blind8 24 (l282 at 2; its misses were read
# while this round's rules were chosen): 259 of 283.
# 2026-11-29, Luật Thương mại 2005 (36/2005/QH11) ingested too, rules unchanged: 31, 26 (l59
# "xe máy gây tai nạn chủ xe có phải bồi thường" at 5 under the new law's "bồi thường thiệt
# hại"), 27, blind2 30, blind3 16, blind4 20, blind5 27 (l173 "bán đất … thuế gtgt" at 4),
# blind6 28, blind7 28, blind8 24: 205 of 230, 257 of 283; and the eleventh blind block
# (l284–l315, written from that law) at its one scoring before any change, 24 of 32 (l303
# "franchise là gì" answered nothing; l304, l312 nowhere in the top 20; l288 at 6, l293 at 4,
# l307 at 10, l308 at 4, l309 at 5): 281 of 315.
# Then (the thirteenth round) seven sourced synonyms, each for a word the law never prints:
# "franchise"/"nhượng quyền thương hiệu" → "nhượng quyền thương mại", "giao dư" → "giao
# thừa", "giấy phép kinh doanh" → "đăng ký kinh doanh", "công ty đấu giá" → "tổ chức bán
# đấu giá", "hack" → "chiếm đoạt", "chắn" → "cản trở", "đội dân phòng" → "lực lượng dân
# phòng": blind3 17 (l135), blind6 30 (l202, l229), blind9 28 (l288, l303, l308, l309; its
# misses were read while these were chosen), the rest unchanged: 208 of 230, 288 of 315.
# Then a word with no marks of its own in a query typed with marks is meant as typed: "cho"
# there is optional like "có" (it was required: unaccented, it may be "chó"), and "con" is
# con, not còn: yes 27 (l49), blind9 30 (l293, l304): 209 of 230, 291 of 315. ("cho" and
# "trong" made optional alone lost l61 at 4: its relaxed pool then counted "con" as "còn".)
# Then two sourced synonyms, "xe máy", "ô tô" → "phương tiện giao thông vận tải cơ giới",
# "nguồn nguy hiểm cao độ" (Bộ luật Dân sự Điều 601), and "hàng xóm" → "gần nơi" too (Luật
# PCCC 2024 Điều 25 khoản 1): yes 28 (l59 back), blind6 31 (l207): 211 of 230, 293 of 315.
# Then a golden corrected on reading the Civil Code, not a rule: l15 "chuyển giới có được
# đổi tên trên giấy tờ không" is answered by Điều 28 khoản 1 điểm e ("Thay đổi tên của
# người đã … chuyển đổi giới tính") as well as Điều 37, and search put Điều 28 first:
# yes 29, 212 of 230, 294 of 315.
# Then "công ty" reads the law's workplace words too, "tại cơ sở" (Bộ luật Lao động Điều 3
# khoản 3), and "scan" → "chuyển đổi" (Luật Giao dịch điện tử
# Điều 12): yes 30 (l64), blind3 18 (l129): 214 of 230, 296 of 315.
# Then three sourced synonyms naming a thing by the law's category or word: "công tơ điện"
# → "thiết bị đo đếm điện" (Luật Điện lực 2024 Điều 4 khoản 50), "chứng thực chữ ký số
# công cộng" → "dịch vụ tin cậy" (Luật Giao dịch điện tử Điều 28 khoản 1), "nhà ở gia
# đình", "nhà riêng" → "nhà ở" (Luật PCCC 2024 Điều 20): blind2 31 (l94), blind3 19
# (l134), blind6 32 (l203): 217 of 230 (94.3 %), 299 of 315 (94.9 %).
# Then "mỗi ngày" → "trong 01 ngày" (Bộ luật Lao động Điều 105 khoản 1: the law prints the
# count): blind2 32 (l113): 218 of 230 (94.8 %), 300 of 315 (95.2 %).
# 2026-11-29, Luật Đất đai 2024 (31/2024/QH15) ingested too, rules unchanged: 30 (l25 "chơi hụi"
# lost), 28 (l15 at 4), blind 26 (l83 at 5), blind2 30 (l103, l112 at 4), blind3 19, blind4 20,
# blind5 28 (l173 gained), blind6 32, blind7 28, blind8 23 (l270 "cưỡng chế vào ban đêm" at 4
# under the new law's own Điều 89), blind9 30: 294 of 315; and the twelfth
# blind block (l316–l356, written from that law) at its one scoring before any change, 33 of
# 41 (80.5 %; l321 "đất thổ cư", l328, l341 "hoa màu … đền bù", l346 "bỏ hoang", l350 "lối đi
# qua đất nhà bên cạnh" nowhere in the top 20; l333 at 5, l353 and l356 at 6): 327 of 356
# (91.9 %). Re-run: .venv/bin/python scripts/question_ranks.py 2>/dev/null | grep -v '^{'
# Then three goldens corrected on reading the texts, not rules (the blind figure stays 33):
# l270 is answered by the Land Law's Điều 89 khoản 1 điểm b as well as the decree's Điều 108;
# l350 by Bộ luật Dân sự Điều 254 "Quyền về lối đi qua"; l353 by Nghị định 102/2024/NĐ-CP Điều
# 40 "Khiếu nại quyết định thu hồi đất": blind8 24, blind10 35: 330 of 356.
# Then (the fourteenth round) five sourced synonyms, "thổ cư" → "đất ở", "đền bù" → "bồi
# thường", "hoa màu" → "cây trồng", "bỏ hoang" → "không được sử dụng", "nhà cửa" → "nhà ở"
# (Luật Đất đai 2024 Điều 9, 91–111, 103, 81 khoản 7, 102): blind10 38 (l341, l346, l356).
# Then two syllables are one word of a relaxed search when their pair is 5 % of the two
# syllables' provisions together (Dice) as well as when it is a tenth of the rarer's ("hợp
# pháp" had fallen to 0.099 of "pháp" with the Land Law): 31 (l25), blind2 31 (l112): 335 of
# 356 (94.1 %); the rows before blind10 297 of 315 (94.3 %; 300 without the Land Law, whose
# "giấy tờ", "chủ đầu tư", "cây trồng" now outrank l15, l83, l103). No cost in search time:
# the bench query mix and this set, in process on this store, median 2.20 → 2.14 ms
# (three interleaved runs each, within noise).
# 2026-11-29, Luật Doanh nghiệp 2020 (59/2020/QH14) ingested too, rules unchanged: 31, 29 (l15
# gained), 26, blind2 29 (l112 at 9 under the new law's "thanh toán", l124 at 4), blind3 19,
# blind4 20, blind5 28, blind6 32, blind7 28, blind8 24, blind9 30, blind10 38: 334 of 356;
# and the thirteenth blind block (l357–l398, written from that law) at its one scoring before
# any change, 34 of 42 (81.0 %; l364 "hdqt …", l386, l387 "… công ty tnhh …", l390 "hồ sơ
# thành lập công ty cổ phần", l397 "tai san gop von …" nowhere in the top 20; l392 "điều 17
# luật dn 2020" at 7, l368 at 11, l383 "con dấu" at 13): 368 of 398 (92.5 %).
# Then (the sixteenth round) sourced synonyms, "TNHH", "HĐQT", "ĐHĐCĐ", "BHXH", "hồ sơ thành
# lập", "đồng ý" → "tán thành", "con dấu", "giám đốc công ty" → "giám đốc" too, "Luật DN" an
# abbreviation, "gồm những gì" a question phrase: blind11 39 (l364, l383, l390, l392, l397).
# Then "nhận chuyển nhượng" → "nhận chuyển quyền", "lãi suất cho vay" → "lãi suất vay": no 32
# (l02), blind10 39 (l328); "ảnh" → "hình ảnh", "xin phép" → "đồng ý", "cho phép", "chấp
# thuận": yes 30 (l49); "nghỉ việc" → "chấm dứt hợp đồng lao động": blind2 30 (l112); "sổ
# hồng" → "giấy chứng nhận về quyền sử dụng đất" too: blind 27 (l83); an article whose own
# heading is the query's words earns TITLE again (schema 11): blind9 31 (l307): 379 of 398
# (95.2 %), the rows before blind11 340 of 356 (95.5 %).
# 2026-11-29: the parser reads Nghị định 182/2024/NĐ-CP's header, printed inside its annex
# (issue 10), so each of its ~620 provisions is cited "… Nghị định 182/2024/NĐ-CP" and the
# vocabulary's "cp" outnumbered "cap": "cúp" expanded to cp and l96 "cúp điện để sửa chữa …"
# lost its whole hit (blind2 29). A typed word with a vowel is no longer expanded to a term
# without one, an abbreviation (app/search/vocab.py): blind2 30 again, 379 of 398.
FLOORS = {"no": 32, "yes": 30, "blind": 27, "blind2": 30, "blind3": 19, "blind4": 20,
          "blind5": 28, "blind6": 32, "blind7": 28, "blind8": 24, "blind9": 31, "blind10": 39,
          "blind11": 39}


def _rows() -> list[dict[str, str]]:
    lines = [line for line in GOLDEN.read_text("utf-8").splitlines() if not line.startswith("#")]
    fields = ["qid", "held_out", "query", "expected", "note"]
    return [dict(zip(fields, row, strict=True)) for row in csv.reader(lines, delimiter="\t")]


ROWS = _rows()


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = migrated(tmp_path_factory.mktemp("questions") / "vnlex.db")
    summary = ingest_paths(url, [CORPUS, *LAWS])
    assert not summary.refused, summary.refused
    with TestClient(create_app(Settings(database_url=url))) as test_client:
        yield test_client
    dispose(url)


def _answered(client: TestClient, row: dict[str, str]) -> bool:
    body = client.get("/search", params={"q": row["query"], "limit": 3}).json()
    expected = row["expected"].split()
    return any(hit["id"] == e or hit["id"].startswith(e + ".")
               for hit in body["items"] for e in expected)


def test_the_check_set_is_what_it_says() -> None:
    assert len(ROWS) == 398 and len({r["qid"] for r in ROWS}) == len(ROWS)
    assert {r["held_out"] for r in ROWS} == {"yes", "no", "blind", "blind2", "blind3", "blind4",
                                            "blind5", "blind6", "blind7", "blind8", "blind9",
                                            "blind10", "blind11"}
    assert sum(r["held_out"] == "yes" for r in ROWS) == 32
    assert sum(r["held_out"] == "blind" for r in ROWS) == 27
    assert sum(r["held_out"] == "blind2" for r in ROWS) == 33
    assert sum(r["held_out"] == "blind3" for r in ROWS) == 21
    assert sum(r["held_out"] == "blind4" for r in ROWS) == 25
    assert sum(r["held_out"] == "blind5" for r in ROWS) == 28
    assert sum(r["held_out"] == "blind6" for r in ROWS) == 32
    assert sum(r["held_out"] == "blind7" for r in ROWS) == 28
    assert sum(r["held_out"] == "blind8" for r in ROWS) == 25
    assert sum(r["held_out"] == "blind9" for r in ROWS) == 32
    assert sum(r["held_out"] == "blind10" for r in ROWS) == 41
    assert sum(r["held_out"] == "blind11" for r in ROWS) == 42


@pytest.mark.parametrize("held_out", list(FLOORS))
def test_questions_find_their_article_in_the_top_3(client: TestClient, held_out: str) -> None:
    rows = [r for r in ROWS if r["held_out"] == held_out]
    missed = [f'{r["qid"]} {r["query"]}' for r in rows if not _answered(client, r)]
    assert len(rows) - len(missed) >= FLOORS[held_out], missed


def test_no_question_of_ordinary_words_answers_nothing(client: TestClient) -> None:
    empty = [r["qid"] for r in ROWS
             if not client.get("/search", params={"q": r["query"]}).json()["items"]]
    assert empty == []
