"""GET /search: every way people type, filters, pages, facets and hostile input."""

from __future__ import annotations

import re
import unicodedata

import pytest
from factories_app import LAW_ID, RESOLUTION_ID
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers import vntext

pytestmark = pytest.mark.any_store  # SQLite and PostgreSQL (tests/app/conftest.py)


def hits(client: TestClient, q: str, **params: object) -> list[dict]:
    response = client.get("/search", params={"q": q, **params})
    assert response.status_code == 200, response.text
    return response.json()["items"]


def _exact_hits(body: dict) -> int:
    """Hits with every word (a relaxed answer adds ones with only enough of them)."""
    return body["total"] if body["relaxed"] is None else body["relaxed"]["exact_hits"]


def top_texts(client: TestClient, q: str, n: int = 3, **params: object) -> list[str]:
    return [h["text"] for h in hits(client, q, limit=n, **params)]


@pytest.mark.parametrize(
    "q",
    [
        "thoả ước lao động tập thể",  # as printed
        "thoa uoc lao dong tap the",  # no diacritics
        "thỏa ước lao động tập thể",  # old tone placement
        "THOẢ ƯỚC LAO ĐỘNG TẬP THỂ",  # upper case
        unicodedata.normalize("NFD", "thoả ước lao động tập thể"),  # decomposed input
        "thoaa uoc lao dong tap the",  # a typo
        '"thoả ước lao động tập thể"',  # a phrase
    ],
)
def test_every_query_style_finds_collective_agreements(client: TestClient, q: str) -> None:
    texts = top_texts(client, q, n=5)
    assert texts and all("thoả ước lao động tập thể" in t.replace("thỏa", "thoả") for t in texts)


def test_the_objectives_of_02_nq_tw_are_near_the_top(client: TestClient) -> None:
    ids = [h["id"] for h in hits(client, "thoa uoc lao dong tap the", limit=10)]
    bundled = [i for i in ids if not i.startswith((RESOLUTION_ID, LAW_ID))]
    assert bundled[0].startswith("02-nq-tw-2021/")


def test_d_folds_to_d(client: TestClient) -> None:
    texts = top_texts(client, "dang doan tong lien doan", n=3)
    assert texts and all("Đảng đoàn Tổng Liên đoàn" in t for t in texts)


def test_exact_diacritics_rank_first(client: TestClient) -> None:
    ids = [h["id"] for h in hits(client, "hòa giải", doc=RESOLUTION_ID)]
    assert ids[0] == f"{RESOLUTION_ID}/I.2"  # hoà giải, tone placed differently
    assert f"{RESOLUTION_ID}/II.2" in ids  # hóa giải: folded match only, ranked after
    ids = [h["id"] for h in hits(client, "hoá giải", doc=RESOLUTION_ID)]
    assert ids[0] == f"{RESOLUTION_ID}/II.2"


def test_typo_tolerance_by_length(client: TestClient) -> None:
    assert hits(client, "truong", doc=RESOLUTION_ID)  # exact
    assert hits(client, "truonh", doc=RESOLUTION_ID)  # 6 letters, one edit
    # Two edits on 7 letters: not expanded, so no hit has every word ("thanh" alone is a
    # partial match, listed because nothing matched both).
    loose = client.get("/search", params={"q": "truonhh thanh", "doc": RESOLUTION_ID}).json()
    assert "truonhh" not in loose["expansions"] and loose["relaxed"]["exact_hits"] == 0
    assert loose["items"] and all(h["partial"] for h in loose["items"])
    response = client.get("/search", params={"q": "truonh", "doc": RESOLUTION_ID}).json()
    assert response["expansions"] == {"truonh": ["truong"]}
    assert not hits(client, "uan", doc=RESOLUTION_ID)  # 3 letters: no typo allowed


def test_phrases_need_adjacent_words(client: TestClient) -> None:
    loose = hits(client, "tập thể lao động", doc=RESOLUTION_ID)
    phrase = hits(client, '"tập thể lao động"', doc=RESOLUTION_ID)
    assert loose and not phrase


@pytest.mark.parametrize("q", ["16,5", "16.5", '"16,5 triệu"'])
def test_numbers_match_with_comma_or_dot(client: TestClient, q: str) -> None:
    assert any("16,5 triệu" in t for t in top_texts(client, q, n=10))


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("02-NQ/TW", "02-NQ/TW"),
        ("45/2019/QH14", "45/2019/QH14"),
    ],
)
def test_citations_as_typed(client: TestClient, q: str, expected: str) -> None:
    items = hits(client, q, limit=100)
    assert items
    assert any(expected in (h["text"] + (h["heading"] or "")) for h in items)


@pytest.mark.parametrize(("q", "article"), [
    # Luật Công đoàn 2024, Điều 17 "Phản biện xã hội của Công đoàn": the words recur in
    # its clauses and in 02-NQ/TW; Điều 29 "Tài chính công đoàn" and Điều 31, 33, 34 too.
    ("phan bien xa hoi", "50-2024-qh15/d17"),
    ("tài chính công đoàn", "50-2024-qh15/d29"),
])
def test_a_title_outranks_its_mentions(client: TestClient, q: str, article: str) -> None:
    assert hits(client, q)[0]["id"] == article


def test_article_citation_finds_the_article_first(client: TestClient) -> None:
    assert hits(client, "Điều 5", doc=LAW_ID)[0]["id"] == f"{LAW_ID}/d5"
    assert hits(client, "khoản 2 điều 5", doc=LAW_ID)[0]["id"] == f"{LAW_ID}/d5.2"
    assert hits(client, "điểm a khoản 2 Điều 5 Luật thử nghiệm")[0]["id"] == f"{LAW_ID}/d5.2.a"


def test_hits_have_breadcrumbs_and_marked_snippets(client: TestClient) -> None:
    hit = hits(client, "ban to chuc trung uong", doc=RESOLUTION_ID)[0]
    assert hit["id"] == f"{RESOLUTION_ID}/III.1.1"
    assert [c["title"] for c in hit["breadcrumbs"]] == ["NHIỆM VỤ", "Về tổ chức"]
    assert "<mark>Ban Tổ chức Trung ương</mark>" in hit["snippet"]
    assert set(hit) >= {"id", "doc_id", "path", "kind", "role", "heading", "text", "score"}


def test_marks_land_on_nfd_text_too(client: TestClient) -> None:
    q = unicodedata.normalize("NFD", "Đoàn viên")
    hit = hits(client, q, doc=RESOLUTION_ID)[0]
    assert "<mark>đoàn viên</mark>" in hit["snippet"]


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"doc": RESOLUTION_ID}, lambda h: h["doc_id"] == RESOLUTION_ID),
        ({"section": "III"}, lambda h: h["path"].split(".")[0] == "III"),
        ({"kind": "bullet"}, lambda h: h["kind"] == "bullet"),
        ({"role": "objective"}, lambda h: h["role"] == "objective"),
        ({"doc": LAW_ID, "section": "d5.2"}, lambda h: h["path"].startswith("d5.2")),
    ],
)
def test_filters(client: TestClient, params: dict, check) -> None:  # noqa: ANN001
    items = hits(client, "cong doan lao dong", limit=100, **params) or hits(
        client, "thuong luong", limit=100, **params)
    assert items and all(check(h) for h in items)


def test_facets_count_every_hit(client: TestClient) -> None:
    body = client.get("/search", params={"q": "cong doan", "limit": 1}).json()
    facets = body["facets"]
    assert sum(f["count"] for f in facets["documents"]) == body["total"]
    assert sum(f["count"] for f in facets["kinds"]) == body["total"]
    assert {f["value"] for f in facets["documents"]} >= {"02-nq-tw-2021", RESOLUTION_ID}


def test_pages_cover_every_hit_once(client: TestClient) -> None:
    first = client.get("/search", params={"q": "cong doan", "limit": 7})
    total = first.json()["total"]
    assert total > 20
    seen, url = [], "/search?q=cong+doan&limit=7"
    while url:
        response = client.get(url)
        body = response.json()
        seen += [h["id"] for h in body["items"]]
        url = body["next"]
        if url:
            assert response.headers["link"] == f'<{url}>; rel="next"'
        else:
            assert "link" not in response.headers
    assert len(seen) == len(set(seen)) == total


def test_deep_page_past_the_end_is_empty_not_an_error(client: TestClient) -> None:
    body = client.get("/search", params={"q": "cong doan", "offset": 100000}).json()
    assert body["items"] == [] and body["next"] is None and body["total"] > 0


@pytest.mark.parametrize(
    ("q", "same_as", "found"),
    [
        # Each hostile query answers exactly what its plain words answer (`same_as`):
        # operators and markup are ordinary characters, so FTS5 syntax never leaks in.
        ('công đoàn "', "công đoàn", True),  # unbalanced quote
        # FTS5 syntax; "NEAR(công" is one chunk, as "col:value" below.
        ("NEAR(công đoàn) OR * AND -x ^y", '"near công" đoàn or and x y', False),
        # "col:value" is one chunk of two terms: a phrase, as a quoted one is.
        ("col:value {a b} (c", '"col value" a b c', False),  # column filter, groups
        ("đoàn\x00viên\x07\x1b", "đoàn viên", True),  # control characters
        ("đoàn\x00viên\x07\x1b[31m", "đoàn viên 31m", False),  # an escape's visible tail
        ("\u200b\ufeffcông\u202eđoàn", "công đoàn", True),  # invisible characters
        ("🙂 công đoàn 漢字", "công đoàn", True),  # emoji, CJK: no [a-z0-9] term
        ("a" * 999, "a" * 999, False),  # under the 1 000-character limit
        (" ".join(["cong"] * 64), "cong", True),  # at the 64-word limit
    ],
)
def test_hostile_queries_are_their_plain_words(client: TestClient, q: str, same_as: str,
                                               found: bool) -> None:
    response = client.get("/search", params={"q": q, "limit": 100})
    assert response.status_code == 200, response.text
    body = response.json()
    plain = client.get("/search", params={"q": same_as, "limit": 100}).json()
    assert body["total"] == plain["total"]
    assert {h["id"] for h in body["items"]} == {h["id"] for h in plain["items"]}
    assert (_exact_hits(body) > 0) is found


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"q": "x" * 10_000}, "validation_error"),
        ({"q": " ".join(["cong"] * 65)}, "bad_query"),
        ({}, "validation_error"),
        ({"q": "a", "limit": 101}, "validation_error"),
        ({"q": "a", "limit": 0}, "validation_error"),
        ({"q": "a", "offset": -1}, "validation_error"),
        ({"q": "a", "offset": "x"}, "validation_error"),
        ({"q": "a", "kind": "nope"}, "bad_query"),
        ({"q": "a", "role": "nope"}, "bad_query"),
    ],
)
def test_bad_parameters_are_422(client: TestClient, params: dict, code: str) -> None:
    response = client.get("/search", params=params)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == code


@pytest.mark.parametrize("q", ["", "   ", "?!-/", '"""', "\U0001f642", "\x00"])
def test_a_query_without_words_is_an_empty_answer(client: TestClient, q: str) -> None:
    # The schema allows any string up to 1000 characters, so the server answers every one
    # (issue 12: `q=` and `q=!!!` were 422s the schema did not announce).
    response = client.get("/search", params={"q": q})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == 0 and body["items"] == [] and body["next"] is None
    assert body["facets"] == {"documents": [], "sections": [], "kinds": [], "roles": []}
    assert response.headers["X-Vnlex-Index-Version"].isdigit()


@pytest.mark.parametrize("params", [{"q": "", "kind": "nope"}, {"q": "!!!", "role": "nope"}])
def test_an_empty_query_still_refuses_an_unknown_kind_or_role(client: TestClient,
                                                              params: dict) -> None:
    # Found by schemathesis: the empty answer came before the check a query with words got.
    response = client.get("/search", params=params)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "bad_query"
    assert response.json()["error"]["valid"]


def test_search_on_an_empty_database(empty_client: TestClient) -> None:
    body = empty_client.get("/search", params={"q": "cong doan"}).json()
    assert body["total"] == 0 and body["items"] == []


def test_highlight_fast_path_agrees_with_fold_with_map() -> None:
    from app.search import highlight
    from parsers import vntext

    regex = highlight.pattern(["doan", "vien"], [("lao", "dong")])
    for text in ["Đoàn viên và người lao động", "Đoa\u0300n vie\u0302\u0300n, lao  động",
                 "x\u0301 đoàn viên"]:
        nfc = vntext.nfc(text)
        assert highlight.spans(nfc, regex, vntext.fold(nfc)) == highlight.spans(nfc, regex)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(max_size=120) | st.text(alphabet='"*^:()-/.,đĐ ạ\x00NEAROR', max_size=40))
def test_no_query_string_causes_a_500(client: TestClient, q: str) -> None:
    response = client.get("/search", params={"q": q, "limit": 5})
    assert response.status_code in (200, 422), (q, response.text)


def test_facets_past_the_cap_count_the_best_hits(client: TestClient,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from app.services import search as service

    monkeypatch.setattr(service, "FACET_SAMPLE", 8)
    body = client.get("/search", params={"q": "lao dong viec lam", "limit": 3}).json()
    assert body["total"] > 8 and body["facets_exact"] is False
    assert sum(f["count"] for f in body["facets"]["kinds"]) == 8
    exact = client.get("/search", params={"q": "lao dong viec lam", "limit": 3,
                                          "doc": "02-nq-tw-2021", "kind": "bullet"}).json()
    assert 0 < exact["total"] <= 8 and exact["facets_exact"] is True
    assert sum(f["count"] for f in exact["facets"]["kinds"]) == exact["total"]


def test_paging_past_the_window_is_refused_while_hits_remain(
        client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.services import search as service

    monkeypatch.setattr(service, "MAX_WINDOW", 10)
    refused = client.get("/search", params={"q": "cong doan", "offset": 8, "limit": 5})
    assert refused.status_code == 422
    assert refused.json()["error"]["max_window"] == 10
    past = client.get("/search", params={"q": "cong doan", "offset": 100000}).json()
    assert past["items"] == [] and past["total"] > 0


def test_a_repeated_search_is_the_same_answer(client: TestClient) -> None:
    first = client.get("/search", params={"q": "doi moi sang tao", "limit": 4})
    again = client.get("/search", params={"q": "doi moi sang tao", "limit": 4})
    assert first.json() == again.json()
    assert first.headers["x-vnlex-index-version"] == again.headers["x-vnlex-index-version"]


def _snippet_of_every_mark(text: str, regex: re.Pattern[str] | None, width: int) -> str:
    """``highlight.snippet`` as it was: every mark of the whole text, then the window."""
    from app.search import highlight
    found = highlight.spans(text, regex)
    if len(text) <= width:
        return highlight.mark(text, found)
    first = found[0][0] if found else 0
    start = highlight._word_start(text, max(0, first - width // 4))
    end = highlight._word_end(text, min(len(text), start + width))
    return ("…" if start > 0 else "") + highlight.mark(text, found, start, end) \
        + ("…" if end < len(text) else "")


_WORDS = st.sampled_from(["lao", "động", "lao động", "Đoàn", "viên", "công", "đoàn", "x",
                          "Điều", "5", "tập thể", "  ", "\n", ",", "laodong"])


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(_WORDS, min_size=0, max_size=120), width=st.integers(10, 240))
def test_snippet_searching_its_window_only_marks_as_the_whole_text_does(
        words: list[str], width: int) -> None:
    from app.search import highlight
    text = vntext.nfc(" ".join(words))
    regex = highlight.pattern(["doan", "vien"], [("lao", "dong")])
    assert highlight.snippet(text, regex, width) == _snippet_of_every_mark(text, regex, width)


_LONG_WORDS = st.sampled_from(["lao", "động", "lao động", "Đoàn viên", "công", "x", "5",
                               "laodong", ", ", "\n", "a\u0300"])  # a combining mark: not 1:1


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(head=st.lists(_LONG_WORDS, max_size=40), filler=st.integers(0, 12_000),
       tail=st.lists(_LONG_WORDS, max_size=40), width=st.integers(10, 240))
def test_a_long_text_folded_only_as_far_as_its_first_match_snippets_as_the_whole(
        head: list[str], filler: int, tail: list[str], width: int) -> None:
    """Texts longer than the first folded prefix (2 048 characters), the match before, across
    or past each prefix's edge, or nowhere."""
    from app.search import highlight
    text = " ".join(head) + " " + "chữ " * (filler // 4) + " ".join(tail)
    regex = highlight.pattern(["doan", "vien"], [("lao", "dong")])
    assert highlight.snippet(text, regex, width) == _snippet_of_every_mark(text, regex, width)


@pytest.mark.parametrize("before", [560, 600, 640, 660, 2700])
def test_marks_near_a_prefix_edge_are_all_in_the_snippet(before: int) -> None:
    from app.search import highlight
    text = "xy " * before + "lao động" + " đoàn" * 60 + " xy" * 5000
    regex = highlight.pattern(["doan", "vien"], [("lao", "dong")])
    got = highlight.snippet(text, regex, 240)
    assert got == _snippet_of_every_mark(text, regex, 240)
    assert got.count("<mark>") == 1 and got.count("đoàn") > 30  # one phrase of marks
