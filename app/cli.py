"""The ``vnlex`` command: a thin layer over the same services the API uses."""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from app.core.config import get_settings
from app.errors import VnlexError
from app.services.ingest import FileResult, IngestSummary, collect_files, ingest_paths
from app.services.registry import load as load_registry

app = typer.Typer(
    help="vnlex: a searchable corpus of Vietnamese legal and Party texts.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Database schema (Alembic migrations).", no_args_is_help=True)
app.add_typer(db_app, name="db")
status_app = typer.Typer(help="The stored in-force facts of documents.", no_args_is_help=True)
app.add_typer(status_app, name="status")

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL (default: $VNLEX_DATABASE_URL or sqlite:///./vnlex.db)"),
]


def _url(db: str | None) -> str:
    return get_settings(db).database_url


@db_app.command("upgrade")
def db_upgrade(
    db: DbOption = None,
    revision: Annotated[str, typer.Option(
        help="Target: head, or a revision id at or above the database's")] = "head",
) -> None:
    """Create the schema or bring it up to date (never down: that drops data)."""
    from sqlalchemy import make_url

    from app.db.migrate import current_revision
    from app.services.maintenance import upgrade

    url = _url(db)
    shown = make_url(url).render_as_string(hide_password=True)
    try:
        upgrade(url, revision)
    except VnlexError as exc:
        typer.secho(f"error: {exc.message}", err=True, fg="red")
        raise typer.Exit(2) from None
    typer.echo(f"database at {shown} is at revision {current_revision(url) or 'base'}")


@db_app.command("vacuum")
def db_vacuum(db: DbOption = None) -> None:
    """Give back free space (after an upgrade that rebuilt tables; SQLite files never
    shrink by themselves). Needs free disk as large as the file; blocks writes meanwhile."""
    from app.services.maintenance import vacuum

    url = _url(db)
    path = _sqlite_file(url)
    before = path.stat().st_size if path else None
    vacuum(url)
    if path is not None and before is not None:
        typer.echo(f"{path}: {before / 1e6:,.1f} MB -> {path.stat().st_size / 1e6:,.1f} MB")
    else:
        typer.echo("vacuumed")


def _sqlite_file(url: str) -> Path | None:
    from sqlalchemy import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    return Path(parsed.database)


@db_app.command("copy")
def db_copy(
    source: Annotated[str, typer.Option("--from", help="Database URL to copy from")],
    target: Annotated[str, typer.Option(
        "--to", help="Database URL to copy into: empty, migrated to the source's revision")],
) -> None:
    """Copy every table, ids intact, into an empty store (SQLite ↔ PostgreSQL); verifies
    the row counts at the end."""
    from app.services.copy import copy_store, plan_copy

    try:
        total = plan_copy(source, target).total
        with typer.progressbar(length=total, label="copying rows", file=sys.stderr) as bar:
            plan = copy_store(source, target, progress=lambda _table, n: bar.update(n))
    except VnlexError as exc:
        typer.secho(f"error: {exc.message}", err=True, fg="red")
        raise typer.Exit(2) from None
    for table, count in plan.counts.items():
        typer.echo(f"{table}: {count} rows")
    typer.echo(f"copied {plan.total} rows at revision {plan.revision}; counts verified")


@status_app.command("recompute")
def status_recompute(db: DbOption = None) -> None:
    """Recompute every document's in-force facts from its relations and dates (ingest keeps
    them; needed after an upgrade from before 0013, which `db upgrade` runs it for)."""
    from app.services.maintenance import recompute_status

    count = recompute_status(_url(db))
    typer.echo(f"in-force status recomputed for {count} documents")


@app.command()
def reindex(
    db: DbOption = None,
    vocabulary: Annotated[bool, typer.Option(
        help="Recount the typo vocabulary too (ingest keeps it; needed after hand edits)")] = False,
) -> None:
    """Rebuild this node's search index from the store."""
    from app.services.maintenance import reindex as run
    from app.services.maintenance import shares_index

    settings = get_settings(db)
    state = run(settings.database_url, settings.index_path, vocabulary=vocabulary)
    typer.echo(f"search index rebuilt at {settings.index_path} (change {state.seq})")
    if shares_index(settings.database_url):
        typer.echo("published in the store: a new node restores it instead of rebuilding")


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files (.md, .txt) and folders")],
    db: DbOption = None,
    jobs: Annotated[int | None, typer.Option(
        min=1, help="Processes parsing files (default: the cores); the result is the same")
    ] = None,
) -> None:
    """Parse and store documents; each one all-or-nothing, re-ingesting keeps ids."""
    url = _url(db)
    count = len(collect_files(paths))
    index_dir = get_settings(url).index_path  # fed as documents are stored
    try:
        load_registry()  # a broken registry refuses everything: say so before any progress
        if count > 1:
            with typer.progressbar(length=count, label="ingesting", file=None) as bar:
                summary = ingest_paths(url, paths, on_file=lambda _r: bar.update(1),
                                       jobs=jobs, index_dir=index_dir)
        else:
            summary = ingest_paths(url, paths, jobs=jobs, index_dir=index_dir)
    except VnlexError as exc:  # the registry of bodies is broken: nothing was ingested
        typer.secho(f"error: {exc.message}", err=True, fg="red")
        raise typer.Exit(1) from None
    _print_summary(summary)
    _refresh_index(url)
    if summary.refused:
        raise typer.Exit(1)


def _refresh_index(url: str) -> None:
    """Bring this node's index up to the ingest, so the first search does not pay for it."""
    from app.services.maintenance import refresh_index

    settings = get_settings(url)
    state = refresh_index(url, settings.index_path)
    typer.echo(f"search index at {settings.index_path} is at change {state.seq}")


def _print_summary(summary: IngestSummary) -> None:
    for result in summary.results:
        if result.report is not None:
            typer.echo(_report_line(result))
    for result in summary.refused:
        typer.secho(f"refused {result.path}: {result.error}", err=True, fg="red")
    done = len(summary.reports)
    typer.echo(f"{done} document(s) ingested, {len(summary.refused)} refused")


def _report_line(result: FileResult) -> str:
    r = result.report
    assert r is not None
    state = "new" if r.created else "updated"
    replaced = f"; replaces {', '.join(r.superseded)}" if r.superseded else ""
    # The parse's warnings were computed and stored but never said (issue 12): count them
    # here and say where to read them.
    warned = (f"; {r.warnings} parse warning(s): vnlex parse {result.path} --report"
              if r.warnings else "")
    return (
        f"{r.doc_id:<32} {state:<8} added {r.added}, changed {r.changed}, removed {r.removed}, "
        f"unchanged {r.unchanged + r.moved}  ({result.path}{replaced}){warned}"
    )


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
    workers: Annotated[int, typer.Option(
        min=1, help="Server processes sharing this node's index folder: one applies the "
        "store's changes to it, all answer")] = 1,
) -> None:
    """Run the REST API (migrating an empty database first)."""
    import os

    import uvicorn

    from app.main import create_app
    from app.services.maintenance import ensure_schema

    settings = get_settings(db)
    ensure_schema(settings.database_url)
    if workers == 1:
        uvicorn.run(create_app(settings), host=host, port=port)
        return
    # Each worker is a new process that builds its app from the environment.
    os.environ["VNLEX_DATABASE_URL"] = settings.database_url
    os.environ["VNLEX_INDEX_DIR"] = str(settings.index_path)
    uvicorn.run("app.main:create_app", factory=True, host=host, port=port, workers=workers,
                http="app.serving:NoDelayHTTPProtocol")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="What to look for, typed as you like")],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, max=100, help="Number of results")] = 10,
    offset: Annotated[int, typer.Option(min=0, help="Results to skip")] = 0,
    doc: Annotated[str | None, typer.Option(help="Only this document id")] = None,
    section: Annotated[str | None, typer.Option(help="Only under this path, e.g. III")] = None,
    kind: Annotated[str | None, typer.Option(help="Only this kind, e.g. article")] = None,
    role: Annotated[str | None, typer.Option(help="Only this role, e.g. objective")] = None,
) -> None:
    """Search the corpus and print the hits with the matched words highlighted."""
    from app.db.session import new_session
    from app.services.maintenance import ensure_schema
    from app.services.search import SearchParams
    from app.services.search import search as run

    url = _url(db)
    ensure_schema(url)
    params = SearchParams(q=query, limit=limit, offset=offset, doc=doc, section=section,
                          kind=kind, role=role)
    with new_session(url) as session:
        try:
            result = run(session, params)
        except VnlexError as exc:
            typer.secho(f"error: {exc.message}", err=True, fg="red")
            raise typer.Exit(2) from None
    _print_hits(result, offset)


def _print_hits(result: dict[str, Any], offset: int) -> None:
    typer.echo(f"{result['total']} result(s)")
    for rank, item in enumerate(result["items"], start=offset + 1):
        crumbs = " › ".join(c["title"][:40] for c in item["breadcrumbs"])
        typer.secho(f"{rank:>3}. {item['id']}  [{item['kind']}]  {item['score']:.3f}", bold=True)
        if crumbs:
            typer.secho(f"     {crumbs}", dim=True)
        typer.echo("     " + _terminal_marks(item["snippet"]).replace("\n", " "))
    if result.get("expansions"):
        pairs = ", ".join(f"{k}→{'/'.join(v)}" for k, v in result["expansions"].items())
        typer.secho(f"(typo-tolerant: {pairs})", dim=True)


def _terminal_marks(snippet: str) -> str:
    parts = re.split(r"<mark>(.*?)</mark>", snippet)
    return "".join(
        typer.style(html.unescape(p), fg="yellow", bold=True) if i % 2 else html.unescape(p)
        for i, p in enumerate(parts)
    )


@app.command()
def mcp(db: DbOption = None) -> None:
    """Serve the MCP tools on standard input/output, for an assistant that starts vnlex."""
    from app.api.mcp_tools import build_server
    from app.services.maintenance import ensure_schema

    settings = get_settings(db)
    ensure_schema(settings.database_url)
    build_server(settings).run("stdio")


@app.command("datasette-fts")
def datasette_fts(db: DbOption = None) -> None:
    """Add (or rebuild) a plain FTS5 table, provisions_fts, that Datasette can search."""
    from app.db.session import session_scope
    from app.services.datasette_fts import TABLE, build

    url = _url(db)
    try:
        with session_scope(url) as session:
            count = build(session)
    except VnlexError as exc:
        typer.secho(f"error: {exc.message}", err=True, fg="red")
        raise typer.Exit(1) from None
    typer.echo(f"{TABLE}: {count} provisions; rerun after each ingest")


EXPORT_FORMATS = {"json": "json", "md": "md", "csv": "csv", "ndjson": "ndjson",
                  "akn": "akn.xml"}


@app.command()
def export(
    doc_id: Annotated[str | None, typer.Argument(help="A document id (omit with --all)")] = None,
    format: Annotated[str, typer.Option("--format", help="json, md, csv, ndjson or akn")
                      ] = "json",
    all_to: Annotated[Path | None, typer.Option(
        "--all", help="Write every document into this folder, one DOC_ID.FORMAT file each",
        file_okay=False)] = None,
    db: DbOption = None,
) -> None:
    """Export a document (to standard output) or every document (--all OUTDIR)."""
    from app.db.session import new_session
    from app.services import documents

    if format not in EXPORT_FORMATS:
        raise typer.BadParameter("use json, md, csv, ndjson or akn", param_hint="--format")
    if (doc_id is None) == (all_to is None):
        raise typer.BadParameter("give a DOC_ID or --all OUTDIR (one of them)")
    with new_session(_url(db)) as session:
        try:
            if all_to is None:
                assert doc_id is not None
                for chunk in _export_chunks(session, doc_id, format):
                    typer.echo(chunk, nl=False)
                return
            all_to.mkdir(parents=True, exist_ok=True)
            ids = [row["id"] for batch in documents.list_documents(session).batches()
                   for row in batch]
            with typer.progressbar(ids, label="exporting", file=None) as bar:
                for each in bar:
                    target = all_to / f"{each}.{EXPORT_FORMATS[format]}"
                    with target.open("w", encoding="utf-8", newline="") as out:
                        out.writelines(_export_chunks(session, each, format))
        except VnlexError as exc:
            typer.secho(f"error: {exc.message}", err=True, fg="red")
            raise typer.Exit(1) from None
    if all_to is not None:
        typer.echo(f"{len(ids)} document(s) written to {all_to}")


def _export_chunks(session: Any, doc_id: str, format: str) -> Iterator[str]:
    """The export of one document, as the API serves it, a piece at a time."""
    import json

    from app.api.tabular import csv_lines
    from app.services import akn, exports, formats

    meta, rows = exports.document_provisions(session, doc_id)
    if format == "akn":
        yield akn.document(meta, rows.batches()).decode("utf-8")
    elif format == "md":
        yield from formats.markdown(meta, rows.batches())
    elif format == "ndjson":
        yield from formats.ndjson(rows.batches())
    elif format == "csv":
        columns = (*exports.COLUMNS, "url")
        yield from (b.decode("utf-8") for b in csv_lines(columns, formats.flat(rows.batches())))
    else:
        provisions = [row for batch in rows.batches() for row in batch]
        yield json.dumps({**meta, "provisions": provisions}, ensure_ascii=False, indent=2)
        yield "\n"


@app.command()
def parse(
    file: Annotated[Path, typer.Argument(help="A .md or .txt file", exists=True, dir_okay=False)],
    format: Annotated[str, typer.Option("--format", help="json or tree")] = "json",
    report: Annotated[
        bool,
        typer.Option(
            "--report",
            help="Print the fidelity report instead: counts per kind, numbering gaps and "
            "repeats, longest provisions, headings in running text, every line called noise",
        ),
    ] = False,
) -> None:
    """Parse a file and print its tree, without touching the database."""
    from app.services.ingest import parse_file, read_text
    from parsers.report import build_report, render
    from parsers.serialize import to_json, to_outline

    if format not in ("json", "tree"):
        raise typer.BadParameter("use json or tree", param_hint="--format")
    try:
        doc, _doc_id = parse_file(file)
    except VnlexError as exc:
        typer.secho(f"error: {exc.message}", err=True, fg="red")
        raise typer.Exit(1) from None
    if report:
        typer.echo(render(build_report(read_text(file), doc), doc), nl=False)
        return
    typer.echo(to_json(doc) if format == "json" else to_outline(doc), nl=False)


if __name__ == "__main__":
    app()
