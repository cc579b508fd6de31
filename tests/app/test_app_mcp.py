"""The MCP server, driven by the official SDK's client: over streamable HTTP at /mcp in the
running app, and over stdio as ``vnlex mcp`` (what an assistant's configuration starts)."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Awaitable, Callable
from typing import Any

from mcp.client.client import Client
from mcp.client.stdio import StdioServerParameters

TOOLS = {"search", "get_provision", "resolve_citation", "who_is_responsible", "list_targets"}


def run(server: Any, steps: Callable[[Client], Awaitable[Any]]) -> Any:
    async def main() -> Any:
        async with Client(server) as client:
            return await steps(client)
    return asyncio.run(main())


async def call(client: Client, tool: str, **arguments: Any) -> dict[str, Any]:
    result = await client.call_tool(tool, arguments)
    assert not result.is_error, result.content
    assert isinstance(result.structured_content, dict)
    return result.structured_content


def test_tools_answer_with_ids_and_urls_over_http(live_server: str) -> None:
    async def steps(client: Client) -> None:
        listed = await client.list_tools()
        assert {tool.name for tool in listed.tools} == TOOLS
        assert all(tool.description for tool in listed.tools)

        found = await call(client, "search", query="thoa uoc lao dong tap the", limit=3)
        first = found["items"][0]
        assert found["total"] >= 3 and len(found["items"]) == 3
        assert first["url"] == f"{live_server}/provisions/{first['id']}"
        path = first["id"].split("/", 1)[1]
        assert first["web_url"].endswith(f"/ui/documents/{first['doc_id']}#{path}")
        assert "**" in first["snippet"] and "<mark>" not in first["snippet"]

        provision = await call(client, "get_provision", provision_id="02-nq-tw-2021/IV.4")
        assert provision["text"].startswith("Ban Tổ chức Trung ương chủ trì")
        assert provision["url"] == f"{live_server}/provisions/02-nq-tw-2021/IV.4"

        resolved = await call(client, "resolve_citation",
                              cite="diem a khoan 1 dieu 6 luat cong doan 2024")
        match = resolved["matches"][0]
        assert match["provision_id"] == "50-2024-qh15/d6.1.a"
        assert match["url"] == f"{live_server}/provisions/50-2024-qh15/d6.1.a"

        bodies = await call(client, "who_is_responsible", provision_id="02-nq-tw-2021/IV.4")
        assert ("ban-to-chuc-trung-uong", "lead") in {
            (b["body_id"], b["role"]) for b in bodies["items"]}
        duties = await call(client, "who_is_responsible", body="Ban Tổ chức Trung ương")
        assert [d["id"] for d in duties["duties_by_role"]["lead"]][0] == "02-nq-tw-2021/IV.4"

        targets = await call(client, "list_targets", doc="02-nq-tw-2021", year=2025)
        assert 13_500_000 in [t["value"] for t in targets["items"]]
        assert all(t["url"].startswith(live_server) for t in targets["items"])

    run(f"{live_server}/mcp", steps)


def test_an_unknown_id_is_a_tool_error_that_names_the_closest(live_server: str) -> None:
    async def steps(client: Client) -> Any:
        return await client.call_tool("get_provision", {"provision_id": "02-nq-tw-2021/IV.9"})

    result = run(f"{live_server}/mcp", steps)
    assert result.is_error
    text = result.content[0].text
    assert "no provision '02-nq-tw-2021/IV.9'" in text and "02-nq-tw-2021/IV.4" in text


def test_vnlex_mcp_serves_the_same_tools_on_stdio(corpus_url: str) -> None:
    server = StdioServerParameters(
        command=sys.executable, args=["-m", "app.cli", "mcp", "--db", corpus_url],
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )

    async def steps(client: Client) -> dict[str, Any]:
        assert {tool.name for tool in (await client.list_tools()).tools} == TOOLS
        return await call(client, "get_provision", provision_id="02-nq-tw-2021/IV.4")

    provision = run(server, steps)
    assert provision["id"] == "02-nq-tw-2021/IV.4"
    assert provision["url"] == "http://127.0.0.1:8000/provisions/02-nq-tw-2021/IV.4"
