"""Issue 13's check set, scored: the resolver, relations (both ways), effective dates and
defined terms, each on the rows tuned to and on the held-out rows apart.

Run ``.venv/bin/python -m pytest tests/legal -q -s`` to see the scores and every miss. The
goal is 95 %; the tuned rows must reach it, the held-out rows have a floor below which a
change is a regression (their score is reported, not tuned to)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest
from fastapi.testclient import TestClient

from parsers import vntext
from tests.legal.checkset import CITATIONS, INCOMING, RELATIONS, STATUS, TERMS

GOAL = 0.95
HELD_OUT_FLOOR = 0.5  # 182/2024/NĐ-CP's date is not in its header (metadata)
SCORES: dict[str, str] = {}


def _score(name: str, rows: Sequence[Any], check: Callable[[Any], bool]) -> None:
    for held_out in (False, True):
        part = [r for r in rows if r.held_out == held_out]
        if not part:
            continue
        misses = [r for r in part if not check(r)]
        score = 1 - len(misses) / len(part)
        label = f"{name} ({'held out' if held_out else 'tuned'})"
        SCORES[label] = f"{len(part) - len(misses)}/{len(part)} = {score:.0%}"
        print(f"\n{label}: {SCORES[label]}", *(f"\n  miss: {m}" for m in misses))  # noqa: T201
        floor = HELD_OUT_FLOOR if held_out else GOAL
        assert score >= floor, (label, misses)


def _resolved(legal: TestClient, row: Any) -> bool:
    params = {"cite": row.cite, **({"from": row.origin} if row.origin else {})}
    response = legal.get("/resolve", params=params)
    if row.expected is None:
        return response.status_code == 404
    if response.status_code != 200:
        return False
    match = response.json()["match"]
    return (match["provision_id"] or match["doc_id"]) == row.expected


def test_resolver_check_set(legal: TestClient) -> None:
    assert len(CITATIONS) >= 40
    _score("resolver", CITATIONS, lambda row: _resolved(legal, row))


def test_the_batch_answers_as_one_by_one(legal: TestClient) -> None:
    cites = [row.cite for row in CITATIONS if row.origin is None][:30]
    items = legal.post("/resolve", json={"cites": cites}).json()["items"]
    single = [legal.get("/resolve", params={"cite": c}).status_code for c in cites]
    assert [i["status"] for i in items] == single


def _relations(legal: TestClient, doc: str) -> dict[str, Any]:
    """Both lists whole, read a page of 100 at a time by following ``next``."""
    whole: dict[str, Any] = {"outgoing": [], "incoming": []}
    url: str | None = f"/documents/{doc}/relations?limit=100"
    while url is not None:
        response = legal.get(url)
        assert response.status_code == 200, response.text
        page = response.json()
        whole["outgoing"] += page["outgoing"]
        whole["incoming"] += page["incoming"]
        url = page["next"]
    return whole


def _stated(legal: TestClient, row: Any) -> bool:
    wanted = vntext.words(row.target)
    found = any(
        rel["kind"] == row.kind and rel["target"]["path"] == row.path
        and (vntext.words(rel["target"]["number"] or "") == wanted
             or vntext.words(rel["target"]["title"] or "").startswith(wanted))
        for rel in _relations(legal, row.doc)["outgoing"]
    )
    return found == row.present


def _incoming(legal: TestClient, row: Any) -> bool:
    return any(
        rel["kind"] == row.kind and rel["path"] == row.path
        and row.source in (rel["provision_id"], rel["doc_id"])
        for rel in _relations(legal, row.doc)["incoming"]
    )


def test_relations_check_set(legal: TestClient) -> None:
    assert len(RELATIONS) + len(INCOMING) >= 30
    _score("relations", RELATIONS, lambda row: _stated(legal, row))
    _score("incoming relations", INCOMING, lambda row: _incoming(legal, row))


def _status(legal: TestClient, row: Any) -> bool:
    status = legal.get(f"/documents/{row.doc}").json()["status"]
    return (status["effective_date"], status["effective_provision_id"]) == (
        row.effective_date, row.provision)


def test_effective_dates(legal: TestClient) -> None:
    _score("effective dates", STATUS, lambda row: _status(legal, row))


def _defined(legal: TestClient, row: Any) -> bool:
    items = legal.get("/terms", params={"q": vntext.fold(row.term)}).json()["items"]
    found = any(i["term"] == row.term and i["provision_id"] == row.provision for i in items)
    return found == row.present


def test_terms_check_set(legal: TestClient) -> None:
    assert sum(row.present for row in TERMS) >= 20
    _score("defined terms", TERMS, lambda row: _defined(legal, row))


@pytest.mark.parametrize(("provision", "term"), [
    # "1. Người lao động là người làm việc cho người sử dụng lao động …" (BLLĐ Điều 3.1)
    ("45-2019-qh14/d3.1", "Người sử dụng lao động"),
    # "… thành lập công đoàn cơ sở …" uses the term defined in Điều 4.2
    ("50-2024-qh15/d6", None),
])
def test_expand_terms_lists_the_terms_a_provision_uses(legal: TestClient, provision: str,
                                                        term: str | None) -> None:
    body = legal.get(f"/provisions/{provision}", params={"expand": "terms"}).json()
    assert isinstance(body["terms"], list)
    if term is not None:
        assert term in [t["term"] for t in body["terms"]]
    assert all(t["provision_id"] != provision for t in body["terms"])
    assert legal.get(f"/provisions/{provision}").json()["terms"] is None
