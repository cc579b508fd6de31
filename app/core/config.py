"""Settings read from the environment (``VNLEX_*``) or passed in by the CLI."""

from __future__ import annotations

import functools
import hashlib
import tempfile
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from app.core.logs import LogFormat
from app.db.urls import sqlite_file

DEFAULT_DATABASE_URL = "sqlite:///./vnlex.db"
# The repository next to app/ (as for migrations/), so the registry is found from any
# working directory.
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_BODIES = "corpus/bodies.yaml"
DEFAULT_SYNONYMS = "corpus/synonyms.yaml"
# The largest request body (an uploaded document) the API reads: 20 MB.
DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024


# Where `make serve` listens: the MCP tools' URLs when no public URL is configured.
LOCAL_URL = "http://127.0.0.1:8000"


class Settings(BaseSettings):
    """Runtime settings; ``VNLEX_DATABASE_URL`` overrides the SQLite file in the working dir,
    ``VNLEX_BODIES`` the registry of bodies, ``VNLEX_SYNONYMS`` the search synonyms
    (relative paths are taken from the repository)."""

    model_config = SettingsConfigDict(env_prefix="VNLEX_", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    # A replica for the routes' reads (PostgreSQL streaming replica); writes (ingest,
    # uploads, deletes) always go to database_url. Unset: everything on database_url.
    database_read_url: str | None = None
    bodies: str = DEFAULT_BODIES
    synonyms: str = DEFAULT_SYNONYMS
    # The node's search index folder; by default beside a SQLite file (vnlex.db.index).
    index_dir: str | None = None
    # Search answers kept per process for repeated queries (0 turns the cache off).
    search_cache_size: int = 2048
    # Browser origins allowed to call the API (comma-separated); none by default, so a
    # page on another site cannot read answers with its visitors' credentials.
    cors_origins: Annotated[list[str], NoDecode] = []
    # The URL clients reach the API at (behind a proxy); `next`, `Link` and `Location`
    # are built from it, never from the request's Host header. Unset: relative links (the
    # MCP tools, which answer with absolute URLs an assistant can cite, then use
    # LOCAL_URL).
    public_url: str | None = None
    # Turns on POST /documents and DELETE /documents/{id}, for `Authorization: Bearer`.
    admin_token: SecretStr | None = None
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    # How often a server's index writer looks for changes when no notification wakes it
    # (PostgreSQL sends one at each commit; other engines only poll): the staleness bound
    # is this plus the time to apply a document.
    index_poll_seconds: float = Field(default=1.0, gt=0)
    # /ready says 503 once the node has known of an unapplied change for longer than this.
    index_max_lag_seconds: float = Field(default=10.0, gt=0)
    # Server log lines: one JSON object each (for a log collector), or text for a person.
    log_format: LogFormat = "json"

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @field_validator("public_url", "admin_token", "database_read_url", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def read_url(self) -> str:
        """Where the routes read: the replica when one is configured, else the primary."""
        return self.database_read_url or self.database_url

    @property
    def index_path(self) -> Path:
        return index_dir_for(self.database_url, self.index_dir)

    @property
    def bodies_path(self) -> Path:
        """The registry file: ``bodies`` as given when absolute, else under the repository."""
        return _in_repository(self.bodies)

    @property
    def synonyms_path(self) -> Path:
        return _in_repository(self.synonyms)


def _in_repository(value: str) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else REPO_ROOT / path


def get_settings(database_url: str | None = None) -> Settings:
    """Settings from the environment, with an explicit URL (``--db``) taking precedence."""
    settings = Settings()
    if database_url:
        settings = settings.model_copy(update={"database_url": database_url})
    return settings


@functools.lru_cache(maxsize=64)
def index_dir_for(database_url: str, configured: str | None = None) -> Path:
    """Where the search index of ``database_url`` lives on this node.

    ``VNLEX_INDEX_DIR`` when set; beside a SQLite file (``vnlex.db`` → ``vnlex.db.index``);
    otherwise (PostgreSQL, in-memory SQLite) a folder per database under the temporary
    directory, rebuilt from the store whenever it is missing.
    """
    if configured:
        return Path(configured).expanduser()
    file = sqlite_file(database_url)
    if file is not None:
        database = Path(file)
        return database.with_name(database.name + ".index")
    digest = hashlib.sha256(database_url.encode("utf-8")).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / "vnlex-index" / digest
