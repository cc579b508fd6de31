"""``python -m bench``: the benchmark of issue 8 on a corpus scaled to SCALE × 1 000 000 provisions.

    python -m bench --scale 0.1                      # quick: 100 000 provisions
    python -m bench --scale 1 --corpus /work/shared/bench-corpus/laws
    python -m bench --only parse --corpus FOLDER     # the per-document parse report only
    python -m bench --scale 0.1 --engine postgresql  # the same figures with PostgreSQL as the store

The bundled ``corpus/`` is always a source (``--base`` replaces it); every ``--corpus``
folder adds its ``*.md``/``*.txt`` files. A full run writes ``bench/results/latest.json``
and ``latest.md``; ``--only STAGE`` prints that stage's figures as JSON and writes nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

# In process, every search pays for itself: the answer cache (on in a served vnlex) would
# turn the repeated passes of the mix into lookups. HTTP is measured with and without it
# (bench/http.py sets the size per server).
os.environ["VNLEX_SEARCH_CACHE_SIZE"] = "0"

from bench import build, http, parse, queries, report, run  # noqa: E402

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432"
BUNDLED = Path(__file__).resolve().parents[1] / "corpus"


def positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def positive_float(value: str) -> float:
    number = float(value)
    if not number > 0:
        raise argparse.ArgumentTypeError(f"must be positive, got {value}")
    return number


def folder(value: str) -> Path:
    path = Path(value)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"{value}: not a folder")
    return path


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    p.add_argument("--scale", type=positive_float, default=1.0,
                   help="corpus size in millions of provisions (default 1)")
    p.add_argument("--corpus", type=folder, action="append", default=[],
                   help="a folder of real *.md/*.txt documents to add (repeatable)")
    p.add_argument("--base", type=folder, default=BUNDLED,
                   help="the bundled corpus folder (default: corpus/)")
    p.add_argument("--repeat", type=positive_int, default=5,
                   help="timed passes over the query mix, in process (default 5)")
    p.add_argument("--parse-repeat", type=positive_int, default=3,
                   help="runs per source document in the parse figures (default 3)")
    p.add_argument("--duration", type=positive_float, default=10.0,
                   help="seconds per HTTP load run (default 10)")
    p.add_argument("--clients", type=positive_int, nargs="+", default=[1, 8, 32],
                   help="HTTP client counts (default 1 8 32)")
    p.add_argument("--workers", type=positive_int, nargs="+", default=list(http.WORKERS),
                   help="server processes compared on /search (default 1 2)")
    p.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite",
                   help="the store: a SQLite file in the cache (default), or a PostgreSQL "
                   "database the bench drops and creates (see --postgres)")
    p.add_argument("--postgres", default=POSTGRES,
                   help=f"the PostgreSQL server's URL (default {POSTGRES}); the database is "
                   "vnlex_bench_SCALE")
    p.add_argument("--only", choices=run.STAGES, help="run one stage only")
    p.add_argument("--queries", type=Path, default=queries.QUERIES, help="the query mix")
    p.add_argument("--cache", type=Path, default=build.CACHE,
                   help="where built corpora and databases go (default bench/.cache/)")
    p.add_argument("--results", type=Path, default=report.RESULTS,
                   help="where latest.json and latest.md go (default bench/results/)")
    return p


def pg_database(server: str, scale: float) -> str:
    """The bench's own database on ``server``, one per scale (it is dropped and recreated)."""
    name = f"vnlex_bench_{scale:g}".replace(".", "_")
    return f"{server.rstrip('/')}/{name}"


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    folders = [args.base, *args.corpus]
    if args.only == "parse":  # the per-document report, folder by folder
        for corpus in folders:
            sys.stdout.write("\n".join(parse.run(corpus, args.parse_repeat)) + "\n")
        return 0
    opts = run.Options(folders=folders, scale=args.scale, repeat=args.repeat,
                       parse_repeat=args.parse_repeat, duration=args.duration, only=args.only,
                       queries_file=args.queries, results=args.results, cache=args.cache,
                       clients=tuple(args.clients), workers=tuple(args.workers),
                       pg_url=pg_database(args.postgres, args.scale)
                       if args.engine == "postgresql" else None)
    figures = run.run(opts)
    if args.only:
        sys.stdout.write(json.dumps(figures, ensure_ascii=False, indent=1) + "\n")
    else:
        name = run.results_name(opts)
        sys.stdout.write((args.results / f"{name}.md").read_text("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
