"""The shortcuts taken for speed answer as the plain forms they replace (issue 8: ingest
CPU time): one pattern for the thirteen starters of a line, searches of a block's last
characters for patterns anchored at its end, substring tests before a regex scan."""

from __future__ import annotations

import dataclasses
import re
import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from parsers import blocks, patterns, vntext
from parsers.abbreviations import default_table
from parsers.bodies import find, unknown
from parsers.bodies.registry import TOKEN, Words, split_words
from parsers.citable import annotate
from parsers.model import Provision

# Pieces the patterns look for, and anything between them.
PIECES = (
    "1.", "1.2.", "a)", "đ)", "a.", "a.1)", "b.2. ", "(3)", "IV.", "II)", "V -", "Điều 5.",
    "ĐIỀU 7:", "Chương II", "CHƯƠNG 3", "Mục 2", "Phần thứ nhất", "PHẦN THỨ HAI", "- ", "• ",
    "Đến năm 2030:", "Tầm nhìn đến năm 2045 :", " và", " của", " Bộ", " Ủy ban", " Văn phòng",
    " số", " Số", " khoản", " điểm", " tại bước", " cấp độ", " đối với", ",", " ", "\n",
    "Hội đồng nhân dân cùng cấp", "HĐND CÙNG CẤP", "trình Trung ương", "Các bộ chủ trì",
    "CÁC BỘ phối hợp", "các bộ luật",
)  # fmt: skip
text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=12).map(
    "".join
)


@given(text)
@example("IV. Nhiệm vụ")
@example("Đến năm 2030:")
def test_one_pattern_for_the_starters_matches_where_one_of_them_does(line: str) -> None:
    assert bool(blocks._ANY_STARTER.match(line)) == any(
        p.match(line) for p in blocks._STARTERS
    )
    assert bool(blocks._ANY_LABEL.match(line)) == any(p.match(line) for p in blocks._LABELS)
    assert patterns.BULLET not in blocks._LABELS
    assert len(blocks._LABELS) == len(blocks._STARTERS) - 1


ANCHORED_AT_THE_END = (blocks._OPEN_END, blocks._NUMBER_WORD, blocks._CITING_WORD,
                       blocks._DANGLING)


@given(text, st.integers(0, 80))
@example("và", 0)
@example("x" * 40 + " Văn phòng\n", 0)
def test_a_search_of_the_last_characters_finds_what_a_whole_search_does(
        tail: str, padding: int) -> None:
    whole = "ab " * padding + tail
    for pattern in ANCHORED_AT_THE_END:
        assert blocks._ends_on(pattern, whole) == bool(pattern.search(whole)), pattern.pattern


@given(text)
def test_a_substring_absent_means_no_match(line: str) -> None:
    # each shortcut skips a scan when a substring every match holds is absent
    for pattern, needed in ((find._SAME_LEVEL, "cùng cấp"), (find._BARE_MINISTRIES, "các bộ")):
        if pattern.search(line):
            assert needed in line.lower()
    if find._CENTRAL.search(line):
        assert "Trung ương" in line


ABBREVIATED = st.lists(st.one_of(st.sampled_from((
    "BLDS", "BLLĐ 2019", "Luật ĐĐ", "luật đất đai", "LĐT", "xBLHS", "/LCD", " ", ", ", "ldd",
    "bộ luật", "lhngđ-", "Luật BHVBQPPL")), st.text(max_size=4)), max_size=8).map("".join)


@given(ABBREVIATED)
@example("Điều 5 BLDS")
def test_a_text_with_no_key_anywhere_holds_no_abbreviation(line: str) -> None:
    table = default_table()
    folded = vntext.fold_aligned(line)
    assert table.may_hold(folded) or not table.pattern.search(folded)


@given(text)
@example("Thủy sản, Ủy ban, _Ban, 1Sở, Sở")
def test_head_words_found_without_the_leading_boundary_are_the_same(line: str) -> None:
    folded = vntext.fold_aligned(line)
    with_boundary = [m.span() for m in unknown._HEAD_FIRST.finditer(folded)]
    kept = [m.span() for m in unknown._HEAD_END.finditer(folded)
            if unknown._word_starts(folded, m.start())]
    assert kept == with_boundary
    assert unknown._may_have_head(line) == any(line[s].isupper() for s, _ in with_boundary)


def test_the_substring_tests_hold_for_every_character_matched_in_any_case() -> None:
    # IGNORECASE matches a few letters beyond their lower and upper case (ſ for s, K for
    # k); none of these letters has such a twin
    for letter in set("cùng cấp các bộ"):
        twins = [chr(c) for c in range(0x3000) if re.fullmatch(re.escape(letter), chr(c), re.I)]
        assert all(t.lower() == letter.lower() for t in twins), letter


def test_folding_keeps_every_character_a_word_character_or_not() -> None:
    # the words of a folded text are where the printed words are (bodies.split_words,
    # read by unknown_names for the printed words' places), and a word holds no combining
    # mark, so its fold is the folded text's characters there
    word = re.compile(r"[^\W_]")
    for code in range(0x110000):
        if 0xD800 <= code < 0xE000:
            continue
        ch = chr(code)
        folded = vntext._fold_cluster.__wrapped__(ch)
        assert bool(word.match(ch)) == bool(word.match(folded)), hex(code)
        assert not (word.match(ch) and unicodedata.combining(ch)), hex(code)


@given(text)
@example("Sở Y tế và Đảng ủy Tập đoàn Ð\u0301x 2")
def test_the_folded_words_are_the_printed_words_folded(line: str) -> None:
    cut = split_words(vntext.fold_aligned(line))
    printed = list(TOKEN.finditer(line))
    assert [(m.start(), m.end(), vntext.fold(m.group())) for m in printed] == list(
        zip(cut.bounds[1:-1:2], cut.bounds[2::2], cut.words, strict=True))


@given(st.one_of(text, st.text(st.characters(max_codepoint=127), max_size=40)))
@example("bo tai chinh, so y_te\t2025\x1c-x")
@example("dang uy ð 1")
def test_the_words_cut_by_split_are_the_regex_s(line: str) -> None:
    for folded in (line, vntext.fold_aligned(line)):
        parts = re.split(f"({TOKEN.pattern})", folded)
        cut = Words(folded)
        assert cut.words == parts[1::2] == TOKEN.findall(folded)
        assert cut.parts == parts
        assert cut.bounds[-1] == len(folded)


def test_annotate_builds_every_field_of_a_provision() -> None:
    # citable._annotate builds a Provision by its fields' names (not dataclasses.replace):
    # a field added to Provision must be passed there too
    assert [f.name for f in dataclasses.fields(Provision)] == [
        "id", "path", "kind", "label", "heading", "text", "role", "start", "end", "children",
        "flags", "cite_label", "cite_as",
    ]
    leaf = Provision("x/d1.1", "d1.1", "clause", "1", None, "Nội dung.", "task", 5, 9,
                     flags=("ocr",))
    node = Provision("x/d1", "d1", "article", "1", "Phạm vi", "", None, 0, 9, (leaf,))
    annotated = annotate((node,), party=False)[0]
    assert annotated == dataclasses.replace(
        node, cite_label=annotated.cite_label, cite_as=annotated.cite_as,
        children=(dataclasses.replace(leaf, cite_label=annotated.children[0].cite_label,
                                      cite_as=annotated.children[0].cite_as),))
    assert annotated.children[0].cite_as  # something was derived
