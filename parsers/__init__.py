"""Pure parsing of Vietnamese legal and Party texts: text in, typed ``Document`` out.

No database, no web: this package imports only the standard library.
"""

from parsers.model import (
    CopyCertificate,
    Document,
    Hints,
    ParseWarning,
    Provision,
    Signer,
)
from parsers.pipeline import ParseError, parse_document

__all__ = [
    "CopyCertificate",
    "Document",
    "Hints",
    "ParseError",
    "ParseWarning",
    "Provision",
    "Signer",
    "parse_document",
]
