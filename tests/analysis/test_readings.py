"""``Readings``: one document's mentions and roles, each distinct text read once (issue 8:
ingest CPU time), answer as ``read_mentions`` and ``assign_roles`` do, every time."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from app.services.readings import Readings
from parsers.bodies import load_registry, read_mentions
from parsers.duties import assign_roles
from parsers.duties.model import ACTIVE_PROVISION_ROLES, PREAMBLE

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = load_registry(ROOT / "corpus" / "bodies.yaml")

PIECES = (
    "Bộ Tài chính", "Bộ Nội vụ", "Ủy ban nhân dân các tỉnh", "Sở Y tế", "Đảng ủy Tập đoàn X",
    "chủ trì", "phối hợp với", "giao", "chịu trách nhiệm", "báo cáo", "Thủ tướng Chính phủ",
    ", ", "; ", ". ", ":\n", " và ", "- ", "a) ", "Đang ", "thực hiện",
)  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=10).map("".join)
roles = st.sampled_from((*ACTIVE_PROVISION_ROLES, PREAMBLE, "situation"))


@given(st.lists(st.tuples(texts, roles), min_size=1, max_size=6))
def test_readings_answer_as_the_functions_they_keep(asked: list[tuple[str, str | None]]) -> None:
    readings = Readings(REGISTRY)
    for _ in range(2):  # the second time from what was kept
        for text, role in asked:
            assert readings.mentions(text) == read_mentions(text, REGISTRY)
            assert readings.roles(text, role) == assign_roles(text, REGISTRY,
                                                              provision_role=role)


def test_each_answer_is_a_new_list() -> None:
    readings = Readings(REGISTRY)
    text = "Bộ Tài chính chủ trì, phối hợp với Sở Y tế"
    mentions, unknown = readings.mentions(text)
    duties = readings.roles(text, "task")
    assert mentions and unknown and duties
    mentions.clear()
    unknown.clear()
    duties.clear()
    assert readings.mentions(text) == read_mentions(text, REGISTRY)
    assert readings.roles(text, "task") == assign_roles(text, REGISTRY, provision_role="task")
