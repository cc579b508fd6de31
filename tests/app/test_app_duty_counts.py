"""``body_duty_counts`` equals a count of the duties after every kind of write: a batch
ingest, a changed document stored again, a document whose file was renamed (the old id
dropped), a document deleted; and ``/bodies`` reads it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from factories_app import CORPUS
from sqlalchemy import func, select

from app.db.analysis_models import BodyDutyCount, Duty
from app.db.session import session_scope
from app.services.bodies import search_bodies
from app.services.ingest import ingest_file, ingest_paths
from app.services.uploads import delete_document

pytestmark = pytest.mark.any_store


def kept(url: str) -> dict[tuple[Any, ...], int]:
    with session_scope(url) as session:
        c = BodyDutyCount
        return {(b, r, i, li): n for b, r, i, li, n in session.execute(
            select(c.body_pk, c.role, c.inferred, c.lead_in, c.n))}


def counted(url: str) -> dict[tuple[Any, ...], int]:
    with session_scope(url) as session:
        key = (Duty.body_pk, Duty.role, Duty.inferred, Duty.lead_in)
        return {tuple(row[:4]): row[4] for row in session.execute(
            select(*key, func.count()).group_by(*key))}


def test_the_kept_counts_follow_every_write(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    ingest_paths(db_url, [folder])
    first = counted(db_url)
    assert len(first) > 20 and kept(db_url) == first

    # A document stored again with a duty fewer: its counts move, nothing else's.
    law = folder / "50-2024-QH15-luat-cong-doan.txt"
    printed = law.read_text(encoding="utf-8")
    assert printed.count("Tổng Liên đoàn Lao động Việt Nam") > 5
    law.write_text(printed.replace("Tổng Liên đoàn Lao động Việt Nam", "Tổ chức X", 3),
                   encoding="utf-8")
    ingest_file(db_url, law)
    assert counted(db_url) != first
    assert kept(db_url) == counted(db_url)

    # The same file under another name and number: the old id is dropped, the new stored.
    renamed = folder / "50-2024-QH15-ban-moi.txt"
    law.rename(renamed)
    ingest_paths(db_url, [renamed])
    assert kept(db_url) == counted(db_url)

    # Deleted: its duties leave the counts, and no key is left at zero.
    with session_scope(db_url) as session:
        doc_id = session.scalar(select(Duty.document_id).where(
            Duty.document_id.like("50-2024-qh15%")).limit(1))
    assert doc_id is not None
    delete_document(db_url, tmp_path / "index", doc_id)
    assert kept(db_url) == counted(db_url)
    assert all(n > 0 for n in kept(db_url).values())


def test_a_list_of_bodies_reads_the_kept_counts(corpus_url: str) -> None:
    with session_scope(corpus_url) as session:
        page = search_bodies(session).page(200, 0)["items"]
        by_role = counted(corpus_url)
    listed = sum(sum(item["duties"].values()) + item["inferred_duties"]
                 + item["lead_in_duties"] for item in page)
    assert listed == sum(by_role.values()) > 100
