"""Smoke tests of the benchmark harness: it runs and reports; no timing is asserted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench import parse
from bench.__main__ import main

DOCUMENT = """\
NGHỊ QUYẾT
về tiếp tục đổi mới tổ chức và hoạt động của Công đoàn

I- TÌNH HÌNH

1. Kết quả đạt được

a) Công đoàn các cấp đã hoà nhập với thuỷ lợi.
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "nq-01.md").write_text(DOCUMENT, encoding="utf-8")
    (tmp_path / "ignored.json").write_text("{}", encoding="utf-8")
    return tmp_path


def test_parse_run_reports_the_file_and_a_rate(corpus: Path) -> None:
    report = "\n".join(parse.run(corpus, repeat=1))
    assert str(Path("sub") / "nq-01.md") in report
    assert "ignored.json" not in report
    assert re.search(r"[\d,]+ chars/s", report)
    assert "1 parsed, 0 failed" in report
    assert "peak memory" in report


def test_parse_run_reports_a_failing_document_and_goes_on(corpus: Path) -> None:
    (corpus / "empty.txt").write_text("   \n", encoding="utf-8")  # the parser raises on this
    report = "\n".join(parse.run(corpus, repeat=1))
    assert "FAIL empty.txt" in report
    assert "1 parsed, 1 failed" in report


def test_parse_run_on_an_empty_folder(tmp_path: Path) -> None:
    assert "no *.md/*.txt files" in "\n".join(parse.run(tmp_path, repeat=1))


def test_main_only_parse(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--corpus", str(corpus), "--repeat", "1", "--only", "parse"]) == 0
    out = capsys.readouterr().out
    assert "nq-01.md" in out
    assert "search benchmark" not in out


def test_main_rejects_a_missing_corpus(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        main(["--corpus", str(tmp_path / "missing")])
