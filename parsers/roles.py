"""Roles of provisions in a resolution, read from the wording of headings.

A heading that *starts* with a role word gives its node that role (``II- QUAN ĐIỂM CHỈ
ĐẠO`` → viewpoint, ``2. Mục tiêu`` → objective, ``III- NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU`` →
task, ``IV- TỔ CHỨC THỰC HIỆN`` → implementation, ``I- TÌNH HÌNH VÀ NGUYÊN NHÂN`` →
situation). A heading that also names another role (``QUAN ĐIỂM CHỈ ĐẠO VÀ MỤC TIÊU``)
gives none, and its children speak for themselves. Nodes without a role of their own
inherit their parent's. Matching is on folded text, so it works in any spelling.
"""

from __future__ import annotations

from parsers import vntext

# Folded role words; a heading is matched on its folded form.
ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "situation": ("tinh hinh", "thuc trang", "danh gia tinh hinh", "ket qua"),
    "viewpoint": ("quan diem",),
    "objective": ("muc tieu",),
    "task": ("nhiem vu", "giai phap"),
    "implementation": ("to chuc thuc hien",),
}


def _roles_in(folded: str) -> set[str]:
    return {role for role, words in ROLE_WORDS.items() if any(w in folded for w in words)}


def role_of_heading(heading: str | None) -> str | None:
    """The role a heading announces, or None.

    >>> role_of_heading("NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU")
    'task'
    >>> role_of_heading("QUAN ĐIỂM CHỈ ĐẠO VÀ MỤC TIÊU") is None
    True
    >>> role_of_heading("Đổi mới nội dung … đáp ứng yêu cầu tình hình mới") is None
    True
    """
    if not heading:
        return None
    folded = vntext.fold(heading)
    leading = {
        role for role, words in ROLE_WORDS.items() if any(folded.startswith(w) for w in words)
    }
    if len(leading) != 1 or len(_roles_in(folded)) != 1:
        return None
    return leading.pop()
