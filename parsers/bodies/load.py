"""Reading ``corpus/bodies.yaml`` into a ``Registry`` (the file's header lists the fields)."""

from __future__ import annotations

from pathlib import Path

import yaml

from parsers import vntext
from parsers.bodies.model import Body, Successor
from parsers.bodies.registry import Registry

# Ministries whose Party organisation is not under Đảng ủy Chính phủ (Quyết định
# 243-QĐ/TW: "không bao gồm tổ chức đảng Bộ Quốc phòng, Bộ Công an").
_OWN_PARTY_COMMITTEE = frozenset({"bo-quoc-phong", "bo-cong-an"})


def load_registry(path: str | Path) -> Registry:
    """Read ``bodies.yaml`` (see its header for the fields).

    Raises:
        ValueError: the file breaks a rule listed in ``Registry.build``.
    """
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    bodies = [_body(entry) for entry in data.get("bodies") or ()]
    committee = data.get("ministry_party_committees")
    if committee:
        bodies.extend(ministry_committees(bodies, committee))
    return Registry.build(bodies, (vntext.nfc(e) for e in data.get("exclusions") or ()))


def _body(entry: dict[str, object]) -> Body:
    def text(key: str) -> str | None:
        value = entry.get(key)
        return None if value is None else vntext.nfc(str(value))

    def texts(key: str) -> tuple[str, ...]:
        values = entry.get(key) or ()
        assert isinstance(values, list | tuple), f"{entry.get('id')}: {key} is not a list"
        return tuple(vntext.nfc(str(v)) for v in values)

    return Body(
        id=str(entry["id"]), name=vntext.nfc(str(entry["name"])), kind=str(entry["kind"]),
        parent=text("parent"), aliases=texts("aliases"), cased_aliases=texts("cased_aliases"),
        match_case=bool(entry.get("match_case", False)),
        valid_from=text("valid_from"), valid_to=text("valid_to"), successor=text("successor"),
        successors=tuple(_successor(item) for item in entry.get("successors") or ()),  # type: ignore[attr-defined]
        change_act=text("change_act"), sources=texts("sources"),
    )


def _successor(item: dict[str, object]) -> Successor:
    def text(key: str) -> str | None:
        value = item.get(key)
        return None if value is None else vntext.nfc(" ".join(str(value).split()))

    return Successor(body=str(item["id"]), scope=text("scope"), change_act=text("change_act"))


def ministry_committees(bodies: list[Body], rule: dict[str, object]) -> list[Body]:
    """``Đảng ủy Bộ X`` for every ministry in force (no ``valid_to``) under Đảng ủy Chính
    phủ, with the act and sources of ``rule`` (the registry's ``ministry_party_committees``).
    Spelled out by rule rather than by hand: one entry per ministry would repeat one fact."""
    parent = str(rule["parent"])
    made = []
    for body in bodies:
        also = body.id in (rule.get("also") or ())  # type: ignore[operator]
        if not also and (body.kind != "state_organ" or not body.name.startswith("Bộ ")
                         or body.valid_to or body.parent != "chinh-phu"
                         or body.id in _OWN_PARTY_COMMITTEE):
            continue
        name = f"Đảng ủy {body.name}"
        made.append(Body(
            id=vntext.slug(name), name=name, kind="party_organ", parent=parent,
            aliases=tuple(f"Đảng ủy {a}" for a in body.aliases
                          if a.startswith(("Bộ ", "Ngân hàng"))),
            valid_from=str(rule["valid_from"]), change_act=str(rule["change_act"]),
            sources=tuple(str(s) for s in rule.get("sources") or ()),  # type: ignore[attr-defined]
        ))
    return made


