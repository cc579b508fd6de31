"""Vietnamese text normalization: the one module the parser, the index and the query path share.

Three forms of a text exist in vnlex:

* **stored**: ``nfc(text)``, exactly as printed.
* **matched**: ``normalize(text)``: NFC, lower case, and one canonical tone-mark placement, so
  that the old and new spelling styles compare equal::

      >>> normalize("Hòa") == normalize("hoà") == "hoà"
      True
      >>> normalize("ỦY BAN") == normalize("uỷ ban")
      True

* **folded**: ``fold(text)``: no diacritics at all, ``đ``/``Đ`` become ``d``, lower case::

      >>> fold("Điều 5 Luật Công đoàn")
      'dieu 5 luat cong doan'

Both ``normalize`` and ``fold`` keep one output character per input *cluster* (a base
character with the combining marks that follow it); for NFC text that is one per
character, so an offset into the folded text is the same offset into the stored text.
``fold_with_map`` gives the mapping for any input (NFD included), for highlighting.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import lru_cache

# Combining marks that carry the tone (thanh điệu) in NFD.
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
# Combining marks that change the vowel quality (â ê ô, ă, ơ ư).
QUALITY_MARKS = frozenset("\u0302\u0306\u031b")
VOWELS = frozenset("aăâeêioôơuưy")
MARKED_VOWELS = frozenset("ăâêôơư")
# Open two-vowel syllables whose tone sits on the second vowel in the canonical (new) style
# and on the first in the old one: hoà/hòa, khoẻ/khỏe, thuỷ/thủy.
NEW_STYLE_PAIRS = frozenset({"oa", "oe", "uy"})

# A word with any combining marks inside or after it: a stray mark stays with its word, so
# moving a tone never lets a mark fall onto another letter.
_WORD = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")
# Lookalikes of Đ/đ that conversions print: Icelandic eth (Ð U+00D0, ð U+00F0), and
# African D (Ɖ U+0189, ɖ U+0256). They fold to d like Đ does.
_D_LIKE = frozenset("đĐÐðƉɖ")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the form vnlex stores."""
    return unicodedata.normalize("NFC", text)


def clusters(text: str) -> Iterator[tuple[int, str]]:
    """Yield ``(offset, cluster)``: a base character with the combining marks that follow it."""
    if not any(map(unicodedata.combining, text)):  # stops at the first mark, in C
        yield from enumerate(text)  # NFC Vietnamese: one character, one cluster
        return
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or not unicodedata.combining(text[i]):
            if i > start:
                yield start, text[start:i]
            start = i


def _lower1(ch: str) -> str:
    low = ch.lower()
    return low if len(low) == 1 else ch


@lru_cache(maxsize=4096)
def _fold_cluster(cluster: str) -> str:
    """One character for one cluster: its first base character, unmarked and lower case."""
    bases = [ch for ch in unicodedata.normalize("NFD", cluster) if not unicodedata.combining(ch)]
    if not bases:
        return " "  # a combining mark with nothing to sit on
    if bases[0] in _D_LIKE:
        return "d"
    return _lower1(bases[0])


class _Marked(Exception):
    """A text has a combining mark: its characters are not all clusters of their own."""


# Distinct characters a fold table keeps; past it (arbitrary Unicode) they are folded anew.
_TABLE_LIMIT = 1 << 16


class _FoldTable(dict[int, str]):
    """``ord(character)`` → its fold, filled on first sight, for ``str.translate``: one C
    loop over the text instead of a Python call per character (fold was most of ingest).

    A combining mark raises ``_Marked`` and is never stored, so a text with one takes the
    cluster path, where a mark joins the character before it.
    """

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if unicodedata.combining(ch):
            raise _Marked
        folded = _fold_cluster(ch)
        if len(self) < _TABLE_LIMIT:
            self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def _fold_plain(text: str) -> str | None:
    """``fold(text)`` when ``text`` has no combining mark (one cluster per character)."""
    coded = _fold_coded(text)
    if coded is not None:
        return coded
    try:
        return text.translate(_FOLD_TABLE)
    except _Marked:
        return None


# The fold of a text whose decomposed characters are all in one byte's reach: printable
# ASCII, the combining marks of Latin letters, đ and its lookalikes, the punctuation the
# corpus prints. Decomposed (C), then one byte a character through a charmap codec (C), the
# marks deleted and letters folded by ``bytes.translate`` (C), and decoded (C): a third of
# ``str.translate`` with a dict, which looks up each character as a Python int. Any other
# character fails the encoding and the text takes the table above.
_CODED_MARKS = "".join(chr(c) for c in range(0x300, 0x339) if unicodedata.combining(chr(c)))
_CODED_OTHERS = "đĐÐðƉɖ\u00a0…“”‘’–—•·°§±×÷≤≥→□●²³µ«»"
_CODED = "".join(chr(c) for c in range(128)) + _CODED_MARKS + _CODED_OTHERS
_CODED_DECODING = _CODED + "\ufffe" * (256 - len(_CODED))  # U+FFFE: never decoded
_CODED_ENCODING = codecs.charmap_build(_CODED_DECODING)
# Byte → the byte of its character's fold (a mark maps to itself, deleted anyway).
_CODED_FOLD = bytes(_CODED.index(_fold_cluster(ch)) if i < 128 or ch in _CODED_OTHERS else i
                    for i, ch in enumerate(_CODED)) + bytes(range(len(_CODED), 256))
_CODED_MARK_BYTES = bytes(range(128, 128 + len(_CODED_MARKS)))


def _fold_coded(text: str) -> str | None:
    """``fold(text)`` through the one-byte code above; None when a character has no byte
    or ``text`` has a combining mark of its own (then the result would be shorter)."""
    try:
        coded = codecs.charmap_encode(unicodedata.normalize("NFD", text), "strict",
                                      _CODED_ENCODING)[0]
    except UnicodeEncodeError:
        return None
    folded: str = codecs.charmap_decode(coded.translate(_CODED_FOLD, _CODED_MARK_BYTES),
                                        "strict", _CODED_DECODING)[0]
    return folded if len(folded) == len(text) else None


def fold(text: str) -> str:
    """Fold to lower-case ASCII-like letters: no tone or quality marks, ``đ`` → ``d``.

    >>> fold("Ệ ỦY hoá Đảng")
    'e uy hoa dang'
    """
    if len(text) <= _WORD_LENGTH:
        return _fold_word(text)
    if len(text) <= _KEPT_LENGTH:
        return _fold_long(text)
    return _fold_text(text)


# Analysis folds word by word, the same few thousand words again and again: a cache hit
# costs a fifth of a fold.
_WORD_LENGTH = 16


@lru_cache(maxsize=1 << 16)
def _fold_word(text: str) -> str:
    return _fold_text(text)


# The passes of a document's analysis (bodies, duties, cells, effective dates) fold the
# same provision texts again: the last few thousand are kept (half the characters folded).
# Only texts of a provision's usual size: a server folds whatever it is asked, and 4 096
# kept folds of an 80 000-character article would hold a gigabyte; at this bound, at most
# 4 096 × 4 096 characters twice (about 50 MB), in practice a few.
_KEPT_LENGTH = 4096


@lru_cache(maxsize=1 << 12)
def _fold_long(text: str) -> str:
    return _fold_text(text)


def _fold_text(text: str) -> str:
    folded = _fold_plain(text)
    if folded is not None:
        return folded
    return "".join(_fold_cluster(c) for _, c in clusters(text))


# The analysis of a document folds each provision's text in several passes (citations,
# relations, effective dates, targets); a provision is folded once.
@lru_cache(maxsize=2048)
def fold_aligned(text: str) -> str:
    """``fold`` with exactly one output character per input character, for any input.

    For NFC text this equals ``fold(text)``; a stray combining mark becomes a space, so an
    offset found in the result is the same offset in ``text``.
    """
    folded = fold(text)
    return folded if len(folded) == len(text) else "".join(_fold_cluster(ch) for ch in text)


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` and return, for each folded character, its offset in ``text``.

    >>> fold_with_map("Đa\u0300o")
    ('dao', [0, 1, 3])
    """
    folded = _fold_plain(text)
    if folded is not None:
        return folded, list(range(len(text)))
    out: list[str] = []
    offsets: list[int] = []
    for offset, cluster in clusters(text):
        out.append(_fold_cluster(cluster))
        offsets.append(offset)
    return "".join(out), offsets


def _tone_position(letters: str) -> int | None:
    """Index in ``letters`` (a toneless, lower-case NFC syllable) where the tone belongs."""
    start = 0
    gi_onset = letters.startswith("gi") and len(letters) > 2 and letters[2] in VOWELS
    if letters.startswith("qu") or gi_onset:
        start = 2
    while start < len(letters) and letters[start] not in VOWELS:
        start += 1
    end = start
    while end < len(letters) and letters[end] in VOWELS:
        end += 1
    nucleus = letters[start:end]
    if not nucleus:
        return None
    marked = [i for i, ch in enumerate(nucleus) if ch in MARKED_VOWELS]
    if marked:
        return start + marked[-1]
    if len(nucleus) == 1:
        return start
    if end < len(letters) or nucleus in NEW_STYLE_PAIRS:
        return start + len(nucleus) - 1
    if len(nucleus) == 2:
        return start
    return start + 1


# Words seen by normalize: a corpus repeats a few thousand syllables millions of times.
@lru_cache(maxsize=1 << 16)
def _retone_word(word: str) -> str:
    """Move the single tone mark of a syllable to its canonical vowel; else return unchanged."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = [ch for ch in decomposed if ch in TONE_MARKS]
    if len(tones) != 1:
        return word
    toneless = nfc("".join(ch for ch in decomposed if ch not in TONE_MARKS))
    if len(toneless) != len(word):
        return word
    position = _tone_position("".join(_lower1(ch) for ch in toneless))
    if position is None:
        return word
    target = toneless[position]
    retoned = nfc(unicodedata.normalize("NFD", target) + tones[0])
    if len(retoned) != 1:
        return word
    return toneless[:position] + retoned + toneless[position + 1 :]


def unify_tone_marks(text: str) -> str:
    """Place every syllable's tone mark on one canonical vowel (the new style: hoà, thuỷ).

    The result is NFC and has the same length as ``nfc(text)``.

    >>> unify_tone_marks("Cộng hoà, thủy lợi, khỏe")
    'Cộng hoà, thuỷ lợi, khoẻ'
    """
    return _by_piece(text, _unify_piece, _unify)


def normalize(text: str) -> str:
    """The matching form that keeps diacritics: NFC, canonical tone marks, lower case."""
    return _by_piece(text, _normalize_piece, _normalize)


def _unify(text: str) -> str:
    return _WORD.sub(_retone_match, nfc(text))


def _retone_match(match: re.Match[str]) -> str:
    return _retone_word(match.group(0))


def _normalize(text: str) -> str:
    return nfc(_lower(_unify(text)))


# A text is worked on piece by piece between plain spaces: no word, tone move, case change
# or composition crosses a space, and pieces repeat ("của", "Điều", "1."), so a piece's
# result is cached (normalize was most of ingest). Long pieces are not kept.
_PIECE_CACHED = 32
_unify_piece = lru_cache(maxsize=1 << 16)(_unify)
_normalize_piece = lru_cache(maxsize=1 << 16)(_normalize)


def _by_piece(text: str, cached: Callable[[str], str], uncached: Callable[[str], str]) -> str:
    pieces = nfc(text).split(" ")
    if max(map(len, pieces)) <= _PIECE_CACHED:
        return " ".join(map(cached, pieces))  # no Python call per piece
    return " ".join(cached(p) if len(p) <= _PIECE_CACHED else uncached(p) for p in pieces)


def _lower(text: str) -> str:
    """``_lower1`` of every character: ``str.lower`` of the whole text (one C call) when
    that is the same thing, i.e. no character lowers to several and no capital sigma (the
    one letter ``str.lower`` reads in context: a final Σ becomes ς, a lone one σ)."""
    low = text.lower()
    if len(low) == len(text) and "\u03a3" not in text:
        return low
    return "".join(_lower1(ch) for ch in text)


def newlines(text: str) -> str:
    """Turn CR LF and lone CR into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def nbsp(text: str) -> str:
    """Turn no-break and other fixed-width spaces into plain spaces (same length)."""
    return re.sub(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]", " ", text)


STEPS: dict[str, Callable[[str], str]] = {
    "nfc": nfc,
    "newlines": newlines,
    "nbsp": nbsp,
    "unify_tone_marks": unify_tone_marks,
    "normalize": normalize,
    "fold": fold,
}


def clean(text: str, steps: list[str]) -> str:
    """Apply the named steps in order.

    Raises:
        ValueError: a step name is unknown; the message lists the valid names.
    """
    for name in steps:
        try:
            step = STEPS[name]
        except KeyError:
            raise ValueError(f"unknown step {name!r}; valid: {', '.join(sorted(STEPS))}") from None
        text = step(text)
    return text


def slug(text: str) -> str:
    """ASCII slug of a text: folded, runs of other characters become one ``-``.

    >>> slug("02-NQ/TW")
    '02-nq-tw'
    >>> slug("Ban Tổ chức Trung ương")
    'ban-to-chuc-trung-uong'
    """
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def label_slug(text: str) -> str:
    """``slug`` for a printed number, where a letter ``đ`` right after its digits stays a
    letter of its own, ``dd`` (as typed in Telex): ``Mẫu số 15d`` and ``Mẫu số 15đ`` are
    two forms (Nghị định 151/2025). An đ in an issuer's code (``01/HTĐT``) folds as in
    ``slug``, so those ids stay as they were.

    >>> label_slug("15đ"), label_slug("15d"), label_slug("01/HTĐT"), label_slug("2Đ-TK")
    ('15dd', '15d', '01-htdt', '2dd-tk')
    """
    return slug(_NUMBERED_DD.sub(r"\1dd", text))


_NUMBERED_DD = re.compile(r"(\d)[đĐ](?![^\W\d_])")


def terms(text: str) -> list[str]:
    """Split a text into folded search terms (letters and digits)."""
    return re.findall(r"[a-z0-9]+", fold(text))


def words(text: str) -> str:
    """The folded words of a text joined by single spaces, punctuation dropped: the form
    in which names and titles are compared (``Ban Tổ chức T.Ư.`` → ``ban to chuc t u``).

    >>> words("Luật Công đoàn (2024)")
    'luat cong doan 2024'
    """
    return " ".join(re.findall(r"[^\W_]+", fold(text)))
