"""Hand-built documents for the app tests: their trees do not depend on the parser."""

from __future__ import annotations

from pathlib import Path

from parsers import Document, Provision

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
RESOLUTION_ID = "99-nq-tw-2025"
LAW_ID = "98-2025-qh15"


def node(doc_id: str, path: str, kind: str, text: str = "", *, label: str | None = None,
         heading: str | None = None, role: str | None = None,
         children: tuple[Provision, ...] = ()) -> Provision:
    """A provision; ``label`` defaults to the last path part."""
    return Provision(
        id=f"{doc_id}/{path}", path=path, kind=kind,
        label=label if label is not None else path.rsplit(".", 1)[-1],
        heading=heading, text=text, role=role, children=children,
    )


def resolution(**overrides: str) -> Document:
    """A small Party resolution: sections I–III with items and bullets."""
    d = RESOLUTION_ID
    texts = {
        "I.1": "Công đoàn Việt Nam đã trưởng thành về mọi mặt.",
        "I.2": "Công tác hoà giải tranh chấp lao động còn hạn chế.",
        "II.1": "Phấn đấu có 16,5 triệu đoàn viên; ký kết thoả ước lao động tập thể.",
        "II.2": "Tổ chức hóa giải mâu thuẫn trong quan hệ lao động.",
        "III.1.1": "Ban Tổ chức Trung ương chủ trì nghiên cứu chế độ cán bộ công đoàn.",
        "III.1.2": "Thực hiện Nghị quyết số 02-NQ/TW của Bộ Chính trị.",
        "III.2": "ĐẨY MẠNH CHUYỂN ĐỔI SỐ TRONG HOẠT ĐỘNG CÔNG ĐOÀN.",
    }
    texts.update({k.replace("_", "."): v for k, v in overrides.items()})
    sections = (
        node(d, "I", "section", label="I", heading="TÌNH HÌNH", role="situation", children=(
            node(d, "I.1", "item", texts["I.1"], role="situation"),
            node(d, "I.2", "item", texts["I.2"], role="situation"),
        )),
        node(d, "II", "section", label="II", heading="MỤC TIÊU", role="objective", children=(
            node(d, "II.1", "item", texts["II.1"], role="objective"),
            node(d, "II.2", "item", texts["II.2"], role="objective"),
        )),
        node(d, "III", "section", label="III", heading="NHIỆM VỤ", role="task", children=(
            node(d, "III.1", "item", heading="Về tổ chức", role="task", children=(
                node(d, "III.1.1", "bullet", texts["III.1.1"], label="-", role="task"),
                node(d, "III.1.2", "bullet", texts["III.1.2"], label="-", role="task"),
            )),
            node(d, "III.2", "item", texts["III.2"], role="task"),
        )),
    )
    return Document(
        id=d, number="99-NQ/TW", type="Nghị quyết", issuer="Bộ Chính trị", party_header=None,
        date="2025-01-15", place="Hà Nội", title="về thử nghiệm công đoàn", provisions=sections,
    )


def law() -> Document:
    """A small law: one chapter, article 5 with clauses and points."""
    d = LAW_ID
    article = node(d, "d5", "article", label="5", heading="Quyền thành lập công đoàn", children=(
        node(d, "d5.1", "clause", "Người lao động có quyền thành lập công đoàn.", label="1"),
        node(d, "d5.2", "clause", "Theo Bộ luật Lao động số 45/2019/QH14:", label="2", children=(
            node(d, "d5.2.a", "point", "thương lượng tập thể;", label="a"),
            node(d, "d5.2.b", "point", "đối thoại tại nơi làm việc.", label="b"),
        )),
    ))
    chapter = node(d, "ch1", "chapter", label="I", heading="NHỮNG QUY ĐỊNH CHUNG",
                   children=(article,))
    return Document(
        id=d, number="98/2025/QH15", type="Luật", issuer="Quốc hội", party_header=None,
        date="2025-06-01", place=None, title="Thử nghiệm", provisions=(chapter,),
    )
