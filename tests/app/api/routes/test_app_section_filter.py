"""`section` takes any provision path and finds everything under it, articles included
(article paths omit their chapter and Mục: ``d11``, not ``ch2.m1.d11``)."""

from __future__ import annotations

import importlib

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from app.db.session import session_scope

pytestmark = pytest.mark.any_store  # SQLite and PostgreSQL (tests/app/conftest.py)

SECTIONS = [
    # (section, a provision that must be in it, one that must not)
    ("ch2.m1", "50-2024-qh15/d11.2", "50-2024-qh15/d1"),  # Mục 1 of Chương II: Điều 11–20
    ("ch2", "50-2024-qh15/d11.2", "50-2024-qh15/d5.1"),
    ("II.2", "02-nq-tw-2021/II.2.b.2030.2", "02-nq-tw-2021/III.4.1"),  # a Party path prefix
    ("II.2.b.2025", "02-nq-tw-2021/II.2.b.2025.2", "02-nq-tw-2021/II.2.b.2030.2"),
]


def _ids(client: TestClient, q: str, section: str) -> set[str]:
    page = client.get("/search", params={"q": q, "section": section, "limit": 100}).json()
    return {item["id"] for item in page["items"]}


@pytest.mark.parametrize(("section", "inside", "outside"), SECTIONS)
def test_section_finds_everything_under_it(client: TestClient, section: str, inside: str,
                                           outside: str):
    found = _ids(client, "lao dong", section)
    assert inside in found
    assert outside not in found


def test_backfill_of_the_migration_equals_what_ingest_writes(corpus_url: str):
    """Databases ingested before 0004 get the same ancestry the flattener writes now."""
    migration = importlib.import_module("migrations.versions.0004_ancestry")
    with session_scope(corpus_url) as session:
        written = dict(session.execute(text("SELECT id, ancestry FROM provisions")).all())
        session.execute(text("UPDATE provisions SET ancestry = ''"))
        session.execute(text(migration.BACKFILL))
        filled = dict(session.execute(text("SELECT id, ancestry FROM provisions")).all())
        session.rollback()
    assert written["50-2024-qh15/d11.2"] == " ch2 ch2.m1 d11 d11.2 "
    assert filled == written
