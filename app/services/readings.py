"""The bodies a document's texts name, and their roles, read once per distinct text.

An analysis reads a provision's heading for unknown names, for the bodies a title names
and for the duties it assigns, and a document repeats some texts whole ("Bộ Tài chính"
as an item, "Bãi bỏ." under several articles): in the benchmark's documents three reads
in ten were of a text the same document had read already. Both readings depend on the
text (and its role) and the registry alone, so one document's answers are kept here.
"""

from __future__ import annotations

from parsers.bodies import Mention, Registry, Unresolved, read_mentions
from parsers.duties import Duty, assign_roles


class Readings:
    """``read_mentions`` and ``assign_roles`` over one registry, each text read once.

    Every call returns new lists (the callers build on them), of the same frozen items.
    """

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self._mentions: dict[str, tuple[list[Mention], list[Unresolved]]] = {}
        self._roles: dict[tuple[str, str | None], list[Duty]] = {}

    def mentions(self, text: str) -> tuple[list[Mention], list[Unresolved]]:
        """``read_mentions(text, registry)``."""
        found = self._mentions.get(text)
        if found is None:
            found = self._mentions[text] = read_mentions(text, self.registry)
        return list(found[0]), list(found[1])

    def roles(self, text: str, provision_role: str | None) -> list[Duty]:
        """``assign_roles(text, registry, provision_role=provision_role)``."""
        key = (text, provision_role)
        duties = self._roles.get(key)
        if duties is None:
            mentions, unknown = self.mentions(text)
            duties = self._roles[key] = assign_roles(
                text, self.registry, provision_role=provision_role, mentions=mentions,
                unknown=unknown)
        return list(duties)
