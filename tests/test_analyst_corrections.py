"""Field corrections on a real store (an SQLite file, then a real PostgreSQL server): an analyst's value
outranks every report's, survives re-ingest of the same and of new reports, keeps the disagreeing machine
figure as a conflict, and a revert gives the field back to the machine."""

from __future__ import annotations

import pytest
from analyst_records import kpo_record

from incidentwire.analyst import actions
from incidentwire.analyst.errors import Refused, StaleVersion
from incidentwire.analyst.fields import BadCorrection
from incidentwire.ingest import ingest_records
from incidentwire.store import open_store

NOTE = "police said 12 <script>alert(1)</script>"


@pytest.fixture
def store(db_url):
    store = open_store(db_url)
    ingest_records(store, [kpo_record("r1", 4, "2023-02-17"), kpo_record("r2", 5)])
    yield store
    store.close()


def only_incident(store):
    page = store.list_incidents()
    assert page.total == 1
    return page.items[0]


def test_a_correction_is_an_analyst_reading_that_outranks_the_reports(store):
    incident = only_incident(store)
    assert incident.killed.best == 5 and incident.field_sources["killed"] == "machine"
    corrected = actions.correct(store, incident.id, "alice", "killed", {"best": 12}, NOTE)
    assert corrected.killed.model_dump() == {"best": 12, "low": 12, "high": 12, "approximate": False, "qualifier": None}
    assert corrected.field_sources["killed"] == "analyst" and corrected.field_sources["date"] == "machine"
    assert corrected.version == incident.version + 1
    stored = store.incident(incident.id)
    assert stored.killed.best == 12
    assert any(
        c.field == "killed"
        and c.values
        == [
            {"best": 12, "low": 12, "high": 12, "approximate": False, "qualifier": None},
            {"best": 5, "low": 4, "high": 5, "approximate": False, "qualifier": None},
        ]
        for c in stored.conflicts
    )


def test_corrections_survive_reingesting_the_same_and_new_reports(store):
    incident = only_incident(store)
    actions.correct(store, incident.id, "alice", "killed", {"best": 12}, "")
    actions.correct(
        store, incident.id, "alice", "perpetrators", [{"name": "Lashkar-e-Jhangvi", "responsibility": "suspected"}], ""
    )
    actions.correct(store, incident.id, "bob", "place", {"country": "Pakistan", "city": "Hyderabad"}, "")
    actions.correct(store, incident.id, "bob", "suicide", True, "")
    actions.correct(store, incident.id, "bob", "date", "2023-02-16", "")
    actions.correct(store, incident.id, "bob", "attack_types", ["Hostage Taking (Barricade Incident)"], "")
    same = ingest_records(store, [kpo_record("r1", 4, "2023-02-17"), kpo_record("r2", 5)])
    assert same.duplicates == 2 and same.new == 0
    later = ingest_records(store, [kpo_record("r3", 30, "2023-02-19", day="Friday's")])
    assert later.new == 1
    after = only_incident(store)
    assert after.reports == ["r1", "r2", "r3"]
    assert after.killed.best == 12
    assert [(p.name, p.responsibility) for p in after.perpetrators] == [("Lashkar-e-Jhangvi", "suspected")]
    assert (after.city, after.admin1, after.geo_precision) == ("Hyderabad", "Sindh", "city")
    assert after.latitude == pytest.approx(25.4, abs=0.1)
    assert after.suicide is True and after.date == "2023-02-16"
    assert after.attack_types == ["Hostage Taking (Barricade Incident)"]
    # the later machine figure that disagrees is kept, marked as new since the correction
    killed = [
        c
        for c in after.conflicts
        if c.field == "killed"
        and c.values
        and c.values[0] == {"best": 12, "low": 12, "high": 12, "approximate": False, "qualifier": None}
    ]
    assert killed and killed[0].values[1]["best"] == 30 and "new since the correction" in killed[0].note


def test_reverting_restores_the_machine_value(store):
    incident = only_incident(store)
    actions.correct(store, incident.id, "alice", "killed", {"best": 12}, "")
    ingest_records(store, [kpo_record("r3", 30, "2023-02-19", day="Friday's")])
    reverted = actions.revert(store, incident.id, "bob", "killed", "the reports were right")
    assert reverted.killed.best == 30 and reverted.field_sources["killed"] == "machine"
    assert not [c for c in reverted.conflicts if "analyst" in c.note]
    with pytest.raises(Refused):
        actions.revert(store, incident.id, "bob", "killed")


def test_a_stale_version_is_refused_and_no_version_applies(store):
    incident = only_incident(store)
    read = incident.version
    actions.correct(store, incident.id, "alice", "killed", {"best": 12}, "", version=read)
    with pytest.raises(StaleVersion) as refused:
        actions.correct(store, incident.id, "bob", "killed", {"best": 14}, "", version=read)
    assert "changed by alice at" in str(refused.value)
    assert store.incident(incident.id).killed.best == 12  # nothing lost
    assert actions.correct(store, incident.id, "bob", "killed", {"best": 14}, "").killed.best == 14


@pytest.mark.parametrize(
    "field, value",
    [
        ("killed", {"best": 5, "low": 9}),
        ("killed", {"best": -1}),
        ("date", "17 February"),
        ("attack_types", ["Drive-by"]),
        ("suicide", "yes"),
        ("place", {"country": "Atlantis"}),
        ("toll", 3),
    ],
)
def test_bad_corrections_are_refused(store, field, value):
    with pytest.raises(BadCorrection):
        actions.correct(store, only_incident(store).id, "alice", field, value, "")


def test_two_concurrent_saves_end_with_one_refusal_and_nothing_lost(store, db_url):
    """Two analysts read the same version and save at once, each through its own connection pool."""
    import threading

    incident = only_incident(store)
    stores = [open_store(db_url), open_store(db_url)]
    start, outcomes = threading.Barrier(2), []

    def save(own, analyst: str, best: int) -> None:
        start.wait()
        try:
            actions.correct(own, incident.id, analyst, "killed", {"best": best}, "", version=incident.version)
            outcomes.append(("saved", analyst, best))
        except StaleVersion as refused:
            outcomes.append(("refused", analyst, str(refused)))

    threads = [
        threading.Thread(target=save, args=(s, name, best)) for s, name, best in zip(stores, ("alice", "bob"), (12, 14))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for own in stores:
        own.close()
    assert sorted(o[0] for o in outcomes) == ["refused", "saved"]
    ((_, winner, best),) = [o for o in outcomes if o[0] == "saved"]
    ((_, loser, why),) = [o for o in outcomes if o[0] == "refused"]
    assert f"changed by {winner} at" in why
    stored = store.incident(incident.id)
    assert stored.killed.best == best and stored.version == incident.version + 1
