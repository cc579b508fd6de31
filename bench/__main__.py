"""``python -m bench``: run the benchmarks on a corpus folder and print the report.

    python -m bench --corpus corpus
    python -m bench --corpus /work/shared/bench-corpus/laws --repeat 3 --only parse

The search benchmark runs when ``bench/search.py`` exists.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from bench import parse


def positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", type=Path, default=Path("corpus"), help="folder of *.md/*.txt documents"
    )
    parser.add_argument("--repeat", type=positive_int, default=5, help="runs per measurement")
    parser.add_argument("--only", choices=("parse", "search"), help="run one benchmark only")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        parser.error(f"--corpus {args.corpus}: not a folder")

    if args.only in (None, "parse"):
        sys.stdout.write("\n".join(parse.run(args.corpus, args.repeat)) + "\n")
    if args.only in (None, "search"):
        try:
            search = importlib.import_module("bench.search")
        except ModuleNotFoundError as exc:
            if exc.name != "bench.search":  # a missing dependency of search.py is an error
                raise
            if args.only == "search":
                sys.stderr.write("bench: no search benchmark (bench/search.py is missing)\n")
                return 2
            sys.stdout.write("search benchmark: skipped (bench/search.py is missing)\n")
        else:
            sys.stdout.write("\n".join(search.run(args.corpus, args.repeat)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
