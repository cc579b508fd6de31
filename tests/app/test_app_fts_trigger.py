"""Rewriting a provision with the same text leaves the full-text indexes alone; new text
reaches them. ``total_changes()`` counts rows written by triggers too."""

from __future__ import annotations

from sqlalchemy import text

from app.db.session import session_scope


def _changes_of(url: str, statement: str) -> int:
    with session_scope(url) as session:
        before = session.scalar(text("SELECT total_changes()"))
        session.execute(text(statement))
        after = session.scalar(text("SELECT total_changes()"))
        session.rollback()
    return int(after) - int(before)


def test_same_text_rewrites_no_index_rows(corpus_url: str):
    same = ("UPDATE provisions SET text_folded = text_folded, text_norm = text_norm, "
            "ordinal = ordinal WHERE id = '02-nq-tw-2021/IV.4'")
    assert _changes_of(corpus_url, same) == 1  # the provision row only


def test_new_text_reaches_both_indexes(corpus_url: str):
    changed = ("UPDATE provisions SET text_folded = text_folded || ' x', "
               "text_norm = text_norm || ' x' WHERE id = '02-nq-tw-2021/IV.4'")
    # the row, then FTS5's own shadow tables (their count is FTS5's business, not ours)
    assert _changes_of(corpus_url, changed) > 1
    with session_scope(corpus_url) as session:
        hits = session.scalar(text(
            "SELECT count(*) FROM provisions_fts WHERE provisions_fts MATCH 'chuyen trach'"))
    assert hits and hits > 0  # the rolled-back update left the index as it was
