"""The search index follows the store: change log, catch-up, rebuild, crash and copy safety,
and the vocabulary kept by ingest."""

from __future__ import annotations

import json
import shutil
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from factories_app import CORPUS, LAW_ID, RESOLUTION_ID, law, resolution
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from index_helpers import found, state, store
from sqlalchemy import select, text

from app.db.models import SearchTerm
from app.db.session import new_session, session_scope
from app.errors import BadQuery
from app.search import index as search_index
from app.search import sync
from app.search import terms as search_terms
from app.search.vocab import Vocabulary
from app.services.maintenance import reindex
from app.services.search import SearchParams, search
from parsers import parse_document, vntext

pytestmark = pytest.mark.any_store  # SQLite and PostgreSQL (tests/app/conftest.py)


def test_an_ingested_document_is_found_by_the_next_search(db_url: str, tmp_path: Path) -> None:
    index = tmp_path / "idx"
    assert found(db_url, "thuong luong", index) == []
    store(db_url, resolution())
    assert f"{RESOLUTION_ID}/I.2" in found(db_url, "hoà giải", index)
    seq = state(index)["seq"]
    store(db_url, law())
    assert found(db_url, "dieu 5", index, doc=LAW_ID)[0] == f"{LAW_ID}/d5"
    assert state(index)["seq"] > seq


def test_a_corrected_text_replaces_its_old_words(db_url: str, tmp_path: Path) -> None:
    index = tmp_path / "idx"
    store(db_url, resolution())
    assert f"{RESOLUTION_ID}/I.2" in found(db_url, "hoa giai", index)
    store(db_url, resolution(I_2="Công tác thương lượng tập thể còn hạn chế."))
    assert f"{RESOLUTION_ID}/I.2" not in found(db_url, "hoa giai", index)
    assert f"{RESOLUTION_ID}/I.2" in found(db_url, "thuong luong", index)


def test_a_deleted_index_is_rebuilt_with_the_same_answers(db_url: str, tmp_path: Path) -> None:
    index = tmp_path / "idx"
    store(db_url, resolution())
    store(db_url, law())
    queries = ["cong doan", "hòa giải", "khoản 2 điều 5", '"tập thể"', "truonh"]
    before = [found(db_url, q, index) for q in queries]
    shutil.rmtree(index)
    assert [found(db_url, q, index) for q in queries] == before


def test_an_unreadable_state_means_a_rebuild(db_url: str, tmp_path: Path) -> None:
    index = tmp_path / "idx"
    store(db_url, resolution())
    before = found(db_url, "cong doan", index)
    build = state(index)["build"]
    (index / "state.json").write_text("{not json")
    assert found(db_url, "cong doan", index) == before
    assert state(index)["build"] != build


def test_an_index_of_another_store_is_not_trusted(db_url: str, tmp_path: Path) -> None:
    """An index folder copied beside another database (or left from a deleted one with the
    same change numbers) is rebuilt, not served."""
    index = tmp_path / "idx"
    store(db_url, resolution())
    found(db_url, "cong doan", index)
    with session_scope(db_url) as session:
        session.execute(text("UPDATE store_info SET value = 'another' WHERE key = 'store_id'"))
    build = state(index)["build"]
    found(db_url, "cong doan", index)
    assert state(index)["build"] != build and state(index)["store_id"] == "another"


def test_a_crash_before_the_state_file_repeats_the_change_harmlessly(db_url: str,
                                                                    tmp_path: Path) -> None:
    """The index committed but state.json still names the older change: the catch-up runs
    again and must not duplicate a provision."""
    index = tmp_path / "idx"
    store(db_url, resolution())
    found(db_url, "cong doan", index)
    stale = state(index)
    store(db_url, resolution(I_1="Văn bản đã sửa về công đoàn."))
    after = found(db_url, "cong doan", index)
    (index / "state.json").write_text(json.dumps(stale))  # as if the crash came now
    assert found(db_url, "cong doan", index) == after
    with new_session(db_url) as session:
        total = search(session, SearchParams(q="cong doan"), index)["total"]
    assert total == len(after)


def test_the_vocabulary_follows_ingest(db_url: str) -> None:
    store(db_url, resolution())
    vocab = Vocabulary()
    with new_session(db_url) as session:
        vocab.refresh(session)
    assert vocab.expand("thuongg") == []  # nothing like it yet
    assert "hoa" in vocab.doc_freq
    store(db_url, resolution(I_2="Công tác thương lượng tập thể còn hạn chế."))
    with new_session(db_url) as session:
        vocab.refresh(session)
    assert vocab.expand("thuongg") == ["thuong"]
    assert "tranh" not in vocab.doc_freq  # I.2 was the only provision saying tranh chấp
    assert vocab.doc_freq["giai"] == 1  # II.2 still says hóa giải


def test_reindex_recounts_the_same_vocabulary(db_url: str, tmp_path: Path) -> None:
    store(db_url, resolution())
    store(db_url, resolution(I_2="Công tác thương lượng tập thể còn hạn chế."))
    store(db_url, law())

    def terms() -> dict[str, int]:
        with new_session(db_url) as session:
            rows = session.execute(select(SearchTerm.term, SearchTerm.docs)
                                   .where(SearchTerm.docs > 0))
            return dict(rows.all())

    kept_by_ingest = terms()
    with session_scope(db_url) as session:
        session.execute(text("UPDATE search_terms SET docs = docs + 5"))  # a hand edit
    reindex(db_url, tmp_path / "idx", vocabulary=True)
    assert terms() == kept_by_ingest


def test_search_during_another_writer_answers_from_the_index_as_it_stands(
        db_url: str, tmp_path: Path) -> None:
    index = tmp_path / "idx"
    store(db_url, resolution())
    found(db_url, "cong doan", index)
    store(db_url, law())
    # Another process is writing the index meanwhile.
    with sync.writer_lock(index.resolve(), wait=True), new_session(db_url) as session:
        body = search(session, SearchParams(q="dieu 5", doc=LAW_ID), index)
    assert body["items"] == [] and body["index"]["lag"] > 0
    assert found(db_url, "dieu 5", index, doc=LAW_ID)[0] == f"{LAW_ID}/d5"


PIECES = [*"aăâeêioôơuưyđAĐ \n\t.,-/0123456789", "\u0300", "\u0301", "\u0303", "\u0309",
          "\u0323", "hoà", "hòa", "Thỏa", "Uỷ", "ĐIỀU", "khoản", "\u00a0", "\u200b"]
VIETNAMESE = st.lists(st.sampled_from(PIECES), max_size=40).map("".join) | st.text(max_size=40)


@settings(max_examples=300, deadline=None)
@given(VIETNAMESE)
def test_terms_chunk_by_chunk_equal_terms_all_at_once(text_: str) -> None:
    """The index memoizes normalization per white-space chunk; that must be invisible."""
    for form in (vntext.nfc(text_), text_):
        assert search_terms.folded_terms(form) == vntext.terms(form)
        assert search_terms.folded_term_set(form) == set(vntext.terms(form))
        assert search_terms.exact_terms(form) == search_terms.exact_words_of(form)


def test_a_reader_of_the_folder_sees_another_writers_commit(db_url: str, tmp_path: Path) -> None:
    """Another process (here: another IndexFolder on the same folder) applied a change: this
    reader's searcher must show it as soon as state.json says so."""
    index = tmp_path / "idx"
    store(db_url, resolution())
    found(db_url, "cong doan", index)
    reader = search_index.IndexFolder(index.resolve())
    before = reader.state()
    assert before is not None
    docs_before = reader.index(before).searcher().num_docs
    store(db_url, law())
    found(db_url, "dieu 5", index)  # the writer catches up
    after = reader.state()
    assert after is not None and after.seq > before.seq
    assert reader.index(after).searcher().num_docs > docs_before


def test_no_torn_answer_while_a_document_is_reingested(db_url: str, tmp_path: Path) -> None:
    """Issue 12: counting on a second connection once answered `total: 0` with 40 items
    while a document was re-ingested. Now the total, the facets and the ranking come from
    one index searcher and the rows from one store snapshot: however the re-ingests
    interleave, an answer agrees with itself."""
    index = tmp_path / "idx"
    nq02 = parse_document((CORPUS / "02-NQ-TW-2021.md").read_text("utf-8"), name="02")
    edited = parse_document((CORPUS / "02-NQ-TW-2021.md").read_text("utf-8").replace(
        "thoả ước lao động tập thể", "thoả ước lao động tập thể mới", 1), name="02")
    store(db_url, nq02)
    stop = threading.Event()

    def reingest() -> None:
        for n in range(12):
            store(db_url, edited if n % 2 else nq02)
        stop.set()

    writer = threading.Thread(target=reingest)
    writer.start()
    answers = []
    while not stop.is_set() or not answers:
        with new_session(db_url) as session:
            answers.append(search(session, SearchParams(q="thoa uoc lao dong", limit=5),
                                  index))
    writer.join()
    for body in answers:
        kinds = sum(f["count"] for f in body["facets"]["kinds"])
        assert body["total"] >= len(body["items"]) > 0
        assert kinds == min(body["total"], 1000)


# Every code point, lone surrogates, controls and bidi marks included, and long repeats.
ANY_CHARACTER = st.characters(blacklist_categories=())
HOSTILE = (st.text(alphabet=ANY_CHARACTER, max_size=200)
           | st.builds(lambda piece, n: piece * n,
                       st.sampled_from(["lao ", "\u202e", "a\u0301\u0323", "\x00", "đ",
                                        "\ud800", "Điều 5 ", "\u200b"]),
                       st.integers(1, 4000)))


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=HOSTILE)
def test_any_unicode_is_an_answer_or_a_clear_refusal(corpus_url: str, q: str) -> None:
    """Issue 12: arbitrary Unicode (combining marks, right-to-left overrides, NUL, lone
    surrogates, very long strings) reaches the query path as the HTTP layer could never
    send it; the service answers or refuses with BadQuery, nothing else."""
    with new_session(corpus_url) as session:
        try:
            body = search(session, SearchParams(q=q, limit=5))
        except BadQuery:
            return
    assert body["total"] >= len(body["items"])


def test_a_renamed_ancestor_shows_in_the_next_search_breadcrumbs(db_url: str,
                                                                tmp_path: Path) -> None:
    """Searches remember ancestors' breadcrumbs only until the store changes."""
    index, hit = tmp_path / "idx", f"{RESOLUTION_ID}/III.1.1"

    def titles() -> list[str | None]:
        with new_session(db_url) as session:
            items = search(session, SearchParams(q="ban to chuc trung uong chu tri"),
                           index)["items"]
        return [c["title"] for c in next(i for i in items if i["id"] == hit)["breadcrumbs"]]

    doc = resolution()
    store(db_url, doc)
    assert titles() == ["NHIỆM VỤ", "Về tổ chức"]
    tasks = doc.provisions[2]
    renamed = replace(tasks, children=(replace(tasks.children[0], heading="Về bộ máy"),
                                       *tasks.children[1:]))
    store(db_url, replace(doc, provisions=(*doc.provisions[:2], renamed)))
    assert titles() == ["NHIỆM VỤ", "Về bộ máy"]
