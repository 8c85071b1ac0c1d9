"""Migration 0008 on a store that holds incidents (SQLite file, then a real PostgreSQL server): the
incidents get the analyst's columns with their defaults; down to 0007 and up again keeps the data."""

from __future__ import annotations

from alembic import command
from analyst_records import kpo_record
from conftest import migrate

from incidentwire.ingest import ingest_records
from incidentwire.store import open_store


def test_0008_up_and_down_keeps_every_incident(db_url):
    store = open_store(db_url)
    ingest_records(store, [kpo_record("r1", 4, "2023-02-17"), kpo_record("r2", 5)])
    migrate(store, command.downgrade, "0007")
    migrate(store, command.upgrade, "0008")
    incident = store.list_incidents().items[0]
    assert incident.reports == ["r1", "r2"] and incident.status == "active" and incident.version == 1
    from incidentwire.analyst import actions

    assert actions.correct(store, incident.id, "alice", "killed", {"best": 12}, "").version == 2
    store.close()
