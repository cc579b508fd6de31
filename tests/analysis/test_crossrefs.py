"""Links from the assignments of 02-NQ/TW section IV to its tasks (parsers/crossrefs.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nq02 import ROOT, provisions

from parsers import crossrefs
from parsers.bodies import load_registry
from parsers.crossrefs import THRESHOLD, infer_duties, link_assignments

REGISTRY = load_registry(ROOT / "corpus" / "bodies.yaml")
LINKS = link_assignments(provisions(), registry=REGISTRY)
BY_PAIR = {(x.source.split("/")[1], x.target.split("/")[1]): x for x in LINKS}


# Every link kept at the default threshold, reviewed against the print.
@pytest.mark.parametrize(
    ("source", "target", "evidence"),
    [
        # IV.2 "sửa đổi, bổ sung Luật Công đoàn năm 2012" ↔ III.6 bullet 1, the same law
        ("IV.2", "III.6.1", "Luật Công đoàn năm 2012"),
        # IV.3 "sửa đổi, bổ sung … văn bản quy phạm pháp luật" ↔ "hoàn thiện … pháp luật;
        # … sửa đổi, bổ sung"
        ("IV.3", "III.6.1", "pháp luật"),
        # IV.4 "tuyển dụng, giao biên chế" ↔ III.2 bullet 4 "tuyển dụng … giao biên chế"
        ("IV.4", "III.2.4", "giao biên chế"),
        # IV.4 "một số mô hình thí điểm" ↔ III.2 bullet 2 "thí điểm một số mô hình mới"
        ("IV.4", "III.2.2", "thí điểm"),
        # IV.5 "giai cấp công nhân … lý luận chính trị và bồi dưỡng" ↔ III.3 bullet 2
        # "bồi dưỡng … bản lĩnh chính trị, giác ngộ giai cấp"
        ("IV.5", "III.3.2", "bồi dưỡng"),
        # IV.5 "tuyên truyền … bồi dưỡng cán bộ" ↔ III.5 bullet 3 "tuyên truyền … bồi dưỡng"
        ("IV.5", "III.5.3", "tuyên truyền"),
    ],
)
def test_links_of_02_nq_tw(source, target, evidence):
    link = BY_PAIR[(source, target)]
    assert link.score >= THRESHOLD
    assert evidence in link.terms + link.citations
    assert link.inferred


def test_no_other_links():
    # IV.1 (study and implement the whole resolution) and IV.6 (follow up, report) share
    # only procedural words with any one task: no link is better than a guessed one.
    assert len(LINKS) == 6


def test_a_lower_threshold_finds_more():
    assert len(link_assignments(provisions(), registry=REGISTRY, threshold=3.0)) > len(LINKS)


def test_body_names_are_not_evidence():
    # IV.4 and III.2.2 both name Tổng Liên đoàn Lao động Việt Nam: that says who, not what
    assert not any("liên đoàn" in t for t in BY_PAIR[("IV.4", "III.2.2")].terms)


def test_infer_duties():
    duties = {"02-nq-tw-2021/IV.4": [("ban-to-chuc-trung-uong", "lead")]}
    inferred = infer_duties(LINKS, duties)
    assert (
        "ban-to-chuc-trung-uong",
        "lead",
        "02-nq-tw-2021/III.2.4",
        "02-nq-tw-2021/IV.4",
    ) in inferred


WORDS = st.sampled_from(["biên chế", "thí điểm", "công đoàn", "và", "Luật Công đoàn năm 2012", ","])


@settings(max_examples=50)
@given(
    st.lists(
        st.tuples(st.sampled_from(["task", "implementation", None]), st.lists(WORDS, max_size=8))
    )
)
def test_never_crashes(rows):
    items = [(str(i), role, " ".join(words)) for i, (role, words) in enumerate(rows)]
    for link in link_assignments(items):
        assert link.score >= THRESHOLD and link.source != link.target


def _commas_one_at_a_time(text: str, spans: list[tuple[int, int]]) -> str:
    """What _features did before: one copy of the text per span, from the last start back."""
    for start, end in sorted(spans, key=lambda span: -span[0]):
        text = text[:start] + "," + text[end:]
    return text


@st.composite
def text_and_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    text = draw(st.text(alphabet="abcdef ", max_size=30))
    bounds = st.integers(0, len(text))
    spans = [tuple(sorted(pair)) for pair in draw(st.lists(st.tuples(bounds, bounds)))]
    return text, [(s, e) for s, e in spans if s < e]


@given(text_and_spans())
def test_commas_over_spans_equal_one_at_a_time_even_when_spans_overlap(case) -> None:
    # Citations extended back over "Điều 5 của" can overlap the one before them.
    text, spans = case
    assert crossrefs._commas_over(text, spans) == _commas_one_at_a_time(text, spans)
