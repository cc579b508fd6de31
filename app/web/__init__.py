"""The web page for people: Jinja2 templates, a style sheet and one optional script."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlencode

from fastapi.templating import Jinja2Templates

from app.web.views import crumb_text

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"

templates = Jinja2Templates(directory=HERE / "templates")


def page_url(path: str, params: dict[str, str | int | None]) -> str:
    """``path`` with the non-empty ``params`` as its query string."""
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return path + ("?" + urlencode(kept) if kept else "")


def search_url(q: str, filters: dict[str, str | None], **changes: str | int | None) -> str:
    """The search page for ``q`` with ``filters`` and ``changes`` (None drops a filter)."""
    return page_url("/ui/", {"q": q, **filters, **changes})


def anchor(path: str) -> str:
    """A provision path as a URL fragment: ``d6.1.đ`` percent-encoded, dots kept."""
    return quote(path, safe=".")


templates.env.globals["page_url"] = page_url
templates.env.globals["search_url"] = search_url
templates.env.filters["anchor"] = anchor
templates.env.filters["crumb_text"] = crumb_text
templates.env.filters["q"] = lambda value: quote(str(value), safe="")
