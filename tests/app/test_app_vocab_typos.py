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
