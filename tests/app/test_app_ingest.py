"""Ingest: idempotent, all-or-nothing per document, and honest about what changed."""

from __future__ import annotations

import dataclasses
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from factories_app import CORPUS, RESOLUTION_ID, law, node, resolution
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from typer.testing import CliRunner

from app.cli import app
from app.core.config import DEFAULT_MAX_BODY_BYTES
from app.db.models import Document, IndexChange, Provision, SearchTerm
from app.db.session import dispose, new_session, session_scope
from app.errors import IngestError
from app.services import ingest
from app.services.ingest import ingest_document, ingest_file, ingest_paths
from app.services.maintenance import ensure_schema
from app.services.search import SearchParams, search

pytestmark = pytest.mark.any_store  # SQLite and PostgreSQL (tests/app/conftest.py)

# Real TCVN3 lines in their legacy bytes (tests/fixtures/encodings/README.md).
TCVN3_BYTES = (Path(__file__).resolve().parents[1] / "fixtures" / "encodings"
               / "tcvn3-lines.txt").read_text("utf-8").encode("latin-1")

runner = CliRunner()


def snapshot(url: str) -> dict[str, tuple]:
    """Every provision row's id, row id and content, the vocabulary and the change log."""
    with new_session(url) as session:
        rows = session.execute(select(Provision.id, Provision.pk, Provision.label,
                                      Provision.heading, Provision.parent_id,
                                      Provision.text)).all()
        terms = session.execute(select(SearchTerm.term, SearchTerm.docs)
                                .where(SearchTerm.docs > 0)).all()
        changes = session.execute(select(IndexChange.seq, IndexChange.document_id)).all()
        docs = session.execute(select(Document.id, Document.title)).all()
    return {"rows": tuple(sorted(rows)), "terms": tuple(sorted(terms)),
            "changes": tuple(changes), "docs": tuple(sorted(docs))}


def store(url: str, doc) -> object:  # noqa: ANN001
    with session_scope(url) as session:
        return ingest_document(session, doc)


def fts_ids(url: str, term: str) -> set[str]:
    """What the search index finds for ``term`` now (it catches up with the change log)."""
    with new_session(url) as session:
        found = search(session, SearchParams(q=term, limit=100))
        return {item["id"] for item in found["items"]}


def test_first_ingest_adds_every_provision(db_url: str) -> None:
    report = store(db_url, resolution())
    assert report.created
    assert report.added == len(list(resolution().walk()))
    assert (report.changed, report.removed, report.unchanged) == (0, 0, 0)


def test_reingesting_the_same_document_changes_nothing(db_url: str) -> None:
    store(db_url, resolution())
    before = snapshot(db_url)
    report = store(db_url, resolution())
    assert not report.created
    assert (report.added, report.changed, report.removed) == (0, 0, 0)
    assert report.unchanged == len(list(resolution().walk()))
    assert snapshot(db_url) == before


def test_corrected_text_keeps_ids_and_updates_the_index(db_url: str) -> None:
    store(db_url, resolution())
    before = {row[0]: row[1] for row in snapshot(db_url)["rows"]}
    corrected = resolution(I_2="Công tác thương lượng tập thể còn hạn chế.")
    report = store(db_url, corrected)
    assert (report.added, report.changed, report.removed) == (0, 1, 0)
    after = {row[0]: row[1] for row in snapshot(db_url)["rows"]}
    assert after == before  # same ids, same row ids
    assert f"{RESOLUTION_ID}/I.2" not in fts_ids(db_url, "hoa")
    assert f"{RESOLUTION_ID}/I.2" in fts_ids(db_url, "thuong")


def test_removed_and_added_provisions_are_reported(db_url: str) -> None:
    store(db_url, resolution())
    doc = resolution()
    first, second, third = doc.provisions
    trimmed = dataclasses.replace(second, children=second.children[:1])
    extra = node(RESOLUTION_ID, "IV", "section", "Tổ chức thực hiện.", label="IV")
    report = store(db_url, dataclasses.replace(doc, provisions=(first, trimmed, third, extra)))
    assert (report.added, report.removed) == (1, 1)
    assert f"{RESOLUTION_ID}/II.2" not in fts_ids(db_url, "mau")


def test_a_document_failing_mid_insert_leaves_the_database_unchanged(db_url: str) -> None:
    store(db_url, law())
    before = snapshot(db_url)
    doc = resolution()
    broken = dataclasses.replace(doc.provisions[1], kind=None)  # NOT NULL fails in the DB
    bad = dataclasses.replace(doc, provisions=(doc.provisions[0], broken, doc.provisions[2]))
    with pytest.raises(IntegrityError, match="(?i)not[ -]null"):
        store(db_url, bad)
    assert snapshot(db_url) == before


def test_a_failed_reingest_keeps_the_previous_version(db_url: str) -> None:
    store(db_url, resolution())
    before = snapshot(db_url)
    doc = resolution(I_1="Văn bản đã sửa.")
    broken = dataclasses.replace(doc.provisions[2], kind=None)
    with pytest.raises(IntegrityError, match="(?i)not[ -]null"):
        store(db_url, dataclasses.replace(doc, provisions=(*doc.provisions[:2], broken)))
    assert snapshot(db_url) == before


def test_duplicate_paths_are_refused_before_writing(db_url: str) -> None:
    doc = resolution()
    twice = dataclasses.replace(doc, provisions=(doc.provisions[0], doc.provisions[0]))
    with pytest.raises(IngestError, match="duplicate"):
        store(db_url, twice)
    assert snapshot(db_url)["docs"] == ()


def test_folder_ingest_refuses_bad_files_and_keeps_the_good(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-good.md").write_text((CORPUS / "02-NQ-TW-2021.md").read_text("utf-8"), "utf-8")
    (folder / "b-empty.md").write_text("   \n\n", "utf-8")
    # Real TCVN3 lines in their legacy bytes: refused by
    # name, never stored as mojibake.
    (folder / "c-tcvn3.txt").write_bytes(TCVN3_BYTES)
    summary = ingest_paths(db_url, [folder])
    assert [Path(r.path).name for r in summary.refused] == ["b-empty.md", "c-tcvn3.txt"]
    assert "TCVN3" in (summary.refused[1].error or "")
    assert all(r.error for r in summary.refused)
    assert len(summary.reports) == 1
    with new_session(db_url) as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 1


def test_sidecar_hints_name_the_document(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "van-ban.txt"
    path.write_text("1. Công đoàn cơ sở.\n\n2. Đoàn viên công đoàn.\n", "utf-8")
    (tmp_path / "van-ban.meta.yaml").write_text(
        "number: 12/2012/QH13\ntype: Luật\ndate: 2012-06-20\ntitle: Công đoàn\n", "utf-8")
    report = ingest_file(db_url, path)
    assert report.doc_id.startswith("12-2012-qh13")
    with new_session(db_url) as session:
        doc = session.get(Document, report.doc_id)
        assert doc is not None and doc.date == "2012-06-20" and doc.number == "12/2012/QH13"


def test_bad_sidecar_is_a_refusal(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_text("Công đoàn.\n", "utf-8")
    (tmp_path / "x.meta.yaml").write_text("number: [unclosed\n", "utf-8")
    with pytest.raises(IngestError, match="YAML"):
        ingest_file(db_url, path)


def test_corpus_reingest_is_idempotent(db_url: str) -> None:
    first = ingest_paths(db_url, [CORPUS])
    before = snapshot(db_url)
    second = ingest_paths(db_url, [CORPUS])
    assert not first.refused and not second.refused
    assert all(r.added == r.changed == r.removed == 0 for r in second.reports)
    assert snapshot(db_url) == before


def test_a_file_ingested_under_a_new_id_replaces_its_old_document(
        db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "van-ban.txt"
    path.write_text("1. Công đoàn cơ sở.\n\n2. Đoàn viên công đoàn.\n", "utf-8")
    first = ingest_file(db_url, path)
    (tmp_path / "van-ban.meta.yaml").write_text("number: 12/2012/QH13\n", "utf-8")
    second = ingest_file(db_url, path)
    assert second.doc_id != first.doc_id
    assert second.superseded == [first.doc_id]
    with new_session(db_url) as session:
        assert session.scalars(select(Document.id)).all() == [second.doc_id]
        orphans = session.scalar(select(func.count()).select_from(Provision).where(
            Provision.document_id == first.doc_id))
        assert orphans == 0


def _twin(folder: Path, name: str) -> Path:
    """A copy of the 02-NQ/TW text under another name: it parses to the same id."""
    path = folder / name
    path.write_text((CORPUS / "02-NQ-TW-2021.md").read_text("utf-8"), "utf-8")
    return path


def test_two_files_with_one_document_id_do_not_overwrite_each_other(
        db_url: str, tmp_path: Path) -> None:
    first, second = _twin(tmp_path, "a.md"), _twin(tmp_path, "b.md")
    summary = ingest_paths(db_url, [tmp_path])
    assert [Path(r.path).name for r in summary.refused] == ["b.md"]
    error = summary.refused[0].error or ""
    assert "02-nq-tw-2021" in error and str(first) in error and str(second) in error
    with new_session(db_url) as session:
        stored = session.get(Document, "02-nq-tw-2021")
        assert stored is not None and stored.source_path == str(first)
    with pytest.raises(IngestError, match="already stored"):
        ingest_file(db_url, second)


def test_the_same_file_again_or_a_moved_file_replaces_its_document(
        db_url: str, tmp_path: Path) -> None:
    first = _twin(tmp_path, "a.md")
    ingest_file(db_url, first)
    assert not ingest_file(db_url, first).created  # the same path: re-ingested
    moved = first.rename(tmp_path / "moved.md")
    report = ingest_file(db_url, moved)  # the stored path is gone: a move, not a twin
    assert not report.created
    with new_session(db_url) as session:
        stored = session.get(Document, "02-nq-tw-2021")
        assert stored is not None and stored.source_path == str(moved)


def test_a_bug_on_one_file_does_not_stop_the_others(
        db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "a-broken.md").write_text("1. Công đoàn.\n", "utf-8")
    _twin(tmp_path, "b-good.md")
    real_parse = ingest.parse_document

    def parse(text: str, **kwargs: object) -> object:
        if kwargs.get("name") == "a-broken":
            raise ZeroDivisionError("a parser bug")
        return real_parse(text, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ingest, "parse_document", parse)
    summary = ingest_paths(db_url, [tmp_path])
    assert [(Path(r.path).name, r.error) for r in summary.refused] == [
        ("a-broken.md", "internal error: ZeroDivisionError: a parser bug")]
    assert [r.doc_id for r in summary.reports] == ["02-nq-tw-2021"]
    assert "a parser bug" in caplog.text and "Traceback" in caplog.text


def every_row(url: str) -> dict[str, list[tuple]]:
    """Every row of every table but the clock's columns (when a row was written), in row id
    order."""
    with new_session(url) as session:
        tables = session.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'store_info'")).scalars().all()  # store_info: a random id per file
        out = {}
        for table in tables:
            columns = [row[1] for row in session.execute(text(f"PRAGMA table_info({table})"))
                       if row[1] not in ("created_at", "updated_at", "ingested_at")]
            out[table] = session.execute(text(
                f"SELECT {', '.join(columns)} FROM {table} ORDER BY rowid")).all()
    return out


def test_worker_processes_store_exactly_what_one_process_stores(tmp_path: Path) -> None:
    # Workers parse and analyse; the main process stores in file order, so row ids match too.
    urls = {jobs: f"sqlite:///{tmp_path / f'jobs{jobs}.db'}" for jobs in (1, 2)}
    try:
        for jobs, url in urls.items():
            result = runner.invoke(app, ["ingest", str(CORPUS), "--db", url, "--jobs", str(jobs)])
            assert result.exit_code == 0, result.output
        one, two = every_row(urls[1]), every_row(urls[2])
        assert one["provisions"] and one["duties"] and one["crossrefs"]
        assert one == two
    finally:
        for url in urls.values():
            dispose(url)


def test_texts_packed_where_prepared_are_stored_as_the_store_packs_them(
        tmp_path: Path) -> None:
    # `vnlex ingest` into SQLite packs the texts in the preparing process; ingest_document
    # leaves that to the store. The bytes stored, and the vocabulary, match.
    urls = {way: f"sqlite:///{tmp_path / f'{way}.db'}" for way in ("prepared", "stored")}
    try:
        assert not ingest_paths(urls["prepared"], [CORPUS], jobs=1).refused
        ensure_schema(urls["stored"])
        for path in ingest.collect_files([CORPUS]):
            doc, doc_id = ingest.parse_file(path)
            with session_scope(urls["stored"]) as session:
                ingest_document(session, doc, doc_id=doc_id, source_path=str(path.resolve()))
        raw = {way: _raw_texts_and_terms(url) for way, url in urls.items()}
        assert any(kind == "blob" for _, kind, _ in raw["prepared"][0])  # packed ones
        assert raw["prepared"] == raw["stored"]
    finally:
        for url in urls.values():
            dispose(url)


def _raw_texts_and_terms(url: str) -> tuple[list[Any], list[Any]]:
    with new_session(url) as session:
        connection = session.connection()
        texts = connection.exec_driver_sql(
            "SELECT id, typeof(text), text FROM provisions ORDER BY id").all()
        terms = connection.exec_driver_sql(
            "SELECT term, docs FROM search_terms ORDER BY term").all()
    return [tuple(row) for row in texts], [tuple(row) for row in terms]


def test_a_refused_file_is_reported_the_same_from_a_worker(db_url: str, tmp_path: Path) -> None:
    _twin(tmp_path, "a-good.md")
    (tmp_path / "b-empty.md").write_text("   \n\n", "utf-8")
    summary = ingest_paths(db_url, [tmp_path], jobs=2)
    assert [(Path(r.path).name, r.error) for r in summary.refused] == [
        ("b-empty.md", "parse error: empty document")]
    assert [r.doc_id for r in summary.reports] == ["02-nq-tw-2021"]


def _one_line(size: int) -> str:
    """The bundled corpus, each document flattened to one line, repeated to ``size``."""
    flat = " ".join(" ".join(p.read_text("utf-8").split()) for p in sorted(CORPUS.glob("*.md")))
    return (flat * (size // len(flat) + 1))[:size]


def test_a_multi_megabyte_line_is_ingested_in_linear_time(db_url: str, tmp_path: Path) -> None:
    # Once quadratic (overlap tests of every mention against every other, texts copied once
    # per mention): 760 KB in one paragraph took 26 s. Objectives, tasks and assignments of
    # 700 KB each, so targets, duties and cross-references all read a huge text.
    line = _one_line(700_000)
    path = tmp_path / "long-line.md"
    path.write_text(f"II- MỤC TIÊU\n\n1. {line}\n\nIII- NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU\n\n"
                    f"1. {line}\n\nIV- TỔ CHỨC THỰC HIỆN\n\n1. {line}\n", "utf-8")
    started = time.perf_counter()
    report = ingest_file(db_url, path)
    elapsed = time.perf_counter() - started
    assert report.added == 6
    # One row per (provision, body, role) since issue 11: hundreds, not thousands.
    assert report.analysis["duties"] > 300 and report.analysis["targets"] > 10
    assert elapsed < 60, f"{elapsed:.1f} s: a hang guard, not the figure (about 4 s idle)"


def test_two_provinces_decisions_of_one_number_are_both_stored(db_url: str) -> None:
    """Real 81/2025/QĐ-UBND of Bắc Ninh and of Đà Nẵng: one id for both refused the second
    (issue 12); the locality in the id keeps both."""
    folder = Path(__file__).resolve().parents[1] / "fixtures" / "local"
    summary = ingest_paths(db_url, [folder])
    assert not summary.refused, summary.refused
    assert sorted(r.doc_id for r in summary.reports) == [
        "81-2025-qd-ubnd-bac-ninh", "81-2025-qd-ubnd-da-nang"]


def test_concurrent_ingests_take_turns(db_url: str, tmp_path: Path) -> None:
    """Three ingests of one folder at once (issue 12): each document transaction takes the
    write lock when it begins, so none races another between its check and its insert
    (that refused 56 of 138 files with a raw UNIQUE error) and none is refused."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("02-NQ-TW-2021.md", "57-NQ-TW-2024.md", "69-KL-TW-2024.md"):
        (folder / name).write_bytes((CORPUS / name).read_bytes())
    summaries: list[Any] = []
    threads = [threading.Thread(target=lambda: summaries.append(
        ingest_paths(db_url, [folder], jobs=1))) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [s.refused for s in summaries] == [[], [], []]
    with new_session(db_url) as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 3


def test_a_file_over_the_size_limit_is_refused_unread(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    with path.open("wb") as out:  # sparse: 20 MB + 1 byte without writing them
        out.truncate(DEFAULT_MAX_BODY_BYTES + 1)
    summary = ingest_paths(db_url, [path])
    assert len(summary.refused) == 1
    assert "over the 20 MB" in (summary.refused[0].error or "")


def test_a_text_without_provisions_or_with_an_overlong_id_is_refused(db_url: str,
                                                                      tmp_path: Path) -> None:
    # Issue 12: a page that only named a decree was stored as that decree with 0
    # provisions; a 238-character file name made an id SQLite took and PostgreSQL refused.
    cites = tmp_path / "cites.md"
    cites.write_text("NGHỊ ĐỊNH\n\nSố: 239/2025/NĐ-CP\n", "utf-8")
    long_name = tmp_path / f"{'van-ban-' * 30}.md"
    long_name.write_text("1. Công đoàn cơ sở.\n\n2. Đoàn viên công đoàn.\n", "utf-8")
    summary = ingest_paths(db_url, [cites, long_name], jobs=1)
    errors = {Path(r.path).name: r.error or "" for r in summary.refused}
    assert "no provision found" in errors["cites.md"]
    assert "over 200" in errors[long_name.name]
    with new_session(db_url) as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 0


def test_a_multi_megabyte_single_line_is_refused_at_once(db_url: str, tmp_path: Path) -> None:
    # Issue 12: a 28.5 MB single line ran for over 580 s. A line past MAX_LINE_CHARS is a
    # dump, not a printed document: refused before parsing, with the limit named.
    path = tmp_path / "one-line.md"
    path.write_text(f"1. {_one_line(3_000_000)}\n", "utf-8")
    started = time.perf_counter()
    summary = ingest_paths(db_url, [path], jobs=1)
    assert time.perf_counter() - started < 30  # a hang guard (well under a second idle)
    assert "a line of 3,000,003 characters, over the 1,000,000" in summary.refused[0].error


def test_a_provision_joined_past_the_limit_is_refused(db_url: str, tmp_path: Path) -> None:
    # Lines each under MAX_LINE_CHARS, hard-wrapped into one paragraph of 2.4 MB.
    line = "công đoàn cơ sở và người lao động " * 24_000  # 792 000 characters, no full stop
    path = tmp_path / "joined.md"
    path.write_text(f"1. {line}\n{line}\n{line}\n", "utf-8")
    summary = ingest_paths(db_url, [path], jobs=1)
    assert "over the 2,000,000 one may have" in (summary.refused[0].error or "")
