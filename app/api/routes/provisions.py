from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse

from app.api.deps import SessionDep
from app.errors import NotFound
from app.schemas.bodies import ProvisionBodies
from app.schemas.citations import ProvisionCitations
from app.schemas.common import ERROR_RESPONSES
from app.schemas.history import OLD_ID_RESPONSES, ProvisionHistory
from app.schemas.provisions import ProvisionDetail
from app.services import bodies, citations, history, relations

router = APIRouter(prefix="/provisions", tags=["provisions"], responses=ERROR_RESPONSES)

PROVISION_ID = Path(
    description="`<document id>/<path>`; the document part is case-insensitive",
    examples=["02-nq-tw-2021/IV.4"],
)

# Starlette tries routes in order and `{provision_id:path}` swallows slashes, so the
# sub-resources come first. A provision id never contains a third slash-separated part
# (paths join labels with dots), so `<doc>/<path>/bodies` cannot be a provision itself.


@router.get("/{provision_id:path}/bodies", response_model=ProvisionBodies)
def get_provision_bodies(session: SessionDep, provision_id: str = PROVISION_ID) -> ProvisionBodies:
    """The bodies of a provision: role, evidence, and whether direct or inferred (via what)."""
    return ProvisionBodies(**bodies.provision_bodies(session, provision_id))


@router.get("/{provision_id:path}/citations", response_model=ProvisionCitations)
def get_provision_citations(
    session: SessionDep, provision_id: str = PROVISION_ID
) -> ProvisionCitations:
    """Citations in a provision's text, with offsets and their target when in the corpus."""
    return ProvisionCitations(**citations.provision_citations(session, provision_id))


@router.get("/{provision_id:path}/history", response_model=ProvisionHistory)
def get_provision_history(
    session: SessionDep, provision_id: str = PROVISION_ID
) -> ProvisionHistory:
    """The versions of its document that changed this id (added, changed, moved, removed),
    oldest first, with content hashes and dates; also for an id that is gone."""
    return ProvisionHistory(**history.provision_history(session, provision_id))


@router.get("/{provision_id:path}", response_model=ProvisionDetail, responses=OLD_ID_RESPONSES)
def get_provision(
    session: SessionDep, request: Request, provision_id: str = PROVISION_ID,
    expand: Literal["terms"] | None = Query(
        None, description="`terms`: add the defined terms its text uses", examples=["terms"]),
) -> ProvisionDetail | JSONResponse:
    """A provision with its parent, children, siblings, breadcrumbs, in-force status and
    the amendments touching it (and with `expand=terms`, the defined terms it uses). An id
    a new version took away answers 301 to where its content moved, or 410 `gone`."""
    try:
        return ProvisionDetail(**relations.provision_detail(session, provision_id,
                                                            expand == "terms"))
    except NotFound:
        moved = history.whereabouts(session, provision_id)  # raises Gone when removed
        if moved is None:
            raise
    body = moved.body()
    # The same question of the new id: `expand=terms` is kept.
    query = f"?{request.url.query}" if request.url.query else ""
    return JSONResponse(body, status_code=301, headers={"Location": body["url"] + query})
