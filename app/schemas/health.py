from __future__ import annotations

from pydantic import BaseModel, Field


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    documents: int = Field(examples=[3])
    schema_revision: str | None = Field(default=None, examples=["0005"])


class IndexStatus(BaseModel):
    built: bool = Field(description="The node's index exists, opens and is of this store")
    version: int = Field(description="The last change of the store the index reflects "
                         "(also `X-Vnlex-Index-Version`)", examples=[42])
    store_version: int = Field(description="The store's newest change", examples=[42])
    lag: int = Field(description="Changes not yet applied", examples=[0])
    lag_seconds: float = Field(description="How long this node has known of them")
    role: str | None = Field(description="`writer`: this process applies changes to the "
                             "node's index; `reader`: another process of the node does",
                             examples=["writer"])
    pid: int = Field(description="The server process that answered")
    error: str | None = Field(description="The index follower's last error, if any")


class Ready(BaseModel):
    status: str = Field(examples=["ready"])
    schema_revision: str | None = Field(examples=["0007"])
    index: IndexStatus
