"""Issue 11, "done when": the registry cites a source for every 2025 change. A change is a
body that began or ended in 2025, a body whose duties passed to others (its successor or
the split among successors), or a field a body still in force handed over; each must name
the act that made it and at least one public address where that act was read."""

from __future__ import annotations

import re

import pytest
from nq02 import ROOT

from parsers.bodies import load_registry
from parsers.bodies.model import Body, Successor

REGISTRY = load_registry(ROOT / "corpus" / "bodies.yaml")
_ADDRESS = re.compile(r"https?://\S+\.\S+")


def changed_in_2025(body: Body) -> bool:
    dates = (body.valid_from or "", body.valid_to or "")
    return any(d.startswith("2025") for d in dates) or bool(body.taken_over_by)


def missing_citation(body: Body) -> list[str]:
    """What the entry lacks to cite its change: the act, or a public address."""
    missing = []
    # A body still in force that handed a field over cites the act on the part itself.
    parts_cited = bool(body.successors) and all(s.change_act for s in body.successors)
    if not (body.change_act or "").strip() and not parts_cited:
        missing.append("change_act")
    if not body.sources or not all(_ADDRESS.fullmatch(s) for s in body.sources):
        missing.append("sources")
    missing += [f"change_act of the part {s.body} took over" for s in body.successors
                if not (s.change_act or "").strip()]
    return missing


CHANGED = [b for b in REGISTRY.bodies if changed_in_2025(b)]


def test_every_2025_change_is_in_scope() -> None:
    # The changes the issue names must be among those checked, or the test below checks
    # nothing about them.
    ids = {b.id for b in CHANGED}
    named = {
        "bo-ke-hoach-va-dau-tu", "bo-lao-dong-thuong-binh-va-xa-hoi",
        "bo-tai-nguyen-va-moi-truong", "bo-nong-nghiep-va-phat-trien-nong-thon",
        "bo-nong-nghiep-va-moi-truong", "bo-giao-thong-van-tai", "bo-thong-tin-va-truyen-thong",
        "bo-dan-toc-va-ton-giao", "uy-ban-dan-toc", "bo-noi-vu",
        "dang-uy-chinh-phu", "dang-uy-quoc-hoi", "dang-uy-mat-tran-to-quoc-cac-doan-the-trung-uong",
        "dang-uy-cac-co-quan-dang-trung-uong", "dang-uy-bo-tai-chinh",
        "ban-tuyen-giao-va-dan-van-trung-uong", "ban-chinh-sach-chien-luoc-trung-uong",
    }
    assert named <= ids, sorted(named - ids)


@pytest.mark.parametrize("body", CHANGED, ids=lambda b: b.id)
def test_every_2025_change_cites_its_act_and_a_source(body: Body) -> None:
    assert missing_citation(body) == []


def test_the_government_restructuring_cites_resolution_176() -> None:
    merged = ["bo-ke-hoach-va-dau-tu", "bo-giao-thong-van-tai", "bo-tai-nguyen-va-moi-truong",
              "bo-nong-nghiep-va-phat-trien-nong-thon", "bo-lao-dong-thuong-binh-va-xa-hoi",
              "bo-thong-tin-va-truyen-thong", "uy-ban-dan-toc"]
    for body_id in merged:
        body = REGISTRY.get(body_id)
        assert body is not None and "176/2025/QH15" in (body.change_act or ""), body_id


@pytest.mark.parametrize(("body", "expected"), [
    (Body("bo-cu", "Bộ Cũ", "state_organ", valid_to="2025-02-28", successor="bo-moi"),
     ["change_act", "sources"]),
    (Body("bo-cu", "Bộ Cũ", "state_organ", valid_from="2025-03-01",
          change_act="Nghị quyết 176/2025/QH15", sources=("báo chí",)), ["sources"]),
    (Body("bo-cu", "Bộ Cũ", "state_organ", sources=("https://example.org/a",),
          successors=(Successor("bo-moi", "tôn giáo"),)),
     ["change_act", "change_act of the part bo-moi took over"]),
])
def test_an_entry_without_its_citation_is_caught(body: Body, expected: list[str]) -> None:
    assert changed_in_2025(body)
    assert missing_citation(body) == expected


def test_a_body_unchanged_in_2025_is_not_asked_for_a_source() -> None:
    assert not changed_in_2025(Body("bo-y-te", "Bộ Y tế", "state_organ"))
