"""The analysis is stored with the document: same transaction, replaced on re-ingest,
and a broken registry of bodies refuses the ingest before anything is written."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from factories_app import CORPUS, REPO, RESOLUTION_ID, resolution
from sqlalchemy import func, select, text
from typer.testing import CliRunner

from app.cli import app
from app.core.config import Settings
from app.db.analysis_models import Body, Citation, CrossRef, Duty, Target
from app.db.models import Document, StoreInfo
from app.db.session import new_session, session_scope
from app.errors import IngestError
from app.services import ingest as ingest_service
from app.services.ingest import ingest_document, ingest_file, ingest_paths
from app.services.registry import DIGEST_KEY, load

pytestmark = pytest.mark.any_store  # SQLite and PostgreSQL (tests/app/conftest.py)

TABLES = (Body, Duty, Target, Citation, CrossRef)


def analysis(url: str) -> dict[str, list[tuple]]:
    """Every analysis row without its surrogate id, sorted, per table."""
    out = {}
    with new_session(url) as session:
        for model in TABLES:
            columns = [c for c in model.__table__.columns if c.name != "id"]
            rows = session.execute(select(*columns)).all()
            out[model.__tablename__] = sorted(tuple(map(str, r)) for r in rows)
    return out


def everything(url: str) -> dict[str, list[tuple]]:
    with new_session(url) as session:
        docs = sorted(session.execute(text("SELECT id, title FROM documents")).all())
        provisions = sorted(session.execute(text("SELECT pk, id, text FROM provisions")).all())
    return {**analysis(url), "documents": docs, "provisions": provisions}


def duties_of(url: str, provision_id: str) -> list[tuple[str, str, bool]]:
    with new_session(url) as session:
        return list(session.execute(
            select(Duty.body_id, Duty.role, Duty.inferred)
            .where(Duty.provision_id == provision_id).order_by(Duty.id)
        ).all())


def test_reingest_keeps_analysis_rows_unduplicated(db_url: str) -> None:
    first = ingest_paths(db_url, [CORPUS])
    before = analysis(db_url)
    second = ingest_paths(db_url, [CORPUS])
    assert not first.refused and not second.refused
    assert analysis(db_url) == before
    assert all(len(rows) == len(set(rows)) for rows in before.values())
    nq02 = next(r for r in second.reports if r.doc_id == "02-nq-tw-2021")
    # One relation: III.6.1 asks to study amending Luật Công đoàn 2012 (a task, so it
    # cites the law; 02-NQ/TW amends nothing itself); no defined terms, no effective date.
    # 108 duties since the ninth round: IV.1's six classes also lead ("quán triệt, chỉ đạo
    # xây dựng chương trình"), III.6.2 ("chỉ đạo giải quyết"), III.6.5 ("; phối hợp tiến
    # hành giám sát") — a subject's second role, read and right. (IV.1's "kế hoạch hằng
    # năm của ngành, cơ quan, đơn vị, địa phương" says whose plans: no body is named there.)
    assert nq02.analysis == {"duties": 108, "targets": 10, "citations": 2, "crossrefs": 6,
                             "relations": 1, "terms": 0, "effective": 0}
    with new_session(db_url) as session:
        assert session.scalar(select(func.count()).select_from(Body)) == len(load().bodies)


def test_a_corrected_text_replaces_its_duties(db_url: str) -> None:
    with session_scope(db_url) as session:
        ingest_document(session, resolution())
    pid = f"{RESOLUTION_ID}/III.1.1"
    assert duties_of(db_url, pid) == [("ban-to-chuc-trung-uong", "lead", False)]
    corrected = resolution(III_1_1="Ban Dân vận Trung ương chủ trì nghiên cứu chế độ.")
    with session_scope(db_url) as session:
        ingest_document(session, corrected)
    assert duties_of(db_url, pid) == [("ban-dan-van-trung-uong", "lead", False)]


def test_a_removed_provision_takes_its_analysis_along(db_url: str) -> None:
    with session_scope(db_url) as session:
        ingest_document(session, resolution())
    doc = resolution()
    section = doc.provisions[2]
    item = dataclasses.replace(section.children[0], children=section.children[0].children[1:])
    shorter = dataclasses.replace(section, children=(item, *section.children[1:]))
    with session_scope(db_url) as session:
        ingest_document(session, dataclasses.replace(doc, provisions=(*doc.provisions[:2],
                                                                      shorter)))
    assert duties_of(db_url, f"{RESOLUTION_ID}/III.1.1") == []
    with new_session(db_url) as session:
        cited = session.scalars(select(Citation.provision_id)).all()
    assert cited == [f"{RESOLUTION_ID}/III.1.2"]  # "Nghị quyết số 02-NQ/TW"


def test_a_failure_in_the_analysis_rolls_the_document_back(
        db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with session_scope(db_url) as session:
        ingest_document(session, resolution())
    before = everything(db_url)

    def broken(*_args: object) -> None:
        raise RuntimeError("analysis failed")

    monkeypatch.setattr(ingest_service, "store_analysis", broken)
    with pytest.raises(RuntimeError), session_scope(db_url) as session:
        ingest_document(session, resolution(I_1="Văn bản đã sửa."))
    assert everything(db_url) == before


BROKEN_REGISTRIES = {
    "not the slug": ("bodies:\n  - {id: btc, name: Ban Tổ chức Trung ương, kind: party_organ}\n",
                     "is not the slug"),
    "bad kind": ("bodies:\n  - {id: bo-chinh-tri, name: Bộ Chính trị, kind: organ}\n",
                 "unknown kind"),
    "no name": ("bodies:\n  - {id: bo-chinh-tri, kind: party_organ}\n", "missing field"),
    "not yaml": ("bodies: [unclosed\n", "invalid"),
    "not a list of mappings": ("bodies: [Bộ Chính trị]\n", "invalid"),
    "empty": ("# nothing yet\n", "lists no bodies"),
}


@pytest.mark.parametrize("case", BROKEN_REGISTRIES)
def test_a_broken_registry_fails_ingest_and_changes_nothing(
        db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    with session_scope(db_url) as session:
        ingest_document(session, resolution())
    before = everything(db_url)
    content, reason = BROKEN_REGISTRIES[case]
    bad = tmp_path / "bodies.yaml"
    bad.write_text(content, "utf-8")
    monkeypatch.setenv("VNLEX_BODIES", str(bad))
    with pytest.raises(IngestError) as caught:
        ingest_paths(db_url, [CORPUS / "02-NQ-TW-2021.md"])
    assert str(bad) in caught.value.message and reason in caught.value.message
    with pytest.raises(IngestError), session_scope(db_url) as session:
        ingest_document(session, resolution(I_1="Văn bản đã sửa."))
    with pytest.raises(IngestError):
        ingest_file(db_url, CORPUS / "02-NQ-TW-2021.md")
    assert everything(db_url) == before


def test_a_missing_registry_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNLEX_BODIES", str(tmp_path / "nowhere.yaml"))
    with pytest.raises(IngestError, match="nowhere.yaml: cannot read"):
        load()


def test_the_cli_reports_a_broken_registry(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "bodies.yaml"
    bad.write_text(BROKEN_REGISTRIES["bad kind"][0], "utf-8")
    monkeypatch.setenv("VNLEX_BODIES", str(bad))
    db = tmp_path / "cli.db"
    result = CliRunner().invoke(app, ["ingest", str(CORPUS), "--db", f"sqlite:///{db}"])
    assert result.exit_code == 1
    assert "registry of bodies" in result.output and "unknown kind" in result.output
    assert not db.exists() or db.stat().st_size == 0  # not even migrated


PARTY = "{id: ban-chap-hanh-trung-uong-dang, name: Ban Chấp hành Trung ương Đảng, kind: party_organ"
TO_CHUC = ("{id: ban-to-chuc-trung-uong, name: Ban Tổ chức Trung ương, kind: party_organ,"
           " parent: ban-chap-hanh-trung-uong-dang")


def small_registry(folder: Path, name: str, *bodies: str) -> Path:
    """A registry file of ``bodies`` (YAML flow mappings; an unclosed one is closed)."""
    path = folder / name
    lines = [b if b.endswith("}") else b + "}" for b in bodies]
    path.write_text("bodies:\n" + "".join(f"  - {line}\n" for line in lines), "utf-8")
    return path


def test_the_registry_is_synced_at_ingest(db_url: str, tmp_path: Path) -> None:
    small = small_registry(tmp_path, "bodies.yaml", PARTY, TO_CHUC + ", aliases: [Ban Tổ chức TW]",
                           "{id: bo-chinh-tri, name: Bộ Chính trị, kind: party_organ}")
    with session_scope(db_url) as session:
        ingest_document(session, resolution(), registry=load(small))
    with new_session(db_url) as session:
        bodies = {b.id: (b.parent_id, b.aliases) for b in session.scalars(select(Body))}
    assert bodies == {
        "ban-chap-hanh-trung-uong-dang": (None, []),
        "ban-to-chuc-trung-uong": ("ban-chap-hanh-trung-uong-dang", ["Ban Tổ chức TW"]),
        "bo-chinh-tri": (None, []),
    }
    # Bộ Chính trị leaves the file; Ban Tổ chức stays (a duty names it, and the file has it)
    small.write_text("\n".join(small.read_text("utf-8").splitlines()[:-1]) + "\n", "utf-8")
    with session_scope(db_url) as session:
        ingest_document(session, resolution(), registry=load(small))
    with new_session(db_url) as session:
        assert sorted(session.scalars(select(Body.id))) == [
            "ban-chap-hanh-trung-uong-dang", "ban-to-chuc-trung-uong"]


def test_a_body_kept_for_another_documents_duties_goes_when_they_do(
        db_url: str, tmp_path: Path) -> None:
    """Syncing is skipped while ``bodies`` holds the registry exactly (its digest is
    stored); a body kept only because duties still name it is not that, so it goes at the
    first ingest after those duties do."""
    small = small_registry(tmp_path, "bodies.yaml", PARTY, TO_CHUC)
    with session_scope(db_url) as session:
        ingest_document(session, resolution(), registry=load(small))
    assert stored_digest(db_url) is not None
    assert "ban-to-chuc-trung-uong" in {b for b, _, _ in all_duties(db_url)}

    reduced = small_registry(tmp_path, "reduced.yaml", PARTY)
    for _ in range(2):  # another document, twice: the named body stays, and no digest
        with session_scope(db_url) as session:
            ingest_document(session, resolution(), doc_id="copy", registry=load(reduced))
        assert body_ids(db_url) == ["ban-chap-hanh-trung-uong-dang", "ban-to-chuc-trung-uong"]
        assert stored_digest(db_url) is None
    with session_scope(db_url) as session:  # the duties naming it are replaced
        ingest_document(session, resolution(), registry=load(reduced))
    assert body_ids(db_url) == ["ban-chap-hanh-trung-uong-dang"]
    assert stored_digest(db_url) is not None


def stored_digest(url: str) -> str | None:
    with new_session(url) as session:
        return session.scalar(select(StoreInfo.value).where(StoreInfo.key == DIGEST_KEY))


def body_ids(url: str) -> list[str]:
    with new_session(url) as session:
        return sorted(session.scalars(select(Body.id)))


def all_duties(url: str) -> list[tuple[str, str, bool]]:
    with new_session(url) as session:
        return list(session.execute(select(Duty.body_id, Duty.role, Duty.inferred)).all())


def test_deleting_a_document_cascades_to_its_analysis(db_url: str) -> None:
    with session_scope(db_url) as session:
        ingest_document(session, resolution())
    with session_scope(db_url) as session:
        session.execute(Document.__table__.delete())
    rows = analysis(db_url)
    assert all(rows[t.__tablename__] == [] for t in TABLES if t is not Body)


def test_the_registry_path_is_taken_from_the_repository() -> None:
    assert Settings().bodies_path == REPO / "corpus" / "bodies.yaml"
    assert Settings(bodies="corpus/other.yaml").bodies_path == REPO / "corpus" / "other.yaml"
    assert Settings(bodies="/etc/vnlex/bodies.yaml").bodies_path == Path(
        "/etc/vnlex/bodies.yaml")
