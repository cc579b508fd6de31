from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Path, Query

from app.api.deps import SessionDep
from app.schemas.bodies import ProvisionBodies
from app.schemas.citations import ProvisionCitations
from app.schemas.common import ERROR_RESPONSES
from app.schemas.provisions import ProvisionDetail
from app.services import bodies, citations, relations

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


@router.get("/{provision_id:path}", response_model=ProvisionDetail)
def get_provision(
    session: SessionDep, provision_id: str = PROVISION_ID,
    expand: Literal["terms"] | None = Query(
        None, description="`terms`: add the defined terms its text uses", examples=["terms"]),
) -> ProvisionDetail:
    """A provision with its parent, children, siblings, breadcrumbs, in-force status and
    the amendments touching it (and with `expand=terms`, the defined terms it uses)."""
    return ProvisionDetail(**relations.provision_detail(session, provision_id,
                                                        expand == "terms"))
