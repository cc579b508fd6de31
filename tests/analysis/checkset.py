"""The check set of issue 11 (tests/analysis/checks/): role, target and registry checks read
from real 2022–2025 texts kept as fixtures, scored against what the ingest computes.

Run ``.venv/bin/python tests/analysis/checkset.py [split …]`` for the scores and every miss
(all splits when none is named).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.services.analysis import target_due  # noqa: E402
from app.services.duty_rows import quoted  # noqa: E402
from app.services.ingest import Prepared, prepare_file  # noqa: E402
from parsers import vntext  # noqa: E402
from parsers.bodies import Registry, load_registry  # noqa: E402
from parsers.targets import extract_targets  # noqa: E402

CHECKS = Path(__file__).parent / "checks"
FIXTURES = ROOT / "tests" / "fixtures"
REGISTRY: Registry = load_registry(ROOT / "corpus" / "bodies.yaml")


@dataclass
class Score:
    """Counts of one split, and what went wrong."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def load(name: str) -> list[dict[str, Any]]:
    return yaml.safe_load((CHECKS / name).read_text(encoding="utf-8"))


@cache
def prepared(doc: str) -> Prepared:
    return prepare_file(FIXTURES / doc, REGISTRY)


def _flat(text: str) -> str:
    return " ".join(vntext.nfc(text).replace("**", "").split())


def provision_of(doc: str, evidence: str, under: str | None = None) -> dict[str, Any]:
    """The provision whose heading or text holds ``evidence`` (spaces collapsed); with
    ``under``, only among the descendants of the provision that holds ``under`` (a plan
    prints the same "- Cơ quan chủ trì: Bộ Công an." under each of its tasks).

    Raises:
        LookupError: no provision, or more than one, holds it.
    """
    wanted = _flat(evidence)
    prefix = provision_of(doc, under)["id"] + "." if under else ""
    found = [row for row in prepared(doc).rows if row["id"].startswith(prefix)
             and wanted in _flat(f"{row.get('heading') or ''} {row['text']}")]
    if len(found) != 1:
        raise LookupError(f"{doc}: {len(found)} provisions hold {evidence!r}")
    return found[0]


def span_of(doc: str, check: dict[str, Any]) -> tuple[str, ...]:
    """The provisions a check covers: the one holding its evidence or, with ``until``, a
    row of a table, every provision from that one up to the one holding ``until`` (not
    included; "" runs to the end of the document), in the order printed. A table printed
    one cell a line may come out as one provision per cell or per row, or nested under a
    section row; the row's roles are the same whichever the layout."""
    row = provision_of(doc, check["evidence"], check.get("under"))
    if "until" not in check:
        return (row["id"],)
    ids = [r["id"] for r in prepared(doc).rows]
    start = ids.index(row["id"])
    end = (ids.index(provision_of(doc, check["until"], check.get("under"))["id"])
           if check["until"] else len(ids))
    if end <= start:
        raise LookupError(f"{doc}: {check['until']!r} is not after {check['evidence']!r}")
    return tuple(ids[start:end])


SPLITS = ("tuned", "held_out", "held_out_2", "held_out_3", "held_out_4", "held_out_5",
          "held_out_6", "held_out_7", "held_out_8", "held_out_9", "held_out_10",
          "held_out_11", "held_out_12", "held_out_13", "held_out_14", "held_out_15",
          "held_out_16")


def role_scores() -> dict[str, Score]:
    """Precision and recall of roles by split. A checked provision's predicted roles
    (direct, not ``mention``; and those passed down by a lead-in, as ``inherited``) are
    compared with the union of its checks' ``expect`` and ``inherited``."""
    expected: dict[tuple[str, str], set[tuple[str, str, str]]] = defaultdict(set)
    split: dict[tuple[str, str], str] = {}
    unresolved: dict[tuple[str, str], list[str]] = defaultdict(list)
    spans: dict[tuple[str, str], tuple[str, ...]] = {}
    for check in load("roles.yaml"):
        span = span_of(check["doc"], check)
        key = (check["doc"], span[0])
        spans[key] = span
        expected[key] |= {(body, role, "direct") for body, role in check["expect"]}
        expected[key] |= {(body, role, "inherited")
                          for body, role in check.get("inherited") or ()}
        split[key] = check["split"]
        unresolved[key] += check.get("unresolved") or []
    scores = {name: Score() for name in SPLITS}
    for (doc, pid), wanted in expected.items():
        analysis = prepared(doc).analysis
        span = set(spans[(doc, pid)])
        got = {(d["body_id"], d["role"], "inherited" if d.get("lead_in") else "direct")
               for d in analysis.duties
               if d["provision_id"] in span and not d["inferred"] and d["role"] != "mention"}
        score = scores[split[(doc, pid)]]
        score.tp += len(got & wanted)
        score.fp += len(got - wanted)
        score.fn += len(wanted - got)
        score.misses += [f"{pid}: extra {b} {r}{_how(h)}" for b, r, h in sorted(got - wanted)]
        score.misses += [f"{pid}: missed {b} {r}{_how(h)}" for b, r, h in sorted(wanted - got)]
        # the printed name, or the key of the full name the document defined for it
        names = {k for u in analysis.unresolved if u["provision_id"] in span
                 for k in (u["key"], vntext.words(u["text"]))}
        for name in unresolved[(doc, pid)]:
            if vntext.words(name) not in names:
                score.fn += 1
                score.misses.append(f"{pid}: {name!r} not recorded as unresolved")
            else:
                score.tp += 1
    return scores


def _how(how: str) -> str:
    return " (inherited)" if how == "inherited" else ""


def target_score(split: str = "tuned", stored: bool = False) -> Score:
    """Targets right in value, comparator, unit, year (and measure, when the check names
    it); a number listed under ``not_targets`` read as a target is a false positive. Checks
    without a ``split`` are the first round's (``tuned``). Read from the provision's text
    by ``extract_targets``; with ``stored``, the targets the ingest stores for it (what
    ``/targets`` serves), which skips provisions it does not read targets from."""
    score = Score()
    for check in load("targets.yaml"):
        if check.get("split", "tuned") != split:
            continue
        row = provision_of(check["doc"], check["evidence"])
        rows = prepared(check["doc"]).rows
        by_id = {r["id"]: r for r in rows}
        text = row["text"] or row.get("heading") or ""
        found = ([_Stored(**t) for t in prepared(check["doc"]).analysis.targets
                  if t["provision_id"] == row["id"]] if stored else
                 extract_targets(text, *target_due(row, by_id, prepared(check["doc"]).document)))
        at = _flat(text).find(_flat(check["evidence"]))
        span = (at, at + len(_flat(check["evidence"])))
        inside = [t for t in found if span[0] <= len(_flat(text[: t.start])) + 1 <= span[1] + 1]
        if any(_matches(t, check) for t in inside):
            score.tp += 1
        else:
            score.fn += 1
            score.misses.append(f"{check['evidence']!r}: got {[_show(t) for t in inside]}")
        for number in check.get("not_targets") or ():
            bad = [t for t in found if t.text.startswith(number) or number in t.text]
            if bad:
                score.fp += len(bad)
                score.misses.append(f"{number!r} read as a target: {[_show(t) for t in bad]}")
    return score


@dataclass
class _Stored:
    """A stored target row, read like a parsed one."""

    document_id: str
    provision_id: str
    year: int | None
    measure: str
    value: Any
    value_max: Any
    comparator: str | None
    unit: str | None
    qualitative: bool
    start: int
    end: int
    text: str
    milestone: str | None = None


def _matches(target: Any, check: dict[str, Any]) -> bool:
    value = check["value"]
    low, high = (value if isinstance(value, list) else (value, None))
    unit = check["unit"]
    return (target.value == low and target.value_max == high
            and target.comparator == check["comparator"]
            and (unit is None or vntext.words(target.unit or "") == vntext.words(unit))
            and target.year == check["year"]
            # the milestone's words as printed, when the check names them
            and ("milestone" not in check or target.milestone == check["milestone"])
            # the words of what is counted, when the check names them
            and vntext.words(check.get("measure") or "") in vntext.words(target.measure))


def _show(target: Any) -> str:
    return (f"{target.value}-{target.value_max} {target.comparator} {target.unit} "
            f"{target.year} [{target.text}]")


def registry_score() -> Score:
    """A printed name resolves to the registry entry the check names (with its kind,
    parent, predecessors, valid_from when given), or is recorded as unresolved."""
    score = Score()
    for check in load("registry.yaml"):
        row = provision_of(check["doc"], check["evidence"])
        prep = prepared(check["doc"])
        analysis, by_id = prep.analysis, {r["id"]: r for r in prep.rows}
        name = vntext.words(check["name"])
        problems = []
        if check["body"] == "unresolved":
            keys = {u["key"] for u in analysis.unresolved if u["provision_id"] == row["id"]}
            credited = [d["body_id"] for d in analysis.duties if d["provision_id"] == row["id"]
                        and vntext.words(quoted(d, by_id)) == name]
            if name not in keys:
                problems.append("not recorded as unresolved")
            if credited:
                problems.append(f"credited to {credited}")
        else:
            problems += _registry_problems(check, analysis, by_id, row["id"], name)
        if problems:
            score.fn += 1
            score.misses.append(f"{check['name']!r}: {'; '.join(problems)}")
        else:
            score.tp += 1
    return score


def _registry_problems(check: dict[str, Any], analysis: Any,
                       by_id: dict[str, dict[str, Any]], pid: str, name: str) -> list[str]:
    problems = []
    mentions = {d["body_id"] for d in analysis.duties if d["provision_id"] == pid
                and vntext.words(quoted(d, by_id)).endswith(name)}
    if check["body"] not in mentions:
        problems.append(f"read as {sorted(mentions)}")
    body = REGISTRY.get(check["body"])
    if body is None:
        return [*problems, "not in the registry"]
    for key in ("kind", "parent", "valid_from"):
        if key in check and getattr(body, key) != check[key]:
            problems.append(f"{key} {getattr(body, key)!r}")
    if "predecessors" in check:
        had = sorted(b.id for b in REGISTRY.predecessors(body.id))
        if had != sorted(check["predecessors"]):
            problems.append(f"predecessors {had}")
        for old in REGISTRY.predecessors(body.id):
            # the act is the body's, or the handover's when a body in force gave a field
            act = old.change_act or any(s.change_act for s in old.taken_over_by)
            if not (act and old.sources):
                problems.append(f"{old.id} has no act or source")
    return problems


def main(splits: list[str]) -> None:
    """Print the scores and misses of ``splits`` (all when empty): a held-out split is
    scored once, so it can be left out while rules are worked on."""
    wanted = splits or list(SPLITS)
    for name, score in role_scores().items():
        if name not in wanted:
            continue
        print(f"roles {name}: precision {score.precision:.3f} recall {score.recall:.3f} "
              f"(tp {score.tp}, fp {score.fp}, fn {score.fn})")
        for miss in score.misses:
            print("   ", miss)
    with_targets = ("tuned", "held_out_2", "held_out_8", "held_out_11", "held_out_12",
                    "held_out_13", "held_out_14", "held_out_15", "held_out_16")
    targets = [(f"targets {name}", target_score(name))
               for name in with_targets if name in wanted]
    stored = [(f"targets stored {name}", target_score(name, stored=True))
              for name in with_targets if name in wanted]
    for name, score in (*targets, *stored, ("registry", registry_score())):
        print(f"{name}: {score.tp} of {score.tp + score.fn} right, {score.fp} false")
        for miss in score.misses:
            print("   ", miss)


if __name__ == "__main__":
    main(sys.argv[1:])
