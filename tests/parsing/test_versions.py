"""The rule of ids across versions (``parsers/versions.py``), without a store."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from parsers.versions import changes, move_key


def _item(pid: str, label: str, heading: str, text: str) -> tuple[str, str, str]:
    # The content hash includes the label, as parsers.model does.
    content = move_key(label, f"{heading}\x1f{text}", "")
    return pid, content, move_key(heading, text, content)


def test_a_renumbered_article_moves_instead_of_changing() -> None:
    old = [_item("x/d5", "Điều 5.", "Hiệu lực thi hành", "Luật này có hiệu lực …")]
    new = [_item("x/d6", "Điều 6.", "Hiệu lực thi hành", "Luật này có hiệu lực …")]
    assert old[0][1] != new[0][1]  # the label is in the content hash
    found = [(c.provision_id, c.change, c.other_id) for c in changes(old, new)]
    assert found == [("x/d6", "moved_from", "x/d5"), ("x/d5", "moved_to", "x/d6")]


def test_an_exact_copy_is_paired_before_a_relabelled_one() -> None:
    old = [_item("x/d2.2", "2.", "", "Quyền thành lập công đoàn.")]
    new = [_item("x/d3.1", "1.", "", "Quyền thành lập công đoàn."),
           _item("x/d3.2", "2.", "", "Quyền thành lập công đoàn.")]
    moves = {c.provision_id: c.other_id for c in changes(old, new) if c.change == "moved_from"}
    assert moves == {"x/d3.2": "x/d2.2"}


def test_a_node_with_only_a_label_is_matched_by_its_label() -> None:
    old = [_item("x/d7", "Điều 7.", "", "")]
    new = [_item("x/d8", "Điều 8.", "", "")]
    assert [c.change for c in changes(old, new)] == ["added", "removed"]


def test_a_path_that_still_exists_keeps_its_id_even_if_its_words_left() -> None:
    # Điều 5 renumbered to 6 and a new Điều 5 inserted: x/d5 exists in both, so it is
    # changed (an id that still answers cannot redirect); x/d6 was new, so it is added.
    old = [_item("x/d5", "Điều 5.", "A", "a")]
    new = [_item("x/d5", "Điều 5.", "B", "b"), _item("x/d6", "Điều 6.", "A", "a")]
    assert [(c.provision_id, c.change) for c in changes(old, new)] == [
        ("x/d5", "changed"), ("x/d6", "added")]


texts = st.text(alphabet="abc ", max_size=4)


@given(st.lists(st.tuples(texts, texts), max_size=6), st.lists(st.tuples(texts, texts),
                                                                max_size=6))
def test_every_old_id_is_accounted_for_once(old_parts: list[tuple[str, str]],
                                            new_parts: list[tuple[str, str]]) -> None:
    old = [_item(f"x/o{i}", f"{i}.", h, t) for i, (h, t) in enumerate(old_parts)]
    new = [_item(f"x/n{i}", f"{i}.", h, t) for i, (h, t) in enumerate(new_parts)]
    found = changes(old, new)
    gone = [c.provision_id for c in found if c.change in ("moved_to", "removed")]
    assert sorted(gone) == sorted(pid for pid, _, _ in old)
    arrived = [c.provision_id for c in found if c.change in ("moved_from", "added")]
    assert sorted(arrived) == sorted(pid for pid, _, _ in new)
    pairs = {(c.other_id, c.provision_id) for c in found if c.change == "moved_from"}
    assert pairs == {(c.provision_id, c.other_id) for c in found if c.change == "moved_to"}
