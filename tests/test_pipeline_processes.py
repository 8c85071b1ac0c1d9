"""extract_records in worker processes: the same records, in input order, as parsing in one process."""

from __future__ import annotations

import multiprocessing

import pytest
from spacy.language import Language

from incidentwire.extract import pipeline
from incidentwire.extract.pipeline import extract_records
from incidentwire.model import Report
from incidentwire.nlp import get_nlp

PLACES = ["Quetta", "Peshawar", "Kabul", "Kandahar", "Lahore", "Karachi", "Mosul", "Baghdad"]


def _attack(n: int) -> Report:
    place = PLACES[n % len(PLACES)]
    return Report(
        id=f"attack-{n}",
        published=f"2013-05-0{1 + n % 9}",
        text=f"Gunmen opened fire on a police checkpoint in {place} on Monday, killing {n + 2} "
        f"officers and wounding {n + 5} others, officials said.",
    )


def _stream(attacks: int = 18) -> list[Report]:
    """Attack reports with non-attack reports and an empty one between them."""
    quiet = [
        Report(
            id=f"quiet-{n}",
            text=f"The city council of {PLACES[n % 8]} approved a new budget for schools and roads on Tuesday.",
        )
        for n in range(attacks // 3 + 1)
    ]
    stream: list[Report] = []
    for n in range(attacks):
        stream.append(_attack(n))
        if n % 3 == 0:
            stream.append(quiet[n // 3])
    stream.insert(5, Report(id="empty", text="   "))
    return stream


def _dumps(records) -> list[dict]:
    return [r.model_dump() for r in records]


def test_two_worker_processes_give_the_same_records_in_input_order():
    stream = _stream()
    here = list(extract_records(stream, processes=1))
    in_workers = list(extract_records(iter(stream), processes=2))
    assert [r.report.id for r in in_workers] == [r.id for r in stream]
    assert _dumps(in_workers) == _dumps(here)
    assert sum(bool(r.incidents) for r in in_workers) == 18


def test_default_uses_workers_for_a_long_stream_and_gives_the_same_records():
    stream = _stream(attacks=pipeline.MIN_REPORTS_FOR_PROCESSES + 4)
    assert _dumps(extract_records(stream)) == _dumps(extract_records(stream, processes=1))
    assert not multiprocessing.active_children()  # the pool is shut down once the stream ends


def test_a_document_that_breaks_the_parser_fails_alone():
    nlp = get_nlp()

    @Language.component("fails_on_marker")
    def fails_on_marker(doc):
        if "Zyxwv" in doc.text:
            raise ValueError("marker seen")
        return doc

    nlp.add_pipe("fails_on_marker", last=True)
    try:
        bad = Report(id="bad", text="Gunmen opened fire in Zyxwv, killing two policemen.")
        records = list(extract_records([_attack(1), bad, _attack(2)], nlp=nlp))
    finally:
        nlp.remove_pipe("fails_on_marker")
    assert [r.report.id for r in records] == ["attack-1", "bad", "attack-2"]
    assert records[1].error and "marker seen" in records[1].error and not records[1].incidents
    assert records[0].incidents and records[2].incidents


def test_fewer_than_one_process_is_a_clear_error():
    with pytest.raises(ValueError, match="processes must be at least 1, got 0"):
        list(extract_records([_attack(0)], processes=0))
