"""Every kind of provision the parser makes has a name on the web page and an element in
the Akoma Ntoso export (a kind without one showed its bare code, ``row``, to readers)."""

from __future__ import annotations

import pytest

from app.services.akn import ELEMENTS
from app.web.views import KIND_LABELS
from parsers.model import KINDS


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_a_label_and_an_element(kind: str) -> None:
    assert KIND_LABELS.get(kind), kind
    assert kind in ELEMENTS, kind
