"""The stored in-force facts (issue 13): kept by ingest whatever the order documents come
in, refreshed when a replacing text changes or goes, rebuilt by `vnlex status recompute`
and by an upgrade from before 0013, and read through indexes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from factories_app import CORPUS
from sqlalchemy import delete, select
from test_app_query_cost import selects
from typer.testing import CliRunner

from app.cli import app
from app.db.migrate import alembic_config
from app.db.models import DocumentStatus
from app.db.session import get_engine, new_session, session_scope
from app.services import maintenance, status
from app.services.ingest import ingest_paths
from app.services.relations import document_status
from app.services.uploads import delete_document

pytestmark = pytest.mark.any_store  # SQLite and PostgreSQL (tests/app/conftest.py)

OLD = CORPUS / "50-2024-QH15-luat-cong-doan.txt"
# A made-up law that replaces the 2024 Trade Union Law from 01/01/2026 (a date now past).
REPLACING = """LUẬT
CÔNG ĐOÀN (THỬ)
Điều 1. Phạm vi điều chỉnh
Luật này thử quy tắc hiệu lực.
Điều 2. Hiệu lực thi hành
1. Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026.
2. Luật Công đoàn số 50/2024/QH15 hết hiệu lực từ ngày Luật này có hiệu lực thi hành.
"""
NEW = "1-2025-qh99"
DAY = dt.date(2026, 6, 1)


def replacing(folder: Path, text: str = REPLACING) -> Path:
    path = folder / "law.txt"
    path.write_text(text, "utf-8")
    (folder / "law.meta.yaml").write_text("number: 1/2025/QH99\ndate: '2025-06-01'\n")
    return path


def rows(url: str) -> list[tuple[Any, ...]]:
    with new_session(url) as session:
        return [tuple(r) for r in session.execute(
            select(DocumentStatus.document_id, DocumentStatus.effective_from,
                   DocumentStatus.ended_from, DocumentStatus.ended_by,
                   DocumentStatus.ended_kind).order_by(DocumentStatus.document_id))]


def out(url: str) -> frozenset[str]:
    with new_session(url) as session:
        return status.out_of_force(session, DAY)


@pytest.mark.parametrize("order", ["old first", "replacing first"])
def test_either_order_ends_the_old_law(db_url: str, tmp_path: Path, order: str) -> None:
    files = [OLD, replacing(tmp_path)]
    assert not ingest_paths(db_url, files if order == "old first" else files[::-1],
                            jobs=1).refused
    assert rows(db_url) == [("1-2025-qh99", "2026-01-01", None, None, None),
                            ("50-2024-qh15", "2025-07-01", "2026-01-01", NEW, "replaces")]
    assert out(db_url) == {"50-2024-qh15"}
    with new_session(db_url) as session:
        before = document_status(session, "50-2024-qh15", dt.date(2025, 12, 31))
        after = document_status(session, "50-2024-qh15", DAY)
    assert before["in_force"] is True
    assert after["in_force"] is False and after["replaced_by"] == NEW
    assert after["reason"].startswith(f"replaced by {NEW} from 2026-01-01: ")


def test_a_new_version_without_the_ending_restores_the_old_law(db_url: str,
                                                               tmp_path: Path) -> None:
    law = replacing(tmp_path)
    assert not ingest_paths(db_url, [OLD, law], jobs=1).refused
    replacing(tmp_path, REPLACING.rsplit("2. Luật", 1)[0])  # clause 2 (the ending) left out
    assert not ingest_paths(db_url, [law], jobs=1).refused
    assert out(db_url) == frozenset()


def test_a_later_effective_date_of_the_replacing_law_moves_the_ending(
        db_url: str, tmp_path: Path) -> None:
    law = replacing(tmp_path)
    assert not ingest_paths(db_url, [OLD, law], jobs=1).refused
    replacing(tmp_path, REPLACING.replace("01 tháng 01 năm 2026", "01 tháng 01 năm 2027"))
    assert not ingest_paths(db_url, [law], jobs=1).refused
    # Neither is in force on DAY: the old one ends in 2027, the new one starts then.
    assert {r[0]: r[2] for r in rows(db_url)}["50-2024-qh15"] == "2027-01-01"
    assert out(db_url) == {NEW}


def test_deleting_the_replacing_law_restores_the_old_one(db_url: str, tmp_path: Path) -> None:
    assert not ingest_paths(db_url, [OLD, replacing(tmp_path)], jobs=1).refused
    delete_document(db_url, tmp_path / "ix", NEW)
    assert rows(db_url) == [("50-2024-qh15", "2025-07-01", None, None, None)]


def test_recompute_rebuilds_what_ingest_stored(db_url: str, tmp_path: Path) -> None:
    assert not ingest_paths(db_url, [OLD, replacing(tmp_path)], jobs=1).refused
    kept = rows(db_url)
    with session_scope(db_url, write=True) as session:
        session.execute(delete(DocumentStatus))
    result = CliRunner().invoke(app, ["status", "recompute", "--db", db_url])
    assert result.exit_code == 0, result.output
    assert "recomputed for 2 documents" in result.output
    assert rows(db_url) == kept


def test_an_upgrade_from_0012_recomputes_the_endings(db_url: str, tmp_path: Path) -> None:
    assert not ingest_paths(db_url, [OLD, replacing(tmp_path)], jobs=1).refused
    kept = rows(db_url)
    config = alembic_config(db_url)
    with get_engine(db_url).begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0012")
    maintenance.upgrade(db_url)
    assert rows(db_url) == kept


@pytest.mark.sqlite_only
def test_the_filter_and_a_status_read_through_indexes(db_url: str, tmp_path: Path) -> None:
    assert not ingest_paths(db_url, [OLD, replacing(tmp_path)], jobs=1).refused
    with selects(db_url) as statements, new_session(db_url) as session:
        status.out_of_force(session, DAY)
        document_status(session, "50-2024-qh15", DAY)
    plans = [line for _statement, plan in statements for line in plan]
    assert plans and not [line for line in plans if line.startswith("SCAN")]
    assert any("ix_document_status_ended_from" in line for line in plans)


@pytest.mark.sqlite_only
def test_an_ingest_reads_no_table_whole(db_url: str, tmp_path: Path) -> None:
    # What an ingest refreshes is found through indexes (document_keys, relations'
    # target_key and target_doc_id), never by reading every document or relation.
    assert not ingest_paths(db_url, [OLD, replacing(tmp_path)], jobs=1).refused
    with selects(db_url) as statements, session_scope(db_url) as session:
        status.after_ingest(session, "50-2024-qh15")
        status.after_ingest(session, "1-2025-qh99")
    plans = [line for _statement, plan in statements for line in plan]
    assert plans and [line for line in plans if line.startswith("SCAN")] == []
    assert any("ix_document_keys_key" in line for line in plans)
