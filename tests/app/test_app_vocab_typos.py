"""A typo the corpus itself prints is expanded to the word it stands for; real words that
are merely rarer than a neighbour are not (``app/search/vocab.py``). Frequencies are those
of the SCALE=1 benchmark store (1 000 138 provisions)."""

from __future__ import annotations

import pytest

from app.search.vocab import COMMON_RATIO, Vocabulary


def vocabulary(counts: dict[str, int]) -> Vocabulary:
    vocab = Vocabulary()
    for term, docs in counts.items():
        vocab._set(term, docs)  # what refresh does with each row of search_terms
    return vocab


COUNTS = {"viec": 173_333, "vieec": 46, "luat": 467_236, "quat": 1_397, "doan": 497_991,
          "soan": 1_397, "khoi": 200_000, "khooi": 120}


@pytest.mark.parametrize(("word", "expected"), [
    ("vieec", ["viec"]),    # printed in 46 provisions, "viec" in 173 333: a typo
    ("khooi", ["khoi"]),
    ("quat", []),           # quạt: 1/334 of luật, a word of its own
    ("soan", []),           # soạn: 1/356 of đoàn
    ("viec", []),           # the common word itself
    ("viecc", ["viec", "vieec"]),  # not in the corpus: every near word, commonest first
])
def test_rare_printed_typos_are_expanded(word: str, expected: list[str]) -> None:
    assert vocabulary(COUNTS).expand(word) == expected


def test_the_ratio_is_what_decides() -> None:
    near = vocabulary({"viec": COMMON_RATIO * 46, "vieec": 46})
    below = vocabulary({"viec": COMMON_RATIO * 46 - 1, "vieec": 46})
    assert near.expand("vieec") == ["viec"]
    assert below.expand("vieec") == []


# Three-letter words, with their frequencies at the SCALE=1 store.
SHORT = {"kai": 21, "khai": 124_397, "tai": 219_606, "dai": 138_456, "khi": 47_591,
         "lai": 26_574, "hai": 22_381, "dog": 167, "dong": 475_370, "doi": 387_395,
         "do": 113_288, "so": 455_929, "sao": 5_594, "som": 12_584, "sog": 11, "sot": 7,
         "cho": 159_440, "chu": 159_446}


@pytest.mark.parametrize(("word", "expected"), [
    # triển kai → triển khai: every common word one edit away (the adjacency bonus of
    # "trien_khai" then picks it), commonest first.
    ("kai", ["tai", "dai", "khai", "khi", "lai", "hai"]),
    ("dog", ["dong", "doi"]),      # đóg → đóng; "do" is not 1 000 × as common as "dog"
    ("soo", ["so", "som", "sao"]),  # not in the corpus: words in 1 000 provisions or more
    ("cho", []),                   # a common word is meant
])
def test_three_letter_typos_are_expanded_to_common_words(word: str,
                                                         expected: list[str]) -> None:
    assert vocabulary(SHORT).expand(word) == expected


def test_two_letters_are_never_expanded() -> None:
    assert vocabulary({"so": 455_929, "sp": 3}).expand("sp") == []


def test_a_word_with_a_vowel_is_never_expanded_to_an_abbreviation() -> None:
    # "cp" is printed wherever a decree is cited (NĐ-CP); "cúp điện" is not about one.
    counts = {"cup": 120, "cua": 400_000, "cp": 300_000, "cap": 200_000, "cu": 150_000}
    assert vocabulary(counts).expand("cup") == ["cua", "cap", "cu"]
    # Typed without its vowel, an abbreviation may still be reached from one.
    assert "cp" in vocabulary({"cpp": 1, "cp": 150_000}).expand("cpp")
