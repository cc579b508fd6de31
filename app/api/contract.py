"""The query-string contract every route shares, enforced once for the whole app.

A parameter a route does not take, or a single-valued one given twice, is a 400 naming it:
ignored silently, a misspelt filter (``?dco=…``) would answer the unfiltered list, and
``q=a&q=b`` would search for one of the two without saying which.
"""

from __future__ import annotations

import typing
from collections.abc import Sequence

from fastapi import Request
from fastapi.routing import APIRoute

from app.errors import BadParameter

_MANY = (list, tuple, set, frozenset, Sequence)


async def strict_query(request: Request) -> None:  # no I/O: no thread hop for it
    """Refuse query parameters the matched route does not declare, and repeats.

    Raises:
        BadParameter: unknown or repeated parameter (the error names it).
    """
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    declared = declared_query(route)
    for name in dict.fromkeys(request.query_params.keys()):
        if name not in declared:
            raise BadParameter(f"unknown query parameter {name!r}", parameter=name,
                               valid=sorted(declared))
        if not declared[name] and len(request.query_params.getlist(name)) > 1:
            raise BadParameter(f"query parameter {name!r} given more than once",
                               parameter=name)


def declared_query(route: APIRoute) -> dict[str, bool]:
    """The query parameters of ``route`` (dependencies included), each with whether it
    takes several values."""
    # Routes are made once: each one's dependency tree is walked once (a route is not
    # hashable, so the cache is keyed by identity and keeps the route alive).
    known = _declared.get(id(route))
    if known is None or known[0] is not route:
        known = _declared[id(route)] = (route, _declared_query(route))
    return known[1]


_declared: dict[int, tuple[APIRoute, dict[str, bool]]] = {}


def _declared_query(route: APIRoute) -> dict[str, bool]:
    declared: dict[str, bool] = {}
    pending = [route.dependant]
    while pending:
        dependant = pending.pop()
        for field in dependant.query_params:
            declared[field.alias] = _takes_many(field.field_info.annotation)
        pending.extend(dependant.dependencies)
    return declared


def _takes_many(annotation: object) -> bool:
    origin = typing.get_origin(annotation)
    if origin is None:
        return False
    if isinstance(origin, type) and issubclass(origin, _MANY):
        return True
    # Optional[list[str]] and the like: a member of the union takes several values.
    return any(_takes_many(arg) for arg in typing.get_args(annotation))
