"""Smoke test of the search benchmark: it runs end to end and reports; no timing asserted."""

from __future__ import annotations

import re
from pathlib import Path

from factories_app import CORPUS

from bench import search


def test_search_benchmark_reports_every_mode(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "02-NQ-TW-2021.md").write_text(
        (CORPUS / "02-NQ-TW-2021.md").read_text("utf-8"), "utf-8")
    report = "\n".join(search.run(corpus, repeat=1, scale_to=200))
    for mode in ("service", "http", "baseline"):
        assert len(re.findall(rf"{mode}\s+median\s+[\d.]+\s+p99\s+[\d.]+", report)) == 2
    assert "scaled:" in report


def test_search_benchmark_on_an_empty_folder(tmp_path: Path) -> None:
    assert "could be ingested" in "\n".join(search.run(tmp_path, repeat=1))
