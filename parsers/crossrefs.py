"""Links from assignments (section IV) to the tasks and objectives they carry out.

An assignment and a task are linked when they share what is specific to them:

* **named documents**: both cite the same law or resolution (``Luật Công đoàn năm
  2012`` in III.6 and IV.2), found by ``parsers.citations``; each shared document adds
  ``CITATION_WEIGHT``.
* **key phrases**: pairs of adjacent syllables (``biên chế``, ``thí điểm``, ``tuyên
  truyền``), weighted by rarity: ``idf = ln(N / df)`` over the N provisions given, so a
  phrase found in every task (``công đoàn``) weighs nothing. Pairs with a function word
  (``và``, ``các`` …) and, when a registry is given, the names of bodies are left out:
  that a body is named in both says who, not what.

``score`` is the sum of the weights of what is shared. A link is kept when
``score >= threshold`` (``THRESHOLD`` = 6.0 by default: about two rare phrases, or one
shared document; measured on 02-NQ/TW, see docs/analysis.md). Each assignment keeps at
most ``max_links`` targets, best first. Links are ``inferred``: the bodies assigned in the
source are responsible for the target only through this link.
"""

from __future__ import annotations

import math
import re
from collections import Counter, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from parsers import vntext
from parsers.bodies import Mention, Registry, find_mentions
from parsers.citations import Citation, find_citations

THRESHOLD = 6.0
CITATION_WEIGHT = 6.0
MAX_LINKS = 5
SOURCE_ROLES = ("implementation",)
TARGET_ROLES = ("task", "objective")

# Syllables that carry no subject matter; a pair containing one is not a key phrase.
# Written with diacritics: folded, "thí" (thí điểm) would look like "thì", "mới" like "mọi".
# fmt: off
STOP_SYLLABLES = frozenset(vntext.normalize(w) for w in (
    "và", "các", "của", "trong", "với", "để", "những", "một", "về", "theo", "tại", "là", "có",
    "được", "cho", "nhất", "hơn", "này", "do", "đó", "khi", "đã", "đang", "sẽ", "thì", "mà",
    "như", "từ", "đến", "ở", "cùng", "giữa", "hoặc", "bằng", "vào", "ra", "lên", "trên",
    "dưới", "mọi", "từng", "việc", "nhiều", "ít", "rất", "càng", "phải", "cần", "đối", "nơi",
    "mới",
))
# Procedural words of every resolution: sharing them says nothing about the subject.
PROCEDURAL = frozenset(vntext.normalize(p) for p in (
    "thực hiện", "tổ chức", "tăng cường", "kiểm tra", "giám sát", "nghị quyết", "chỉ đạo",
    "lãnh đạo", "phối hợp", "nghiên cứu", "tình hình", "hoạt động", "phù hợp", "thường xuyên",
    "định kỳ", "xây dựng", "triển khai", "ban hành", "đề xuất", "nâng cao", "hiệu quả",
    "tổng kết", "sơ kết", "chương trình", "kế hoạch", "nội dung", "hằng năm", "nhiệm vụ",
    "bảo đảm", "đảm bảo", "quan tâm", "đổi mới", "chủ động", "tích cực", "phát huy", "chủ trì",
    "liên quan", "kết quả", "đánh giá", "theo dõi", "đôn đốc", "hướng dẫn", "yêu cầu",
    "cơ quan", "đơn vị", "địa phương",
))
# fmt: on
_WORD = re.compile(r"[^\W\d_]+")
_BREAK = re.compile(r"[^\W_]+|[^\w\s]")


@dataclass(frozen=True, slots=True)
class CrossRef:
    """``source`` (an assignment) carries out ``target`` (a task or objective)."""

    source: str
    target: str
    score: float
    terms: tuple[str, ...]  # shared key phrases, folded, rarest first
    citations: tuple[str, ...]  # shared cited documents, as printed in the source
    inferred: bool = True


@dataclass(frozen=True, slots=True)
class _Features:
    pairs: tuple[str | None, ...]  # key-phrase pairs in text order; None where text breaks
    citations: dict[str, str]  # key → raw text
    pair_set: frozenset[str]  # the pairs, once (each source meets every target)


def link_assignments(
    provisions: Sequence[tuple[str, str | None, str]],
    *,
    registry: Registry | None = None,
    threshold: float = THRESHOLD,
    max_links: int = MAX_LINKS,
    mentions: Mapping[str, Sequence[Mention]] | None = None,
) -> list[CrossRef]:
    """Link every assignment to the tasks and objectives it shares enough with.

    Args:
        provisions: ``(provision_id, role, text)`` for every provision of one document
            (all of them: the rarity of a phrase is counted over this list).
        registry: if given, body names are not counted as shared phrases.
        threshold: the least score a link needs.
        max_links: the most links kept per assignment.
        mentions: provision id → ``find_mentions(text, registry)``, for the provisions
            whose mentions the caller has already found.

    Returns:
        Links sorted by source, then score (highest first).
    """
    sources = [pid for pid, role, _ in provisions if role in SOURCE_ROLES]
    targets = [pid for pid, role, _ in provisions if role in TARGET_ROLES]
    if not sources or not targets:
        return []  # nothing to link: a law has no assignments section
    known = mentions or {}
    features = {pid: _features(text, registry, known.get(pid)) for pid, _, text in provisions}
    df = Counter(pair for f in features.values() for pair in f.pair_set)
    n = len(provisions)
    idf = {pair: math.log(n / count) for pair, count in df.items()}
    links: list[CrossRef] = []
    for source in sources:
        # A pair that shares no phrase and no citation scores 0: under any positive
        # threshold it is not worth building (most pairs of a document share nothing).
        mine = features[source]
        found = [_link(source, t, features, idf) for t in targets
                 if t != source and (threshold <= 0 or _shares(mine, features[t]))]
        kept = sorted((x for x in found if x.score >= threshold), key=lambda x: -x.score)
        links.extend(kept[:max_links])
    return links


def infer_duties(
    links: Iterable[CrossRef], duties: dict[str, list[tuple[str, str]]]
) -> list[tuple[str, str, str, str]]:
    """``(body_id, role, target, source)`` for each body assigned in a linked source;
    partners only beside their doer (``_carried``).

    Args:
        links: from ``link_assignments``.
        duties: provision id → ``(body_id, role)`` of the bodies assigned there
            (``mention`` roles are skipped).
    """
    carried = {source: _carried(assigned) for source, assigned in duties.items()}
    return [
        (body_id, role, link.target, link.source)
        for link in links
        for body_id, role in carried.get(link.source, ())
    ]


# Roles of a doer: the body an assignment's sentence is about, not its partner.
_DOER_ROLES = frozenset({"lead", "implement"})


def _carried(assigned: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """What an assignment's duties pass to the tasks it is linked to. A partner ("phối hợp
    với Bộ Xây dựng") is one only beside the doer it helps; when the text names no doer (its
    subject is the item's title or a lead-in above, which inference does not see: "4. Các
    bộ, …" / "… phối hợp với Bộ Xây dựng …", 2597/QĐ-TTg V.4), the partner alone would be
    credited with the linked tasks, so nothing is carried."""
    kept = [(body, role) for body, role in assigned if role != "mention"]
    return kept if any(role in _DOER_ROLES for _, role in kept) else [
        (body, role) for body, role in kept if role != "coordinate"]


def _shares(a: _Features, b: _Features) -> bool:
    return not a.pair_set.isdisjoint(b.pair_set) or not a.citations.keys().isdisjoint(
        b.citations.keys())


def _link(
    source: str, target: str, features: dict[str, _Features], idf: dict[str, float]
) -> CrossRef:
    a, b = features[source], features[target]
    shared = a.pair_set & b.pair_set
    phrases: dict[str, float] = {}
    run: list[str] = []
    for pair in (*a.pairs, None) if shared else ():  # adjacent shared pairs make one phrase
        if pair in shared:
            run.append(pair)
            continue
        if run:
            words = run[0].split() + [p.split()[1] for p in run[1:]]
            phrases.setdefault(" ".join(words), max(idf[p] for p in run))
            run = []
    cited = sorted(a.citations.keys() & b.citations.keys())
    score = sum(phrases.values()) + CITATION_WEIGHT * len(cited)
    terms = tuple(sorted((p for p, w in phrases.items() if w > 0), key=lambda p: -phrases[p]))
    return CrossRef(source, target, round(score, 3), terms, tuple(a.citations[k] for k in cited))


def _features(
    text: str, registry: Registry | None, mentions: Sequence[Mention] | None = None
) -> _Features:
    if registry is not None:
        found = mentions if mentions is not None else find_mentions(text, registry)
        text = _commas_over(text, [(m.start, m.end) for m in found])
    citations = [c for c in find_citations(text) if c.kind != "internal"]
    text = _commas_over(text, [(c.start, c.end) for c in citations])  # a law's name is no phrase
    tokens = list(map(_word_or_none, _BREAK.findall(vntext.normalize(text))))
    # joined[i]: "tokens[i] tokens[i+1]" when both are words (built once, read twice).
    joined = [f"{a} {b}" if a and b else None for a, b in zip(tokens, tokens[1:], strict=False)]
    # A word of a procedural phrase ("tăng cường kiểm tra") joins no key phrase either.
    spent = {i for i, pair in enumerate(joined) if pair in PROCEDURAL}
    spent |= {i + 1 for i in spent}
    free = [i not in spent and t not in STOP_SYLLABLES for i, t in enumerate(tokens)]
    pairs: list[str | None] = [None]
    pairs += [p if p and free[i] and free[i + 1] else None for i, p in enumerate(joined)]
    return _Features(
        tuple(pairs),
        {_citation_key(c): c.raw for c in citations},
        frozenset(p for p in pairs if p),
    )


# A document repeats a few thousand words: each is judged once.
@lru_cache(maxsize=1 << 16)
def _word_or_none(token: str) -> str | None:
    """``token`` when it is a word (letters only), else None (a number, a punctuation)."""
    return token if _WORD.fullmatch(token) else None


def _commas_over(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` with each span replaced by a comma, exactly as replacing them one at a time
    from the last start back (``text = text[:start] + "," + text[end:]``) would, even where
    spans overlap, but in one pass: that loop copied the text once per span.

    The text is kept as ``text[:head]`` (untouched so far) plus ``tail``: slices of
    ``text`` and commas (``None``); a span's end reaching past ``head`` drops that many
    characters from the front of ``tail``.
    """
    head = len(text)
    tail: deque[tuple[int, int] | None] = deque()
    for start, end in sorted(spans, key=lambda span: -span[0]):
        if end <= head:
            if end < head:
                tail.appendleft((end, head))
        else:
            _drop_front(tail, end - head)
        tail.appendleft(None)
        head = start
    return text[:head] + "".join("," if c is None else text[c[0] : c[1]] for c in tail)


def _drop_front(tail: deque[tuple[int, int] | None], count: int) -> None:
    while count > 0 and tail:
        chunk = tail.popleft()
        size = 1 if chunk is None else chunk[1] - chunk[0]
        if count < size and chunk is not None:
            tail.appendleft((chunk[0] + count, chunk[1]))
            return
        count -= size


def _citation_key(cite: Citation) -> str:
    if cite.number:
        return f"{cite.kind}:{vntext.slug(cite.number)}"
    return f"{cite.kind}:{vntext.slug(cite.title or cite.raw)}:{cite.year or ''}"
