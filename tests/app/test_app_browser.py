"""The web page in a real browser: Debian's Chromium driven by Playwright, headless, with a
fresh profile and no network but this machine's loopback.

Locally the test skips, saying why, when Chromium or Playwright is missing; in CI
(``CI=true``, which ``.ci/run`` installs both for) a missing browser is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

CHROMIUM = os.environ.get("VNLEX_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _missing(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"{reason} (CI must run the browser test: .ci/run installs it)")
    pytest.skip(reason)


@pytest.fixture
def page(live_server: str, tmp_path: Path) -> Iterator[Any]:
    if not Path(CHROMIUM).exists() or not shutil.which(CHROMIUM):
        _missing(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is not installed (make install)")
    outside: list[str] = []

    def local_only(route: Any) -> None:
        # Nothing but the server under test: a CDN asset would fail here as offline.
        if route.request.url.startswith(live_server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox"], viewport={"width": 1000, "height": 800}, locale="vi-VN",
        )
        context.route("**/*", local_only)
        try:
            yield context.pages[0] if context.pages else context.new_page()
        finally:
            context.close()
    assert outside == [], f"the page asked the network for {outside}"


def test_search_then_follow_a_result_to_its_provision(page: Any, live_server: str) -> None:
    server = live_server
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(server + "/")
    assert page.url == server + "/ui/"
    page.keyboard.press("Tab")  # the first stop is the skip link
    assert page.evaluate("document.activeElement.className") == "skip"
    page.get_by_label("Từ khóa, cụm từ hoặc trích dẫn").fill("thoa uoc")
    page.keyboard.press("Enter")
    page.wait_for_selector("li.hit")
    assert "q=thoa+uoc" in page.url
    assert page.locator("li.hit mark").count() > 0
    page.screenshot(path=str(ARTIFACTS / "ui-search.png"))

    first = page.locator("a.hit-link").first
    cited = first.inner_text()
    first.click()
    page.wait_for_load_state()
    url = urlsplit(page.url)
    path = unquote(url.fragment)
    assert url.path.startswith("/ui/documents/") and cited == f"{url.path.rsplit('/', 1)[1]}/{path}"
    target = page.locator(":target")
    assert target.get_attribute("id") == path
    assert target.locator(".cite-text").is_visible()  # the citation shows at its anchor
    assert cited in target.locator(".cite-text").inner_text()
    assert target.is_visible()
    page.screenshot(path=str(ARTIFACTS / "ui-provision.png"))


def test_pages_fit_a_phone_screen(page: Any, live_server: str) -> None:
    server = live_server
    page.set_viewport_size({"width": 360, "height": 740})
    for url in ("/ui/?q=thoa+uoc+lao+dong", "/ui/documents/02-nq-tw-2021", "/ui/targets",
                "/ui/bodies"):
        page.goto(server + url)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px"
        assert re.search(r"\S", page.locator("h1").inner_text())
