"""Ingest end to end on a real SQLite file and a real PostgreSQL server: store once, merge, reconcile."""

from __future__ import annotations

import json
from pathlib import Path

from incidentwire.ingest import ingest_reports
from incidentwire.model import Report
from incidentwire.store import open_store

FIXTURES = Path(__file__).parent / "fixtures"


def _reports(name: str) -> list[Report]:
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    return [Report.model_validate(json.loads(line)) for line in lines if line.strip()]


def test_ingest_merges_a_growing_toll_and_keeps_a_second_attack_apart(db_url):
    store = open_store(db_url)
    summary = ingest_reports(store, _reports("quetta-day.jsonl"))
    assert (summary.read, summary.new, summary.duplicates) == (4, 4, 0)
    incidents = {i.id: i for i in store.list_incidents().items}
    assert len(incidents) == 2, [i.reports for i in incidents.values()]
    mosque = next(i for i in incidents.values() if "quetta-mosque-r1" in i.reports)
    assert sorted(mosque.reports) == ["quetta-mosque-r1", "quetta-mosque-r2"]
    assert (mosque.killed.best, mosque.killed.high) == (19, 19) and mosque.killed.low <= 12
    detail = store.incident_detail(mosque.id)
    assert [p["value"] for p in detail.toll_history["killed"]] == [12, 19]
    # the bound word comes from the reading ("killing at least 12 worshippers"), not from stored text
    assert detail.toll_history["killed"][0]["qualifier"] == "at least"
    assert detail.readings[1].merge["same"] and detail.readings[1].merge["reasons"]
    store.close()


def test_the_same_report_twice_is_stored_once(db_url):
    store = open_store(db_url)
    reports = _reports("quetta-day.jsonl")
    ingest_reports(store, reports)
    again = ingest_reports(
        store, reports + [reports[0].model_copy(update={"id": "mirror", "url": "https://example.org/x"})]
    )
    assert (again.new, again.duplicates, again.created, again.updated) == (0, 5, 0, 0)
    assert store.counts() == {"reports": 4, "incidents": 2}
    store.close()


def test_a_report_arriving_later_joins_the_incident_stored_before(db_url):
    store = open_store(db_url)
    first, second, *_ = _reports("quetta-day.jsonl")
    ingest_reports(store, [first])
    later = ingest_reports(store, [second])
    assert (later.created, later.updated) == (0, 1)
    [incident] = store.list_incidents().items
    assert incident.killed.best == 19 and len(incident.reports) == 2
    store.close()


def test_two_attacks_by_one_group_in_one_province_on_one_day_stay_apart(db_url):
    """The Bannu counter-terrorism centre siege and the Lakki Marwat police station raid: TTP, KP, 18 Dec 2022."""
    from conftest import CLUSTERS, require_shared

    cluster = json.loads(require_shared(CLUSTERS / "pk-2022-12-18-bannu-ctd-siege.json").read_text())
    bannu = [Report(id=r["report_id"], text=r["text"], published=r["published"]) for r in cluster["reports"]]
    store = open_store(db_url)
    ingest_reports(store, [bannu[0], *_reports("lakki-marwat-2022-12-18.jsonl"), *bannu[1:]])
    groups = sorted(sorted(i.reports) for i in store.list_incidents().items)
    assert groups == [["lakki-r1", "lakki-r2"], sorted(r.id for r in bannu)]
    store.close()
