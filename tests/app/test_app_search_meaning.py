"""Search that degrades gracefully and knows the field (issue 13): question words need not
match, everyday words find the law's, a real word typed for its neighbour is corrected in
context, and a query that matches no provision in full still answers with the closest."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.db.session import session_scope
from app.search import plan, synonyms
from app.search.index import pair
from app.search.query import parse_query
from app.services.ingest import ingest_document
from app.services.search import SearchParams, search
from parsers import parse_document

LAW = """QUỐC HỘI
Luật số: 99/2099/QH99

LUẬT
THỬ NGHIỆM

Điều 1. Cầm cố tài sản
Cầm cố tài sản là việc một bên giao tài sản thuộc quyền sở hữu của mình cho bên kia.

Điều 2. Thời hiệu khởi kiện
1. Thời hiệu khởi kiện về hợp đồng là 03 năm.
2. Thời hiệu khởi kiện về thừa kế là 10 năm.
3. Hết thời hiệu khởi kiện thì mất quyền khởi kiện.

Điều 3. Bồi thường thiệt hại do súc vật gây ra
Chủ sở hữu súc vật phải bồi thường thiệt hại do súc vật gây ra cho người khác.

Điều 4. Sức khỏe
Người lao động làm việc đến kiệt sức được nghỉ ngơi.
"""
LAW_ID = "99-2099-qh99"


def stored(factory: pytest.TempPathFactory, folder: str, text: str, name: str) -> str:
    """A migrated store in its own folder holding the one document ``text``."""
    from conftest import migrated

    db = migrated(factory.mktemp(folder) / "vnlex.db")
    with session_scope(db) as session:
        ingest_document(session, parse_document(text, name=name))
    return db


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return stored(tmp_path_factory, "meaning", LAW, "99-2099-QH99.txt")


def ask(url: str, q: str, tmp: Path) -> dict:
    with session_scope(url) as session:
        return search(session, SearchParams(q=q, limit=5), tmp / "index")


# -- the query ------------------------------------------------------------------------

def required(q: str) -> list[str]:
    return [" ".join(c.terms) for c in parse_query(q).clauses if not c.optional]


@pytest.mark.parametrize("q, words", [
    ("thời hiệu là bao lâu", ["thoi", "hieu"]),
    ("tài sản chung có chia được không", ["tai", "san", "chung", "chia"]),
    ("ai phải bồi thường", ["boi", "thuong"]),  # "ai" in lower case: who
    ("ứng dụng AI", ["ung", "dung", "ai"]),  # "AI": the technology
    ("co quan nha nuoc", ["co", "quan", "nha", "nuoc"]),  # unaccented co: cơ, not có
    ("có được không", ["co", "duoc", "khong"]),  # nothing else: all of it is required
    # A function word with no marks of its own, in a query typed with marks: as typed.
    ("hàng chuyển cho bên mua khi nào", ["hang", "chuyen", "ben", "mua"]),
    ("hang chuyen cho ben mua", ["hang", "chuyen", "cho", "ben", "mua"]),  # cho, or chó
])
def test_question_and_function_words_are_optional(q: str, words: list[str]) -> None:
    assert required(q) == words


def test_a_word_without_marks_in_a_query_with_marks_is_meant_as_typed() -> None:
    # "con" beside "chưa thành niên" is con (child), not còn: it counts as a marked word.
    assert parse_query("con chưa thành niên").clauses[0].has_marks
    assert not parse_query("con chua thanh nien").clauses[0].has_marks
    # One marked word among unmarked ones: the user stopped typing marks, "uoc" is ước.
    mixed = parse_query("thoả uoc lao dong tap the")
    assert [c.has_marks for c in mixed.clauses] == [True, False, False, False, False, False]
    assert parse_query("cho con đi học").clauses[1].has_marks  # half of the words: meant


def test_a_relaxed_search_asks_for_half_of_the_seven_rarest() -> None:
    parsed = parse_query("một hai ba bốn năm sáu bảy tám chín mười")
    relax = plan.relaxation(parsed, rarity=lambda c: len(c.terms[0]))
    assert relax is not None and len(relax.pool) == 7 and relax.need == 4
    assert plan.relaxation(parse_query("thừa"), rarity=lambda c: 0) is None


# -- the synonym table ----------------------------------------------------------------

@pytest.fixture(scope="module")
def table() -> synonyms.Table:
    from app.core.config import get_settings

    return synonyms.load(get_settings().synonyms_path)


@pytest.mark.parametrize("q, applied", [
    ("cầm đồ", {"cầm đồ": ["cầm cố"]}),
    # Several words: safe without diacritics.
    ("cam do xe may", {"cầm đồ": ["cầm cố"],
                       "xe máy": ["phương tiện giao thông vận tải cơ giới",
                                  "nguồn nguy hiểm cao độ"]}),
    ("chó cắn", {"chó": ["súc vật", "vật nuôi"]}),
    ("cho vay", {}),  # unaccented cho is "for", not chó
    ("hợp đồng thời vụ", {"hợp đồng thời vụ": ["hợp đồng lao động xác định thời hạn"]}),
    ('"cầm đồ"', {}),  # a quoted phrase is taken as typed
    # Printed with its words in Nghị quyết 57-NQ/TW and 03/NQ-CP: "… (FDI)".
    ("doanh nghiep fdi", {"FDI": ["có vốn đầu tư trực tiếp nước ngoài",
                                  "đầu tư trực tiếp nước ngoài"]}),
    # Thông tư 06/2019/TT-NHNN Điều 3: banks are among the "tổ chức tín dụng được phép".
    ("ngan hang co trach nhiem gi", {"ngân hàng": ["tổ chức tín dụng"]}),
    # The landlord, or the owner of the house and the head of its household.
    ("chu nha bi chay", {"chủ nhà": ["bên cho thuê", "chủ hộ gia đình", "chủ sở hữu nhà"]}),
    ("người cho thuê", {"người cho thuê": ["bên cho thuê"]}),
])
def test_everyday_words_are_given_the_laws_words(table: synonyms.Table, q: str,
                                                 applied: dict) -> None:
    assert synonyms.apply(parse_query(q), table)[1] == applied


def test_every_synonym_cites_a_source_and_reads(tmp_path: Path) -> None:
    import yaml

    from app.core.config import get_settings

    entries = yaml.safe_load(get_settings().synonyms_path.read_text("utf-8"))["synonyms"]
    assert entries and all(e["source"].strip() and e["kind"] in {"everyday", "old", "general"}
                           for e in entries)
    broken = tmp_path / "broken.yaml"
    broken.write_text("synonyms:\n  - typed: [cầm đồ]\n", "utf-8")
    with pytest.raises(ValueError, match="typed and law"):
        synonyms.load(broken)


# -- answers ----------------------------------------------------------------------------

def test_everyday_words_find_the_provision_in_the_laws_words(url: str, tmp_path: Path) -> None:
    answer = ask(url, "cầm đồ tài sản", tmp_path)
    assert answer["items"][0]["id"] == f"{LAW_ID}/d1"
    assert answer["synonyms"] == {"cầm đồ": ["cầm cố"]}
    # The synonym matched every word: that hit is whole, and comes before partial ones.
    assert answer["items"][0]["partial"] is False
    assert answer["relaxed"] is None or answer["relaxed"]["exact_hits"] >= 1


def test_fewer_than_three_whole_hits_are_followed_by_partial_ones(url: str,
                                                                 tmp_path: Path) -> None:
    answer = ask(url, "cầm đồ tài sản", tmp_path)
    whole = [hit["partial"] for hit in answer["items"]].count(False)
    assert answer["relaxed"] is not None and answer["relaxed"]["exact_hits"] == whole < 3
    assert [hit["partial"] for hit in answer["items"]] == sorted(
        hit["partial"] for hit in answer["items"])


def test_a_question_with_words_the_law_lacks_still_answers(url: str, tmp_path: Path) -> None:
    answer = ask(url, "con chó nhà tôi cắn người thì ai bồi thường", tmp_path)
    assert answer["items"][0]["id"].startswith(f"{LAW_ID}/d3")
    # "cắn" is in no provision: it is not among the words that count (it would take a
    # place in the pool and raise how many of the others a hit must have).
    assert answer["relaxed"]["exact_hits"] == 0 and "cắn" not in answer["relaxed"]["words"]
    assert "chó" in answer["relaxed"]["words"]
    assert all(hit["partial"] for hit in answer["items"])


def test_a_relaxed_search_that_finds_nothing_asks_for_fewer_words(url: str,
                                                                   tmp_path: Path) -> None:
    # Eight words, two in each of four articles: no provision has half of the seven rarest.
    answer = ask(url, "súc vật thừa kế kiệt sức cầm cố", tmp_path)
    assert answer["items"] and answer["relaxed"]["min_matched"] == 2
    assert all(hit["partial"] for hit in answer["items"])


def test_a_relaxed_search_leaves_out_words_no_provision_has() -> None:
    parsed = parse_query("scan hợp đồng giấy file pdf")
    absent = {"scan", "file", "pdf"}
    relax = plan.relaxation(parsed, rarity=lambda c: 0 if c.terms[0] in absent else 5)
    assert relax is not None and relax.need == 2
    assert [unit[0].terms[0] for unit in relax.pool] == ["hop", "dong", "giay"]
    # One word left that some provision has: any hit with it, never nothing.
    alone = plan.relaxation(parse_query("scan pdf giấy"),
                            rarity=lambda c: 0 if c.terms[0] != "giay" else 5)
    assert alone is not None and [unit[0].terms[0] for unit in alone.pool] == ["giay"]
    assert alone.need == 1
    assert plan.relaxation(parse_query("scan pdf"), rarity=lambda c: 0) is None



def test_a_real_word_typed_for_its_neighbour_is_corrected(url: str, tmp_path: Path) -> None:
    answer = ask(url, "thời hiệu khởi kiệt", tmp_path)
    assert answer["expansions"] == {"kiet": ["kien"]}
    top = answer["items"][0]
    assert top["id"].startswith(f"{LAW_ID}/d2") and top["partial"] is False
    assert "khởi kiện" in f'{top["heading"]} {top["text"]}'


def test_the_typed_word_stays_when_it_stands_in_context(url: str, tmp_path: Path) -> None:
    answer = ask(url, "làm việc đến kiệt sức", tmp_path)
    assert answer["expansions"] == {} and answer["items"][0]["id"] == f"{LAW_ID}/d4"


def test_a_citation_inside_a_query_ranks_its_provision_first(url: str, tmp_path: Path) -> None:
    answer = ask(url, "luật thử nghiệm điều 2", tmp_path)
    assert answer["items"][0]["id"] == f"{LAW_ID}/d2"


@pytest.mark.parametrize("q", ["dieu 2 luat thu nghiem 2099", "điều 2 luật thử nghiệm năm 2099"])
def test_a_citation_with_the_year_of_its_law_is_that_provision(url: str, tmp_path: Path,
                                                               q: str) -> None:
    # The stored citation prints the year inside the number ("Luật THỬ NGHIỆM 99/2099/QH99"):
    # as the phrase's next word the year matched no citation, and the provision was not
    # told from the others whose words lie apart.
    top = ask(url, q, tmp_path)["items"][0]
    assert top["id"] == f"{LAW_ID}/d2" and top["partial"] is False


class _Counts:
    """A searcher's document frequencies, as the compound rule reads them."""

    def __init__(self, freq: dict[tuple[str, str], int]) -> None:
        self.freq = freq

    def doc_freq(self, field: str, term: str) -> int:
        return self.freq.get((field, term), 0)


def test_a_function_word_that_is_half_of_a_compound_is_required() -> None:
    from app.search.compounds import keep_compounds

    counts = _Counts({("pairs", pair("tu", "choi")): 40, ("body", "choi"): 45,
                      ("pairs", pair("tu", "ngay")): 30, ("body", "ngay"): 900})
    refuse = keep_compounds(counts, parse_query("có được từ chối không"))  # type: ignore[arg-type]
    assert [(c.terms[0], c.optional) for c in refuse.clauses] == [
        ("co", True), ("duoc", True), ("tu", False), ("choi", False), ("khong", True)]
    since = keep_compounds(counts, parse_query("nghỉ từ ngày"))  # type: ignore[arg-type]
    assert [c.optional for c in since.clauses] == [False, True, False]


def test_a_whole_hit_found_only_without_its_marks_is_not_whole(url: str, tmp_path: Path) -> None:
    # "khởi kiên" is not in the law, only "khởi kiện": folded, every word matches, but a
    # reader who typed the marks meant another word; those hits rank as partial ones.
    answer = ask(url, "thời hiệu khởi kiên", tmp_path)
    assert answer["items"] and answer["relaxed"] is not None
    assert answer["relaxed"]["exact_hits"] == 0


# -- an article's heading and its clauses -----------------------------------------------

PERMITS = """QUỐC HỘI
Luật số: 98/2098/QH98

LUẬT
GIẤY PHÉP

Điều 1. Thời hạn của giấy phép lao động
1. Tối đa là 02 năm.
2. Chỉ được gia hạn một lần với thời hạn tối đa là 02 năm.

Điều 2. Cấp giấy phép lao động
1. Người sử dụng lao động đề nghị cấp giấy phép lao động cho người nước ngoài.
2. Hồ sơ đề nghị cấp giấy phép lao động gồm đơn và giấy tờ chứng minh.
3. Giấy phép lao động được cấp trong thời hạn 05 ngày làm việc.
"""


@pytest.fixture(scope="module")
def permits(tmp_path_factory: pytest.TempPathFactory) -> str:
    return stored(tmp_path_factory, "permits", PERMITS, "98-2098-QH98.txt")


def test_a_clause_answers_with_its_articles_heading(permits: str, tmp_path: Path) -> None:
    # "gia hạn" is in the clause, "giấy phép lao động" only in its article's heading.
    first = ask(permits, "gia hạn giấy phép lao động", tmp_path)["items"][0]
    assert (first["id"], first["partial"]) == ("98-2098-qh98/d1.2", False)


def test_an_article_shows_once_before_other_articles(permits: str, tmp_path: Path) -> None:
    ids = [hit["id"] for hit in ask(permits, "giấy phép lao động", tmp_path)["items"]]
    articles = [i.split("/")[1].split(".")[0] for i in ids]
    assert articles[:2] in (["d1", "d2"], ["d2", "d1"]), ids
    assert len(ids) == 5  # the other hits follow, not dropped


def test_an_article_that_matches_stands_for_its_clauses(permits: str, tmp_path: Path) -> None:
    ids = [hit["id"] for hit in ask(permits, "thời hạn của giấy phép lao động", tmp_path)["items"]]
    assert ids[0] == "98-2098-qh98/d1", ids


# -- a clause's lead-in and its points ---------------------------------------------------

NOTICE = """QUỐC HỘI
Luật số: 97/2097/QH97

LUẬT
VIỆC LÀM

Điều 1. Chấm dứt hợp đồng
1. Người lao động phải báo trước cho người sử dụng lao động như sau:
a) Ít nhất 45 ngày nếu làm việc theo hợp đồng không xác định thời hạn;
b) Ít nhất 03 ngày làm việc nếu làm việc theo hợp đồng dưới 12 tháng.
2. Người sử dụng lao động thanh toán tiền lương trong thời hạn 14 ngày.
"""


@pytest.fixture(scope="module")
def notice(tmp_path_factory: pytest.TempPathFactory) -> str:
    return stored(tmp_path_factory, "notice", NOTICE, "97-2097-QH97.txt")


def test_a_point_answers_with_its_clauses_lead_in(notice: str, tmp_path: Path) -> None:
    # "báo trước" is in the clause's lead-in, "45 ngày" only in its point.
    first = ask(notice, "báo trước 45 ngày", tmp_path)["items"][0]
    assert (first["id"], first["partial"]) == ("97-2097-qh97/d1.1.a", False)


def test_a_clause_does_not_lend_its_lead_in_to_the_next_clause(notice: str,
                                                                tmp_path: Path) -> None:
    # Clause 2 has "14 ngày", not clause 1's "báo trước": no hit has every word.
    items = ask(notice, "báo trước 14 ngày", tmp_path)["items"]
    assert items and all(hit["partial"] for hit in items), items


def test_the_two_syllables_of_a_word_count_once_in_a_relaxed_search() -> None:
    from app.search.compounds import words

    # "vi phạm": the pair in a fifth of the provisions with "phạm"; "xe chắn" never side by
    # side; of "người lao động", "lao động" is the word (its pair is the more telling).
    counts = _Counts({("pairs", pair("vi", "pham")): 170, ("body", "vi"): 1100,
                      ("body", "pham"): 1250, ("body", "xe"): 12, ("body", "chan"): 40,
                      ("pairs", pair("nguoi", "lao")): 690, ("body", "nguoi"): 2000,
                      ("pairs", pair("lao", "dong")): 1260, ("body", "lao"): 1430,
                      ("body", "dong"): 3900})
    parsed = parse_query("để xe chắn có vi phạm không")
    units = words(counts, parsed)  # type: ignore[arg-type]
    assert [[c.terms[0] for c in unit] for unit in units] == [["xe"], ["chan"], ["vi", "pham"]]
    relax = plan.relaxation(parsed, rarity=lambda c: 5, words=units)
    assert relax is not None and len(relax.pool) == 3 and relax.need == 2
    labour = words(counts, parse_query("người lao động"))  # type: ignore[arg-type]
    assert [[c.terms[0] for c in unit] for unit in labour] == [["nguoi"], ["lao", "dong"]]
    # A syllable typed again is a word again: "cứu nạn cứu hộ cứu" is three words.
    twice = words(_Counts({("pairs", pair("cuu", "nan")): 300, ("body", "cuu"): 500,
                           ("body", "nan"): 340}), parse_query("cứu nạn cứu"))  # type: ignore[arg-type]
    assert [[c.terms[0] for c in unit] for unit in twice] == [["cuu", "nan"], ["cuu"]]


def test_a_word_whose_syllables_are_each_common_elsewhere_is_one_word() -> None:
    from app.search.compounds import words

    # The question store's counts with the Land Law 2024 ingested: "hợp pháp" is under a
    # tenth of the provisions with "pháp" (0.099), but 8 % of the two syllables' provisions
    # together; "người nước" of "người nước ngoài" is under 1 % of either measure.
    counts = _Counts({("pairs", pair("hop", "phap")): 357, ("body", "hop"): 5256,
                      ("body", "phap"): 3591, ("pairs", pair("nguoi", "nuoc")): 25,
                      ("body", "nguoi"): 3023, ("body", "nuoc"): 2548, ("body", "hui"): 2})
    units = words(counts, parse_query("hụi hợp pháp"))  # type: ignore[arg-type]
    assert [[c.terms[0] for c in unit] for unit in units] == [["hui"], ["hop", "phap"]]
    apart = words(counts, parse_query("người nước"))  # type: ignore[arg-type]
    assert [[c.terms[0] for c in unit] for unit in apart] == [["nguoi"], ["nuoc"]]


def test_a_relaxed_search_gives_no_phrase_bonus_for_a_word_s_own_syllables() -> None:
    parsed = parse_query("hụi hợp pháp")
    hop, phap = parsed.clauses[1], parsed.clauses[2]
    relax = plan.Relax(((parsed.clauses[0],), (hop, phap)), 1)
    links = plan._links(parsed.clauses, {}, plan._inner(relax))
    assert links == [(pair("hui", "hop"),)]
    assert len(plan._links(parsed.clauses, {})) == 2  # not relaxed: every pair


def test_a_relaxed_search_counts_a_marked_word_only_with_its_marks() -> None:
    cam = parse_query("cấm").clauses[0]
    assert str(plan._marked(cam, {})) == str(plan._all_terms("exact", ["cấm"]))
    # With typo variants, or typed without marks, the folded word (and variants) count.
    assert str(plan._marked(cam, {"cam": ["cau"]})) != str(plan._all_terms("exact", ["cấm"]))
    assert str(plan._marked(parse_query("cam").clauses[0], {})) == str(
        plan._clause(parse_query("cam").clauses[0], {}))


# -- whole hits whose words lie apart ----------------------------------------------------

SCATTERED = """QUỐC HỘI
Luật số: 96/2096/QH96

LUẬT
NGHỈ NGƠI

Điều 1. Nghỉ hằng năm
Người lao động làm việc đủ 12 tháng thì được nghỉ hằng năm 12 ngày làm việc.

Điều 2. Cấp giấy phép
Cơ quan cấp giấy phép xem xét đề nghị trong 05 ngày và báo cáo mỗi năm một lần.

Điều 3. Thu hồi giấy phép
Cơ quan cấp giấy phép thu hồi giấy phép theo đề nghị của thanh tra trong 10 ngày; hồ sơ
lưu 05 năm.

Điều 4. Gia hạn giấy phép
Đề nghị gia hạn nộp cơ quan cấp giấy phép trước 30 ngày; mỗi năm gia hạn không quá một
lần.
"""


@pytest.fixture(scope="module")
def scattered(tmp_path_factory: pytest.TempPathFactory) -> str:
    return stored(tmp_path_factory, "scattered", SCATTERED, "96-2096-QH96.txt")


def test_whole_hits_with_no_two_words_together_do_not_stop_a_relaxed_search(
        scattered: str, tmp_path: Path) -> None:
    # Articles 2–4 each hold "nghị", "phép", "năm" and "ngày", never two side by side:
    # three whole hits, all chance. The search asks for most of the words instead, and
    # the article on annual leave, which lacks "phép", is offered too.
    answer = ask(scattered, "nghi phep nam duoc bao nhieu ngay", tmp_path)
    assert answer["relaxed"] is not None and answer["relaxed"]["exact_hits"] == 0
    assert "96-2096-qh96/d1" in [hit["id"] for hit in answer["items"]]


def test_whole_hits_with_two_words_together_are_whole(scattered: str, tmp_path: Path) -> None:
    # "cơ quan cấp giấy phép" side by side in three articles: three whole hits, no relaxed
    # search.
    answer = ask(scattered, "co quan cap giay phep ngay", tmp_path)
    assert answer["relaxed"] is None and len(answer["items"]) == 3


def test_a_query_is_linked_only_by_its_required_pairs() -> None:
    parsed = parse_query("nghỉ phép năm được bao nhiêu ngày")
    query = plan.linked(parsed, {})
    assert query is not None
    assert pair("nghi", "phep") in str(query) and pair("phep", "nam") in str(query)
    assert pair("nhieu", "ngay") not in str(query)  # "bao nhiêu" is a question word
    # Asked of each hit alone: a row-id range would read the whole pk column per search.
    assert "RangeQuery" not in str(query)
    assert plan.linked(parse_query("nghỉ"), {}) is None


def test_the_definitions_a_question_asks_are_sought_by_term_not_by_range() -> None:
    # A range over the fast pk column reads the whole column on every "… là gì" question;
    # the indexed pk answers each row id with one term lookup.
    query = str(plan.row_ids((1, 2)))
    assert "RangeQuery" not in query and query.count("TermQuery") == 2


def test_a_cited_provision_is_linked_by_its_citation() -> None:
    parsed = parse_query("khoản 2 điều 5")
    query = plan.linked(parsed, {})
    assert query is not None and 'field=' in str(query) and "PhraseQuery" in str(query)


def test_a_synonym_s_wordings_are_spread_over_the_other_words(table: synonyms.Table) -> None:
    parsed, _ = synonyms.apply(parse_query("định hướng cho công nhân"), table)
    query = str(plan.matches_only(parsed, {}, plan.Filters()))
    # One intersection per wording, the later excluding the earlier, not a union of the
    # wordings inside the intersection of the other words.
    assert query.count("MustNot") == 1 and query.count('"dinh"') == 2


def test_a_what_is_question_asks_for_the_term_in_the_laws_words(table: synonyms.Table
                                                                 ) -> None:
    from app.services.search import _asked

    parsed, _ = synonyms.apply(parse_query("doanh nghiệp fdi là gì"), table)
    assert _asked(parsed) == ["doanh nghiep fdi",
                              "doanh nghiep co von dau tu truc tiep nuoc ngoai",
                              "doanh nghiep dau tu truc tiep nuoc ngoai"]
    assert _asked(parse_query("cầm cố là gì")) == ["cam co"]


COMPOUND_ONLY = """QUỐC HỘI
Luật số: 95/2095/QH95

LUẬT
DÂN VỆ

Điều 1. Lực lượng dân vệ
Lực lượng dân vệ có nhiệm vụ tuyên truyền, phổ biến kiến thức phòng cháy.

Điều 2. Quân đội tham gia
Đơn vị quân đội thực hiện nhiệm vụ được giao, hỗ trợ người dân khi có yêu cầu tự vệ.

Điều 3. Đất quốc phòng
Đất do quân đội quản lý chỉ dùng cho nhiệm vụ phòng vệ; người dân được bồi thường.

Điều 4. Trụ sở
Trụ sở quân đội bố trí phòng trực; nhiệm vụ bảo vệ do đơn vị dân quân thực hiện.
"""


@pytest.fixture(scope="module")
def compound_only(tmp_path_factory: pytest.TempPathFactory) -> str:
    return stored(tmp_path_factory, "compound", COMPOUND_ONLY, "95-2095-QH95.txt")


def test_a_compound_s_own_syllables_together_do_not_make_a_hit_whole(
        compound_only: str, tmp_path: Path) -> None:
    # Articles 2–4 hold "đội", "dân", "vệ" and "nhiệm vụ", with only "nhiệm vụ" (one word)
    # side by side: chance. The article on the militia, which lacks "đội", is offered. (A
    # made-up "dân vệ": "đội dân phòng", the words first used here, is now a synonym of the
    # law's "lực lượng dân phòng", one clause that no scattered syllables can match.)
    answer = ask(compound_only, "đội dân vệ có nhiệm vụ gì", tmp_path)
    assert answer["relaxed"] is not None and answer["relaxed"]["exact_hits"] == 0
    assert answer["items"][0]["id"] == "95-2095-qh95/d1"


def test_linked_leaves_out_the_pair_of_a_word_s_own_syllables() -> None:
    parsed = parse_query("đội dân phòng có nhiệm vụ gì")
    nhiem, vu = parsed.clauses[4], parsed.clauses[5]
    units = [(c,) for c in parsed.clauses[:3]] + [(nhiem, vu)]
    query = str(plan.linked(parsed, {}, units))
    assert pair("doi", "dan") in query and pair("nhiem", "vu") not in query
    alone = parse_query("nhiệm vụ")
    word = [(alone.clauses[0], alone.clauses[1])]
    assert plan.linked(alone, {}, word) is None


def test_two_words_apart_in_one_provision_are_what_was_asked(scattered: str,
                                                             tmp_path: Path) -> None:
    # "giấy phép" and "ngày", never side by side: with two words, a hit that holds both is
    # no chance, and the three whole hits stand.
    answer = ask(scattered, "giay phep ngay", tmp_path)
    assert answer["relaxed"] is None and len(answer["items"]) == 3


PICTURES = """QUỐC HỘI
Luật số: 94/2094/QH94

LUẬT
HÌNH ẢNH

Điều 1. Quyền của cá nhân đối với hình ảnh
Việc đăng hình ảnh của người khác phải được người đó đồng ý.

Điều 2. Giấy phép mạng
Người đăng ký lên mạng phải xin giấy phép của cơ quan khác.
"""


@pytest.fixture(scope="module")
def pictures(tmp_path_factory: pytest.TempPathFactory) -> str:
    return stored(tmp_path_factory, "pictures", PICTURES, "94-2094-QH94.txt")


def test_a_relaxed_search_with_fewer_than_three_hits_asks_for_fewer_words(
        pictures: str, tmp_path: Path) -> None:
    # Four of the seven words (half) are in Article 2 alone; Article 1, on pictures, has
    # three: it comes only when the search asks for fewer.
    answer = ask(pictures, "đăng ảnh người khác lên mạng có cần xin phép không", tmp_path)
    assert answer["relaxed"] is not None and answer["relaxed"]["min_matched"] < 4
    assert "94-2094-qh94/d1" in [hit["id"] for hit in answer["items"]]
