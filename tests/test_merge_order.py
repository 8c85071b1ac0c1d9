"""Reports of one event arrive in any order; the incidents they make must not depend on it.

An undated report ("the gunmen who killed 148 people at Garissa University College last week") stored
before the dated reports of the same attack was once never a merge candidate for them: the merge's date
window searched the incident's date, and an undated incident has none. It is now matched on the day it
was first reported (the `anchor_day` column, migration 0006).
"""

from __future__ import annotations

import json

from alembic import command
from conftest import CLUSTERS, ROOT, migrate, require_shared, run_cli
from sqlalchemy import select

from incidentwire.ingest import ingest_reports
from incidentwire.model import Report
from incidentwire.store import open_store
from incidentwire.store.tables import IncidentRow

CORPUS = ROOT / "examples" / "corpus" / "reports.jsonl"
GARISSA = "ke-2015-04-02-garissa-university"


def garissa_reports() -> dict[str, Report]:
    """r1 and r2 give the day (2 April 2015); r3, published on the 5th, says only 'last week'."""
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    return {row["id"][-2:]: Report.model_validate(row) for row in rows if row["cluster"] == GARISSA}


def incident_reports(store) -> list[list[str]]:
    return sorted(sorted(i.reports) for i in store.list_incidents(limit=100).items)


def anchor_days(store) -> dict[str, str | None]:
    with store.engine.connect() as connection:
        return dict(connection.execute(select(IncidentRow.id, IncidentRow.anchor_day)).all())


def test_undated_report_stored_first_is_joined_by_the_dated_reports_after_it(db_url):
    reports = garissa_reports()
    store = open_store(db_url)
    try:
        ingest_reports(store, [reports["r3"]])
        (undated,) = store.list_incidents(limit=10).items
        assert undated.date is None and undated.first_reported == "2015-04-05"
        ingest_reports(store, [reports["r1"], reports["r2"]])
        assert incident_reports(store) == [sorted(r.id for r in reports.values())]
        (merged,) = store.list_incidents(limit=10).items
        assert merged.date == "2015-04-02" and merged.first_reported == "2015-04-02"
    finally:
        store.close()


def test_migration_0006_anchors_stored_undated_incidents_on_their_first_report(db_url):
    reports = garissa_reports()
    store = open_store(db_url)
    try:
        ingest_reports(store, [reports["r3"]])
        migrate(store, command.downgrade, "0005")  # drops the column: the upgrade must fill it again
        migrate(store, command.upgrade, "head")
        assert list(anchor_days(store).values()) == ["2015-04-05"]
        ingest_reports(store, [reports["r1"], reports["r2"]])
        assert len(incident_reports(store)) == 1
        assert list(anchor_days(store).values()) == ["2015-04-02"]  # dated now: its date
    finally:
        store.close()


def test_eval_clusters_scores_the_merge_in_several_orders():
    done = run_cli(
        "eval", "clusters", str(require_shared(CLUSTERS)), "--seed", "1", "--orders", "2", "--json", timeout=300
    )
    assert done.returncode == 0, done.stderr
    scores = json.loads(done.stdout)
    assert [order["seed"] for order in scores["orders"]] == [2, 3]
    assert all(0 < order["f1"] <= 1 for order in scores["orders"])
