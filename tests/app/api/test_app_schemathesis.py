"""Schemathesis against the app's own ``/openapi.json``, in process (ASGI), with every
default check (issue 12): server errors, status codes, content types, headers and bodies
as declared, schema-valid input accepted and schema-invalid input rejected, auth not
ignored. Every operation is driven, the write routes with the admin token, on a database
of its own; at least ``MIN_REQUESTS`` requests in all. Hypothesis is derandomized, but
schemathesis's strategies are not fully repeatable across processes (the first operation
gets the same cases every run, later ones do not), so a failure here names its case with a
curl line to reproduce it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from factories_app import CORPUS
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from app.core.config import Settings
from app.db.migrate import upgrade
from app.db.session import dispose
from app.main import create_app
from app.services.ingest import ingest_paths

TOKEN = "schemathesis-admin-token"
MIN_REQUESTS = 2000
# Examples per operation and mode; uploads re-index, so they get fewer.
EXAMPLES = {"GET": 110, "POST": 25, "DELETE": 40}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    folder: Path = tmp_path_factory.mktemp("schemathesis")
    url = f"sqlite:///{folder / 'vnlex.db'}"
    upgrade(url)
    assert not ingest_paths(url, [CORPUS], jobs=1).refused
    yield create_app(Settings(database_url=url, admin_token=TOKEN))
    dispose(url)


def test_schemathesis_finds_nothing(app: FastAPI) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.method.upper() for op in operations} == {"GET", "POST", "DELETE"}
    sent = 0
    for operation in operations:
        sent += _drive(operation, GenerationMode.POSITIVE)
        # Unsatisfiable: nothing in its schema can be violated (`GET /health`, or
        # `/documents/{doc_id}` whose one input is any string), so no negative case exists.
        with contextlib.suppress(Unsatisfiable):
            sent += _drive(operation, GenerationMode.NEGATIVE)
    assert sent >= MIN_REQUESTS


def _drive(operation: schemathesis.APIOperation, mode: GenerationMode) -> int:
    headers = {"Authorization": f"Bearer {TOKEN}"} if operation.method.upper() != "GET" \
        else None
    # The upload's two checks that cannot hold for any text body: an uploaded text can be
    # refused for what it says (no provision in it, a legacy font encoding: 422
    # ingest_failed, which no schema of a text can state beforehand), and a "violating"
    # case (the token removed, a number for the text) still carries the token we add and
    # is a text all the same. Its other checks, and both checks everywhere else, stay.
    excluded = [schemathesis.checks.positive_data_acceptance,
                schemathesis.checks.negative_data_rejection] \
        if operation.label == "POST /documents" else []
    calls = 0

    @settings(max_examples=EXAMPLES[operation.method.upper()], deadline=None, database=None,
              derandomize=True, suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: schemathesis.Case) -> None:
        nonlocal calls
        calls += 1
        case.call_and_validate(headers=headers, excluded_checks=excluded)

    run()
    print(f"{operation.label} {mode.value}: {calls}")
    return calls
