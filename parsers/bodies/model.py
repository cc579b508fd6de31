"""The values of the bodies pipeline: a registry entry, a mention of one, an unknown name."""

from __future__ import annotations

from dataclasses import dataclass

# party_organ, state_organ, socio_political (mass organisations), local (bodies of a
# province, city, commune, and classes of them), collective (a class of bodies, not one
# body: "các bộ, ngành", "các cấp ủy, tổ chức đảng").
KINDS = ("party_organ", "state_organ", "socio_political", "local", "collective")


@dataclass(frozen=True, slots=True)
class Successor:
    """A body that took over the duties of another, or the part of them in ``scope``
    (as the act that made the change words it) when they were split among several."""

    body: str  # id
    scope: str | None = None
    change_act: str | None = None  # the act that gave it this scope


@dataclass(frozen=True, slots=True)
class Body:
    """One entry of the registry. ``id`` is ``vntext.slug(name)``."""

    id: str
    name: str
    kind: str
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    cased_aliases: tuple[str, ...] = ()
    match_case: bool = False
    valid_from: str | None = None  # ISO date
    valid_to: str | None = None
    successor: str | None = None  # id of the body that holds its duties after valid_to
    # the bodies its duties were split among after valid_to, each with its scope (instead
    # of ``successor``)
    successors: tuple[Successor, ...] = ()
    change_act: str | None = None  # the act that made the change, as cited
    sources: tuple[str, ...] = ()  # where the change was read

    @property
    def taken_over_by(self) -> tuple[Successor, ...]:
        """Every body that took over its duties: the one ``successor`` or the split."""
        return (Successor(self.successor),) if self.successor else self.successors


@dataclass(frozen=True, slots=True)
class Mention:
    """A body named in a text: ``text[start:end]`` is the printed name."""

    body_id: str
    start: int
    end: int
    text: str
    alias: str  # the registry spelling that matched


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A name shaped like a body (``Đảng ủy Tập đoàn Điện lực Việt Nam``, ``Sở Y tế``) that
    the registry does not know: ``text[start:end]``; ``head`` is its first words."""

    start: int
    end: int
    text: str
    head: str
    key: str  # vntext.words(text): how counts group spellings
