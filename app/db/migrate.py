"""Run the Alembic migrations from code, wherever vnlex is installed from."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import RevisionError
from alembic.util import CommandError

from app.db.session import get_engine
from app.errors import VnlexError


class BadRevision(VnlexError):
    """A revision ``upgrade`` cannot go to: unknown, or below the database's own."""

    status = 400
    code = "bad_revision"

# The repository's migrations/ next to app/; the Dockerfile and editable installs keep it there.
MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # ConfigParser interpolates %, which URL-encoded passwords contain.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database at ``url`` to ``revision`` (creating it if empty).

    Raises:
        BadRevision: ``revision`` is unknown, or below the database's revision (going down
            drops tables and their data; ``upgrade`` never does that).
    """
    config = alembic_config(url)
    _check_target(url, ScriptDirectory.from_config(config), revision)
    with get_engine(url).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def _check_target(url: str, script: ScriptDirectory, revision: str) -> None:
    order = [r.revision for r in reversed(list(script.walk_revisions()))]  # base → head
    try:
        found = script.get_revision(revision)
    except (CommandError, RevisionError):
        raise BadRevision(f"unknown revision {revision!r}; known: base, head, "
                          f"{', '.join(order)}") from None
    target = found.revision if found is not None else None  # None: "base"
    current = current_revision(url)
    if _rank(order, target) < _rank(order, current):
        raise BadRevision(
            f"revision {revision!r} is below the database's revision {current}; "
            "`vnlex db upgrade` never goes down, which drops tables and their data (if "
            f"that is meant: `alembic downgrade {revision}` with alembic.ini's sqlalchemy.url "
            "set to this database, then `vnlex reindex`)"
        )


def _rank(order: list[str], revision: str | None) -> int:
    return order.index(revision) if revision in order else -1


def current_revision(url: str) -> str | None:
    with get_engine(url).connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision(url: str) -> str | None:
    return ScriptDirectory.from_config(alembic_config(url)).get_current_head()


def ensure_schema(url: str) -> None:
    """Upgrade only when the database is behind (an empty file counts as behind)."""
    if current_revision(url) != head_revision(url):
        upgrade(url)
