"""Bytes to text (issue 12): Unicode in its forms and Windows-1258 read, the legacy font
encodings TCVN3 and VNI refused by name, never stored as mojibake. The legacy samples are
real lines of government documents (tests/fixtures/encodings/README.md)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import encoding
from parsers.encoding import EncodingError, decode, legacy_encoding

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
LAW = (CORPUS / "50-2024-QH15-luat-cong-doan.txt").read_text("utf-8")

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# Real legacy-encoded lines, shown as Latin-1 (tests/fixtures/encodings/README.md).
TCVN3 = (FIXTURES / "encodings" / "tcvn3-lines.txt").read_text("utf-8")
VNI = (FIXTURES / "encodings" / "vni-lines.txt").read_text("utf-8")
# Article 1 of the Universal Declaration of Human Rights in French: accented Latin letters
# and no Vietnamese ones, which is no reason to refuse a text.
FRENCH = ("Tous les êtres humains naissent libres et égaux en dignité et en droits. Ils "
          "sont doués de raison et de conscience et doivent agir les uns envers les autres "
          "dans un esprit de fraternité. ") * 2


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le",
                                   "utf-16-be"])
def test_unicode_in_every_form_reads_the_same(codec: str) -> None:
    assert decode(LAW.encode(codec)) == LAW


def test_windows_1258_is_read_and_composed() -> None:
    text = LAW[:4000]
    assert decode(_cp1258(text)) == unicodedata.normalize("NFC", text)


@pytest.mark.parametrize(("sample", "name"), [(TCVN3, "TCVN3 (ABC)"), (VNI, "VNI")])
@pytest.mark.parametrize("codec", ["utf-8", "latin-1"])
def test_legacy_font_encodings_are_refused_by_name(sample: str, name: str,
                                                   codec: str) -> None:
    # utf-8: converted to Unicode without the font's table; latin-1: the legacy bytes.
    with pytest.raises(EncodingError) as caught:
        decode(sample.encode(codec))
    assert caught.value.encoding == name and name in str(caught.value)


def test_other_languages_and_plain_ascii_are_not_legacy() -> None:
    assert decode(FRENCH.encode("utf-8")) == FRENCH
    assert legacy_encoding("Nghi quyet ve doi moi to chuc va hoat dong cua Cong doan " * 5) \
        is None


def test_bytes_that_are_no_text_are_refused() -> None:
    with pytest.raises(EncodingError):
        decode(b"\x81\x8d\x8f\x90\x9d" * 50)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, len(LAW) - 1), st.integers(1, 3000))
def test_no_slice_of_a_real_unicode_text_is_taken_for_legacy(start: int, size: int) -> None:
    text = LAW[start:start + size]
    assert decode(text.encode("utf-8")) == text


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _cp1258(text: str) -> bytes:
    """``text`` as Windows-1258 writes Vietnamese: base letters (â ê ô ơ ư ă đ) precomposed,
    tone marks as combining characters after them."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out.append(base + "".join(c for c in parts if c in _TONES))
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize("path", sorted(
    p for p in [*CORPUS.glob("*.md"), *CORPUS.glob("*.txt"), *FIXTURES.rglob("*.md"),
                *FIXTURES.rglob("*.txt")] if p.parent.name != "encodings"), ids=lambda p: p.name)
def test_every_real_document_we_hold_reads_as_itself(path: Path) -> None:
    data = path.read_bytes()
    assert decode(data) == data.decode("utf-8-sig")



# Latin-1, Latin Extended, Vietnamese precomposed letters, digits, marks and punctuation:
# every class the detector counts, and characters of none.
_CLASS_CHARS = st.text(alphabet=st.characters(
    min_codepoint=0, max_codepoint=0x1EFF, blacklist_categories=("Cs",)), max_size=300)


@settings(max_examples=300, deadline=None)
@given(_CLASS_CHARS | st.sampled_from([TCVN3, VNI, FRENCH, LAW[:5000]]))
def test_class_counts_equal_the_per_class_findall(text: str) -> None:
    assert encoding.class_counts(text) == (
        len(encoding._LETTER.findall(text)), len(encoding._ACCENTED.findall(text)),
        len(encoding._VIETNAMESE_ONLY.findall(text)))
