"""vnlex for AI assistants: an MCP server (the official ``mcp`` SDK) whose tools call the
same services as the REST API and answer with ids and URLs an assistant can cite.

Served at ``/mcp`` (streamable HTTP) inside the app, and on stdio by ``vnlex mcp``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import AbstractAsyncContextManager, contextmanager
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import FastAPI
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.server.transport_security import TransportSecuritySettings
from pydantic import Field
from sqlalchemy.orm import Session

from app.core.config import LOCAL_URL, Settings
from app.db.session import read_session
from app.errors import VnlexError
from app.services import bodies, provisions, resolve, tables
from app.services.search import SearchParams, search

INSTRUCTIONS = """vnlex: Vietnamese legal and Party texts, provision by provision.
Every answer carries provision ids (`02-nq-tw-2021/IV.4`) and URLs: cite them.
Search accepts Vietnamese with or without diacritics and tolerates typos."""


def build_server(settings: Settings) -> MCPServer:
    """The MCP server over ``settings``' database, with the five vnlex tools."""
    server = MCPServer(name="vnlex", version="0.1.0", instructions=INSTRUCTIONS,
                       log_level="WARNING")
    base = (settings.public_url or LOCAL_URL).rstrip("/")

    @contextmanager
    def session() -> Iterator[Session]:
        with read_session(settings.read_url) as db:
            try:
                yield db
            except VnlexError as exc:  # the assistant reads why, and what exists instead
                raise ToolError(_explain(exc)) from exc

    def api(path: str) -> str:
        return base + path

    def web(provision_id: str) -> str:
        doc_id, _, path = provision_id.partition("/")
        return f"{base}/ui/documents/{quote(doc_id, safe='')}#{quote(path, safe='.')}"

    def cited(provision_id: str) -> dict[str, str]:
        return {"id": provision_id, "url": api("/provisions/" + quote(provision_id, safe="/")),
                "web_url": web(provision_id)}

    # Named for clients; the function is not, so it does not shadow the search service.
    @server.tool(name="search")
    def search_provisions(
        query: Annotated[str, Field(description="Words, \"phrases\" or a citation")],
        limit: Annotated[int, Field(ge=1, le=50)] = 10,
        doc: Annotated[str | None, Field(description="Only this document id")] = None,
    ) -> dict[str, Any]:
        """Full-text search over every provision, best first."""
        with session() as db:
            result = search(db, SearchParams(q=query, limit=limit, doc=doc),
                            settings.index_path)
        items = [{**cited(item["id"]), "doc_id": item["doc_id"],
                  "breadcrumbs": [c["title"] for c in item["breadcrumbs"]],
                  "heading": item["heading"], "snippet": _plain(item["snippet"])}
                 for item in result["items"]]
        return {"total": result["total"], "total_is_exact": result["total_is_exact"],
                "items": items,
                "expansions": result["expansions"]}

    @server.tool()
    def get_provision(
        provision_id: Annotated[str, Field(description="`<document id>/<path>`, e.g. "
                                           "`02-nq-tw-2021/IV.4`")],
    ) -> dict[str, Any]:
        """One provision's text with its document, parent, children and breadcrumbs."""
        with session() as db:
            data = provisions.get_provision(db, provision_id)
        return {**data, **cited(data["id"])}

    @server.tool()
    def resolve_citation(
        cite: Annotated[str, Field(description="A citation as people write it, e.g. "
                                   "`điểm a khoản 1 Điều 6 Luật Công đoàn 2024`")],
    ) -> dict[str, Any]:
        """The provision or document a citation names (several when it is ambiguous)."""
        with session() as db:
            result = resolve.resolve(db, cite)
        for match in result["matches"]:
            match["url"] = api(match["url"])
            if match.get("provision_id"):
                match["web_url"] = web(match["provision_id"])
        return result

    @server.tool()
    def who_is_responsible(
        provision_id: Annotated[str | None, Field(description="Bodies named by this "
                                                  "provision, with their roles")] = None,
        body: Annotated[str | None, Field(description="Or: this body's duties (an id or "
                                          "its name)")] = None,
    ) -> dict[str, Any]:
        """Who leads, coordinates, implements or reports, for a provision or a body."""
        with session() as db:
            if provision_id:
                data = bodies.provision_bodies(db, provision_id)
                return {**data, **cited(data["provision_id"])}
            if body:
                found = bodies.get_body(db, body, per_role=20)
                for duties in found["duties_by_role"].values():
                    for duty in duties:
                        duty.update(cited(duty["provision_id"]))
                found["duties_url"] = api(found["duties_url"])
                return found
        raise ToolError("give provision_id or body")

    @server.tool()
    def list_targets(
        doc: Annotated[str | None, Field(description="Only this document id")] = None,
        year: Annotated[int | None, Field(ge=1900, le=2200)] = None,
        limit: Annotated[int, Field(ge=1, le=100)] = 50,
    ) -> dict[str, Any]:
        """Numeric targets (year and the milestone it was read from, measure, value, unit),
        each with its provision."""
        with session() as db:
            page = tables.targets(db, doc=doc, year=year).page(limit, 0)
        for row in page["items"]:
            row.update(cited(row["provision_id"]))
        return page

    return server


def _explain(exc: VnlexError) -> str:
    details = {k: v for k, v in exc.details.items() if k in ("suggestions", "candidates", "valid")}
    return exc.message + "".join(f"; {key}: {value}" for key, value in details.items() if value)


def _plain(snippet: str) -> str:
    """A search snippet without its HTML: marks as ``**…**``, entities decoded."""
    return html.unescape(re.sub(r"</?mark>", "**", snippet))


def mount(app: FastAPI, server: MCPServer) -> AbstractAsyncContextManager[None]:
    """Serve ``server`` at ``/mcp`` in ``app``; returns what the app's lifespan must enter
    (the SDK's session manager, which runs the transport's task group)."""
    # The corpus is public and read-only, so a page rebinding a DNS name to this server
    # reads nothing it could not read anyway; checking Host would refuse real host names.
    security = TransportSecuritySettings(enable_dns_rebinding_protection=False)
    starlette = server.streamable_http_app(streamable_http_path="/mcp", stateless_http=True,
                                           json_response=True, transport_security=security)
    app.router.routes.extend(starlette.routes)
    return server.session_manager.run()
