"""Provision texts packed on SQLite (``app.db.packed_text``): read back exactly as printed,
through the models and through SQL, and migration 0028 goes down and up."""

from __future__ import annotations

import hashlib

import pytest
from alembic import command
from factories_app import CORPUS
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.db import packed_text
from app.db.analysis_models import Duty
from app.db.migrate import alembic_config, upgrade
from app.db.models import Provision
from app.db.session import get_engine
from app.services.ingest import ingest_paths
from parsers import parse_document

# Stored texts are packed against this file: it never changes (a new dictionary is a new
# file and mark beside it).
DICTIONARY_SHA256 = "bac1da1e0296c60e96d542a44d0c5a979076388850e4d20e371222fcb0923aed"
NQ02 = CORPUS / "02-NQ-TW-2021.md"


def test_the_dictionary_is_frozen() -> None:
    digest = hashlib.sha256(packed_text.DICTIONARY.read_bytes()).hexdigest()
    assert digest == DICTIONARY_SHA256


@given(st.text())
def test_unpack_gives_back_what_pack_was_given(value: str) -> None:
    packed = packed_text.pack(value)
    assert packed_text.unpack(packed) == value
    if isinstance(packed, bytes):  # packed only where it is shorter
        assert len(packed) < len(value.encode("utf-8"))


def test_legal_phrasing_packs_to_under_half() -> None:
    sentence = ("Ủy ban nhân dân cấp tỉnh chủ trì, phối hợp với các bộ, cơ quan ngang bộ tổ "
                "chức thực hiện theo quy định của pháp luật về lao động.")
    packed = packed_text.pack(sentence)
    assert isinstance(packed, bytes) and len(packed) < len(sentence.encode("utf-8")) / 2


def test_a_blob_that_is_not_packed_is_refused() -> None:
    with pytest.raises(ValueError, match="not a packed text"):
        packed_text.unpack(b"\x02abc")


def _printed(db_url: str) -> dict[str, str]:
    with Session(get_engine(db_url)) as session:
        return dict(session.execute(select(Provision.id, Provision.text)).all())


@pytest.mark.any_store
def test_texts_read_back_as_printed_and_stored_packed_on_sqlite_only(db_url: str) -> None:
    ingest_paths(db_url, [NQ02])
    parsed = parse_document(NQ02.read_text(encoding="utf-8"), name=NQ02.stem)
    stored = _printed(db_url)
    assert {f"02-nq-tw-2021/{p.path}": p.text for p in parsed.walk()} == stored
    with get_engine(db_url).connect() as connection:
        kinds = dict(connection.execute(
            select(func.pg_typeof(Provision.text) if connection.dialect.name == "postgresql"
                   else func.typeof(Provision.text), func.count()).group_by(text("1"))).all())
        longest = max(stored, key=lambda pid: len(stored[pid]))
        # SQL reads the printed text too: the column through vn_text on SQLite.
        head = connection.scalar(select(func.substr(packed_text.stored_text(Provision.text),
                                                    1, 40)).where(Provision.id == longest))
    assert head == stored[longest][:40]
    if get_engine(db_url).dialect.name == "sqlite":
        assert kinds["blob"] > kinds.get("text", 0)
    else:
        assert set(kinds) == {"text"}


@pytest.mark.any_store
def test_duty_evidence_is_quoted_from_the_packed_text(db_url: str) -> None:
    ingest_paths(db_url, [NQ02])
    with Session(get_engine(db_url)) as session:
        duties = session.scalars(select(Duty).where(Duty.in_heading.is_(False))).all()
        texts = dict(session.execute(select(Provision.pk, Provision.text)).all())
    assert duties
    for duty in duties:
        quoted = texts[duty.via_provision_pk or duty.provision_pk]
        assert duty.evidence == quoted[duty.evidence_start:duty.evidence_end]
        assert duty.mention == quoted[duty.mention_start:duty.mention_end]


def test_0028_packs_and_unpacks_stored_texts(db_url: str) -> None:
    ingest_paths(db_url, [NQ02])
    before = _printed(db_url)
    kinds = text("SELECT typeof(text), count(*) FROM provisions GROUP BY 1")
    config = alembic_config(db_url)
    with get_engine(db_url).begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0027")  # to the revision before 0028
    with get_engine(db_url).connect() as connection:
        assert set(dict(connection.execute(kinds).all())) == {"text"}
    assert _printed(db_url) == before
    upgrade(db_url)
    with get_engine(db_url).connect() as connection:
        assert dict(connection.execute(kinds).all())["blob"] > 0
    assert _printed(db_url) == before
