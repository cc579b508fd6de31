"""Health: can we read the database, and which schema revision is it on."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.services.documents import count_documents


def health(session: Session) -> dict[str, Any]:
    try:
        revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except SQLAlchemyError:
        session.rollback()
        return {"status": "no schema", "documents": 0, "schema_revision": None}
    return {"status": "ok", "documents": count_documents(session), "schema_revision": revision}
