"""The models and the migrations describe the same schema, every foreign key is indexed, and
the migrations go down and up."""

from __future__ import annotations

import json
import zlib

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from factories_app import CORPUS
from sqlalchemy import TextClause, inspect, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db import source_text
from app.db.analysis_models import (  # its tables on Base, as migrations/env.py
    DUTY_ROLE_CODES,
    Duty,
    Relation,
)
from app.db.migrate import alembic_config, current_revision, head_revision, upgrade
from app.db.models import Base, Document, Provision, cited_as
from app.db.session import get_engine, session_scope
from app.services import relation_targets
from app.services.history import provision_history
from app.services.ingest import ingest_paths
from app.services.provisions import get_provision
from parsers.doc_keys import stored_key


def include_object(obj, name, type_, reflected, compare_to):  # noqa: ANN001, ANN201
    # As migrations/env.py: the FTS5 tables are raw SQL, not models.
    return not (type_ == "table" and name is not None and "_fts" in name)


def test_models_match_the_migrated_schema(db_url: str) -> None:
    with get_engine(db_url).connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": include_object, "compare_type": True}
        )
        assert compare_metadata(context, Base.metadata) == []


def test_0002_downgrades_and_upgrades(db_url: str) -> None:
    analysis = {"bodies", "duties", "targets", "citations", "crossrefs"}
    assert analysis <= set(inspect(get_engine(db_url)).get_table_names())
    config = alembic_config(db_url)
    with get_engine(db_url).begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    assert not analysis & set(inspect(get_engine(db_url)).get_table_names())
    upgrade(db_url)
    assert current_revision(db_url) == head_revision(db_url)


def test_every_foreign_key_leads_an_index(db_url: str) -> None:
    """With foreign keys enforced, deleting a parent row looks up the rows pointing at it:
    without an index on the referencing columns that is a scan of the child table per
    deleted row (duties.via_provision_id made a re-ingest 400 times slower)."""
    inspector = inspect(get_engine(db_url))
    missing = []
    for table in inspector.get_table_names():
        if "_fts" in table:
            continue
        leading = [tuple(inspector.get_pk_constraint(table)["constrained_columns"])]
        leading += [tuple(ix["column_names"]) for ix in inspector.get_indexes(table)]
        leading += [tuple(uq["column_names"])
                    for uq in inspector.get_unique_constraints(table)]
        for fk in inspector.get_foreign_keys(table):
            columns = tuple(fk["constrained_columns"])
            if not any(cols[: len(columns)] == columns for cols in leading):
                missing.append(f"{table}({', '.join(columns)})")
    assert missing == []


def test_0007_keeps_breadcrumbs_and_sources_down_and_up(db_url: str) -> None:
    """0007 replaced the breadcrumbs copied into every row by each ancestor's title, and the
    source text by its compressed form: both directions keep what a reader sees."""
    ingest_paths(db_url, [CORPUS / "02-NQ-TW-2021.md"])
    deep = "02-nq-tw-2021/II.2.b.2030.2"
    with session_scope(db_url) as session:
        before = get_provision(session, deep)["breadcrumbs"]
    source = (CORPUS / "02-NQ-TW-2021.md").read_text("utf-8")
    assert [c["path"] for c in before] == ["II", "II.2", "II.2.b", "II.2.b.2030"]
    assert before[0]["title"] == "QUAN ĐIỂM CHỈ ĐẠO VÀ MỤC TIÊU"
    config = alembic_config(db_url)
    with get_engine(db_url).begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")
    with get_engine(db_url).connect() as connection:
        stored = connection.execute(text(
            "SELECT breadcrumbs FROM provisions WHERE id = :i"), {"i": deep}).scalar_one()
        old_source = connection.execute(text("SELECT source FROM documents")).scalar_one()
    # Breadcrumbs stored before 0012 had no citable label.
    assert json.loads(stored) == [{k: v for k, v in c.items() if k != "cite_label"}
                                  for c in before]
    # The parser's cleaned text: the printed words, NFC, without the PDF's page furniture.
    assert "Bộ Chính trị" in old_source and len(old_source) > len(source) // 2
    upgrade(db_url, "0020")  # the last revision that stores source_zlib (0021)
    with session_scope(db_url) as session:
        assert get_provision(session, deep)["breadcrumbs"] == before
    with get_engine(db_url).connect() as connection:
        packed = connection.execute(text("SELECT source_zlib FROM documents")).scalar_one()
    assert zlib.decompress(packed).decode("utf-8") == old_source


def test_ddl_rolls_back_with_its_transaction(db_url: str) -> None:
    """A migration is all-or-nothing: the sqlite3 module ran DDL outside any transaction, so
    a migration killed half-way left its first steps committed at the old version."""
    engine = get_engine(db_url)
    with engine.connect() as connection:
        transaction = connection.begin()
        connection.exec_driver_sql("DROP INDEX ix_provisions_document_ordinal")
        connection.exec_driver_sql("ALTER TABLE provisions ADD COLUMN scratch TEXT")
        transaction.rollback()
    inspector = inspect(engine)
    assert "ix_provisions_document_ordinal" in {
        ix["name"] for ix in inspector.get_indexes("provisions")}
    assert "scratch" not in {c["name"] for c in inspector.get_columns("provisions")}


def test_0008_keeps_one_duty_per_key_down_and_up(db_url: str) -> None:
    """0008 merged the rows of a body named twice in one role of one provision into one row
    with both places; down, each place is a row again; up, one row, and a second row of the
    same key is refused by the unique index."""
    ingest_paths(db_url, [CORPUS / "02-NQ-TW-2021.md"])
    key = {"p": "02-nq-tw-2021/IV.5", "b": "dang-doan-tong-lien-doan-lao-dong-viet-nam",
           "r": "coordinate"}
    # The role as stored since 0022: its number.
    coded = {**key, "r": DUTY_ROLE_CODES.index(key["r"])}
    rows = text("SELECT spans FROM duties JOIN provisions ON provisions.pk = provision_pk "
                "JOIN bodies ON bodies.pk = body_pk WHERE provisions.id = :p "
                "AND bodies.id = :b AND duties.role = :r")
    with get_engine(db_url).connect() as connection:
        [(spans,)] = connection.execute(rows, coded).all()
    assert len(json.loads(spans) if isinstance(spans, str) else spans) == 2
    config = alembic_config(db_url)
    with get_engine(db_url).begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")
    old = text("SELECT mention_start, evidence FROM duties WHERE provision_id = :p "
               "AND body_id = :b AND role = :r ORDER BY mention_start")
    with get_engine(db_url).connect() as connection:
        split = connection.execute(old, key).all()
    assert len(split) == 2 and all("phối hợp" in evidence for _start, evidence in split)
    upgrade(db_url)
    with get_engine(db_url).connect() as connection:
        [(spans,)] = connection.execute(rows, coded).all()
        assert len(json.loads(spans) if isinstance(spans, str) else spans) == 2
    with pytest.raises(IntegrityError), get_engine(db_url).begin() as connection:
        connection.execute(text(
            "INSERT INTO duties (document_id, provision_pk, body_pk, role, "
            "mention_start, mention_end, evidence_start, evidence_end, inferred) "
            "SELECT document_id, provision_pk, body_pk, role, mention_start, "
            "mention_end, evidence_start, evidence_end, inferred FROM duties "
            "WHERE provision_pk = (SELECT pk FROM provisions WHERE id = :p) "
            "AND body_pk = (SELECT pk FROM bodies WHERE id = :b) AND role = :r"), coded)


def test_0014_quotes_duties_from_the_text_down_and_up(db_url: str) -> None:
    """Down, every duty's ``mention`` and ``evidence`` are stored again, equal to what the
    model reads from the text (direct, lead-in and inferred duties alike), and a duty read
    in one place gets back its one span; up drops them and that span again."""
    ingest_paths(db_url, [CORPUS])
    with Session(get_engine(db_url)) as session:
        derived = {(d.provision_id, d.body_id, d.role): (d.mention, d.evidence, d.spans)
                   for d in session.scalars(select(Duty))}
    assert {spans is None for _m, _e, spans in derived.values()} == {True, False}
    kinds = text("SELECT inferred, lead_in, in_heading FROM duties")
    with get_engine(db_url).connect() as connection:
        assert {tuple(map(bool, row)) for row in connection.execute(kinds)} >= {
            (False, False, False), (True, False, False), (False, True, False)}
    config = alembic_config(db_url)
    with get_engine(db_url).begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0013")
    stored = text("SELECT provision_id, body_id, role, mention, evidence, mention_start, "
                  "mention_end, evidence_start, evidence_end, spans FROM duties")
    with get_engine(db_url).connect() as connection:
        for pid, body, role, mention, evidence, *offsets, spans in connection.execute(stored):
            was_mention, was_evidence, was_spans = derived[(pid, body, role)]
            assert (mention, evidence) == (was_mention, was_evidence) and mention
            places = json.loads(spans) if isinstance(spans, str) else spans
            assert places == (was_spans or [offsets])
    upgrade(db_url)
    with get_engine(db_url).connect() as connection:
        columns = {c["name"] for c in inspect(connection).get_columns("duties")}
        singles = connection.execute(text(
            "SELECT count(*) FROM duties WHERE json_array_length(spans) = 1")).scalar()
    assert not {"mention", "evidence"} & columns and singles == 0


def test_0012_fills_citable_labels_of_stored_rows(db_url: str) -> None:
    """Rows stored before 0012 get their citable labels from the upgrade, the same as a new
    ingest gives them; down drops the columns."""
    ingest_paths(db_url, [CORPUS / "50-2024-QH15-luat-cong-doan.txt"])
    point = "50-2024-qh15/d4.5.a"
    config = alembic_config(db_url)
    with get_engine(db_url).begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0011")
    assert "cite_as" not in {c["name"] for c in inspect(get_engine(db_url))
                             .get_columns("provisions")}
    upgrade(db_url)
    with session_scope(db_url) as session:
        node = get_provision(session, point)
    # Luật Công đoàn l.19-20: "5. Cán bộ công đoàn …" / "a) Cán bộ công đoàn chuyên trách …"
    assert (node["cite_label"], node["cite_as"]) == ("điểm a", "điểm a khoản 5 Điều 4")
    assert [c["cite_label"] for c in node["breadcrumbs"]] == ["Chương I", "Điều 4", "khoản 5"]


def test_0017_drops_the_first_version_rows_that_say_nothing_more(db_url: str) -> None:
    """Down, every stored provision has its "added in version 1" row again (as 0013 wrote
    them); up, those rows go and the history answers the same."""
    ingest_paths(db_url, [CORPUS / "02-NQ-TW-2021.md"])
    pid = "02-nq-tw-2021/IV.4"
    with session_scope(db_url) as session:
        implicit = provision_history(session, pid)["items"]
    count = text("SELECT count(*) FROM provision_history")
    provisions_count = text("SELECT count(*) FROM provisions")
    with get_engine(db_url).connect() as connection:
        assert connection.execute(count).scalar() == 0
        stored = connection.execute(provisions_count).scalar()
    config = alembic_config(db_url)
    with get_engine(db_url).begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0016")
    with get_engine(db_url).connect() as connection:
        assert connection.execute(count).scalar() == stored
    with session_scope(db_url) as session:
        assert provision_history(session, pid)["items"] == implicit
    upgrade(db_url)
    with get_engine(db_url).connect() as connection:
        assert connection.execute(count).scalar() == 0


def test_0018_keys_duties_by_row_ids_down_and_up(db_url: str) -> None:
    """0018 replaced the text ids in duties by row ids: down, every duty has its provision,
    body and source provision by id again; up, the same duties by row id, read back with
    the same public ids, quotes and bodies, and a second row of a key is still refused."""
    ingest_paths(db_url, [CORPUS])

    def duties() -> set[tuple[object, ...]]:
        with Session(get_engine(db_url)) as session:
            return {(d.document_id, d.provision_id, d.body_id, d.role, d.via_provision_id,
                     d.mention, d.evidence, d.inferred, d.lead_in, d.in_heading, d.position)
                    for d in session.scalars(select(Duty))}

    before = duties()
    assert {row[4] is None for row in before} == {True, False}  # direct and through another
    config = alembic_config(db_url)
    with get_engine(db_url).begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0017")
    by_id = text("SELECT document_id, provision_id, body_id, role, via_provision_id "
                 "FROM duties")
    with get_engine(db_url).connect() as connection:
        assert {tuple(row) for row in connection.execute(by_id)} == {row[:5] for row in before}
    upgrade(db_url)
    assert duties() == before
    named = text("SELECT document_id, provision_id, body_id, role, via_provision_id "
                 "FROM duties_named")
    with get_engine(db_url).connect() as connection:  # the view Datasette shows
        assert {tuple(row) for row in connection.execute(named)} == {row[:5] for row in before}
    with pytest.raises(IntegrityError), get_engine(db_url).begin() as connection:
        connection.execute(text(
            "INSERT INTO duties (document_id, provision_pk, body_pk, role, mention_start, "
            "mention_end, evidence_start, evidence_end, inferred) SELECT document_id, "
            "provision_pk, body_pk, role, 0, 0, 0, 0, inferred FROM duties "
            "WHERE id = (SELECT min(id) FROM duties)"))


@pytest.mark.any_store
def test_0020_computes_content_hashes_down_and_up(db_url: str) -> None:
    """Down, every provision stores the digest readers saw computed; up drops it and the
    same digests are read; a stored digest that is not its row's stops the upgrade."""
    ingest_paths(db_url, [CORPUS / "50-2024-QH15-luat-cong-doan.txt"])
    with Session(get_engine(db_url)) as session:
        seen = {p.id: p.content_hash for p in session.scalars(select(Provision))}
    config = alembic_config(db_url)
    with get_engine(db_url).begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0019")
    with get_engine(db_url).connect() as connection:
        stored = {pid: bytes(digest).hex() for pid, digest in connection.execute(
            text("SELECT id, content_hash FROM provisions"))}
    assert stored == seen and len(seen) > 100
    upgrade(db_url)
    with Session(get_engine(db_url)) as session:
        assert {p.id: p.content_hash for p in session.scalars(select(Provision))} == seen
    with get_engine(db_url).begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0019")
    with get_engine(db_url).begin() as connection:
        connection.execute(text("UPDATE provisions SET content_hash = :h WHERE id = :i"),
                           {"h": bytes(32), "i": "50-2024-qh15/d4.5.a"})
    with pytest.raises(RuntimeError, match="50-2024-qh15/d4.5.a"):
        upgrade(db_url)
    assert current_revision(db_url) == "0019"


@pytest.mark.any_store
def test_0021_keeps_the_source_without_the_provision_texts_down_and_up(db_url: str) -> None:
    """Up, the stored source leaves out the provision texts and gives the same source back
    with them; down, the whole source is compressed again, as 0007 stored it."""
    ingest_paths(db_url, [CORPUS / "02-NQ-TW-2021.md"])
    config = alembic_config(db_url)
    with get_engine(db_url).begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0020")
    read_whole = text("SELECT source_zlib FROM documents")
    with get_engine(db_url).connect() as connection:
        whole = bytes(connection.execute(read_whole).scalar_one())
    source = zlib.decompress(whole).decode("utf-8")
    assert "Bộ Chính trị" in source
    upgrade(db_url)
    # Through the model's column: the texts are stored packed on SQLite (0028).
    rows = select(Provision.start, Provision.end, Provision.text, Provision.ordinal)
    with get_engine(db_url).connect() as connection:
        rest = bytes(connection.execute(text("SELECT source_rest FROM documents")).scalar_one())
        texts = source_text.spans(r._mapping for r in connection.execute(rows))
    assert rest[:1] == source_text.REST and len(rest) < len(whole) / 2
    assert source_text.unpack(rest, texts) == source
    with get_engine(db_url).begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0020")
    with get_engine(db_url).connect() as connection:
        assert zlib.decompress(bytes(connection.execute(read_whole).scalar_one())) == \
            source.encode("utf-8")


@pytest.mark.any_store
def test_0022_keeps_duty_roles_as_numbers_down_and_up(db_url: str) -> None:
    """Up, a duty's role is stored as its number and read as its name, in the view too;
    down, the names are stored again, the same for every duty."""
    ingest_paths(db_url, [CORPUS / "02-NQ-TW-2021.md"])

    def roles(query: str) -> dict[int, object]:
        with get_engine(db_url).connect() as connection:
            return dict(connection.execute(text(query)).all())

    with Session(get_engine(db_url)) as session:
        named = {d.id: d.role for d in session.scalars(select(Duty))}
    assert set(named.values()) == set(DUTY_ROLE_CODES)
    assert roles("SELECT id, role FROM duties") == {
        i: DUTY_ROLE_CODES.index(role) for i, role in named.items()}
    assert roles("SELECT id, role FROM duties_named") == named
    config = alembic_config(db_url)
    with get_engine(db_url).begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0021")
    assert roles("SELECT id, role FROM duties") == named
    assert roles("SELECT id, role FROM duties_named") == named
    upgrade(db_url)
    with Session(get_engine(db_url)) as session:
        assert {d.id: d.role for d in session.scalars(select(Duty))} == named


@pytest.mark.any_store
def test_0023_quotes_relation_evidence_from_the_text_down_and_up(db_url: str) -> None:
    """Up, a relation whose offsets quote its evidence from its provision stores none and
    reads the same evidence; one without offsets (a heading, the title) keeps it stored;
    down, every relation stores its evidence again."""
    ingest_paths(db_url, [CORPUS])

    def evidence() -> dict[int, str]:
        with Session(get_engine(db_url)) as session:
            return {r.id: r.evidence for r in session.scalars(select(Relation))}

    read = evidence()
    stored = text("SELECT id, evidence FROM relations")
    with get_engine(db_url).connect() as connection:
        kept = dict(connection.execute(stored).all())
    assert all(read.values()) and {value is None for value in kept.values()} == {True, False}
    assert all(kept[i] == read[i] for i in kept if kept[i] is not None)
    config = alembic_config(db_url)
    with get_engine(db_url).begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0022")
    with get_engine(db_url).connect() as connection:
        assert dict(connection.execute(stored).all()) == read
    upgrade(db_url)
    assert evidence() == read
    with get_engine(db_url).connect() as connection:
        assert dict(connection.execute(stored).all()) == kept


@pytest.mark.any_store
def test_0025_stores_document_keys_as_numbers_down_and_up(db_url: str) -> None:
    """Up, every key of a document and every relation's target key is its number, and a
    document's incoming relations read the same through them; down, the keys are words
    again, those ``parsers.doc_keys`` gives."""
    ingest_paths(db_url, [CORPUS])
    doc_keys = text("SELECT document_id, key FROM document_keys")
    target = text("SELECT id, target_key FROM relations")

    def read(query: TextClause) -> set[tuple[object, object]]:
        with get_engine(db_url).connect() as connection:
            return {tuple(row) for row in connection.execute(query).all()}

    def incoming() -> dict[str, list[int]]:
        with Session(get_engine(db_url)) as session:
            ids = session.scalars(select(Document.id)).all()
            return {i: [r.id for r in relation_targets.incoming(session, i)] for i in ids}

    stored, targets, named = read(doc_keys), read(target), incoming()
    assert stored and all(isinstance(key, int) for _, key in stored)
    assert any(key is not None for _, key in targets) and any(named.values())
    config = alembic_config(db_url)
    with get_engine(db_url).begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0024")
    words = read(doc_keys)
    assert {(doc, stored_key(key)) for doc, key in words} == stored
    assert any(key.startswith("t:") for _, key in words)
    assert {(i, None if key is None else stored_key(key)) for i, key in read(target)} == targets
    upgrade(db_url)
    assert read(doc_keys) == stored and read(target) == targets
    assert incoming() == named


@pytest.mark.any_store
def test_0026_stores_the_document_citation_once_down_and_up(db_url: str) -> None:
    """Up, a provision keeps its own citation and its document the common end, and the two
    give back the whole citation down stored; so too for citations 0006 lower-cased, whose
    end is then found as the words they all end with; down, every citation whole again."""
    ingest_paths(db_url, [CORPUS])
    whole = text("SELECT pk, citation FROM provisions")
    split = text("SELECT p.pk, p.citation, d.citation FROM provisions AS p "
                 "JOIN documents AS d ON d.id = p.document_id")

    def read(query: TextClause) -> dict[int, tuple[object, ...]]:
        with get_engine(db_url).connect() as connection:
            return {row[0]: tuple(row[1:]) for row in connection.execute(query).all()}

    def joined() -> dict[int, str]:
        return {pk: cited_as(own, end) for pk, (own, end) in read(split).items()}

    written = read(split)
    assert {end for _, end in written.values()} >= {"Luật CÔNG ĐOÀN 50/2024/QH15", "02-NQ/TW"}
    assert "Khoản 2 Điều 5" in {own for own, _ in written.values()}
    config = alembic_config(db_url)

    def down() -> None:
        with get_engine(db_url).begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0025")

    down()
    stored = {pk: c for pk, (c,) in read(whole).items()}
    assert stored == {pk: cited_as(own, end) for pk, (own, end) in written.items()}
    upgrade(db_url)
    assert read(split) == written
    down()
    with get_engine(db_url).begin() as connection:
        connection.execute(text("UPDATE provisions SET citation = lower(citation)"))
    lowered = {pk: c for pk, (c,) in read(whole).items()}
    assert lowered != stored
    upgrade(db_url)
    assert joined() == lowered
    assert "02-nq/tw" in {end for _, end in read(split).values()}


@pytest.mark.any_store
def test_0027_keeps_sole_successors_and_writes_splits_down_and_up(db_url: str) -> None:
    """Up, every stored sole successor gets its row (no scope), and the next ingest writes
    the registry's splits with their scopes; down, ``bodies.successor_id`` still names the
    sole successors and the table is gone; up again, their rows come back."""
    ingest_paths(db_url, [CORPUS / "03-NQ-CP-2025.md"])
    links = text("SELECT body_id, successor_id, scope FROM body_successors")
    sole = text("SELECT id, successor_id FROM bodies WHERE successor_id IS NOT NULL")

    def read(query: TextClause) -> set[tuple[object, ...]]:
        with get_engine(db_url).connect() as connection:
            return {tuple(row) for row in connection.execute(query).all()}

    written = read(links)
    sole_before = read(sole)
    assert ("bo-ke-hoach-va-dau-tu", "bo-tai-chinh", None) in written
    assert ("bo-lao-dong-thuong-binh-va-xa-hoi", "bo-noi-vu") not in sole_before  # a split
    split = {(b, s) for b, s, scope in written if scope}
    assert {("bo-lao-dong-thuong-binh-va-xa-hoi", "bo-y-te"),
            ("bo-thong-tin-va-truyen-thong", "bo-van-hoa-the-thao-va-du-lich")} <= split
    config = alembic_config(db_url)
    with get_engine(db_url).begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0026")
    assert "body_successors" not in inspect(get_engine(db_url)).get_table_names()
    assert read(sole) == sole_before
    upgrade(db_url)
    assert read(links) == {(b, s, None) for b, s in sole_before}
    ingest_paths(db_url, [CORPUS / "03-NQ-CP-2025.md"])  # the registry syncs again
    assert read(links) == written


@pytest.mark.any_store
def test_0031_keeps_a_targets_milestone_down_and_up(db_url: str) -> None:
    """Up, each target of 02-NQ/TW keeps the milestone it sits under as printed (the
    milestone lines of II.2.b, and "đến năm 2023" inside a sentence); down, the column is
    gone and the targets are the same; up again (after 0030's inserts, in the same run) it
    is null until the next ingest writes it back."""
    ingest_paths(db_url, [CORPUS / "02-NQ-TW-2021.md"])
    rows = text("SELECT id, year, text FROM targets")
    milestones = text("SELECT text, milestone FROM targets")

    def read(query: TextClause) -> set[tuple[object, ...]]:
        with get_engine(db_url).connect() as connection:
            return {tuple(row) for row in connection.execute(query).all()}

    targets, written = read(rows), read(milestones)
    assert {("13,5 triệu", "Đến năm 2025"), ("12 triệu", "đến năm 2023"),
            ("85% trở lên", "Đến năm 2030"), ("99%", "Đến năm 2045")} <= written
    config = alembic_config(db_url)
    with get_engine(db_url).begin() as connection:
        config.attributes["connection"] = connection
        # to 0029: up again then runs 0030's inserts (foreign-key checks deferred on
        # PostgreSQL) and 0031's ALTER TABLE in one transaction
        command.downgrade(config, "0029")
    columns = {c["name"] for c in inspect(get_engine(db_url)).get_columns("targets")}
    assert "milestone" not in columns and {"year", "text"} <= columns
    assert read(rows) == targets
    upgrade(db_url)
    assert current_revision(db_url) == head_revision(db_url) == "0031"
    assert {m for _, m in read(milestones)} == {None}
    ingest_paths(db_url, [CORPUS / "02-NQ-TW-2021.md"])
    assert read(milestones) == written
