"""`export --format corrections` feeds `eval reports`: an analyst's value is the expected one, so the
extractor's original reading scores a miss and the corrected store a hit (real extraction of the
founding report, a real SQLite file, the console script)."""

from __future__ import annotations

import json

from conftest import run_cli

from incidentwire.analyst import actions
from incidentwire.eval.reports import evaluate_reports, field_checks, load_labelled
from incidentwire.geo import Gazetteer
from incidentwire.ingest import ingest_reports
from incidentwire.model import Report
from incidentwire.store import open_store


def test_corrections_become_labelled_reports_the_machine_misses_and_the_store_hits(founding_report, tmp_path):
    url = f"sqlite:///{tmp_path / 'eval.sqlite'}"
    store = open_store(url)
    report = Report(id="kpo", published="2023-02-18", text=founding_report.read_text(encoding="utf-8"))
    ingest_reports(store, [report])
    incident = store.list_incidents().items[0]
    machine_killed = incident.killed.best
    corrected_killed = (machine_killed or 0) + 7
    actions.correct(store, incident.id, "alice", "killed", {"best": corrected_killed}, "the hospital's count")
    store.close()
    labelled = tmp_path / "corrections.jsonl"
    done = run_cli("export", "--format", "corrections", "--db", url, "-o", str(labelled))
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in labelled.read_text(encoding="utf-8").splitlines()]
    assert [(line["id"], line["expected"], line["corrected_by"]) for line in lines] == [
        ("kpo", {"killed": corrected_killed}, ["alice"])
    ]
    items = load_labelled(labelled)
    scored = evaluate_reports(items).scores["killed"]
    assert (scored.correct, scored.total) == (0, 1)  # the extractor's reading is the miss
    store = open_store(url)
    stored = store.incident(incident.id)
    store.close()
    ok, predicted = field_checks(Gazetteer.load())["killed"](items[0].expected, [], stored)
    assert ok and predicted == corrected_killed
    evaluated = run_cli("eval", "reports", str(labelled), "--json")
    assert evaluated.returncode == 0, evaluated.stderr
