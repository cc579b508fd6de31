"""Smoke run of the scaled benchmark end to end (a few hundred provisions, seconds).

Through the real ``vnlex`` command, the search service, both baselines and a real server
with the load generator; no timing is asserted, only that every figure is there and sane.
"""

from __future__ import annotations

import json
from pathlib import Path

from factories_app import CORPUS

from bench import run
from bench.__main__ import main

QUERIES = """\
# a comment line
q1\tplain\tno\tBan Dân vận Trung ương chủ trì\t-\t02-nq-tw-2021/IV.6\tprinted as such
q2\tunaccented\tyes\tthoa uoc lao dong tap the\t-\t02-nq-tw-2021/II.2.b.2025.2\tno diacritics
q3\ttypo\tno\tthoả uoc lao dongg tap the\t-\t02-nq-tw-2021/II.2.b.2030.2\ta doubled letter
q4\tfiltered\tno\tcông đoàn\tdoc=02-nq-tw-2021;section=IV\t02-nq-tw-2021/IV.4\ta section
q5\tdocnum\tyes\tĐiều 5 Luật Công đoàn\t-\t50-2024-qh15/d5\tnot in this corpus
q6\tcommon\tno\tcông đoàn\t-\t02-nq-tw-2021/IX.9\tan id that does not exist
"""
KEYS = ("provisions", "documents", "parse_docs_per_s", "ingest_provisions_per_s",
        "search_ms_p50", "search_ms_p99", "typo_search_ms_p50", "baseline_fts_ms_p50",
        "baseline_fts_correct", "vnlex_correct", "naive_scan_ms_p50", "http_search_rps",
        "http_trivial_rps", "http_search_ms_p99", "rss_mb", "db_mb", "machine")


def _setup(tmp_path: Path, document: str) -> Path:
    """A sources folder holding one bundled ``document``, and the query file ``q.tsv``."""
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / document).write_text((CORPUS / document).read_text("utf-8"), "utf-8")
    (tmp_path / "q.tsv").write_text(QUERIES, "utf-8")
    return sources


def test_tiny_scaled_run_writes_every_figure(tmp_path: Path) -> None:
    sources = _setup(tmp_path, "02-NQ-TW-2021.md")
    results = tmp_path / "results"
    assert main(["--base", str(sources), "--scale", "0.0002", "--repeat", "1",
                 "--parse-repeat", "1", "--duration", "0.3", "--clients", "1", "2", "--queries",
                 str(tmp_path / "q.tsv"), "--results", str(results),
                 "--cache", str(tmp_path / "cache")]) == 0

    figures = json.loads((results / "latest.json").read_text("utf-8"))
    for key in KEYS:
        assert figures.get(key) is not None, key
    assert 200 <= figures["provisions"] < 400 and figures["documents"] >= 3
    for score in (figures["vnlex_correct"], figures["baseline_fts_correct"]):
        assert score["of"] == 6 and 0 <= score["correct"] <= 4  # q5, q6 cannot be answered
    assert figures["vnlex_correct"]["correct"] >= 3  # the three plain-enough queries
    assert figures["scores"]["vnlex"]["held_out"]["of"] == 2
    missing = {(m["qid"], m["id"]) for m in figures["missing_expected_ids"]}
    assert missing == {("q5", "50-2024-qh15/d5"), ("q6", "02-nq-tw-2021/IX.9")}
    assert figures["http_errors"] == 0 and set(figures["http"]["search"]) == {"1", "2"}
    # Searches while the document is uploaded, replaced by a corrected text and back: the
    # first write creates it, the others replace it, and no search fails meanwhile.
    assert figures["http_reingest_writes"] == [201, 200, 200, 200]
    assert figures["http_reingest_errors"] == 0
    assert figures["db_mb"] > 0 and figures["stored_to_source_ratio"] > 0
    assert "| HTTP endpoint |" in (results / "latest.md").read_text("utf-8")


def test_only_search_reuses_the_last_ingest(tmp_path: Path) -> None:
    sources = _setup(tmp_path, "69-KL-TW-2024.md")
    opts = run.Options(folders=[sources], scale=0.00003, repeat=1, only="ingest",
                       queries_file=tmp_path / "q.tsv", cache=tmp_path / "cache", results=None)
    stored = run.run(opts)["ingest"]
    opts.only = "search"
    again = run.run(opts)
    assert again["ingest"] == stored  # not re-ingested
    assert again["scores"]["vnlex"]["all"]["of"] == 6
