"""The keys under which a cited document can be found, pure (issue 13).

A relation names its target by number or by title, and ``app.services.resolve
.find_documents`` decides which stored documents that names. To read only the documents
a target may name (never every document at each ingest), each document is stored under
the keys a target could reach it by, and each relation under the one key of its target:

* ``n:<slug>``: a document's id, its number's slug, and each prefix of its id that ends
  before a ``-`` (a Party number without its year, ``02-NQ/TW``, names ``02-nq-tw-2021``);
  a target's number slug, and the id its number makes;
* ``t:<words>``: a document's type and title as words (``vntext.words``), whole and each
  leading run of them (a title names a document whose type and title are or begin with its
  words); a target's title as words.

A key is stored as a number (``stored_key``, a 63-bit hash): a title's leading runs were
most of the keys' bytes, and a number is 8. Two keys that hash alike only add a candidate,
which ``find_documents`` then decides on as on any other.

Keys are few per document (bounded by the length of its id and title), and the documents
under a target's keys include every document it names, so ``find_documents`` run on them
decides as it would on all. A title found inside another (not at its start) is not a key:
that looser match of the resolver is not used for relations.
"""

from __future__ import annotations

import hashlib

from parsers import vntext

MAX_TITLE_WORDS = 40  # leading runs of a title kept as keys; longer titles: their whole


def document_keys(doc_id: str, number: str | None, doc_type: str | None,
                  title: str | None) -> list[str]:
    """Every key a target can find this document by, without duplicates."""
    keys = [f"n:{doc_id}"]
    parts = doc_id.split("-")
    keys += [f"n:{'-'.join(parts[:n])}" for n in range(1, len(parts))]
    if number:
        keys.append(f"n:{vntext.slug(number)}")
    words = vntext.words(f"{doc_type or ''} {title or ''}").split()
    if words:
        keys += [f"t:{' '.join(words[:n])}" for n in range(1, min(len(words), MAX_TITLE_WORDS) + 1)]
        keys.append(f"t:{' '.join(words)}")
    return list(dict.fromkeys(k for k in keys if k not in ("n:", "t:")))


def target_keys(number: str | None, title: str | None, doc_id: str | None) -> list[str]:
    """The keys of a relation's target (what ``relation_targets.target_of`` matches on:
    its number, else its title)."""
    if number:
        keys = [f"n:{vntext.slug(number)}"]
        return keys + [f"n:{doc_id}"] if doc_id else keys
    words = vntext.words(title or "")
    return [f"t:{words}"] if words else []


def stored_key(key: str) -> int:
    """The number a key is stored and looked up as (the same on every store and run)."""
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1  # fits a signed 64-bit column
