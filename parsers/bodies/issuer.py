"""Names that mean the issuer itself: the committee of a centrally-run city writes
"Ủy ban nhân dân thành phố" for itself, a body of the provincial level.

Elsewhere "Ủy ban nhân dân thành phố" may be a city of a province (before 1/7/2025 a
district-level town), so the reading holds only in the city's own texts, told by the
issuer printed in the header ("ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ").
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from parsers import vntext
from parsers.bodies.registry import Registry

# The centrally-run cities (Nghị quyết 202/2025/QH15 on the provinces from 12/6/2025).
_CITIES = frozenset({"ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue"})
_COMMITTEE = "uy ban nhan dan thanh pho"
_PROVINCIAL = "uy-ban-nhan-dan-cap-tinh"
_OWN_NAMES = ("Ủy ban nhân dân thành phố", "UBND thành phố")


def city_issuer(issuer: str | None) -> bool:
    """Whether ``issuer`` (the document's header) is the people's committee of a
    centrally-run city."""
    folded = vntext.words(issuer or "")
    if not folded.startswith(_COMMITTEE):
        return False
    city = folded[len(_COMMITTEE):].strip()
    return city.removeprefix("thanh pho ").strip() in _CITIES


def for_issuer(registry: Registry, issuer: str | None) -> Registry:
    """``registry``, or for a centrally-run city's committee the same registry with its
    own name for itself read as the provincial-level committee."""
    return _with_own_names(registry) if city_issuer(issuer) else registry


@cache
def _with_own_names(registry: Registry) -> Registry:
    bodies = tuple(replace(b, aliases=(*b.aliases, *_OWN_NAMES)) if b.id == _PROVINCIAL else b
                   for b in registry.bodies)
    return Registry.build(bodies, registry.exclusions)
