"""The registry of bodies (corpus/bodies.yaml) and finding mentions (parsers/bodies/)."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from nq02 import ROOT

from parsers import vntext
from parsers.bodies import Body, Registry, find_mentions, load_registry
from parsers.bodies.model import Successor

REGISTRY_PATH = ROOT / "corpus" / "bodies.yaml"
REGISTRY = load_registry(REGISTRY_PATH)


def found(text: str) -> list[tuple[str, str]]:
    return [(m.body_id, m.text) for m in find_mentions(text, REGISTRY)]


# --------------------------------------------------------------------------- the registry


def test_every_id_is_the_slug_of_its_name():
    raw = yaml.safe_load(REGISTRY_PATH.read_text(encoding="utf-8"))
    for entry in raw["bodies"]:
        assert entry["id"] == vntext.slug(entry["name"]), entry["name"]


@pytest.mark.parametrize(
    ("body_id", "kind", "parent"),
    [
        # every body named in 02-NQ/TW
        ("bo-chinh-tri", "party_organ", "ban-chap-hanh-trung-uong-dang"),
        ("ban-bi-thu", "party_organ", "ban-chap-hanh-trung-uong-dang"),
        ("dang-doan-quoc-hoi", "party_organ", "quoc-hoi"),
        ("ban-can-su-dang-chinh-phu", "party_organ", "chinh-phu"),
        ("chinh-phu", "state_organ", "nha-nuoc"),
        ("ban-to-chuc-trung-uong", "party_organ", "ban-chap-hanh-trung-uong-dang"),
        ("ban-tuyen-giao-trung-uong", "party_organ", "ban-chap-hanh-trung-uong-dang"),
        ("hoc-vien-chinh-tri-quoc-gia-ho-chi-minh", "party_organ", None),
        ("ban-dan-van-trung-uong", "party_organ", "ban-chap-hanh-trung-uong-dang"),
        ("tong-lien-doan-lao-dong-viet-nam", "socio_political", "cong-doan-viet-nam"),
        (
            "dang-doan-tong-lien-doan-lao-dong-viet-nam",
            "party_organ",
            "tong-lien-doan-lao-dong-viet-nam",
        ),
        ("cong-doan-viet-nam", "socio_political", "mat-tran-to-quoc-viet-nam"),
        ("mat-tran-to-quoc-viet-nam", "socio_political", None),
        ("tinh-uy-thanh-uy", "local", None),
        ("cap-uy-cac-cap", "collective", None),
        ("chinh-quyen-cac-cap", "collective", None),
        ("cac-bo-nganh-lien-quan", "collective", None),
        ("nha-nuoc", "state_organ", None),
        ("quoc-hoi", "state_organ", "nha-nuoc"),
        ("dang-cong-san-viet-nam", "party_organ", None),
        # 57-NQ/TW and 69-KL/TW
        ("ban-kinh-te-trung-uong", "party_organ", "ban-chap-hanh-trung-uong-dang"),
        ("van-phong-trung-uong-dang", "party_organ", "ban-chap-hanh-trung-uong-dang"),
        ("dang-doan-mat-tran-to-quoc-viet-nam", "party_organ", "mat-tran-to-quoc-viet-nam"),
        # Luật Công đoàn 2024
        ("uy-ban-thuong-vu-quoc-hoi", "state_organ", "quoc-hoi"),
        ("kiem-toan-nha-nuoc", "state_organ", "nha-nuoc"),
        # 03/NQ-CP
        ("bo-khoa-hoc-va-cong-nghe", "state_organ", "chinh-phu"),
        ("bo-thong-tin-va-truyen-thong", "state_organ", "chinh-phu"),
        ("cac-bo-nganh-dia-phuong", "collective", None),
    ],
)
def test_registry_entry(body_id, kind, parent):
    body = REGISTRY.get(body_id)
    assert body is not None
    assert (body.kind, body.parent) == (kind, parent)


_SPLIT_TO = [Body("bo-a", "Bộ A", "state_organ"), Body("bo-b", "Bộ B", "state_organ")]


def test_a_split_body_is_a_predecessor_of_each_successor():
    # Bộ Lao động - Thương binh và Xã hội, split in 2025 among three ministries
    for later in ("bo-noi-vu", "bo-y-te", "bo-giao-duc-va-dao-tao"):
        assert "bo-lao-dong-thuong-binh-va-xa-hoi" in {b.id for b in REGISTRY.predecessors(later)}
    old = REGISTRY.get("bo-lao-dong-thuong-binh-va-xa-hoi")
    assert old is not None and old.successor is None
    assert all(s.scope and s.change_act and "/2025/NĐ-CP" in s.change_act
               for s in old.taken_over_by)


@pytest.mark.parametrize(
    ("bodies", "message"),
    [
        ([Body("bct", "Bộ Chính trị", "party_organ")], "not the slug"),  # id must be the slug
        ([Body("bo-chinh-tri", "Bộ Chính trị", "organ")], "unknown kind"),  # kind from a list
        ([Body("bo-chinh-tri", "Bộ Chính trị", "party_organ", parent="x")], "unknown parent"),
        (  # one spelling, two bodies: a mention could not be attributed
            [
                Body("bo-chinh-tri", "Bộ Chính trị", "party_organ", aliases=("BCT",)),
                Body("ban-chi-dao", "Ban Chỉ đạo", "party_organ", aliases=("BCT",)),
            ],
            "belongs to",
        ),
        # a split names two successors or more, each with the part it took over
        ([*_SPLIT_TO, Body("bo-cu", "Bộ Cũ", "state_organ", valid_to="2025-02-28",
                           change_act="Nghị quyết 176/2025/QH15", sources=("x",),
                           successors=(Successor("bo-a", "lao động"), Successor("bo-b")))],
         "each with its scope"),
        ([*_SPLIT_TO, Body("bo-cu", "Bộ Cũ", "state_organ", valid_to="2025-02-28",
                           change_act="Nghị quyết 176/2025/QH15", sources=("x",),
                           successors=(Successor("bo-a", "lao động"),))],
         "two successors or more"),
        ([*_SPLIT_TO, Body("bo-cu", "Bộ Cũ", "state_organ", valid_to="2025-02-28",
                           change_act="Nghị quyết 176/2025/QH15", sources=("x",),
                           successor="bo-a", successors=(Successor("bo-a", "lao động"),
                                                         Successor("bo-b", "trẻ em")))],
         "not both"),
        ([*_SPLIT_TO, Body("bo-cu", "Bộ Cũ", "state_organ",
                           successors=(Successor("bo-a", "lao động"),
                                       Successor("bo-b", "trẻ em")))],
         "needs its scope, change_act and sources"),  # in force: a field handed over
        ([*_SPLIT_TO, Body("bo-cu", "Bộ Cũ", "state_organ", successor="bo-a")],
         "needs valid_to"),  # a sole successor: the body ended
    ],
)
def test_registry_rejects(bodies, message):
    with pytest.raises(ValueError, match=message):
        Registry.build(bodies)


# --------------------------------------------------------------------------- mentions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the canonical spelling
        ("Ban Tổ chức Trung ương chủ trì", [("ban-to-chuc-trung-uong", "Ban Tổ chức Trung ương")]),
        # no diacritics at all
        ("Ban To chuc Trung uong chu tri", [("ban-to-chuc-trung-uong", "Ban To chuc Trung uong")]),
        # old tone style (ủy) vs new (uỷ)
        # (one collective subject, issue 11: "các cấp ủy, tổ chức đảng")
        (
            "Các cấp uỷ, tổ chức đảng",
            [("cac-cap-uy-to-chuc-dang", "Các cấp uỷ, tổ chức đảng")],
        ),
        # capitals of a heading
        ("T/M BỘ CHÍNH TRỊ", [("bo-chinh-tri", "BỘ CHÍNH TRỊ")]),
        # an abbreviation from the registry
        (
            "Ban Tổ chức TW và TLĐLĐVN",
            [
                ("ban-to-chuc-trung-uong", "Ban Tổ chức TW"),
                ("tong-lien-doan-lao-dong-viet-nam", "TLĐLĐVN"),
            ],
        ),
        # the longest name wins: Đảng đoàn TLĐLĐVN, not Tổng Liên đoàn inside it
        (
            "phối hợp với Đảng đoàn Tổng Liên đoàn Lao động Việt Nam",
            [
                (
                    "dang-doan-tong-lien-doan-lao-dong-viet-nam",
                    "Đảng đoàn Tổng Liên đoàn Lao động Việt Nam",
                ),
            ],
        ),
        # the longest name wins: Ban cán sự đảng Chính phủ, not Chính phủ
        (
            "Ban cán sự đảng Chính phủ lãnh đạo",
            [("ban-can-su-dang-chinh-phu", "Ban cán sự đảng Chính phủ")],
        ),
        # a list separated by commas
        (
            "báo cáo Bộ Chính trị, Ban Bí thư",
            [("bo-chinh-tri", "Bộ Chính trị"), ("ban-bi-thu", "Ban Bí thư")],
        ),
        # a class name with a comma inside it
        (
            "Chính phủ, các bộ, ngành liên quan và chính quyền các cấp",
            [
                ("chinh-phu", "Chính phủ"),
                ("cac-bo-nganh-lien-quan", "các bộ, ngành liên quan"),
                ("chinh-quyen-cac-cap", "chính quyền các cấp"),
            ],
        ),
        # lower-case "công đoàn" is the type of organisation, never a body
        ("tăng cường phối hợp với công đoàn", []),
        # capitalised "Công đoàn" mid-sentence is the organisation
        ("giao biên chế cho Công đoàn hợp lý", [("cong-doan-viet-nam", "Công đoàn")]),
        # "Công đoàn các cấp" is the class, not Công đoàn Việt Nam
        ("Công đoàn các cấp căn cứ nhu cầu", [("cong-doan-cac-cap", "Công đoàn các cấp")]),
        # a law's title is not the body it is named after
        ("sửa đổi, bổ sung Luật Công đoàn năm 2012", []),
        # "Chính phủ số" is e-government, not the Government
        ("Phát triển Chính phủ số, kinh tế số", []),
        # lower-case "nhà nước" is an adjective; capitalised "Nhà nước" is the State
        ("quản lý nhà nước về lao động", []),
        (
            "Nhà nước, chính quyền các cấp có cơ chế",
            [
                ("nha-nuoc", "Nhà nước"),
                ("chinh-quyen-cac-cap", "chính quyền các cấp"),
            ],
        ),
        # a prize named after the State is not the State
        ("Giải thưởng Hồ Chí Minh, Giải thưởng Nhà nước", []),
        # a comma in print that the name does not have ends it: not "tỉnh ủy" (both are
        # local bodies of their own since issue 11)
        ("báo cáo Ủy ban nhân dân tỉnh, Ủy ban nhân dân cấp xã",
         [("uy-ban-nhan-dan-cap-tinh", "Ủy ban nhân dân tỉnh"),
          ("uy-ban-nhan-dan-cap-xa", "Ủy ban nhân dân cấp xã")]),
        # the issuer code inside a document number is not a mention
        (
            "Thông báo số 569/TB-VPCP của Văn phòng Chính phủ",
            [("van-phong-chinh-phu", "Văn phòng Chính phủ")],
        ),
        # a Deputy Prime Minister is not the Prime Minister
        ("Giao Phó Thủ tướng Hồ Đức Phớc chỉ đạo", []),
        # one folded word needs its diacritics: "Đang tải" (loading) is not "Đảng"
        ("Đang tải văn bản. Đăng nhập", []),
        ("sự lãnh đạo của Đảng", [("dang-cong-san-viet-nam", "Đảng")]),
        # "Đảng viên" is a person, not the Party
        ("Đảng viên làm việc trong các cơ quan", []),
        # a ministry's name starts with a capital: "cán bộ khoa học" is not Bộ Khoa học
        ("xây dựng đội ngũ cán bộ khoa học và công nghệ", []),
        (
            "Bộ Khoa học và công nghệ chủ trì",
            [("bo-khoa-hoc-va-cong-nghe", "Bộ Khoa học và công nghệ")],
        ),
        # an abbreviation in lower case is another word
        ("vtv", []),
        # a name never spans a sentence break
        ("Bộ Chính. Trị", []),
    ],
)
def test_find_mentions(text, expected):
    assert found(text) == expected


def test_mention_offsets_in_nfd_text():
    import unicodedata

    text = unicodedata.normalize("NFD", "báo cáo Bộ Chính trị")
    (mention,) = find_mentions(text, REGISTRY)
    assert text[mention.start : mention.end] == mention.text
    assert vntext.nfc(mention.text) == "Bộ Chính trị"


def test_bodies_of_02_nq_tw_section_iv():
    text = (ROOT / "corpus" / "02-NQ-TW-2021.md").read_text(encoding="utf-8")
    ids = {m.body_id for m in find_mentions(text, REGISTRY)}
    assert {
        "tinh-uy-thanh-uy",
        "dang-doan-quoc-hoi",
        "ban-can-su-dang-chinh-phu",
        "ban-to-chuc-trung-uong",
        "ban-tuyen-giao-trung-uong",
        "hoc-vien-chinh-tri-quoc-gia-ho-chi-minh",
        "ban-dan-van-trung-uong",
        "dang-doan-tong-lien-doan-lao-dong-viet-nam",
        "tong-lien-doan-lao-dong-viet-nam",
        "bo-chinh-tri",
        "ban-bi-thu",
        "cong-doan-viet-nam",
        "mat-tran-to-quoc-viet-nam",
        "nha-nuoc",
        "chinh-phu",
    } <= ids


# --------------------------------------------------------------------------- properties

SPELLINGS = sorted({a for b in REGISTRY.bodies for a in (b.name, *b.aliases, *b.cased_aliases)})
FILLER = st.text(alphabet="abcđơ ,.;-\n", max_size=12)


@given(st.lists(st.tuples(FILLER, st.sampled_from(SPELLINGS)), max_size=5), FILLER)
def test_mentions_slice_to_a_spelling_of_their_body(parts, tail):
    text = "".join(f + s for f, s in parts) + tail
    spellings = {}
    for body in REGISTRY.bodies:
        for alias in (body.name, *body.aliases, *body.cased_aliases):
            spellings.setdefault(body.id, set()).add(" ".join(vntext.terms(alias)))
    previous_end = 0
    for m in find_mentions(text, REGISTRY):
        assert text[m.start : m.end] == m.text
        assert " ".join(vntext.terms(m.text)) in spellings[m.body_id]
        assert m.start >= previous_end  # sorted, no overlaps
        previous_end = m.end


@given(st.text(max_size=200))
def test_never_crashes(text):
    for m in find_mentions(text, REGISTRY):
        assert 0 <= m.start < m.end <= len(text)


def test_parsers_stay_pure():
    # the parsing layer imports neither the storage nor the web layer (ARCHITECTURE.md)
    import re

    parsers = ROOT / "parsers"
    paths = [*(parsers / "bodies").glob("*.py"), *(parsers / "duties").glob("*.py"),
             *(parsers / f"{name}.py" for name in ("targets", "citations", "crossrefs"))]
    assert len(paths) >= 14  # both pipelines' modules are read, not an empty glob
    for path in paths:
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import)\s+(sqlalchemy|fastapi|app)\b", source, re.M)


@pytest.mark.parametrize(
    ("text", "unknown"),
    [
        ("quyền sở hữu và đảng viên", []),  # head words in lower case: no word is read
        ("Sở Y tế phối hợp", ["Sở Y tế"]),
        ("Phối hợp với Đảng ủy Tập đoàn Điện lực Việt Nam.",
         ["Đảng ủy Tập đoàn Điện lực Việt Nam"]),
        # a committee of the agency of a registered body is not that body (KH 3260)
        ("Đảng đoàn Quốc hội phối hợp với Đảng ủy cơ quan Văn phòng Quốc hội tổ chức.",
         ["Đảng ủy cơ quan Văn phòng Quốc hội"]),
        ("Đảng ủy cơ quan cấp trên", []),  # no name after the kind
    ],
)
def test_unknown_names_only_where_a_head_is_printed_with_a_capital(text: str,
                                                                    unknown: list[str]):
    from parsers.bodies import read_mentions

    assert [u.text for u in read_mentions(text, REGISTRY)[1]] == unknown


# Folded words that start spellings, their second words, and words that start none.
_WORDS = sorted({w for p in REGISTRY._index.values() for s in p for w in s.tokens[:2]}
                | {"va", "cac", "x", "2024"})


@given(st.lists(st.sampled_from(_WORDS), max_size=30))
def test_may_start_is_where_starting_finds_a_spelling(tokens):
    """The positions picked out at C speed are those the per-word lookup found."""
    expected = [i for i, t in enumerate(tokens)
                if REGISTRY.starting(t, tokens[i + 1] if i + 1 < len(tokens) else None)]
    assert REGISTRY.may_start(tokens) == expected
