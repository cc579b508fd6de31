"""Suspected OCR errors: flagged where they occur, never corrected.

The table maps a misreading seen in converted documents to what was surely printed.
Matching is exact (case and diacritics), since the misreading differs only in marks.
"""

from __future__ import annotations

SUSPECTS = {
    "Phân đầu": "Phấn đấu",  # 02-NQ/TW objectives: "Phân đầu có 13,5 triệu đoàn viên"
    "CHỖ VĂN PHÒNG": "CHÁNH VĂN PHÒNG",  # signature title of a copy certificate
}


def flags(text: str) -> tuple[str, ...]:
    """``suspected_ocr:<as printed>→<likely>`` for each suspect found in ``text``."""
    return tuple(f"suspected_ocr:{bad}→{good}" for bad, good in SUSPECTS.items() if bad in text)
