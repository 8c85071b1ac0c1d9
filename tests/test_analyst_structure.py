"""Structure corrections on a real store (SQLite file, then a real PostgreSQL server): a detached report
is never merged back by later reports, an analyst's merge is kept as more reports arrive, "not an attack"
is hidden from listings and alerts, and each of these is undone from the audit log."""

from __future__ import annotations

import pytest
from analyst_records import kpo_record, peshawar_record

from incidentwire.alerts import WatchArea, add_watch_area, check_alerts
from incidentwire.analyst import actions
from incidentwire.analyst.undo import undo
from incidentwire.ingest import ingest_records
from incidentwire.store import IncidentFilters, open_store
from incidentwire.store import analysts as repo


@pytest.fixture
def store(db_url):
    store = open_store(db_url)
    ingest_records(store, [kpo_record("r1", 4, "2023-02-17"), kpo_record("r2", 5), peshawar_record("p1", 59)])
    yield store
    store.close()


def by_reports(store) -> dict[tuple[str, ...], str]:
    return {tuple(sorted(i.reports)): i.id for i in store.list_incidents(IncidentFilters(include_hidden=True)).items}


def test_a_detached_report_is_never_merged_back(store):
    kpo = by_reports(store)[("r1", "r2")]
    new = actions.detach(store, kpo, "r2", "alice", "another attack that night")
    assert new.reports == ["r2"] and store.incident(kpo).reports == ["r1"]
    # reports that match both halves, and the same reports again, leave the split standing
    ingest_records(
        store,
        [
            kpo_record("r3", 6, "2023-02-19", day="Friday's"),
            kpo_record("r4", 6, "2023-02-19"),
            kpo_record("r1", 4, "2023-02-17"),
            kpo_record("r2", 5),
        ],
    )
    groups = [g for g in by_reports(store) if "r1" in g or "r2" in g]
    assert len(groups) == 2 and not any("r1" in g and "r2" in g for g in groups)
    assert sum(len(g) for g in groups) == 4  # r3 and r4 joined one side or the other


def test_an_analysts_merge_is_kept_as_more_reports_arrive(store):
    ids = by_reports(store)
    merged = actions.merge(store, [ids[("r1", "r2")], ids[("p1",)]], "alice", "one campaign")
    assert sorted(merged.reports) == ["p1", "r1", "r2"]
    ingest_records(store, [kpo_record("r3", 6, "2023-02-19", day="Friday's"), peshawar_record("p2", 61, "2023-02-01")])
    holding = [g for g in by_reports(store) if {"p1", "r1", "r2"} <= set(g)]
    assert len(holding) == 1


def test_not_an_attack_is_hidden_from_listings_and_alerts_and_undone(store):
    add_watch_area(store, WatchArea(name="Karachi", point=(24.86, 67.01), radius_km=50))
    kpo = by_reports(store)[("r1", "r2")]
    actions.set_status(store, kpo, "alice", "not_attack", "a police drill")
    assert kpo not in [i.id for i in store.list_incidents().items]
    assert kpo in [i.id for i in store.list_incidents(IncidentFilters(include_hidden=True)).items]
    assert check_alerts(store) == []
    entry = repo.audit_entries(store, incident_id=kpo)[0]
    assert (entry.action, entry.before, entry.after, entry.note) == ("status", "active", "not_attack", "a police drill")
    assert undo(store, entry.id, "bob").status == "active"
    assert [a.incident_id for a in check_alerts(store)] == [kpo]


def test_undo_a_detach_and_a_correction(store):
    kpo = by_reports(store)[("r1", "r2")]
    actions.correct(store, kpo, "alice", "killed", {"best": 12}, "")
    actions.detach(store, kpo, "r2", "alice")
    entries = repo.audit_entries(store, incident_id=kpo)
    detach_entry = next(e for e in entries if e.action == "detach")
    rejoined = undo(store, detach_entry.id, "bob")
    assert sorted(rejoined.reports) == ["r1", "r2"] and rejoined.killed.best == 12
    correction = next(e for e in entries if e.action == "correct")
    assert undo(store, correction.id, "bob").killed.best == 5
    redo = repo.audit_entries(store, incident_id=kpo)[0]
    assert redo.action == "undo"
    assert undo(store, redo.id, "bob").killed.best == 12


def test_a_correction_into_a_watch_area_alerts_and_one_out_of_it_is_withdrawn(store):
    from incidentwire.alerts import list_alerts
    from incidentwire.analyst.alerting import after_change

    add_watch_area(store, WatchArea(name="Hyderabad", point=(25.39, 68.37), radius_km=30))
    kpo = by_reports(store)[("r1", "r2")]
    assert check_alerts(store) == []
    actions.correct(store, kpo, "alice", "place", {"country": "Pakistan", "city": "Hyderabad"}, "")
    assert [a.incident_id for a in after_change(store, kpo, "alice")] == [kpo]
    actions.revert(store, kpo, "bob", "place", "it was Karachi")
    assert after_change(store, kpo, "bob") == []
    (alert,) = list_alerts(store)
    assert "withdrawn" in alert.reason and "by bob: no longer matches the area" in alert.reason


def test_undoing_a_merge_gives_each_incident_back_its_own_corrections(store):
    ids = by_reports(store)
    kpo, peshawar = ids[("r1", "r2")], ids[("p1",)]
    actions.correct(store, peshawar, "alice", "killed", {"best": 101}, "")
    actions.correct(store, kpo, "alice", "site", "Saddar", "")
    merged = actions.merge(store, [kpo, peshawar], "bob")
    assert merged.killed.best == 101 and merged.site == "Saddar"  # the absorbed one's correction comes along
    entry = repo.audit_entries(store, incident_id=kpo)[0]
    kept = undo(store, entry.id, "bob")
    assert kept.reports == ["r1", "r2"] and kept.killed.best == 5 and kept.site == "Saddar"
    back = store.incident(peshawar)
    assert back.reports == ["p1"] and back.killed.best == 101
