"""The web page for people under ``/ui/``: search, a document, who does what, targets.

Server-rendered and complete without JavaScript; each handler calls the same services as
the JSON routes and hands their answers to a template.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from app.api.deps import SessionDep, SettingsDep
from app.errors import VnlexError
from app.services import bodies, documents, exports, relations, tables
from app.services.search import MAX_WINDOW, SearchParams, search
from app.web import STATIC_DIR, templates, views

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 20
# Assignments listed on a document's page; the rest are a link to /duties away.
DUTIES_SHOWN = 200
RELATIONS_SHOWN = 200
# A filter as typed in a form; the services validate and slug it.
Text = Annotated[str | None, Query(max_length=200)]


def install(app: FastAPI) -> None:
    """The pages, and their style sheet and script under ``/ui/static``."""
    app.mount("/ui/static", StaticFiles(directory=STATIC_DIR), name="ui-static")
    app.include_router(router)


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/ui/", status_code=307)


@router.get("/ui", response_class=HTMLResponse)
@router.get("/ui/", response_class=HTMLResponse)
def search_page(request: Request, session: SessionDep, settings: SettingsDep,
                q: str | None = Query(None, max_length=1000), doc: Text = None,
                section: Text = None, kind: Text = None,
                role: Text = None, in_force: bool | None = None,
                offset: int = Query(0, ge=0, le=MAX_WINDOW)) -> Response:
    """The search box; with ``q``, one page of results, facets and "did you mean"."""
    filters = {"doc": doc, "section": section, "kind": kind, "role": role,
               "in_force": None if in_force is None else str(in_force).lower()}
    context: dict[str, Any] = {"q": q or "", "filters": filters, "result": None,
                               "error": None, "offset": offset, "page_size": PAGE_SIZE}
    status = 200
    if q and q.strip():
        params = SearchParams(q=q, limit=PAGE_SIZE, offset=offset, doc=doc, section=section,
                              kind=kind, role=role, in_force=in_force)
        try:
            result = search(session, params, settings.index_path)
        except VnlexError as exc:
            context["error"], status = exc.message, exc.status
        else:
            context["result"] = result
            context["suggestion"] = views.did_you_mean(q, result["expansions"])
            context["last"] = min(result["total"], MAX_WINDOW)
    page = _render(request, "search.html", context, status)
    if context["result"] is not None:  # which change of the store the hits reflect
        page.headers["X-Vnlex-Index-Version"] = str(context["result"]["index"]["seq"])
    return page


@router.get("/ui/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, session: SessionDep, doc_id: str) -> Response:
    """A whole document: table of contents, every provision with its anchor and citation."""
    try:
        meta, rows = exports.document_provisions(session, doc_id)
    except VnlexError as exc:
        return _error(request, exc)
    provisions = [row for batch in rows.batches() for row in batch]
    toc = [row for row in provisions if row["depth"] <= 1 and (row["heading"] or row["label"])]
    duties = tables.duties(session, doc=meta["id"])
    links = relations.document_relations(session, meta["id"], RELATIONS_SHOWN, 0)
    base = str(request.base_url).rstrip("/")
    return _render(request, "document.html", {
        "doc": meta, "provisions": provisions, "toc": toc, "base": base,
        "duties": duties.items(DUTIES_SHOWN, 0), "duty_count": duties.count(),
        "status": relations.document_status(session, meta["id"]),
        "outgoing": links["outgoing"], "incoming": links["incoming"],
        "outgoing_count": links["outgoing_total"], "incoming_count": links["incoming_total"],
    })


@router.get("/ui/bodies", response_class=HTMLResponse)
def bodies_page(request: Request, session: SessionDep, q: Text = None,
                offset: int = Query(0, ge=0)) -> Response:
    """Ai làm gì: bodies of the registry, filtered by name, with their duty counts."""
    page = bodies.search_bodies(session, q).page(PAGE_SIZE, offset)
    return _render(request, "bodies.html", {"q": q or "", "page": page, "offset": offset,
                                            "page_size": PAGE_SIZE})


@router.get("/ui/bodies/{body_id}", response_class=HTMLResponse)
def body_page(request: Request, session: SessionDep, body_id: str) -> Response:
    """One body's duties grouped by role, each linking to its provision."""
    try:
        body = bodies.get_body(session, body_id, per_role=100)
    except VnlexError as exc:
        return _error(request, exc)
    return _render(request, "body.html", {"body": body})


@router.get("/ui/targets", response_class=HTMLResponse)
def targets_page(request: Request, session: SessionDep, doc: Text = None,
                 year: int | None = Query(None, ge=1900, le=2200),
                 offset: int = Query(0, ge=0)) -> Response:
    """Numeric targets as a table, by document and year."""
    try:
        page = tables.targets(session, doc=doc or None, year=year).page(PAGE_SIZE, offset)
    except VnlexError as exc:
        return _error(request, exc)
    docs = documents.list_documents(session).items(1000, 0)
    return _render(request, "targets.html", {
        "page": page, "doc": doc or "", "year": year, "offset": offset,
        "page_size": PAGE_SIZE, "documents": docs,
    })


def _render(request: Request, name: str, context: dict[str, Any], status: int = 200
            ) -> Response:
    context = {**context, "views": views}
    return templates.TemplateResponse(request, name, context, status_code=status)


def _error(request: Request, exc: VnlexError) -> Response:
    return _render(request, "error.html", {"error": exc}, exc.status)
