"""Exports: GTD CSV, ACLED CSV, GeoJSON and Parquet of stored incidents, and what they read back."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from conftest import GTD_CSV, hostile_incident

from incidentwire.export import (
    FORMATS,
    UnknownFormat,
    export_incidents,
    incident_from_gtd_row,
    read_acled_csv,
    read_geojson,
    read_gtd_csv,
    read_parquet,
    stored_incidents,
    write_acled_csv,
    write_geojson,
    write_gtd_csv,
    write_incidents,
    write_parquet,
)
from incidentwire.export.acled_csv import acled_event_type, acled_mapping
from incidentwire.export.codebooks import acled_country_name
from incidentwire.export.gtd_csv import gtd_code, gtd_codes, gtd_specificity
from incidentwire.model import Count, Incident, Perpetrator
from incidentwire.store.repository import IncidentFilters, open_store


def _by_id(incidents):
    return {i.id: i for i in incidents}


def _unicode_incident() -> Incident:
    return Incident(
        id="inc-unicode",
        date="2013-05-07",
        date_precision="day",
        country="Côte d'Ivoire",
        admin1="Abidjan",
        city="Yopougon",
        site="Mosquée de la Paix",
        latitude=5.336318,
        longitude=-4.0892,
        geo_precision="city",
        perpetrators=[Perpetrator(name="Ansar al-Dīn (أنصار الدين)", claimed=True)],
        attack_types=["Armed Assault"],
        target_types=["Religious Figures/Institutions"],
        weapon_types=["Firearms"],
        killed=Count.of(3),
        wounded=Count.of(5),
        reports=["r-ünï"],
    )


# --- round trips over the demo corpus ------------------------------------------------------------------


def test_every_format_writes_one_row_per_stored_incident(demo_store, demo_incidents, tmp_path):
    for fmt in FORMATS:
        assert export_incidents(demo_store, fmt, tmp_path / f"out.{fmt}") == len(demo_incidents)


def test_gtd_csv_reads_back_dates_places_coordinates_types_counts_and_perpetrators(
    demo_store, demo_incidents, tmp_path
):
    path = tmp_path / "gtd.csv"
    export_incidents(demo_store, "gtd-csv", path)
    with path.open(encoding="utf-8", newline="") as source:
        back = _by_id(incident_from_gtd_row(row) for row in read_gtd_csv(source))
    assert back.keys() == _by_id(demo_incidents).keys()
    for original in demo_incidents:
        read = back[original.id]
        assert (read.date, read.date_precision) == (original.date, original.date_precision)
        assert (read.country, read.admin1, read.city, read.site) == (
            original.country,
            original.admin1,
            original.city,
            original.site,
        )
        assert read.latitude == pytest.approx(original.latitude, abs=1e-6)
        assert read.longitude == pytest.approx(original.longitude, abs=1e-6)
        assert read.attack_types == original.attack_types[:3]
        assert read.target_types == original.target_types[:3]
        assert read.weapon_types == original.weapon_types[:4]
        for count in ("killed", "killed_perpetrators", "wounded"):
            assert getattr(read, count).best == getattr(original, count).best, (original.id, count)
        assert [p.name for p in read.perpetrators] == [p.name for p in original.perpetrators][:3]
        assert read.reports == original.reports
        assert read.perpetrator_count == original.perpetrator_count


def test_gtd_csv_nkill_counts_attackers_and_nkillter_only_attackers(demo_incidents):
    with_attackers = next(i for i in demo_incidents if i.killed_perpetrators.best)
    rows = read_gtd_csv(_written(write_gtd_csv, [with_attackers]))
    assert int(rows[0]["nkill"]) == with_attackers.killed.best + with_attackers.killed_perpetrators.best
    assert int(rows[0]["nkillter"]) == with_attackers.killed_perpetrators.best


def test_gtd_summary_describes_date_place_types_and_toll(demo_incidents):
    incident = next(i for i in demo_incidents if i.city and i.killed.best)
    summary = read_gtd_csv(_written(write_gtd_csv, [incident]))[0]["summary"]
    day = incident.date
    assert summary.startswith(f"{day[5:7]}/{day[8:10]}/{day[:4]}: ")
    assert incident.city in summary and incident.attack_types[0] in summary
    assert f"{incident.killed.best}" in summary and "killed" in summary


def test_acled_csv_reads_back_dates_places_coordinates_fatalities_and_actors(demo_store, demo_incidents, tmp_path):
    path = tmp_path / "acled.csv"
    export_incidents(demo_store, "acled-csv", path)
    with path.open(encoding="utf-8", newline="") as source:
        rows = {row["incidentwire_id"]: row for row in read_acled_csv(source)}
    for original in demo_incidents:
        row = rows[original.id]
        assert row["event_date"] == original.date and row["year"] == original.date[:4]
        assert (row["country"], row["admin1"], row["location"]) == (
            acled_country_name(original.country) or "",
            original.admin1 or "",
            original.city or original.site or "",
        )
        assert float(row["latitude"]) == pytest.approx(original.latitude, abs=1e-6)
        assert float(row["longitude"]) == pytest.approx(original.longitude, abs=1e-6)
        assert int(row["fatalities"]) == (original.killed.best or 0) + (original.killed_perpetrators.best or 0)
        if original.perpetrators:
            assert row["actor1"] == original.perpetrators[0].name
        assert row["event_type"] in {
            "Battles",
            "Explosions/Remote violence",
            "Violence against civilians",
            "Strategic developments",
        }


def test_geojson_reads_back_the_same_incidents_with_points_in_longitude_latitude_order(
    demo_store, demo_incidents, tmp_path
):
    path = tmp_path / "incidents.geojson"
    export_incidents(demo_store, "geojson", path)
    with path.open(encoding="utf-8") as source:
        assert read_geojson(source) == demo_incidents
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    for feature, incident in zip(features, demo_incidents):
        assert feature["geometry"] == {"type": "Point", "coordinates": [incident.longitude, incident.latitude]}


def test_geojson_keeps_an_incident_without_coordinates_with_null_geometry():
    placeless = Incident(id="inc-nowhere", date="2013-05-07", attack_types=["Unknown"])
    collection = json.loads(_written(write_geojson, [placeless, _unicode_incident()]).getvalue())
    assert collection["type"] == "FeatureCollection"
    assert collection["features"][0]["geometry"] is None
    assert collection["features"][0]["properties"]["id"] == "inc-nowhere"


def test_parquet_reads_back_the_same_incidents(demo_store, demo_incidents, tmp_path):
    path = tmp_path / "incidents.parquet"
    export_incidents(demo_store, "parquet", path)
    assert read_parquet(str(path)) == demo_incidents


def test_parquet_schema_has_structs_for_counts_and_lists_for_types(demo_incidents, tmp_path):
    path = tmp_path / "incidents.parquet"
    write_parquet(demo_incidents, str(path))
    schema = pq.read_schema(path)
    assert str(schema.field("killed").type) == "struct<best: int64, low: int64, high: int64, approximate: bool>"
    assert str(schema.field("attack_types").type) == "list<element: string>"
    assert str(schema.field("date").type) == "date32[day]"
    table = pq.read_table(path, columns=["killed"])
    assert table.column("killed").combine_chunks().field("best").to_pylist() == [i.killed.best for i in demo_incidents]


# --- store access ----------------------------------------------------------------------------------------


def test_export_applies_the_filters(demo_store, demo_incidents):
    country = demo_incidents[0].country
    out = io.StringIO()
    written = export_incidents(demo_store, "acled-csv", out, IncidentFilters(country=country))
    expected = [i.id for i in demo_incidents if i.country == country]
    assert written == len(expected) >= 1 and written < len(demo_incidents)
    out.seek(0)
    assert [r["incidentwire_id"] for r in read_acled_csv(out)] == expected


def test_stored_incidents_walks_every_page(demo_store, demo_incidents):
    assert [i.id for i in stored_incidents(demo_store, page_size=3)] == [i.id for i in demo_incidents]


def test_export_writes_to_a_binary_stream_and_leaves_it_open(demo_store, demo_incidents):
    for fmt in FORMATS:
        out = io.BytesIO()
        assert export_incidents(demo_store, fmt, out) == len(demo_incidents)
        assert not out.closed and out.getvalue()


def test_export_reads_the_same_incidents_from_sqlite_and_postgresql(db_url, demo_incidents):
    store = open_store(db_url)
    try:
        with store.transaction() as tx:
            for incident in demo_incidents:
                tx.save_incident(incident)
        out = io.StringIO()
        assert export_incidents(store, "geojson", out) == len(demo_incidents)
        out.seek(0)
        assert read_geojson(out) == demo_incidents
    finally:
        store.close()


def test_unknown_format_is_refused_with_the_formats_named():
    with pytest.raises(UnknownFormat, match="gtd-csv"):
        write_incidents([], "xlsx", io.StringIO())


# --- untrusted text and names ----------------------------------------------------------------------------


def test_csv_cells_starting_with_a_formula_character_get_a_leading_apostrophe():
    hostile = hostile_incident()
    for writer, column in ((write_gtd_csv, "city"), (write_acled_csv, "location")):
        raw = next(csv.DictReader(_written(writer, [hostile])))
        assert raw[column] == "'" + hostile.city
        assert raw["admin1" if writer is write_acled_csv else "provstate"] == "'+Baghdad"
        # numbers are not text: a negative coordinate stays a number
        assert raw["longitude"] == "-70.654321"


def test_csv_guard_is_undone_by_the_readers():
    hostile = hostile_incident()
    row = read_gtd_csv(_written(write_gtd_csv, [hostile]))[0]
    back = incident_from_gtd_row(row)
    assert (back.id, back.admin1, back.city, back.site) == (hostile.id, hostile.admin1, hostile.city, hostile.site)
    assert [p.name for p in back.perpetrators] == ["-1+1", "'=quoted"]
    assert back.reports == ["=r1", "-r2"]
    acled = read_acled_csv(_written(write_acled_csv, [hostile]))[0]
    assert acled["assoc_actor_1"] == "'=quoted" and acled["actor1"] == "-1+1"


def test_unicode_names_survive_every_format(tmp_path):
    incident = _unicode_incident()
    back = incident_from_gtd_row(read_gtd_csv(_written(write_gtd_csv, [incident]))[0])
    # GTD's name for the country, read back as GeoNames'
    assert (back.country, back.site, back.perpetrators[0].name) == (
        "Ivory Coast",
        "Mosquée de la Paix",
        "Ansar al-Dīn (أنصار الدين)",
    )
    acled = read_acled_csv(_written(write_acled_csv, [incident]))[0]
    assert acled["actor1"] == "Ansar al-Dīn (أنصار الدين)" and acled["source"] == "r-ünï"
    assert read_geojson(_written(write_geojson, [incident])) == [incident]
    path = tmp_path / "u.parquet"
    write_parquet([incident], str(path))
    assert read_parquet(str(path)) == [incident]


def test_gtd_csv_writes_an_unknown_day_as_zero_and_reads_month_precision_back():
    incident = Incident(id="inc-month", date="2022-11-01", date_precision="month", country="Mali")
    row = read_gtd_csv(_written(write_gtd_csv, [incident]))[0]
    assert (row["iyear"], row["imonth"], row["iday"]) == ("2022", "11", "0")
    back = incident_from_gtd_row(row)
    assert (back.date, back.date_precision) == ("2022-11-01", "month")
    assert row["gname"] == "Unknown" and row["claimed"] == "0" and back.perpetrators == []


def test_gtd_csv_marks_an_inferred_date_as_approximate():
    incident = Incident(id="inc-inferred", date="2013-05-07", date_precision="inferred")
    row = read_gtd_csv(_written(write_gtd_csv, [incident]))[0]
    assert row["iday"] == "7" and "May 7, 2013" in row["approxdate"]
    assert incident_from_gtd_row(row).date_precision == "inferred"


# --- code tables -----------------------------------------------------------------------------------------


def test_gtd_attack_codes_are_the_codebooks():
    assert {name: gtd_code("attack_types", name) for name in gtd_codes()["attack_types"]} == {
        "Assassination": 1,
        "Armed Assault": 2,
        "Bombing/Explosion": 3,
        "Hijacking": 4,
        "Hostage Taking (Barricade Incident)": 5,
        "Hostage Taking (Kidnapping)": 6,
        "Facility/Infrastructure Attack": 7,
        "Unarmed Assault": 8,
        "Unknown": 9,
    }
    assert sorted(gtd_codes()["target_types"].values()) == list(range(1, 23))
    assert sorted(gtd_codes()["weapon_types"].values()) == list(range(1, 14))


def test_gtd_codes_agree_with_every_coded_pair_in_real_gtd_rows():
    if not GTD_CSV.exists():
        pytest.skip("shared GTD data not found")
    tables = {"attacktype": "attack_types", "targtype": "target_types", "weaptype": "weapon_types"}
    seen = 0
    with GTD_CSV.open(encoding="utf-8", newline="") as source:
        for row in csv.DictReader(source):
            for prefix, field in tables.items():
                for i in range(1, 5):
                    code, name = row.get(f"{prefix}{i}"), row.get(f"{prefix}{i}_txt")
                    if code:
                        assert gtd_code(field, name) == int(float(code)), (prefix, name)
                        seen += 1
    assert seen > 1000


def test_gtd_specificity_follows_geo_precision_and_missing_coordinates():
    assert gtd_specificity("site", True) == 1 and gtd_specificity("city", True) == 1
    assert gtd_specificity("district", True) == 3 and gtd_specificity("province", True) == 4
    assert gtd_specificity("country", True) == 5 and gtd_specificity("city", False) == 5


@pytest.mark.parametrize(
    "incident, expected",
    [
        (
            Incident(attack_types=["Bombing/Explosion"], suicide=True, target_types=["Police"]),
            ("Explosions/Remote violence", "Suicide bomb"),
        ),
        (
            Incident(attack_types=["Bombing/Explosion"], suicide=False),
            ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ),
        (Incident(attack_types=["Armed Assault"], target_types=["Police"]), ("Battles", "Armed clash")),
        (
            Incident(attack_types=["Armed Assault"], target_types=["Private Citizens & Property"]),
            ("Violence against civilians", "Attack"),
        ),
        (
            Incident(attack_types=["Hostage Taking (Kidnapping)"]),
            ("Violence against civilians", "Abduction/forced disappearance"),
        ),
        (
            Incident(attack_types=["Unarmed Assault"], weapon_types=["Chemical"]),
            ("Explosions/Remote violence", "Chemical weapon"),
        ),
        (Incident(), ("Strategic developments", "Other")),
    ],
)
def test_acled_event_types_follow_the_mapping_table(incident, expected):
    kind = acled_event_type(incident)
    assert (kind.event_type, kind.sub_event_type) == expected


def test_acled_mapping_names_only_gtd_categories():
    codes = gtd_codes()
    for rule in acled_mapping()["event_rules"]:
        assert rule.get("attack", "Unknown") in codes["attack_types"]
        assert set(rule.get("targets_any", [])) <= codes["target_types"].keys()
        assert set(rule.get("weapons_any", [])) <= codes["weapon_types"].keys()
    assert acled_mapping()["actor2_by_target"].keys() <= codes["target_types"].keys()


def test_acled_actor2_names_the_target_side_with_its_country():
    incident = Incident(
        attack_types=["Armed Assault"],
        target_types=["Police"],
        country="Pakistan",
        killed=Count.of(4),
        killed_perpetrators=Count.of(3),
    )
    row = read_acled_csv(_written(write_acled_csv, [incident]))[0]
    assert row["actor2"] == "Police Forces of Pakistan"
    assert row["actor1"] == "Unidentified Armed Group (Pakistan)"
    assert row["fatalities"] == "7"


def _written(writer, incidents) -> io.StringIO:
    out = io.StringIO(newline="")
    writer(incidents, out)
    out.seek(0)
    return out
