"""Corpus builder: scale source documents to ``SCALE × 1 000 000`` provisions, on disk, cached.

Every source (the bundled ``corpus/`` plus the ``--corpus`` folders) is parsed once with
``parsers.parse_document`` to count its provisions. Copy 0 of each source is the file itself
(so the ids of ``bench/queries.tsv`` exist in the built corpus); copies 1, 2, … are derived:

* a new document number in the same format: its first run of digits becomes a serial from
  1000 to 9999 (``02-NQ/TW`` → ``1000-NQ/TW``, ``50/2024/QH15`` → ``1001/2024/QH15``; the
  parser reads at most four digits), skipping serials whose id is taken; and a new file name,
  so documents whose id comes from the file name get new ids too;
* a few words misspelt and a few numbers changed, chosen by an RNG seeded with the source
  and the copy number, so the vocabulary grows the way real collections grow (typos of
  conversion, other figures) while the structure, hence every provision path, stays.

Copies are added round-robin over the sources until the estimated count reaches the target.
The result is written under ``bench/.cache/`` (ignored by git) with a ``manifest.json``
written last: a folder with a manifest is complete and is reused as is.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import shutil
from collections.abc import Collection
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from parsers import Hints, ids, parse_document, vntext

SUFFIXES = (".md", ".txt")
BUILDER_VERSION = 6  # bump when the derived text changes: it is part of the cache key
CACHE = Path(__file__).resolve().parent / ".cache"
WORDS_CHANGED = 4  # misspelt words per derived copy
NUMBERS_CHANGED = 2  # changed figures per derived copy
HEADER_LINES = 15  # never vary the header: number, date and title decide the id

# Words whose change would change the structure the parser reads (and so the paths).
_STRUCTURE = {"phần", "chương", "mục", "điều", "khoản", "điểm", "phụ", "lục", "năm", "ngày",
              "tháng", "số"}
_MOTTO = "Cộng hòa xã hội chủ nghĩa Việt Nam Độc lập Tự do Hạnh phúc"
_WORD = re.compile(r"(?<![\w/-])([^\W\d_]{4,})(?![\w/-])")
# A figure inside a sentence: not a year, not part of a number like 02-NQ/TW or 1.2.
_FIGURE = re.compile(r"(?<=[ (])(\d{1,3})(?=[ %,;)])")


@dataclass(frozen=True)
class Source:
    path: str
    doc_id: str
    number: str | None
    year: str | None
    provisions: int
    bytes: int
    skipped: str = ""  # why the source is not copied: it did not parse, or its id is taken
    place: str = ""  # the locality slug a local number's id ends with (``ids.locality``)
    keep: tuple[str, ...] = ()  # slugs of the header's words, which copies never misspell


@dataclass(frozen=True)
class Copy:
    file: str  # relative to the ``files`` folder of the build
    source: int  # index in ``sources``
    copy: int  # 0 = the source itself
    doc_id: str


@dataclass(frozen=True)
class Build:
    folder: Path
    target: int
    sources: list[Source]
    copies: list[Copy]

    @property
    def files(self) -> Path:
        return self.folder / "files"

    @property
    def provisions(self) -> int:
        """Estimated provisions: each copy has as many as its source."""
        return sum(self.sources[c.source].provisions for c in self.copies)

    @property
    def source_bytes(self) -> int:
        return sum(self.sources[c.source].bytes for c in self.copies)

    def source_of(self) -> dict[str, str]:
        """Document id of every copy → document id of its source."""
        return {c.doc_id: self.sources[c.source].doc_id for c in self.copies}


def source_files(folders: list[Path]) -> list[Path]:
    """Every ``*.md``/``*.txt`` under the folders, sorted per folder, first folder first."""
    files: list[Path] = []
    for folder in folders:
        files.extend(sorted(p for p in folder.rglob("*") if p.suffix in SUFFIXES and p.is_file()))
    return files


def build(folders: list[Path], scale: float, cache: Path = CACHE, seed: int = 8) -> Build:
    """The corpus of ``scale × 1 000 000`` provisions from the sources under ``folders``."""
    files = source_files(folders)
    target = max(1, round(scale * 1_000_000))
    folder = cache / f"scale-{scale:g}-{_key(files, target, seed)}"
    manifest = folder / "manifest.json"
    if manifest.is_file():
        return load(folder)
    if folder.exists():  # an interrupted build: start again
        shutil.rmtree(folder)
    sources = _skip_duplicates([_describe(path) for path in files])
    usable = [i for i, s in enumerate(sources) if not s.skipped]
    copies = _write_copies(folder / "files", files, sources, usable, target, seed)
    result = Build(folder=folder, target=target, sources=sources, copies=copies)
    _check_ids(result)
    manifest.write_text(json.dumps({
        "target": target, "seed": seed,
        "sources": [asdict(s) for s in sources], "copies": [asdict(c) for c in copies],
    }, ensure_ascii=False), "utf-8")
    return result


def load(folder: Path) -> Build:
    data = json.loads((folder / "manifest.json").read_text("utf-8"))
    return Build(folder=folder, target=data["target"],
                 sources=[Source(**s) for s in data["sources"]],
                 copies=[Copy(**c) for c in data["copies"]])


def _key(files: list[Path], target: int, seed: int) -> str:
    """Cache key: the target, the seed, the builder and every source's path, size and mtime."""
    digest = hashlib.sha256(f"{BUILDER_VERSION}:{target}:{seed}".encode())
    for path in files:
        stat = path.stat()
        digest.update(f"\n{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:10]


def _describe(path: Path) -> Source:
    """Parse a source once: its id, number, year and provision count (0 if refused)."""
    raw = path.read_bytes()
    try:
        doc = parse_document(raw.decode("utf-8-sig"), hints=Hints(), name=path.stem)
    except Exception as exc:  # noqa: BLE001  (a refused source is simply not copied)
        return Source(str(path), "", None, None, 0, len(raw), f"parse error: {exc}"[:200])
    year = doc.date[:4] if doc.date else None
    place = ids.id_locality(doc.number, doc.issuer, doc.place)
    header = " ".join(filter(None, (_MOTTO, doc.issuer, doc.place, doc.title, doc.party_header)))
    keep = tuple(sorted(set(vntext.slug(header).split("-"))))
    return Source(str(path), doc.id, doc.number, year, sum(1 for _ in doc.walk()), len(raw),
                  place=place, keep=keep)


def _skip_duplicates(sources: list[Source]) -> list[Source]:
    """Sources whose id an earlier source has are skipped (``vnlex ingest`` would refuse them:
    the same law in the bundled corpus and in a collection, two downloads of one text)."""
    seen: dict[str, str] = {}
    out = []
    for source in sources:
        if not source.skipped and source.doc_id in seen:
            source = replace(source, skipped=f"same id as {seen[source.doc_id]}")
        seen.setdefault(source.doc_id, source.path)
        out.append(source)
    return out


def _write_copies(out: Path, files: list[Path], sources: list[Source], usable: list[int],
                  target: int, seed: int) -> list[Copy]:
    copies: list[Copy] = []
    used = {s.doc_id for s in sources if not s.skipped}
    serials = _Serials()
    total = 0
    k = 0
    while usable and total < target:
        for i in usable:
            if total >= target and k > 0:
                break
            copy = _write_copy(out, files[i], sources[i], i, k, seed, serials, used)
            copies.append(copy)
            used.add(copy.doc_id)
            total += sources[i].provisions
        k += 1
    return copies


class _Serials:
    """Numbers 1000…9999 in turn, wrapping: distinct for the first 9 000 copies."""

    def __init__(self) -> None:
        self.next = 0

    def take(self) -> int:
        value = 1000 + self.next % 9000
        self.next += 1
        return value


def _write_copy(out: Path, path: Path, source: Source, index: int, k: int, seed: int,
                serials: _Serials, used: set[str]) -> Copy:
    folder = out / f"s{index:04d}"
    folder.mkdir(parents=True, exist_ok=True)
    text = path.read_bytes().decode("utf-8-sig")
    if k == 0:
        name, doc_id = path.name, source.doc_id
    else:
        name = f"{path.stem}-c{k:04d}{path.suffix}"
        number, doc_id = _free_number(source, Path(name).stem, serials, used)
        text = vary(renumber(text, source.number, number), random.Random(f"{seed}:{index}:{k}"),
                    keep=set(source.keep))
    (folder / name).write_text(text, "utf-8")
    return Copy(file=f"{folder.name}/{name}", source=index, copy=k, doc_id=doc_id)


def _free_number(source: Source, stem: str, serials: _Serials,
                 used: set[str]) -> tuple[str | None, str]:
    """The next serial number whose document id is not taken, and that id."""
    if not source.number:  # the id comes from the (new) file name
        return None, ids.document_id(None, source.year, stem)
    for _ in range(9000):
        number = new_number(source.number, serials.take())
        doc_id = ids.document_id(number, source.year, stem, source.place)
        if doc_id not in used:
            return number, doc_id
    raise RuntimeError(f"bench build: no free number left for {source.number}")


def new_number(number: str, serial: int) -> str:
    """``number`` with its first run of digits replaced by ``serial`` (same format)."""
    match = re.search(r"\d+", number)
    if match is None:
        return f"{serial}-{number}"
    return f"{number[:match.start()]}{serial}{number[match.end():]}"


def renumber(text: str, old: str | None, new: str | None) -> str:
    """Every standalone occurrence of the document's own number replaced, also where it is
    printed with blanks around its separators (``Số: 9476 /BNNMT-CNTY``)."""
    if not old or not new:
        return text
    pieces = re.split(r"\s*([/-])\s*", old)  # parts and the separators between them
    spaced = "".join(re.escape(p) if i % 2 == 0 else rf"\s*{re.escape(p)}\s*"
                     for i, p in enumerate(pieces))
    return re.sub(rf"(?<![\w/-]){spaced}(?![\w/-])", new, text)


def vary(text: str, rng: random.Random, keep: Collection[str] = ()) -> str:
    """A few words misspelt and a few figures changed, outside the header.

    Words whose slug is in ``keep`` stay: the header of a crawled page can lie far below
    HEADER_LINES, and a local document's id ends with the locality its issuer names."""
    lines = text.split("\n")
    head, body = "\n".join(lines[:HEADER_LINES]), "\n".join(lines[HEADER_LINES:])
    words = [m for m in _WORD.finditer(body)
             if m.group(1).lower() not in _STRUCTURE and not _starts_line(body, m.start())
             and vntext.slug(m.group(1)) not in keep]
    figures = [m for m in _FIGURE.finditer(body) if not _starts_line(body, m.start())]
    edits = [(m.start(1), m.end(1), _misspell(m.group(1), rng))
             for m in rng.sample(words, min(WORDS_CHANGED, len(words)))]
    edits += [(m.start(1), m.end(1), str(int(m.group(1)) + rng.randint(1, 9)))
              for m in rng.sample(figures, min(NUMBERS_CHANGED, len(figures)))]
    for start, end, replacement in sorted(edits, reverse=True):
        body = body[:start] + replacement + body[end:]
    return head + "\n" + body if lines[HEADER_LINES:] else head


def _starts_line(text: str, offset: int) -> bool:
    """Whether only blanks and markup precede ``offset`` on its line (a label's place)."""
    start = text.rfind("\n", 0, offset) + 1
    return not text[start:offset].strip(" \t*#>_")


def _misspell(word: str, rng: random.Random) -> str:
    """One typing slip: two letters swapped, one doubled or one dropped."""
    i = rng.randrange(1, len(word) - 1)
    slip = rng.choice(("swap", "double", "drop"))
    if slip == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if slip == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + word[i + 1:]


def _check_ids(result: Build) -> None:
    """The ids of copy 1 of every source, re-parsed, are what the manifest says, and new.

    Other copies follow the same rule, so one re-parse per source is enough to trust it.
    """
    seen: set[str] = set()
    for c in result.copies:
        if c.doc_id in seen:
            raise RuntimeError(f"bench build: two copies with id {c.doc_id}")
        seen.add(c.doc_id)
        if c.copy != 1:
            continue
        path = result.files / c.file
        doc = parse_document(path.read_text("utf-8"), hints=Hints(), name=path.stem)
        if doc.id != c.doc_id:
            raise RuntimeError(f"bench build: {c.file} parses as {doc.id}, expected {c.doc_id}")
