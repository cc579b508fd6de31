"""The values of the duties pipeline: the roles, and a body's duty with its evidence."""

from __future__ import annotations

from dataclasses import dataclass

from parsers.bodies import Mention

ROLES = ("lead", "coordinate", "implement", "report_to", "mention")
# Provision roles whose text assigns work; in others (a situation, a viewpoint) every
# body is only mentioned.
ACTIVE_PROVISION_ROLES = (None, "task", "implementation")


@dataclass(frozen=True, slots=True)
class Duty:
    """A body's role in a text. ``evidence`` is ``text[evidence_start:evidence_end]``."""

    body_id: str
    role: str
    start: int  # the mention
    end: int
    text: str
    evidence_start: int
    evidence_end: int
    evidence: str
    position: str | None = None  # the office it was named through: "Bộ trưởng"


def make_duty(m: Mention, role: str, ev_start: int, ev_end: int, text: str,
          position: str | None = None) -> Duty:
    return Duty(m.body_id, role, m.start, m.end, m.text, ev_start, ev_end, text[ev_start:ev_end],
                position)
