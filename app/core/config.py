"""Settings read from the environment (``VNLEX_*``) or passed in by the CLI."""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///./vnlex.db"


class Settings(BaseSettings):
    """Runtime settings; ``VNLEX_DATABASE_URL`` overrides the SQLite file in the working dir."""

    model_config = SettingsConfigDict(env_prefix="VNLEX_", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    search_max_limit: int = 100
    search_default_limit: int = 20


def get_settings(database_url: str | None = None) -> Settings:
    """Settings from the environment, with an explicit URL (``--db``) taking precedence."""
    settings = Settings()
    if database_url:
        settings = settings.model_copy(update={"database_url": database_url})
    return settings
