"""A stock API fuzzer against the real server on loopback, from the server's own /openapi.json (issue 18).

schemathesis generates requests for every operation, valid ones and invalid ones, with the write token and
without it, and checks that no answer is a server error, that every status code and body is the one the
schema documents. The seed is fixed, so a failure reproduces; FUZZ_EXAMPLES (per operation, mode and
authorisation) bounds the time it takes.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, seed, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from incidentwire.ingest import ingest_reports
from incidentwire.read import iter_reports
from incidentwire.store import open_store
from incidentwire.web import create_app
from incidentwire.web.server import background_server

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "reports.jsonl"
TOKEN = "fuzz-token-51c2"
FUZZ_SEED = 20261202
FUZZ_EXAMPLES = int(os.environ.get("INCIDENTWIRE_FUZZ_EXAMPLES", "12"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def fuzzed_server(tmp_path_factory):
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'fuzz.sqlite'}")
    ingest_reports(store, iter_reports(CORPUS))
    with background_server(create_app(store, TOKEN, tiles=None)) as base_url:
        yield base_url
    store.close()


def _fuzz_operation(operation, base_url: str, mode: GenerationMode, headers: dict[str, str]) -> None:
    @seed(FUZZ_SEED)
    @settings(max_examples=FUZZ_EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode, headers=headers))
    def run(case) -> None:
        case.call_and_validate(base_url=base_url, checks=CHECKS, timeout=60)

    run()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
@pytest.mark.parametrize("authorized", [True, False], ids=["with-token", "without-token"])
def test_no_generated_request_gets_a_server_error_or_an_undocumented_answer(fuzzed_server, mode, authorized):
    headers = {"Authorization": f"Bearer {TOKEN}"} if authorized else {}
    schema = schemathesis.openapi.from_url(f"{fuzzed_server}/openapi.json")
    operations = [result.ok() for result in schema.include(path_regex="^/api/").get_all_operations()]
    assert len(operations) >= 12, "every API operation is in the schema"
    failures = []
    for operation in operations:
        try:
            _fuzz_operation(operation, fuzzed_server, mode, headers)
        except Unsatisfiable:  # nothing invalid to send: an operation whose only parameter is any string
            assert mode is GenerationMode.NEGATIVE, f"{operation.label}: no valid request can be generated"
        except Exception as failure:  # noqa: BLE001 - every operation is fuzzed, all failures reported
            failures.append(f"{operation.label}: {failure}")
    assert not failures, "\n\n".join(failures)
