"""What the pages show beyond the services' answers: labels, a "did you mean" query."""

from __future__ import annotations

from parsers import vntext

ROLE_LABELS = {
    "lead": "Chủ trì", "coordinate": "Phối hợp", "implement": "Thực hiện",
    "report_to": "Báo cáo", "mention": "Được nhắc đến",
}
RELATION_LABELS = {
    "amends": "Sửa đổi, bổ sung", "repeals": "Bãi bỏ", "replaces": "Thay thế",
    "details": "Quy định chi tiết", "implements": "Thực hiện", "cites": "Dẫn chiếu",
    "amended_by": "Được sửa đổi, bổ sung bởi", "repealed_by": "Bị bãi bỏ bởi",
    "replaced_by": "Được thay thế bởi", "detailed_by": "Được quy định chi tiết bởi",
    "implemented_by": "Được thực hiện bởi", "cited_by": "Được dẫn chiếu bởi",
}
FACET_LABELS = {
    "documents": "Văn bản", "sections": "Phần", "kinds": "Loại", "roles": "Nội dung",
}
# The search filter each facet sets.
FACET_PARAMS = {"documents": "doc", "sections": "section", "kinds": "kind", "roles": "role"}
KIND_LABELS = {
    "section": "Phần (I, II…)", "item": "Mục số", "point": "Điểm", "subpoint": "Điểm (a.1)",
    "milestone": "Mốc năm",
    "bullet": "Gạch đầu dòng", "paragraph": "Đoạn", "part": "Phần", "chapter": "Chương",
    "subchapter": "Mục", "article": "Điều", "clause": "Khoản", "annex": "Phụ lục",
    "enumeration": "(1), (2)…", "form": "Mẫu", "example": "Ví dụ", "row": "Dòng bảng",
}
PROVISION_ROLE_LABELS = {
    "preamble": "Mở đầu", "situation": "Tình hình", "viewpoint": "Quan điểm",
    "objective": "Mục tiêu", "task": "Nhiệm vụ", "implementation": "Tổ chức thực hiện",
    "closing": "Kết",
}


def crumb_text(crumb: dict[str, str | None]) -> str:
    """A breadcrumb as a reader names it: ``mục III · NHIỆM VỤ VÀ GIẢI PHÁP``; the citable
    label alone when the title only repeats it (a chapter printed without a title)."""
    label, title = crumb.get("cite_label"), crumb.get("title") or ""
    if not label or vntext.fold(title).startswith(vntext.fold(label)):
        return title
    return f"{label} · {title}" if title else label


def did_you_mean(q: str, expansions: dict[str, list[str]]) -> str | None:
    """``q`` with each typed word the index does not know replaced by its first known
    variant (``laoo dongg`` → ``lao dong``); None when no word was expanded."""
    if not expansions:
        return None
    words = q.split()
    changed = False
    for i, word in enumerate(words):
        variants = expansions.get(vntext.words(word))
        if variants:
            words[i] = variants[0]
            changed = True
    return " ".join(words) if changed else None
