"""/docs and /redoc work without internet: every script, sheet and icon is served here."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.any_store  # SQLite and PostgreSQL (tests/app/conftest.py)

ASSET = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""")


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_pages_reference_only_local_assets(client: TestClient, page: str) -> None:
    html = client.get(page).text
    assets = ASSET.findall(html)
    assert assets, "the page loads its viewer from somewhere"
    assert "//" not in " ".join(assets) and "googleapis" not in html
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200 and len(response.content) > 1000, asset


def test_swagger_ui_points_at_our_openapi(client: TestClient) -> None:
    assert "url: '/openapi.json'" in client.get("/docs").text
    assert client.get("/openapi.json").json()["info"]["title"] == "vnlex"
