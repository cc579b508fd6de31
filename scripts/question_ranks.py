"""Score the lawyer-question check set block by block, with the rank of each miss.

``tests/app/test_app_questions.py`` only says whether a block stays above its floor; this
prints every block's top-3 score and, for each question missed, where its article ranks in
the best 20 (or that it is not there). Same store as the test: the bundled corpus and the
check set's laws in a fresh SQLite file.

    .venv/bin/python scripts/question_ranks.py [BLOCK ...]
"""

from __future__ import annotations

import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from fastapi.testclient import TestClient

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "app"))  # the test module imports its conftest by name

from factories_app import CORPUS  # noqa: E402
from test_app_questions import LAWS, ROWS  # noqa: E402

from app.core.config import Settings  # noqa: E402
from app.db.migrate import upgrade  # noqa: E402
from app.db.session import dispose  # noqa: E402
from app.main import create_app  # noqa: E402
from app.services.ingest import ingest_paths  # noqa: E402

DEPTH = 20


def _rank(client: TestClient, row: dict[str, str]) -> int | None:
    """1-based rank of the first hit that is (or lies under) an expected article."""
    items = client.get("/search", params={"q": row["query"], "limit": DEPTH}).json()["items"]
    expected = row["expected"].split()
    for rank, hit in enumerate(items, 1):
        if any(hit["id"] == e or hit["id"].startswith(e + ".") for e in expected):
            return rank
    return None


def main(blocks: list[str]) -> None:
    out = sys.stdout.write
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'vnlex.db'}"
        upgrade(url)
        summary = ingest_paths(url, [CORPUS, *LAWS])
        assert not summary.refused, summary.refused
        scores: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        with TestClient(create_app(Settings(database_url=url))) as client:
            for row in ROWS:
                if blocks and row["held_out"] not in blocks:
                    continue
                rank = _rank(client, row)
                score = scores[row["held_out"]]
                score[1] += 1
                if rank is not None and rank <= 3:
                    score[0] += 1
                else:
                    where = f"rank {rank}" if rank else f"not in top {DEPTH}"
                    out(f"  miss {row['qid']} ({row['held_out']}, {where}): {row['query']}\n")
        dispose(url)
    hit = sum(s[0] for s in scores.values())
    total = sum(s[1] for s in scores.values())
    for block, (ok, n) in scores.items():
        out(f"{block}: {ok}/{n}\n")
    out(f"all: {hit}/{total} = {hit / total:.1%}\n")


if __name__ == "__main__":
    main(sys.argv[1:])
