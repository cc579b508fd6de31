"""The stored source (``app/db/source_text.py``) gives back exactly the source it was packed
from, with the provision texts it left out, whatever those texts and spans are."""

from __future__ import annotations

from factories_app import CORPUS
from hypothesis import given
from hypothesis import strategies as st

from app.db import source_text

# Vietnamese letters, spaces, line breaks and the two mark characters a source may hold.
CHARS = st.sampled_from(list("aăâđêôơưạếờ ữ\n.") + [source_text.CUT, source_text.KEPT])


@st.composite
def packed_case(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    """A source and provision spans over it: mostly slices of it (as the parser's texts
    are), some changed (a text joined across a page break), some overlapping or empty."""
    source = draw(st.text(CHARS, max_size=60))
    texts = []
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(source)))
        end = draw(st.integers(start, len(source)))
        text = source[start:end]
        if draw(st.booleans()):
            text = draw(st.text(CHARS, max_size=10))
        texts.append({"start": start, "end": end, "text": text,
                      "ordinal": draw(st.integers(0, 10))})
    return source, source_text.spans(texts)


@given(packed_case())
def test_unpack_gives_back_the_packed_source(case: tuple[str, list[tuple[int, int, str]]]
                                             ) -> None:
    source, texts = case
    assert source_text.unpack(source_text.pack(source, texts), texts) == source


def test_the_provision_texts_are_not_stored_twice() -> None:
    # Luật Công đoàn 2024, Điều 2 as the bundled file prints it (heading line, text line).
    lines = (CORPUS / "50-2024-QH15-luat-cong-doan.txt").read_text("utf-8").splitlines()
    heading, text = lines[8], lines[9]
    assert heading.startswith("Điều 2. Phạm vi điều chỉnh")
    source = f"{heading}\n{text}\n"
    texts = source_text.spans([{"start": 0, "end": len(source), "text": text, "ordinal": 0}])
    packed = source_text.pack(source, texts)
    assert packed[:1] == source_text.REST and len(packed) < len(text.encode("utf-8")) / 4
    assert source_text.unpack(packed, texts) == source
    marked = source + source_text.CUT  # a mark character in the source: stored whole
    assert source_text.pack(marked, texts)[:1] == source_text.WHOLE
    assert source_text.unpack(source_text.pack(marked, texts), texts) == marked
