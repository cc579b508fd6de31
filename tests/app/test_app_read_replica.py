"""VNLEX_DATABASE_READ_URL: the routes read from the replica, writes go to the primary.

The "replica" is a `vnlex db copy` of the primary taken before the writes, so which store
answered shows in the answer itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from factories_app import CORPUS, LAW_ID, RESOLUTION_ID, law, resolution
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.core.config import Settings
from app.db.models import Document
from app.db.session import session_scope
from app.main import create_app
from app.services.copy import copy_store, table_counts
from app.services.ingest import ingest_document

pytestmark = pytest.mark.postgres
TOKEN = "replica-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
UPLOADED = "69-kl-tw-2024"


def test_reads_go_to_the_replica_and_writes_to_the_primary(pg_url: str, db_url: str,
                                                           tmp_path: Path) -> None:
    primary, replica = pg_url, db_url
    with session_scope(primary) as session:
        ingest_document(session, resolution())
        ingest_document(session, law())
    copy_store(primary, replica)
    settings = Settings(database_url=primary, database_read_url=replica, admin_token=TOKEN,
                        index_dir=str(tmp_path / "index"))
    with TestClient(create_app(settings)) as client:
        upload = client.post("/documents", params={"name": "69-KL-TW-2024.md"}, headers=AUTH,
                             content=(CORPUS / "69-KL-TW-2024.md").read_bytes())
        assert upload.status_code == 201, upload.text
        assert client.delete(f"/documents/{LAW_ID}", headers=AUTH).status_code == 200
        # Both writes reached the primary and only the primary.
        assert table_counts(primary)["documents"] == 2 and table_counts(replica)["documents"] == 2
        with session_scope(primary) as session:
            assert set(session.scalars(select(Document.id))) == {RESOLUTION_ID, UPLOADED}
        # The routes answer from the replica, as it was copied.
        listed = {d["id"] for d in client.get("/documents").json()["items"]}
        assert listed == {RESOLUTION_ID, LAW_ID}
        assert client.get(f"/documents/{LAW_ID}").status_code == 200
        assert client.get(f"/documents/{UPLOADED}").status_code == 404
        # Search too: the node's index follows the store it reads.
        found = client.get("/search", params={"q": "thanh lap cong doan"}).json()["items"]
        assert f"{LAW_ID}/d5.1" in [hit["id"] for hit in found]
        loose = client.get("/search", params={"q": "khoa hoc cong nghe"}).json()
        # Nothing on the replica has every word (hits with some of them may follow).
        assert loose["total"] == 0 or loose["relaxed"]["exact_hits"] == 0
        assert UPLOADED not in {hit["doc_id"] for hit in loose["items"]}
        assert client.get("/search", params={"q": "x", "doc": UPLOADED}).status_code == 404


def test_without_a_read_url_everything_is_the_primary(pg_url: str) -> None:
    assert Settings(database_url=pg_url).read_url == pg_url
    assert Settings(database_url=pg_url, database_read_url="  ").read_url == pg_url
