"""The share of a text that lands in provisions, checked on every parse (issue 12)."""

from __future__ import annotations

from pathlib import Path

from parsers import parse_document

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def test_a_text_mostly_outside_provisions_is_flagged():
    """Issue 12: a 50 MB page kept 290 provisions and filed 99.6% of its text as chrome,
    without a word. The share of printed characters in provisions is checked on every
    parse; real documents with their site's chrome keep a third or more."""
    text = (CORPUS / "69-KL-TW-2024.md").read_text("utf-8")
    assert "mostly_outside_provisions" not in {w.code for w in parse_document(text).warnings}
    chrome = "\n".join(["Đang tải văn bản... | Bản dịch này thuộc quyền sở hữu của "
                        "THƯ VIỆN PHÁP LUẬT | Đăng nhập |"] * 4000)
    flagged = parse_document(f"{chrome}\n\n{text}\n\n{chrome}")
    assert "mostly_outside_provisions" in {w.code for w in flagged.warnings}
