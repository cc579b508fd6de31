"""``Targets``: each distinct target of a set of relations is resolved once, to what
``target_of`` resolves it to one relation at a time."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from app.db.analysis_models import Relation
from app.db.session import session_scope
from app.services import relation_targets
from app.services.relation_targets import Targets, candidates, target_of


def test_targets_resolve_as_target_of_each_once(legal_url: str,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    with session_scope(legal_url) as session:
        rows = list(session.scalars(select(Relation).order_by(Relation.id)))
        docs = candidates(session, rows)
    by_id = {d.id: d for d in docs}
    one_by_one = [target_of(docs, row, by_id) for row in rows]
    assert len(rows) > 100 and sum(t is not None for t in one_by_one) > 20

    calls: list[Any] = []
    real = relation_targets.target_of

    def counted(*args: Any) -> Any:
        calls.append(args[1])
        return real(*args)

    monkeypatch.setattr(relation_targets, "target_of", counted)
    targets = Targets(docs)
    assert [targets.of(row) for row in rows] == one_by_one
    distinct = {(r.target_number, r.target_title, r.target_year, r.target_doc_id)
                for r in rows}
    assert len(calls) == len(distinct) < len(rows)
