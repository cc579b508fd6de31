"""The top tier (``plan.top_tier``): when the hits that earn every bonus fill the window,
they are the answer, with the scores and order of the full ranking; past ``COUNT_CAP`` such
hits the total is a lower bound. Thresholds are lowered so the bundled corpus crosses them."""

from __future__ import annotations

from typing import Any

import pytest

from app.db.session import session_scope
from app.search import compounds, plan, synonyms
from app.search.query import parse_query
from app.search.sync import fresh_index
from app.search.vocab import vocabulary
from app.services import search as service
from app.services.search import SearchParams

QUERIES = ["công đoàn", "cong doan", "người lao động", "công đoàn cơ sở", "tổ chức công đoàn",
           "thoả ước lao động tập thể", "đoàn viên công đoàn", "theo quy định của pháp luật",
           # The tier knows no definition bonus: the defining provision is scored alone.
           "đoàn viên công đoàn là gì", "công đoàn cơ sở là gì", "cán bộ công đoàn là gì"]


def answer(url: str, q: str, monkeypatch: pytest.MonkeyPatch, *, tier: bool,
           cap: int = 1_000_000) -> dict[str, Any]:
    monkeypatch.setattr(service, "FACET_SAMPLE", 8)
    monkeypatch.setattr(service, "TIER_FROM", 1 if tier else 10**9)
    monkeypatch.setattr(service, "COUNT_CAP", cap)
    monkeypatch.setattr(service._cache, "put", lambda key, value: None)
    with session_scope(url) as session:
        return service.search(session, SearchParams(q=q, limit=8))


def returns_of(module: Any, name: str, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """What ``module.name`` returns from now on, call by call (it still runs)."""
    returned: list[Any] = []
    real = getattr(module, name)

    def spy(*args: Any) -> Any:
        returned.append(real(*args))
        return returned[-1]

    monkeypatch.setattr(module, name, spy)
    return returned


@pytest.mark.parametrize("q", QUERIES)
def test_the_top_tier_answers_as_the_full_ranking(corpus_url: str, q: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    full = answer(corpus_url, q, monkeypatch, tier=False)
    taken = returns_of(service, "_top_tier", monkeypatch)
    tiered = answer(corpus_url, q, monkeypatch, tier=True)
    assert taken and taken[0] is not None  # the tier filled the window
    scores = [hit["score"] for hit in full["items"]]
    assert [hit["score"] for hit in tiered["items"]] == scores
    # Hits tied with the last one may be another of the tie (the index's order decides).
    last = scores[-1] if scores else None
    assert [h["id"] for h in tiered["items"] if h["score"] != last] == \
        [h["id"] for h in full["items"] if h["score"] != last]
    assert (tiered["total"], tiered["total_is_exact"]) == (full["total"], True)


@pytest.mark.parametrize("q", ["công đoàn", "người lao động", "công đoàn cơ sở là gì"])
def test_a_tier_that_falls_short_leaves_its_count_to_the_full_ranking(
        corpus_url: str, q: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Below ``COUNT_CAP`` the matches are counted beside the tier; when the tier then falls
    short, the one-pass ranking takes that count instead of counting: the same answer."""
    full = answer(corpus_url, q, monkeypatch, tier=False)
    counted = returns_of(service, "_count", monkeypatch)
    monkeypatch.setattr(service, "_top_tier", lambda *args: None)  # it fell short
    short = answer(corpus_url, q, monkeypatch, tier=True)
    assert counted == [full["total"]]  # counted once, beside the tier
    assert (short["total"], short["total_is_exact"]) == (full["total"], True)
    assert [(h["id"], h["score"]) for h in short["items"]] == \
        [(h["id"], h["score"]) for h in full["items"]]


def test_past_the_cap_the_total_is_a_lower_bound(corpus_url: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    full = answer(corpus_url, "công đoàn", monkeypatch, tier=False)
    capped = answer(corpus_url, "công đoàn", monkeypatch, tier=True, cap=10)
    assert full["total_is_exact"] and not capped["total_is_exact"]
    assert 10 <= capped["total"] <= full["total"]
    assert [h["id"] for h in capped["items"]][:3] == [h["id"] for h in full["items"]][:3]


@pytest.mark.parametrize("q", [*QUERIES, "Điều 5 Luật Công đoàn", "hoà giải tranh chấp"])
def test_the_tier_bound_is_never_below_its_hits(corpus_url: str, q: str) -> None:
    """``TopTier.most`` skips a pass only when the tier cannot fill the window: it must
    bound the tier's real number of hits from above."""
    with session_scope(corpus_url) as session:
        snapshot = fresh_index(session, service._default_index_dir(session))
        searcher = snapshot.index.searcher()
        parsed, _ = synonyms.apply(parse_query(q), service._synonym_table())
        parsed = compounds.keep_compounds(searcher, parsed)
        expansions = service._expansions(vocabulary(session, snapshot.head), parsed)
    tier = plan.top_tier(parsed, expansions, plan.Filters())
    hits = service._count(searcher, tier.query)
    most = tier.most(searcher.doc_freq)
    assert most is not None and hits <= most
    assert most < 10 * max(hits, 1) + 50  # and is not a vacuous bound


@pytest.mark.parametrize("q", [*QUERIES, "Điều 5 Luật Công đoàn", "không có từ này xyzw"])
def test_a_count_without_scores_counts_what_a_search_counts(corpus_url: str, q: str) -> None:
    """``_count`` counts through an aggregation, not a scoring search: the same number for
    the matches of every query, none included, with and without a filter."""
    with session_scope(corpus_url) as session:
        snapshot = fresh_index(session, service._default_index_dir(session))
        searcher = snapshot.index.searcher()
        parsed, _ = synonyms.apply(parse_query(q), service._synonym_table())
        expansions = service._expansions(vocabulary(session, snapshot.head), parsed)
    for filters in (plan.Filters(), plan.Filters(doc="50-2024-qh15")):
        query = plan.matches_only(parsed, expansions, filters)
        assert service._count(searcher, query) == searcher.search(query, 1, count=True).count
    if "xyzw" not in q:
        assert service._count(searcher, plan.matches_only(parsed, expansions, plan.Filters())) > 0


@pytest.mark.parametrize("q", ["công nhân tham gia công đoàn", "quyền của công nhân",
                               "nhân viên ký hợp đồng"])
def test_a_synonym_spread_over_the_other_words_answers_as_the_union(
        corpus_url: str, q: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # "công nhân" or the law's "người lao động": one intersection per wording (plan._spread)
    # finds the hits and scores of the union of the wordings inside one intersection.
    spread = answer(corpus_url, q, monkeypatch, tier=False)
    monkeypatch.setattr(plan, "_spread", lambda *args: None)
    union = answer(corpus_url, q, monkeypatch, tier=False)
    assert spread["items"] and spread["total"] == union["total"]
    assert [(h["id"], h["score"]) for h in spread["items"]] == \
        [(h["id"], h["score"]) for h in union["items"]]
