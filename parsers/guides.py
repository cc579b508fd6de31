"""The guide to a form printed in a decree's annex: its outline and its fields.

A guide (``HƯỚNG DẪN KÊ KHAI MẪU SỐ 01/TB-ĐVHT``, ``Hướng dẫn khai Tờ khai …:``,
``HƯỚNG DẪN GHI PHƯƠNG ÁN``) explains a form line by line. When the form is long it
repeats the form's outline (``1.``, ``1.1.``, ``1.2.1.``, then ``a.``, ``a.1.`` under the
deepest) and, under every heading of it, the fields of the table that heading prints,
numbered ``1.``, ``2.`` … again (or from ``4.``, the table's common columns explained once
before the outline), a field's parts ``2.1.``, ``2.2.`` under it (Nghị định
236/2025/NĐ-CP, Phụ lục III, the guides to Mẫu 01/TKTT-QDMTT and 01/TKTT-IIR). So the same
label is a heading in one place and a field in another; what tells them apart is the
outline's order and how the line reads:

* a heading goes on from the open headings (``3.2.4.`` after ``3.2.3.3.``, ``4.`` after
  ``3.8.2.``, ``a.`` right under a numbered heading, ``b.`` after ``a.``, ``a.2.`` after
  ``a.1.``), and reads as a title: no colon followed by words (a field is ``Tên …: Ghi
  …``), and a heading of one number is followed by its first sub-heading (``4.`` by
  ``4.1.``; ``4. Giá trị tiền lương được giảm trừ:`` / ``4.1. Chi tiền lương …: Khai``
  is a field and its parts);
* everything else numbered is a field of the heading above it.

Only labels decide ids (``parsers.ids``); these rules decide only where a label hangs.
"""

from __future__ import annotations

import re

from parsers import patterns
from parsers.classify import Token

LETTER_SUBHEADING = patterns.DOTTED_SUBHEADING  # "a.1. Xử lý …", a heading under "a."
# A field names what it explains, then says how: "Tên đơn vị …: Ghi rõ …".
_FIELD = re.compile(r":\s*\S")
# A guide's title is one line; a heading of its outline may run long (the 307 characters
# of "3.5.2. Số tiền thuế bổ sung được điều chỉnh … theo dự kiến").
_TITLE_MAX, _HEADING_MAX = 300, 400

Key = tuple[int, ...] | str  # (3, 2, 1) for "3.2.1.", "a" for "a.", "a.1" for "a.1."


def opens_guide(token: Token) -> bool:
    """The title of a form's guide, on a line of its own."""
    text = token.block.text
    return (
        token.kind == "paragraph"
        and len(token.block.lines) == 1
        and bool(patterns.FORM_GUIDE.match(text))
        and len(text) <= _TITLE_MAX
        and text.rstrip("*")[-1:] not in (".", ";")
    )


def outline_key(token: Token) -> Key | None:
    """The key a label would have as a heading of the outline, or None when the label
    cannot be one (``a)``, ``(1)``, a bullet)."""
    label = token.label or ""
    if token.kind == "numbered" and re.fullmatch(r"\d+(?:\.\d+)*", label):
        return tuple(int(n) for n in label.split("."))
    if token.kind == "point" and patterns.DOTTED_LETTERED.match(token.block.text):
        return label
    if token.kind == "subpoint" and LETTER_SUBHEADING.match(token.block.text):
        return label
    return None


def reads_as_title(token: Token, key: Key) -> bool:
    """No ``: `` followed by words; a single number without a colon at all."""
    text = (token.heading or token.text or "").strip()
    if not text or len(text) > _HEADING_MAX or text[-1] in ".;" or _FIELD.search(text):
        return False
    return not (isinstance(key, tuple) and len(key) == 1 and text.endswith(":"))


def goes_on(key: Key, open_keys: list[Key]) -> bool:
    """Whether ``key`` continues the outline whose open headings are ``open_keys``
    (outermost first): a later sibling of one of them, or the first child of the
    deepest. Headings the guide skips (``3.3.3.`` after ``3.3.1.3.``) are allowed."""
    numbers = [k for k in open_keys if isinstance(k, tuple)]
    letters = [k for k in open_keys if isinstance(k, str)]
    if isinstance(key, tuple):
        if not numbers:
            return True
        deepest = numbers[-1]
        n = len(key)
        if n > len(deepest) + 1 or key[:-1] != deepest[: n - 1]:
            return False
        return n == len(deepest) + 1 or key[-1] > deepest[n - 1]
    if "." not in key:  # "a.", "b."
        outer = next((k for k in reversed(letters) if "." not in k), None)
        if outer is None:
            return bool(numbers) and key == patterns.POINT_LETTERS[0]
        return _next_letter(outer) == key
    letter, number = key.split(".")
    outer = next((k for k in reversed(letters) if "." not in k), None)
    if outer != letter:
        return False
    inner = next((k for k in reversed(letters) if k.startswith(f"{letter}.")), None)
    return int(number) == (int(inner.split(".")[1]) + 1 if inner else 1)


def _next_letter(letter: str) -> str | None:
    i = patterns.POINT_LETTERS.find(letter)
    return patterns.POINT_LETTERS[i + 1] if 0 <= i < len(patterns.POINT_LETTERS) - 1 else None


def encloses(outer: Key, inner: Key) -> bool:
    """Whether the heading ``outer`` holds ``inner``: ``3.2`` holds ``3.2.4.``, every
    number holds a letter, ``a`` holds ``a.1``."""
    if isinstance(inner, str):
        if "." in inner:
            return outer == inner.split(".")[0]
        return isinstance(outer, tuple)
    return isinstance(outer, tuple) and len(outer) < len(inner) and inner[: len(outer)] == outer
