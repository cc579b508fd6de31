"""URLs of resources, as the API serves them (paths relative to the API root)."""

from __future__ import annotations

from urllib.parse import quote


def provision_url(provision_id: str) -> str:
    """``/provisions/02-nq-tw-2021/IV.4``; non-ASCII path parts (``d6.1.đ``) percent-encoded."""
    return "/provisions/" + quote(provision_id, safe="/")


def document_url(doc_id: str) -> str:
    return "/documents/" + quote(doc_id, safe="")


def body_url(body_id: str) -> str:
    return "/bodies/" + quote(body_id, safe="")
