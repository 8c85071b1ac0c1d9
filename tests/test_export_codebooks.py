"""GTD and ACLED exports column for column: headers, codebook values, unknown values, round trips, guards."""

from __future__ import annotations

import csv
import io

import pycountry
import pytest
from conftest import GTD_CSV

from incidentwire.export import export_incidents, write_acled_csv, write_gtd_csv
from incidentwire.export.acled_codes import acled_event_type, acled_interaction, acled_mapping
from incidentwire.export.acled_csv import ACLED_COLUMNS
from incidentwire.export.cells import unguard_cell
from incidentwire.export.codebooks import (
    acled_columns,
    gtd_code,
    gtd_codes,
    gtd_columns,
    gtd_countries,
    gtd_country,
    iso_numeric,
    subtype_names,
    vocab_table,
)
from incidentwire.export.gtd_csv import GTD_COLUMNS
from incidentwire.model import Count, Incident, Perpetrator

# The GTD data file's header (START's GTD, every release since 2017): a fact, written down for when
# ../shared is absent; when it is present the real file's header is compared too.
GTD_HEADER = (
    "eventid,iyear,imonth,iday,approxdate,extended,resolution,country,country_txt,region,region_txt,provstate,city,"
    "latitude,longitude,specificity,vicinity,location,summary,crit1,crit2,crit3,doubtterr,alternative,"
    "alternative_txt,multiple,success,suicide,attacktype1,attacktype1_txt,attacktype2,attacktype2_txt,attacktype3,"
    "attacktype3_txt,targtype1,targtype1_txt,targsubtype1,targsubtype1_txt,corp1,target1,natlty1,natlty1_txt,"
    "targtype2,targtype2_txt,targsubtype2,targsubtype2_txt,corp2,target2,natlty2,natlty2_txt,targtype3,"
    "targtype3_txt,targsubtype3,targsubtype3_txt,corp3,target3,natlty3,natlty3_txt,gname,gsubname,gname2,"
    "gsubname2,gname3,gsubname3,motive,guncertain1,guncertain2,guncertain3,individual,nperps,nperpcap,claimed,"
    "claimmode,claimmode_txt,claim2,claimmode2,claimmode2_txt,claim3,claimmode3,claimmode3_txt,compclaim,"
    "weaptype1,weaptype1_txt,weapsubtype1,weapsubtype1_txt,weaptype2,weaptype2_txt,weapsubtype2,weapsubtype2_txt,"
    "weaptype3,weaptype3_txt,weapsubtype3,weapsubtype3_txt,weaptype4,weaptype4_txt,weapsubtype4,weapsubtype4_txt,"
    "weapdetail,nkill,nkillus,nkillter,nwound,nwoundus,nwoundte,property,propextent,propextent_txt,propvalue,"
    "propcomment,ishostkid,nhostkid,nhostkidus,nhours,ndays,divert,kidhijcountry,ransom,ransomamt,ransomamtus,"
    "ransompaid,ransompaidus,ransomnote,hostkidoutcome,hostkidoutcome_txt,nreleased,addnotes,scite1,scite2,scite3,"
    "dbsource,INT_LOG,INT_IDEO,INT_MISC,INT_ANY,related"
).split(",")
ACLED_HEADER = (
    "event_id_cnty event_date year time_precision disorder_type event_type sub_event_type actor1 "
    "assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting iso region country "
    "admin1 admin2 admin3 location latitude longitude geo_precision source source_scale notes fatalities "
    "tags timestamp"
).split()

# (code column, name column, our table) for every coded pair in a GTD row
COUNTRY_PAIRS = [("country", "country_txt"), *((f"natlty{i}", f"natlty{i}_txt") for i in (1, 2, 3))]
TYPE_PAIRS = [
    *((f"attacktype{i}", f"attacktype{i}_txt", "attack_types") for i in (1, 2, 3)),
    *((f"targtype{i}", f"targtype{i}_txt", "target_types") for i in (1, 2, 3)),
    *((f"weaptype{i}", f"weaptype{i}_txt", "weapon_types") for i in (1, 2, 3, 4)),
    ("alternative", "alternative_txt", "alternative"),
    ("claimmode", "claimmode_txt", "claimmode"),
    ("propextent", "propextent_txt", "propextent"),
    ("hostkidoutcome", "hostkidoutcome_txt", "hostkidoutcome"),
]
SUBTYPE_PAIRS = [
    *((f"targsubtype{i}", f"targsubtype{i}_txt", f"targtype{i}_txt", "target_subtypes") for i in (1, 2, 3)),
    *((f"weapsubtype{i}", f"weapsubtype{i}_txt", f"weaptype{i}_txt", "weapon_subtypes") for i in (1, 2, 3, 4)),
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _rows(writer, incidents) -> list[dict[str, str]]:
    out = io.StringIO(newline="")
    writer(incidents, out)
    out.seek(0)
    return list(csv.DictReader(out))


def _real_gtd_rows() -> list[dict[str, str]]:
    if not GTD_CSV.exists():
        pytest.skip(f"shared GTD sample not found at {GTD_CSV}")
    with GTD_CSV.open(encoding="utf-8", newline="") as source:
        return list(csv.DictReader(source))


def _coded_pairs(rows) -> set[tuple[str, str, str]]:
    """(table, code, name) for every coded cell of GTD rows."""
    pairs = set()
    for row in rows:
        for code, name in COUNTRY_PAIRS:
            if row[code]:
                pairs.add(("country", row[code], row[name]))
        if row["region"]:
            pairs.add(("region", row["region"], row["region_txt"]))
        for code, name, table in TYPE_PAIRS:
            if row[code]:
                pairs.add((table, row[code], row[name]))
        for code, name, _parent, table in SUBTYPE_PAIRS:
            if row[code]:
                pairs.add((table, row[code], row[name]))
    return pairs


def _in_our_tables(table: str, code: str, name: str) -> bool:
    if table == "country":
        return any(str(c.code) == code and c.name == name for c in gtd_countries())
    if table == "region":
        return any(str(c.region) == code and c.region_name == name for c in gtd_countries())
    if table.endswith("subtypes"):
        return subtype_names(table).get(int(code), ("",))[0] == name
    return gtd_code(table, name) == int(code)


def _assert_typed(value: str, column) -> None:
    """A cell reads as its column's type, or is blank, or is the codebook's unknown value."""
    if value == "" or value == (column.unknown or "") or column.type == "text":
        return
    if column.type == "int":
        assert str(int(value)) == value, (column.name, value)
    else:
        float(value)


# --- headers ---------------------------------------------------------------------------------------------


def test_gtd_csv_header_is_gtds_135_columns_in_order_then_ours(demo_store):
    out = io.StringIO()
    export_incidents(demo_store, "gtd-csv", out)
    header = next(csv.reader(io.StringIO(out.getvalue())))
    assert header[:135] == GTD_HEADER == list(GTD_COLUMNS)
    assert "incidentwire_id" in header[135:] and "sources" in header[135:] and "killed_high" in header[135:]
    if GTD_CSV.exists():
        with GTD_CSV.open(encoding="utf-8", newline="") as source:
            assert header[:135] == next(csv.reader(source))


def test_acled_csv_header_is_the_2023_codebooks_31_columns_in_order(demo_store):
    out = io.StringIO()
    export_incidents(demo_store, "acled-csv", out)
    header = next(csv.reader(io.StringIO(out.getvalue())))
    assert header[:31] == ACLED_HEADER == list(ACLED_COLUMNS) == [c.name for c in acled_columns()]
    assert header[31] == "incidentwire_id"


# --- code tables against the real GTD sample -------------------------------------------------------------


def test_every_code_name_pair_in_the_real_gtd_sample_is_in_our_tables():
    pairs = _coded_pairs(_real_gtd_rows())
    missing = sorted(p for p in pairs if not _in_our_tables(*p))
    assert not missing
    assert len({p for p in pairs if p[0] == "country"}) >= 43


def test_every_subtype_in_the_real_gtd_sample_belongs_to_its_type_in_our_tables():
    for row in _real_gtd_rows():
        for code, _name, parent, table in SUBTYPE_PAIRS:
            if row[code]:
                assert subtype_names(table)[int(row[code])][1] == row[parent], (code, row[code])


def test_gtd_tables_are_complete_and_unambiguous():
    codes = [c.code for c in gtd_countries()]
    assert len(codes) == len(set(codes)) >= 200
    assert {c.region for c in gtd_countries() if c.region} == set(range(1, 13))
    assert sorted(subtype_names("target_subtypes")) == [c for c in range(1, 112) if c != 38]
    for code, (_name, parent) in subtype_names("weapon_subtypes").items():
        assert parent in gtd_codes()["weapon_types"], code
    cues = vocab_table("gtd_subtype_cues.json")
    for kind, table in (("target", "target_subtypes"), ("weapon", "weapon_subtypes")):
        for type_name, entry in cues[kind].items():
            for code in [entry["default"], *(cue["code"] for cue in entry["cues"])]:
                assert code is None or subtype_names(table)[code][1] == type_name, (type_name, code)


def test_every_code_name_pair_we_write_is_in_our_tables_and_agrees_with_gtds(demo_incidents):
    written = _coded_pairs(_rows(write_gtd_csv, [*demo_incidents, *_varied_incidents()]))
    assert not sorted(p for p in written if not _in_our_tables(*p))
    if GTD_CSV.exists():  # where GTD's sample uses a code, it gives it the same name
        real = {(table, code): name for table, code, name in _coded_pairs(_real_gtd_rows())}
        assert not [p for p in written if real.get(p[:2], p[2]) != p[2]]


def test_countries_map_through_iso_codes_to_gtds_names():
    assert (gtd_country("Palestinian Territory").code, gtd_country("Palestinian Territory").name) == (
        155,
        "West Bank and Gaza Strip",
    )
    assert gtd_country("Democratic Republic of the Congo").code == 229
    assert gtd_country("United Kingdom").code == 603 and gtd_country("Pakistan").region_name == "South Asia"
    assert gtd_country("Czechia").name == "Czech Republic" and gtd_country("Côte d'Ivoire").name == "Ivory Coast"


# --- GTD cells -------------------------------------------------------------------------------------------


def test_gtd_round_trip_finds_each_incident_by_our_id_and_every_cell_reads_as_its_type(
    demo_store, demo_incidents, tmp_path
):
    path = tmp_path / "gtd.csv"
    export_incidents(demo_store, "gtd-csv", path)
    with path.open(encoding="utf-8", newline="") as source:
        rows = {unguard_cell(row["incidentwire_id"]): row for row in csv.DictReader(source)}
    assert rows.keys() == {i.id for i in demo_incidents}
    for incident in demo_incidents:
        row = rows[incident.id]
        for column in gtd_columns():
            _assert_typed(row[column.name], column)
        assert len(row["eventid"]) == 12 and row["eventid"][:8] == incident.date.replace("-", "")
        assert int(row["country"]) == gtd_country(incident.country).code
    assert len({row["eventid"] for row in rows.values()}) == len(rows)


def test_gtd_writes_the_codebooks_unknown_values_as_the_real_file_does():
    row = _rows(write_gtd_csv, [Incident(id="bare", date="2013-05-07", attack_types=["Bombing/Explosion"])])[0]
    for blank in ("nkill", "nwound", "nhours", "nhostkid", "latitude", "longitude"):
        assert row[blank] == "", blank
    assert (row["nperps"], row["nperpcap"], row["property"], row["ishostkid"]) == ("-99", "-99", "-9", "0")
    assert (row["city"], row["provstate"], row["gname"], row["claimed"]) == ("Unknown", "Unknown", "Unknown", "0")
    assert (row["INT_LOG"], row["INT_IDEO"], row["INT_ANY"], row["specificity"]) == ("-9", "-9", "-9", "5")
    kidnapping = Incident(id="k", date="2013-05-07", attack_types=["Hostage Taking (Kidnapping)"])
    kidnap = _rows(write_gtd_csv, [kidnapping])[0]
    assert (kidnap["ishostkid"], kidnap["nhostkid"], kidnap["ndays"], kidnap["hostkidoutcome_txt"]) == (
        "1",
        "",
        "-99",
        "Unknown",
    )


def test_gtd_eventid_is_the_date_and_a_sequence_within_it():
    rows = _rows(
        write_gtd_csv,
        [
            Incident(id="a", date="2013-05-07"),
            Incident(id="b", date="2013-05-07"),
            Incident(id="c", date="2013-05-01", date_precision="month"),
        ],
    )
    assert [r["eventid"] for r in rows] == ["201305070001", "201305070002", "201305000001"]


def test_an_attack_on_the_military_is_coded_as_gtd_codes_insurgency():
    rows = _rows(
        write_gtd_csv,
        [
            Incident(id="m", attack_types=["Armed Assault"], target_types=["Military"]),
            Incident(id="c", attack_types=["Armed Assault"], target_types=["Business"]),
        ],
    )
    assert [(r["crit3"], r["doubtterr"], r["alternative"]) for r in rows] == [("0", "1", "1"), ("1", "0", "")]


def test_subtypes_come_from_the_words_of_the_reports():
    checkpoint = Incident(
        id="p",
        attack_types=["Armed Assault"],
        target_types=["Police"],
        site="a police checkpoint",
        weapon_types=["Firearms"],
        roles={"Weapon": [["AK-47 rifles"]]},
    )
    car_bomb = Incident(
        id="b",
        attack_types=["Bombing/Explosion"],
        suicide=True,
        site="the main market",
        target_types=["Private Citizens & Property"],
        weapon_types=["Explosives"],
        roles={"Weapon": [["a car bomb"]]},
    )
    rows = _rows(write_gtd_csv, [checkpoint, car_bomb])
    assert [(r["targsubtype1_txt"], r["weapsubtype1_txt"]) for r in rows] == [
        ("Police Checkpoint", "Automatic or Semi-Automatic Rifle"),
        ("Marketplace/Plaza/Square", "Vehicle"),
    ]


GTD_FILLED = {  # column: the incident field it is filled from
    "iyear": lambda i: i.date,
    "country": lambda i: i.country,
    "country_txt": lambda i: i.country,
    "region": lambda i: i.country,
    "region_txt": lambda i: i.country,
    "provstate": lambda i: i.admin1,
    "city": lambda i: i.city,
    "latitude": lambda i: i.latitude,
    "location": lambda i: i.site,
    "attacktype1": lambda i: i.attack_types,
    "targtype1": lambda i: i.target_types,
    "targsubtype1": lambda i: set(i.target_types) - {"Unknown", "Other"},
    "natlty1": lambda i: i.target_types,
    "target1": lambda i: (
        i.target_types and (i.site or any(i.roles.get("Target", [])) or any(i.roles.get("Victim", [])))
    ),
    "weaptype1": lambda i: i.weapon_types,
    "weapsubtype1": lambda i: set(i.weapon_types[:1]) & {"Firearms", "Explosives", "Incendiary", "Melee", "Chemical"},
    "gname": lambda i: i.perpetrators,
    "nperps": lambda i: i.perpetrator_count is not None,
    "nkill": lambda i: i.killed.best is not None,
    "nkillter": lambda i: i.killed_perpetrators.best is not None,
    "nwound": lambda i: i.wounded.best is not None,
    "nhostkid": lambda i: i.hostages.best is not None,
    "nhours": lambda i: i.duration_hours is not None and i.duration_hours < 24,
    "weapdetail": lambda i: any(i.roles.get("Weapon", [])),
    "scite1": lambda i: i.reports,
    "summary": lambda i: True,
    "crit1": lambda i: True,
    "doubtterr": lambda i: True,
    "success": lambda i: True,
    "multiple": lambda i: True,
    "suicide": lambda i: True,
    "specificity": lambda i: True,
}


@pytest.mark.parametrize("column", sorted(GTD_FILLED))
def test_gtd_column_is_filled_whenever_the_incident_has_the_field(column, demo_incidents):
    incidents = [*demo_incidents, *_varied_incidents()]
    rows = _rows(write_gtd_csv, incidents)
    unknown = next(c.unknown for c in gtd_columns() if c.name == column) or ""
    having = [(i, r) for i, r in zip(incidents, rows) if GTD_FILLED[column](i)]
    assert having, f"no incident has the field behind {column}"
    for incident, row in having:
        assert row[column] not in ("", unknown), (column, incident.id)


# --- ACLED cells -----------------------------------------------------------------------------------------


def test_acled_round_trip_finds_each_incident_and_codes_agree(demo_store, demo_incidents, tmp_path):
    path = tmp_path / "acled.csv"
    export_incidents(demo_store, "acled-csv", path)
    with path.open(encoding="utf-8", newline="") as source:
        rows = {unguard_cell(row["incidentwire_id"]): row for row in csv.DictReader(source)}
    assert rows.keys() == {i.id for i in demo_incidents}
    vocabulary = acled_mapping()["event_types"]
    for incident in demo_incidents:
        row = rows[incident.id]
        for column in acled_columns():
            _assert_typed(row[column.name], column)
        assert row["sub_event_type"] in vocabulary[row["event_type"]]["sub_event_types"]
        assert row["disorder_type"] == vocabulary[row["event_type"]]["disorder_type"]
        inter1, inter2 = int(row["inter1"]), int(row["inter2"])
        assert 1 <= inter1 <= 8 and 0 <= inter2 <= 8
        assert int(row["interaction"]) == (
            max(inter1, inter2) * 10 if 0 in (inter1, inter2) else min(inter1, inter2) * 10 + max(inter1, inter2)
        )
        assert int(row["iso"]) == iso_numeric(incident.country)
        assert row["region"] in acled_mapping()["regions"]
        assert row["event_id_cnty"][:3].isalpha() and row["event_id_cnty"][3:].isdigit()
        assert int(row["fatalities"]) == (incident.killed.best or 0) + (incident.killed_perpetrators.best or 0)
        assert row["civilian_targeting"] in ("", "Civilian targeting")


@pytest.mark.parametrize(
    "country, iso",
    [("Pakistan", 586), ("Palestinian Territory", 275), ("Ivory Coast", 384), ("Afghanistan", 4), ("Kosovo", 0)],
)
def test_acled_iso_is_the_iso_3166_numeric_code(country, iso):
    row = _rows(write_acled_csv, [Incident(id="x", country=country)])[0]
    assert int(row["iso"]) == iso
    record = pycountry.countries.get(name=country)
    assert record is None or int(record.numeric) == iso


@pytest.mark.parametrize(
    "incident, inter1, inter2, interaction, civilians",
    [
        (
            Incident(
                perpetrators=[Perpetrator(name="Al-Shabaab")],
                attack_types=["Armed Assault"],
                target_types=["Private Citizens & Property"],
            ),
            2,
            7,
            27,
            "Civilian targeting",
        ),
        (
            Incident(
                perpetrators=[Perpetrator(name="Taliban")], attack_types=["Armed Assault"], target_types=["Police"]
            ),
            2,
            1,
            12,
            "",
        ),
        (Incident(attack_types=["Bombing/Explosion"], target_types=["Business"]), 3, 7, 37, "Civilian targeting"),
        (
            Incident(
                perpetrators=[Perpetrator(name="Fulani extremists")],
                attack_types=["Armed Assault"],
                target_types=["Private Citizens & Property"],
            ),
            4,
            7,
            47,
            "Civilian targeting",
        ),
        (
            Incident(perpetrators=[Perpetrator(name="Taliban")], attack_types=["Facility/Infrastructure Attack"]),
            2,
            0,
            20,
            "",
        ),
    ],
)
def test_acled_inter_codes_and_interaction(incident, inter1, inter2, interaction, civilians):
    row = _rows(write_acled_csv, [incident])[0]
    assert (int(row["inter1"]), int(row["inter2"]), int(row["interaction"])) == (inter1, inter2, interaction)
    assert row["civilian_targeting"] == civilians
    assert acled_interaction(inter2, inter1) == interaction


@pytest.mark.parametrize(
    "incident, expected",
    [
        (
            Incident(
                attack_types=["Bombing/Explosion"], weapon_types=["Explosives"], roles={"Weapon": [["mortar shells"]]}
            ),
            ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ),
        (
            Incident(
                attack_types=["Bombing/Explosion"], weapon_types=["Explosives"], roles={"Weapon": [["a hand grenade"]]}
            ),
            ("Explosions/Remote violence", "Grenade"),
        ),
        (Incident(attack_types=["Hijacking"]), ("Violence against civilians", "Abduction/forced disappearance")),
    ],
)
def test_acled_sub_event_types_use_the_weapon_words(incident, expected):
    kind = acled_event_type(incident)
    assert (kind.event_type, kind.sub_event_type) == expected


def test_acled_notes_tell_date_actor_place_and_toll():
    incident = Incident(
        id="n",
        date="2023-01-30",
        country="Pakistan",
        admin1="Khyber Pakhtunkhwa",
        city="Peshawar",
        attack_types=["Bombing/Explosion"],
        suicide=True,
        target_types=["Police"],
        perpetrators=[Perpetrator(name="Jamaat-ul-Ahrar", claimed=True)],
        killed=Count.of(100),
        killed_perpetrators=Count.of(1),
        first_reported="2023-01-30",
    )
    row = _rows(write_acled_csv, [incident])[0]
    assert row["notes"].startswith("On 30 January 2023, Jamaat-ul-Ahrar (claimed) carried out a suicide bombing")
    assert "in Peshawar (Khyber Pakhtunkhwa)" in row["notes"] and "101 fatalities" in row["notes"]
    assert row["timestamp"] == "1675036800" and row["disorder_type"] == "Political violence"


ACLED_FILLED = {
    "event_date": lambda i: i.date,
    "year": lambda i: i.date,
    "time_precision": lambda i: i.date,
    "actor2": lambda i: set(i.target_types) - {"Unknown"},
    "inter2": lambda i: set(i.target_types) - {"Unknown"},
    "iso": lambda i: i.country,
    "region": lambda i: i.country,
    "country": lambda i: i.country,
    "admin1": lambda i: i.admin1,
    "location": lambda i: i.city or i.site,
    "latitude": lambda i: i.latitude,
    "geo_precision": lambda i: i.geo_precision,
    "source": lambda i: i.reports,
    "source_scale": lambda i: i.reports,
    "timestamp": lambda i: i.first_reported or i.date,
    "assoc_actor_1": lambda i: len(i.perpetrators) > 1,
    "admin2": lambda i: i.city and i.geo_precision == "district",
    "fatalities": lambda i: (i.killed.best or 0) + (i.killed_perpetrators.best or 0) > 0,
    **{
        c: (lambda i: True)
        for c in (
            "event_id_cnty",
            "disorder_type",
            "event_type",
            "sub_event_type",
            "actor1",
            "inter1",
            "interaction",
            "notes",
        )
    },
}


@pytest.mark.parametrize("column", sorted(ACLED_FILLED))
def test_acled_column_is_filled_whenever_the_incident_has_the_field(column, demo_incidents):
    incidents = [*demo_incidents, *_varied_incidents()]
    rows = _rows(write_acled_csv, incidents)
    having = [(i, r) for i, r in zip(incidents, rows) if ACLED_FILLED[column](i)]
    assert having, f"no incident has the field behind {column}"
    for incident, row in having:
        assert row[column] not in ("", "0") or column == "inter2", (column, incident.id)


# --- untrusted text --------------------------------------------------------------------------------------


def test_no_cell_of_either_export_can_run_as_a_spreadsheet_formula():
    hostile = Incident(
        id="=id",
        date="2020-01-02",
        country="Iraq",
        admin1="+Baghdad",
        city="=HYPERLINK(1)",
        site="@SUM(A1)",
        latitude=-33.1,
        longitude=-70.6,
        geo_precision="district",
        perpetrators=[Perpetrator(name="-1+1", claimed=True), Perpetrator(name="=two")],
        attack_types=["Bombing/Explosion"],
        target_types=["Police", "Business"],
        weapon_types=["Explosives"],
        roles={"Weapon": [["=cmd|' /C calc'!A0"]], "Target": [["+x"]]},
        conflicts=[{"field": "killed", "values": [1, 2], "note": "@note"}],
        killed=Count.of(2),
        reports=["=r1", "-r2", "+r3"],
    )
    for writer, columns in ((write_gtd_csv, gtd_columns()), (write_acled_csv, acled_columns())):
        types = {c.name: c.type for c in columns}
        row = _rows(writer, [hostile])[0]
        for name, cell in row.items():
            if types.get(name, "text") == "text" or name == "incidentwire_id":
                assert not cell.startswith(FORMULA_STARTS), (name, cell)
            elif cell:
                float(cell)  # a number is not guarded: -99 and -70.6 stay numbers
        assert unguard_cell(row["incidentwire_id"]) == "=id"


def _varied_incidents() -> list[Incident]:
    """Incidents that have the fields the demo corpus may lack: hostages, durations, district places."""
    return [
        Incident(
            id="v-kidnap",
            date="2014-04-14",
            date_precision="day",
            country="Nigeria",
            admin1="Borno",
            city="Chibok",
            latitude=10.87,
            longitude=12.85,
            geo_precision="district",
            site="Government school",
            perpetrators=[Perpetrator(name="Boko Haram", claimed=True), Perpetrator(name="Ansaru")],
            attack_types=["Hostage Taking (Kidnapping)"],
            target_types=["Educational Institution"],
            weapon_types=["Firearms"],
            hostages=Count(best=276, low=250, high=300),
            perpetrator_count=200,
            duration_hours=5.0,
            roles={"Weapon": [["rifles"]]},
            reports=["r-k1"],
            first_reported="2014-04-15",
        ),
        Incident(
            id="v-siege",
            date="2013-09-21",
            country="Kenya",
            city="Nairobi",
            attack_types=["Armed Assault"],
            target_types=["Business", "Unknown"],
            weapon_types=["Firearms", "Explosives"],
            killed=Count.of(67),
            killed_perpetrators=Count.of(4),
            wounded=Count.of(175),
            duration_hours=80.0,
        ),
    ]
