"""02-NQ/TW sliced into provisions by hand (line numbers of corpus/02-NQ-TW-2021.md).

The parser is written in parallel; these tests must not depend on its tree, so the
provisions are cut here from the printed lines. A page-break split (a paragraph continued
after a blank line) is joined with one space, as the parser's clean step does.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "corpus" / "02-NQ-TW-2021.md"

# (provision path, role, 1-based line numbers of its text)
LAYOUT: list[tuple[str, str, tuple[int, ...]]] = [
    ("I.1", "situation", (33,)),
    ("I.2", "situation", (35, 37)),
    ("I.3", "situation", (39,)),
    ("I.p1", "situation", (41,)),
    ("II.1.1", "viewpoint", (47,)),
    ("II.1.2", "viewpoint", (49,)),
    ("II.1.3", "viewpoint", (51,)),
    ("II.1.4", "viewpoint", (53,)),
    ("II.1.5", "viewpoint", (55,)),
    ("II.2.a", "objective", (61,)),
    ("II.2.b.2025.1", "objective", (67,)),
    ("II.2.b.2025.2", "objective", (69,)),
    ("II.2.b.2030.1", "objective", (73,)),
    ("II.2.b.2030.2", "objective", (75,)),
    ("II.2.b.2045", "objective", (79,)),
    ("III.1.1", "task", (85,)),
    ("III.1.2", "task", (87,)),
    ("III.1.3", "task", (89,)),
    ("III.2.1", "task", (93,)),
    ("III.2.2", "task", (95, 97)),
    ("III.2.3", "task", (99,)),
    ("III.2.4", "task", (101,)),
    ("III.3.1", "task", (105,)),
    ("III.3.2", "task", (107,)),
    ("III.3.3", "task", (109,)),
    ("III.3.4", "task", (111, 113)),
    ("III.3.5", "task", (115,)),
    ("III.3.6", "task", (117,)),
    ("III.3.7", "task", (119,)),
    ("III.4.1", "task", (123,)),
    ("III.4.2", "task", (125,)),
    ("III.4.3", "task", (127,)),
    ("III.5.1", "task", (131, 133)),
    ("III.5.2", "task", (135,)),
    ("III.5.3", "task", (137,)),
    ("III.5.4", "task", (139,)),
    ("III.5.5", "task", (141,)),
    ("III.6.1", "task", (145, 147)),
    ("III.6.2", "task", (149,)),
    ("III.6.3", "task", (151,)),
    ("III.6.4", "task", (153,)),
    ("III.6.5", "task", (155,)),
    ("IV.1", "implementation", (159,)),
    ("IV.2", "implementation", (161,)),
    ("IV.3", "implementation", (165,)),
    ("IV.4", "implementation", (167,)),
    ("IV.5", "implementation", (169,)),
    ("IV.6", "implementation", (171,)),
]


def lines() -> list[str]:
    return SOURCE.read_text(encoding="utf-8").split("\n")


def text_of(path: str) -> str:
    """The printed text of one provision of the layout."""
    numbers = next(n for p, _, n in LAYOUT if p == path)
    printed = lines()
    body = " ".join(printed[n - 1].strip() for n in numbers)
    return body[2:] if body.startswith("- ") else body


def provisions() -> list[tuple[str, str, str]]:
    """``(provision id, role, text)`` for every provision in the layout."""
    return [(f"02-nq-tw-2021/{p}", role, text_of(p)) for p, role, _ in LAYOUT]


def objectives_text() -> str:
    """Section II.2.b as printed (lines 65–79), milestone headings included."""
    return "\n".join(lines()[64:79])
