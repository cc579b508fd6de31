"""The values of the duties pipeline: the roles, and a body's duty with its evidence."""

from __future__ import annotations

from dataclasses import dataclass

from parsers.bodies import Mention

ROLES = ("lead", "coordinate", "implement", "report_to", "mention")
# Provision roles whose text assigns work; in others (a situation, a viewpoint) every
# body is only mentioned.
ACTIVE_PROVISION_ROLES = (None, "task", "implementation")
# Read like a task only when its wording gives an order (``assign.py``): an unnumbered
# Party text is all "preamble" to the tree ("Bộ Chính trị giao Ban Tổ chức Trung ương:").
PREAMBLE = "preamble"
# The roles a lead-in passes to the items under it (a report is the lead-in's own step).
PASSED_ROLES = ("lead", "coordinate", "implement")


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
    """The duty of mention ``m``, with ``text[ev_start:ev_end]`` as its evidence."""
    return Duty(m.body_id, role, m.start, m.end, m.text, ev_start, ev_end, text[ev_start:ev_end],
                position)
