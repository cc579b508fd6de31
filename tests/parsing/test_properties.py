"""Property tests: any text parses without crashing, into unique ids, and labels decide ids."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import ParseError, clean, parse_document

VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxy"
    "áàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
)
LINE_STARTS = ["", "- ", "1. ", "2. ", "a) ", "b) ", "I- ", "II- ", "Điều 3. ", "Chương II",
               "* Đến năm 2030:", "**", "# ", "| ", "Số ", "Nơi nhận:", "T/M BỘ CHÍNH TRỊ", "“"]

words = st.text(alphabet=VIETNAMESE + VIETNAMESE.upper(), min_size=1, max_size=8)
lines = st.builds(
    lambda start, ws, end: start + " ".join(ws) + end,
    st.sampled_from(LINE_STARTS),
    st.lists(words, max_size=8),
    st.sampled_from(["", ".", ":", ";", ",", "”", "**"]),
)
documents = st.lists(lines, min_size=1, max_size=40).map(
    lambda ls: "\n".join(ls) if len(ls) % 2 else "\n\n".join(ls)
)


def _parse(text: str):
    try:
        return parse_document(text)
    except ParseError:
        return None


@settings(max_examples=300, deadline=None)
@given(documents)
def test_any_document_parses_into_unique_ids(text: str):
    doc = _parse(text)
    if doc is None:
        assert not "".join(ch for ch in text if ch not in "*#|-:_ \n")
        return
    ids = [p.id for p in doc.walk()]
    assert len(ids) == len(set(ids))
    assert all(p.id.startswith(f"{doc.id}/") for p in doc.walk())


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_unicode_never_crashes(text: str):
    doc = _parse(text)
    if doc is not None:
        assert len({p.id for p in doc.walk()}) == sum(1 for _ in doc.walk())


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["1. ", "- ", "a) "]), words), min_size=1,
                max_size=12), st.data())
def test_ids_depend_on_labels_not_words(items, data):
    """Replacing every word keeps every id: ids come from labels and order only."""
    original = "I- MỤC TIÊU\n\n" + "\n\n".join(f"{label}{w}." for label, w in items)
    other = [data.draw(words) for _ in items]
    edited = "I- MỤC TIÊU\n\n" + "\n\n".join(
        f"{label}{w}." for (label, _), w in zip(items, other, strict=True)
    )
    assert [p.id for p in parse_document(original).walk()] == [
        p.id for p in parse_document(edited).walk()
    ]


@pytest.mark.parametrize("text", ["", "   \n\n  ", "**\n\n---\n|", "\x00binary"])
def test_empty_or_binary_input_is_a_parse_error(text: str):
    with pytest.raises(ParseError):
        parse_document(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="*#\\_\n\x00",
                                      blacklist_categories=("Cs",))))
def test_a_line_without_markup_cleans_as_the_markdown_path_would(line: str):
    # The fast path skips the markdown passes only where they could not change anything.
    # (NUL is refused before cleaning: parse_document reads it as binary data.)
    assert clean._strip_markup(line) == clean._strip_markdown(line)
