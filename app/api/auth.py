"""The admin token that guards the write routes."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.api.deps import SettingsDep
from app.errors import Forbidden, Unauthorized

# auto_error off: a missing or malformed header is our 401 in the one error shape, not
# FastAPI's own 403 body. The scheme still puts `bearerAuth` in OpenAPI.
_bearer = HTTPBearer(auto_error=False, scheme_name="bearerAuth",
                     description="`VNLEX_ADMIN_TOKEN`, as `Authorization: Bearer <token>`")


def require_admin(
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Let the request through only with the configured token.

    Raises:
        Unauthorized: no bearer token.
        Forbidden: a token that is not the configured one (or none is configured).
    """
    if credentials is None or not credentials.credentials:
        raise Unauthorized("this route needs `Authorization: Bearer <token>`")
    expected = settings.admin_token
    # Constant time, so the answer's timing says nothing about how much of a guess matched.
    if expected is None or not hmac.compare_digest(
        credentials.credentials.encode("utf-8"), expected.get_secret_value().encode("utf-8")
    ):
        raise Forbidden("the bearer token is not the admin token")


AdminDep = Depends(require_admin)
