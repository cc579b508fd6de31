"""Smoke tests of the benchmark harness: it runs and reports; no timing is asserted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench import build, parse, queries
from bench.__main__ import main
from parsers import parse_document

DOCUMENT = """\
NGHỊ QUYẾT
về tiếp tục đổi mới tổ chức và hoạt động của Công đoàn

I- TÌNH HÌNH

1. Kết quả đạt được

a) Công đoàn các cấp đã hoà nhập với thuỷ lợi.
"""
REPO = Path(__file__).resolve().parents[1]


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


def test_parse_figures_count_documents_and_rates(corpus: Path) -> None:
    figures = parse.figures(build.source_files([corpus]), repeat=1)
    assert figures["documents"] == 1 and figures["failed"] == 0
    assert figures["docs_per_s"] > 0 and figures["mb_per_s"] > 0


def test_main_only_parse(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--base", str(corpus), "--parse-repeat", "1", "--only", "parse"]) == 0
    out = capsys.readouterr().out
    assert "nq-01.md" in out
    assert "search" not in out


def test_main_rejects_a_missing_corpus(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        main(["--corpus", str(tmp_path / "missing")])


# ---- the corpus builder ------------------------------------------------------------------


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """02-NQ/TW (its id from its number), a provincial decision (a number every province
    issues alike: its id ends with the locality) and a text whose id comes from its file name."""
    folder = tmp_path / "sources"
    folder.mkdir()
    text = (REPO / "corpus" / "02-NQ-TW-2021.md").read_text("utf-8")
    (folder / "02-NQ-TW-2021.md").write_text(text, "utf-8")
    local = REPO / "tests" / "fixtures" / "1630-QD-UBND-2025-quang-ngai.md"
    (folder / local.name).write_text(local.read_text("utf-8"), "utf-8")
    (folder / "nq-01.md").write_text(DOCUMENT, "utf-8")
    return folder


def _files(result: build.Build) -> dict[str, bytes]:
    return {c.file: (result.files / c.file).read_bytes() for c in result.copies}


def test_builder_reaches_the_scale_with_new_ids(sources: Path, tmp_path: Path) -> None:
    result = build.build([sources], 0.0006, cache=tmp_path / "cache")
    assert result.provisions >= 600
    ids = [c.doc_id for c in result.copies]
    assert len(set(ids)) == len(ids)
    for copy in result.copies:  # every id is what the parser gives the file written
        path = result.files / copy.file
        assert parse_document(path.read_text("utf-8"), name=path.stem).id == copy.doc_id
    originals = {s.doc_id for s in result.sources}
    derived = [c for c in result.copies if c.copy > 0]
    assert derived and not {c.doc_id for c in derived} & originals
    assert {result.source_of()[c.doc_id] for c in derived} == originals
    # The copies differ from their source, a little.
    first = next(c for c in derived if c.doc_id.endswith("nq-tw-2021"))
    source = Path(result.sources[first.source].path).read_text("utf-8")
    copied = (result.files / first.file).read_text("utf-8")
    assert copied != source and abs(len(copied) - len(source)) < 100


def test_builder_is_deterministic_and_cached(sources: Path, tmp_path: Path) -> None:
    one = build.build([sources], 0.0003, cache=tmp_path / "a")
    two = build.build([sources], 0.0003, cache=tmp_path / "b")
    assert _files(one) == _files(two)
    manifest = one.folder / "manifest.json"
    written = manifest.stat().st_mtime_ns
    again = build.build([sources], 0.0003, cache=tmp_path / "a")
    assert manifest.stat().st_mtime_ns == written and _files(again) == _files(one)


def test_new_number_keeps_the_format() -> None:
    assert build.new_number("02-NQ/TW", 1000) == "1000-NQ/TW"
    assert build.new_number("50/2024/QH15", 1234) == "1234/2024/QH15"


# ---- the query mix -----------------------------------------------------------------------


def test_the_query_mix_is_well_formed() -> None:
    mix = queries.load()
    assert len(mix) >= 200
    assert {q.klass for q in mix} == set(queries.CLASSES)
    assert 0.25 < sum(q.held_out for q in mix) / len(mix) < 0.4


def test_a_missing_expected_id_is_reported() -> None:
    mix = [queries.Query("q1", "plain", False, "x", expected=("02-nq-tw-2021/IV.4",)),
           queries.Query("q2", "plain", False, "y", expected=("02-nq-tw-2021/IX.9",))]
    assert queries.missing_ids(mix, {"02-nq-tw-2021/IV.4"}) == [("q2", "02-nq-tw-2021/IX.9")]


def test_a_hit_in_a_derived_copy_counts() -> None:
    query = queries.Query("q1", "plain", False, "x", expected=("02-nq-tw-2021/IV.4",))
    copies = {"1000-nq-tw-2021": "02-nq-tw-2021"}
    assert queries.is_correct(query, ["1000-nq-tw-2021/IV.4"], copies)
    assert not queries.is_correct(query, ["1000-nq-tw-2021/IV.5"], copies)
    assert not queries.is_correct(query, [f"x/{i}" for i in range(10)] + ["02-nq-tw-2021/IV.4"],
                                  copies)


def test_bad_rows_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "q.tsv"
    path.write_text("q1\tnope\tno\tx\t-\ta/b\tnote\n", "utf-8")
    with pytest.raises(ValueError, match="unknown class"):
        queries.load(path)


def test_renumber_finds_the_number_printed_with_blanks() -> None:
    text = "Số: 9476 /BNNMT-CNTY … Công văn 9476/BNNMT-CNTY; 19476/BNNMT-CNTY"
    assert build.renumber(text, "9476/BNNMT-CNTY", "1376/BNNMT-CNTY") == (
        "Số: 1376/BNNMT-CNTY … Công văn 1376/BNNMT-CNTY; 19476/BNNMT-CNTY")
