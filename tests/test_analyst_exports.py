"""Exports carry the analyst's hand: GTD/ACLED CSV (after their own columns), GeoJSON and Parquet say
whether a person reviewed each incident, who, and per field whether the value is the machine's or an
analyst's; an incident marked "not an attack" is in none of them."""

from __future__ import annotations

import json

import pytest
from analyst_records import kpo_record, peshawar_record

from incidentwire.analyst import actions
from incidentwire.export import export_incidents, read_acled_csv, read_gtd_csv, read_parquet
from incidentwire.export.gtd_csv import GTD_COLUMNS, incident_from_gtd_row
from incidentwire.ingest import ingest_records
from incidentwire.store import open_store


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("analyst-exports")
    store = open_store(f"sqlite:///{folder / 'store.sqlite'}")
    drill = kpo_record(
        "x1",
        2,
        "2023-03-02",
        text="A drill at the {day} range near the Karachi port left "
        "{killed} hurt; no attack took place, the navy said.",
    )
    drill.incidents[0] = drill.incidents[0].model_copy(update={"date": "2023-03-01", "site": None})
    ingest_records(store, [kpo_record("r1", 4, "2023-02-17"), kpo_record("r2", 5), peshawar_record("p1", 59), drill])
    kpo = next(i for i in store.list_incidents().items if i.reports == ["r1", "r2"])
    drill = next(i for i in store.list_incidents().items if i.reports == ["x1"])
    actions.correct(store, kpo.id, "alice", "killed", {"best": 12}, "")
    actions.mark_reviewed(store, kpo.id, "bob")
    actions.set_status(store, drill.id, "alice", "not_attack")
    paths = {fmt: folder / f"out.{fmt}" for fmt in ("gtd-csv", "acled-csv", "geojson", "parquet")}
    for fmt, path in paths.items():
        export_incidents(store, fmt, path)
    yield paths, kpo.id, drill.id
    store.close()


def test_gtd_and_acled_csv_carry_review_columns_after_their_own(exported):
    paths, kpo, drill = exported
    for fmt, read in (("gtd-csv", read_gtd_csv), ("acled-csv", read_acled_csv)):
        with paths[fmt].open(encoding="utf-8", newline="") as source:
            rows = {row["incidentwire_id"]: row for row in read(source)}
        assert drill not in rows
        row = rows[kpo]
        assert (row["reviewed"], row["reviewed_by"], row["analyst_fields"]) == ("1", "bob", "killed")
        sources = json.loads(row["field_sources"])
        assert sources["killed"] == "analyst" and sources["date"] == "machine"
        assert row["killed_best"] == "12"
        other = next(r for i, r in rows.items() if i != kpo)
        assert (other["reviewed"], other["reviewed_by"], other["analyst_fields"]) == ("0", "", "")
    with paths["gtd-csv"].open(encoding="utf-8", newline="") as source:
        header = source.readline().strip().split(",")
        assert header[: len(GTD_COLUMNS)] == list(GTD_COLUMNS)
        source.seek(0)
        back = next(incident_from_gtd_row(r) for r in read_gtd_csv(source) if r["incidentwire_id"] == kpo)
    assert back.reviewed and back.reviewed_by == "bob" and back.field_sources["killed"] == "analyst"


def test_geojson_and_parquet_carry_review_and_field_sources(exported):
    paths, kpo, drill = exported
    features = {f["id"]: f["properties"] for f in json.loads(paths["geojson"].read_text("utf-8"))["features"]}
    assert drill not in features
    assert features[kpo]["reviewed"] is True and features[kpo]["reviewed_by"] == "bob"
    assert features[kpo]["field_sources"]["killed"] == "analyst"
    back = {i.id: i for i in read_parquet(str(paths["parquet"]))}
    assert drill not in back
    assert back[kpo].reviewed_by == "bob" and back[kpo].field_sources["killed"] == "analyst"
    assert back[kpo].killed.best == 12 and back[kpo].version >= 3
