"""How ``app/db/text_dictionary_v1.txt`` was made (run by hand, never by the app):

    .venv/bin/python scripts/text_dictionary.py tests/fixtures > /tmp/dictionary.txt

The phrases of two to six words that the given documents repeat most, weighed by count ×
bytes, each kept once, the most useful last (deflate reaches the end of its dictionary at
the shortest distance), cut to whole phrases within deflate's 32 KB window. Version 1 was
made from tests/fixtures at commit 17b1cf0 (65 public laws, decrees and Party texts; never
from corpus/, which the benchmark scales, nor from the benchmark's documents). The file is
frozen: stored texts are packed against it. A new dictionary is a new file and mark in
``app/db/packed_text.py``, not a new run of this script over the old one.
"""

from __future__ import annotations

import sys
import unicodedata
from collections import Counter
from pathlib import Path

WINDOW = 32_768
MIN_COUNT = 3


def phrases(folder: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    for path in sorted([*folder.rglob("*.txt"), *folder.rglob("*.md")]):
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8", errors="replace"))
        for line in text.splitlines():
            words = line.split()
            for n in range(2, 7):
                counts.update(" ".join(words[i:i + n]) for i in range(len(words) - n + 1))
    return counts


def dictionary(counts: Counter[str]) -> str:
    ranked = sorted(((c * len(p.encode()), p) for p, c in counts.items() if c >= MIN_COUNT),
                    key=lambda item: (-item[0], item[1]))
    chosen: list[str] = []
    size = 0
    for _score, phrase in ranked:
        if any(phrase in kept for kept in chosen[-2000:]):
            continue
        size += len(phrase.encode()) + 1
        if size > WINDOW:
            break
        chosen.append(phrase)
    return " ".join(reversed(chosen))


if __name__ == "__main__":
    sys.stdout.write(dictionary(phrases(Path(sys.argv[1]))))
