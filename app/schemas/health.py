from __future__ import annotations

from pydantic import BaseModel, Field


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    documents: int = Field(examples=[3])
    schema_revision: str | None = Field(default=None, examples=["0005"])
