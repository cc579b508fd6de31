"""The web page under /ui/: server-rendered HTML from the same services as the API."""

from __future__ import annotations

import re

import pytest
from factories_app import RESOLUTION_ID
from fastapi.testclient import TestClient

pytestmark = pytest.mark.any_store  # SQLite and PostgreSQL (tests/app/conftest.py)

LIGHT = 200_000  # bytes a page may weigh before its results


def test_root_redirects_to_the_page(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 307 and response.headers["location"] == "/ui/"


@pytest.mark.parametrize("page", ["/ui/", "/ui/bodies", "/ui/targets", "/ui/?q=cong+doan"])
def test_pages_are_light(client: TestClient, page: str) -> None:
    response = client.get(page)
    assert response.status_code == 200 and len(response.content) < LIGHT
    assert len(client.get("/ui/static/style.css").content) < 10_000


def test_empty_search_page_is_light_labelled_and_vietnamese(client: TestClient) -> None:
    response = client.get("/ui/")
    html = response.text
    assert response.headers["content-type"].startswith("text/html")
    assert len(response.content) < LIGHT
    assert '<html lang="vi">' in html and 'name="viewport"' in html
    assert '<label for="q">' in html and 'id="q"' in html and "<h1>" in html
    assert "<script" not in html.replace('<script src="/ui/static/copy.js" defer>', "")


def test_search_highlights_and_links_each_hit_to_its_anchor(client: TestClient) -> None:
    html = client.get("/ui/", params={"q": "thoa uoc", "doc": "02-nq-tw-2021"}).text
    assert "<mark>thoả ước</mark>" in html
    assert 'href="/ui/documents/02-nq-tw-2021#II.2.b.2030.2"' in html
    # Breadcrumbs of a hit, each a link into the document.
    # Each named as a reader cites it: 02-NQ/TW l.63 "b) Mục tiêu cụ thể" is tiết b.
    assert 'href="/ui/documents/02-nq-tw-2021#II.2.b">tiết b · Mục tiêu cụ thể</a>' in html


def test_facets_are_filter_links_and_filters_can_be_removed(client: TestClient) -> None:
    html = client.get("/ui/", params={"q": "thoa uoc lao dong tap the"}).text
    assert 'href="/ui/?q=thoa+uoc+lao+dong+tap+the&amp;kind=clause"' in html
    filtered = client.get("/ui/", params={"q": "thoa uoc lao dong tap the", "kind": "clause"})
    assert 'aria-label="Bỏ lọc clause"' in filtered.text
    assert "50-2024-qh15/d" in filtered.text and "02-nq-tw-2021/II" not in filtered.text


def test_did_you_mean_offers_the_known_words(client: TestClient) -> None:
    html = client.get("/ui/", params={"q": "laoo dongg"}).text
    assert 'Có phải bạn muốn tìm: <a href="/ui/?q=lao+dong">lao dong</a>' in html


def test_pages_of_results(client: TestClient) -> None:
    first = client.get("/ui/", params={"q": "cong doan"}).text
    assert 'rel="next" href="/ui/?q=cong+doan&amp;offset=20"' in first and 'rel="prev"' not in first
    second = client.get("/ui/", params={"q": "cong doan", "offset": 20}).text
    assert '<ol start="21">' in second
    assert 'rel="prev" href="/ui/?q=cong+doan&amp;offset=0"' in second


def test_everything_but_the_highlight_is_escaped(client: TestClient) -> None:
    html = client.get("/ui/", params={"q": '<script>alert(1)</script> "cong doan'}).text
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_bad_query_is_said_on_the_page(client: TestClient) -> None:
    response = client.get("/ui/", params={"q": "!!!"})
    assert response.status_code == 422 and 'role="alert"' in response.text


def test_document_has_contents_and_an_anchor_and_citation_per_provision(
        client: TestClient) -> None:
    html = client.get(f"/ui/documents/{RESOLUTION_ID}").text
    ids = re.findall(r'<section id="([^"]+)" class="prov', html)
    assert ids == ["I", "I.1", "I.2", "II", "II.1", "II.2", "III", "III.1", "III.1.1",
                   "III.1.2", "III.2"]
    assert '<h2 id="muc-luc">Mục lục</h2>' in html and 'href="#III.1"' in html
    assert f"Trích dẫn: <code>{RESOLUTION_ID}/III.1.2</code>" in html
    assert f'href="http://testserver/provisions/{RESOLUTION_ID}/III.1.2"' in html


def test_document_lists_who_does_what_in_it(client: TestClient) -> None:
    html = client.get("/ui/documents/02-nq-tw-2021").text
    assert "Phân công: ai làm gì trong văn bản này" in html
    assert ('<td><a href="/ui/bodies/ban-to-chuc-trung-uong">Ban Tổ chức Trung ương</a></td>\n'
            '<td>Chủ trì</td>\n<td><a href="#IV.4">IV.4</a></td>') in html


def test_unknown_document_is_an_html_404_with_suggestions(client: TestClient) -> None:
    response = client.get("/ui/documents/99-nq-tw")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert f'href="/ui/documents/{RESOLUTION_ID}"' in response.text


def test_who_does_what_lists_bodies_and_groups_duties_by_role(client: TestClient) -> None:
    listing = client.get("/ui/bodies", params={"q": "ban to chuc"}).text
    assert '<a href="/ui/bodies/ban-to-chuc-trung-uong">Ban Tổ chức Trung ương</a>' in listing
    body = client.get("/ui/bodies/ban-to-chuc-trung-uong").text
    assert '<h2 id="vai-tro-lead">Chủ trì' in body
    assert 'href="/ui/documents/02-nq-tw-2021#IV.4"' in body


def test_targets_table_filters_by_document_and_year(client: TestClient) -> None:
    html = client.get("/ui/targets", params={"doc": "02-nq-tw-2021", "year": 2025}).text
    assert "<table>" in html and "13.500.000" in html and "đoàn viên" in html
    assert 'href="/ui/documents/02-nq-tw-2021#II.2.b.2025.1"' in html
    assert "#II.2.b.2030" not in html
    # the milestone each target sits under, in its own column
    assert "<th scope=\"col\">Mốc</th>" in html and "<td>Đến năm 2025</td>" in html


def test_static_files_are_served(client: TestClient) -> None:
    assert "mark" in client.get("/ui/static/style.css").text
    assert client.get("/ui/static/copy.js").status_code == 200


def test_the_page_says_when_it_widened_the_search(client: TestClient) -> None:
    page = client.get("/ui/", params={"q": "cầm đồ công đoàn"}).text
    assert "Tìm cả theo từ ngữ của luật:\ncầm đồ → cầm cố." in page
    page = client.get("/ui/", params={"q": "công đoàn xyzzy"}).text
    assert "Không có điều khoản nào chứa đủ mọi từ" in page and "xyzzy" in page
