"""Bytes to text: the encodings Vietnamese documents arrive in, and the ones refused.

Decoded: UTF-8 (with or without a byte-order mark), UTF-16 (with a mark, or without one
when every other byte is NUL) and Windows-1258, the Vietnamese ANSI code page, whose tone
marks are combining characters (so the text is composed to NFC afterwards).

Refused, by name: the legacy 8-bit font encodings TCVN3 (ABC) and VNI. They put Vietnamese
letters on the code points of Latin-1 letters, so any decoding reads as mojibake, and a
file converted to UTF-8 without the right table still is: ``Nghß quyÕt vÒ ®æi míi``
(TCVN3) or ``Nghò quyeát veà ñoåi môùi`` (VNI) for "Nghị quyết về đổi mới". Converting
them needs the font's table; until one is bundled and tested against real files, vnlex
says which encoding it saw and asks for a Unicode text, rather than store garbage.

Detection rests on one fact: Vietnamese text in Unicode is full of letters that exist only
for Vietnamese (``đ ơ ư ă`` and the precomposed U+1EA0–U+1EF9), and text in a legacy
encoding has none of them, but many Latin-1 letters inside words.
"""

from __future__ import annotations

import re
from collections import Counter

from parsers import vntext

MIN_LETTERS = 100  # below this a text is too short to judge (a header line is ~60)
SAMPLE = 50_000
# Under this share of Vietnamese-only letters among the accented letters, with many
# accented letters, the text is not Vietnamese in Unicode.
MAX_LEGACY_SHARE = 0.05
MIN_ACCENTED_SHARE = 0.05
# And the font's own marks must be common among them: French or Spanish text has accented
# letters and no Vietnamese ones too, but not these.
MIN_SIGNATURE_SHARE = 0.3

_VIETNAMESE_ONLY = re.compile("[đĐơƠưƯăĂ\u1ea0-\u1ef9]")
_ACCENTED = re.compile("[\u00c0-\u00ff\u0100-\u024f\u1ea0-\u1ef9®§µ¸¶·¹»¼½¾¨ª¬­]")
_LETTER = re.compile(r"[^\W\d_]")
# TCVN3: đ Đ are ® §, à á ả ã ạ are µ ¸ ¶ · ¹, and many lower-case letters land on
# Latin-1 capitals, printed inside words (ViÖt, quyÕt, NghÞ), which no language does.
_TCVN3_MARKS = re.compile("[®§ß¸µ¶·¹¨¬\u00ad]|(?<=[a-z])[\u00c0-\u00de]")
# VNI: đ is ñ, ơ ô, ư ö; a tone is a second character after the vowel (á = aù, ạ = aï).
_VNI_TONES = re.compile("[aeiouyAEIOUY][ùøûõïåäãàáâêéèúüë]|[ñÑ]")


class EncodingError(ValueError):
    """The bytes are not text vnlex can read; ``encoding`` names what they look like."""

    def __init__(self, message: str, encoding: str | None = None) -> None:
        super().__init__(message)
        self.encoding = encoding


def decode(data: bytes) -> str:
    """The text of ``data`` (Windows-1258 composed to NFC; the parser normalizes the rest).

    Raises:
        EncodingError: a legacy font encoding (named), or bytes that are no text.
    """
    text = _unicode(data)
    if text is None:
        # The legacy fonts are defined over Latin-1's glyphs: judge the bytes as those.
        _refuse_legacy(data.decode("latin-1"))
        text = vntext.nfc(_strict(data, "cp1258"))
        if not _VIETNAMESE_ONLY.search(text):
            raise EncodingError("not UTF-8 text, and not Vietnamese in Windows-1258 either")
    _refuse_legacy(text)
    return text


def _refuse_legacy(text: str) -> None:
    legacy = legacy_encoding(text)
    if legacy is not None:
        raise EncodingError(
            f"the text looks like {legacy}, a legacy Vietnamese font encoding: convert it "
            "to Unicode (UTF-8) first, for instance with UniKey's converter", legacy)


def _unicode(data: bytes) -> str | None:
    """UTF-16 or UTF-8 text, or None when the bytes are neither."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16")
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(0) * 3 > len(sample):  # mostly NUL: UTF-16
        even_nuls = sample[0::2].count(0)
        return _strict(data, "utf-16-be" if even_nuls > sample[1::2].count(0) else "utf-16-le")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _strict(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise EncodingError(f"not valid {codec.upper()} text (byte {exc.start})") from None


def legacy_encoding(text: str) -> str | None:
    """``"TCVN3"`` or ``"VNI"`` when ``text`` reads as one of them decoded as Latin-1,
    else None (too short to judge, or Vietnamese in Unicode, or not Vietnamese at all).

    A file is in one encoding throughout, so its first ``SAMPLE`` characters decide: the
    counts over a whole code cost as much as parsing it.
    """
    text = text[:SAMPLE]
    letters, accented, vietnamese = class_counts(text)
    if letters < MIN_LETTERS:
        return None
    if accented < MIN_ACCENTED_SHARE * letters:
        return None  # plain ASCII or nearly: English, or Vietnamese typed without marks
    if vietnamese > MAX_LEGACY_SHARE * accented:
        return None
    tcvn3, vni = len(_TCVN3_MARKS.findall(text)), len(_VNI_TONES.findall(text))
    if max(tcvn3, vni) < MIN_SIGNATURE_SHARE * accented:
        return None
    return "TCVN3 (ABC)" if tcvn3 >= vni else "VNI"


def class_counts(text: str) -> tuple[int, int, int]:
    """How many characters of ``text`` are letters, accented letters and Vietnamese-only
    letters (``_LETTER``, ``_ACCENTED``, ``_VIETNAMESE_ONLY``). Each class is one character
    with no context, so the distinct characters are judged once: three ``findall`` over the
    sample built a list per class and cost as much as cleaning the text."""
    letters = accented = vietnamese = 0
    for char, count in Counter(text).items():
        if _LETTER.match(char):
            letters += count
        if _ACCENTED.match(char):
            accented += count
        if _VIETNAMESE_ONLY.match(char):
            vietnamese += count
    return letters, accented, vietnamese
