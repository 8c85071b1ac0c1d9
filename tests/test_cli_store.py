"""The storage commands end to end, as a user runs them, on a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli

QUETTA = Path(__file__).parent / "fixtures" / "quetta-day.jsonl"


def _db(tmp_path: Path) -> list[str]:
    return ["--db", f"sqlite:///{tmp_path / 'desk.sqlite'}"]


def test_ingest_twice_then_list_show_and_export(tmp_path):
    db = _db(tmp_path)
    first = run_cli("ingest", str(QUETTA), *db)
    assert first.returncode == 0, first.stderr
    assert "4 reports read: 4 new, 0 duplicates, 0 failed; incidents: 2 created, 0 updated" in first.stdout
    again = run_cli("ingest", str(QUETTA), *db)
    assert "4 reports read: 0 new, 4 duplicates" in again.stdout

    listed = json.loads(run_cli("incidents", *db, "--json").stdout)
    assert len(listed) == 2 and all(i["country"] == "Pakistan" for i in listed)
    mosque = next(i for i in listed if "quetta-mosque-r1" in i["reports"])
    filtered = json.loads(run_cli("incidents", *db, "--min-killed", "10", "--json").stdout)
    assert [i["id"] for i in filtered] == [mosque["id"]]

    shown = json.loads(run_cli("incidents", "show", mosque["id"], *db, "--json").stdout)
    assert [p["value"] for p in shown["toll_history"]["killed"]] == [12, 19]
    assert shown["merges"][1]["same"] and shown["merges"][1]["reasons"]
    readable = run_cli("incidents", "show", mosque["id"], *db)
    assert "toll history" in readable.stdout and "joined" in readable.stdout

    out = tmp_path / "incidents.geojson"
    exported = run_cli("export", "--format", "geojson", "-o", str(out), *db)
    assert exported.returncode == 0, exported.stderr
    assert len(json.loads(out.read_text())["features"]) == 2


def test_unknown_incident_and_bad_export_format_are_one_line_errors(tmp_path):
    db = _db(tmp_path)
    missing = run_cli("incidents", "show", "inc-nope", *db)
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and "inc-nope" in missing.stderr
    bad = run_cli("export", "--format", "xlsx", "-o", str(tmp_path / "x"), *db)
    assert bad.returncode == 2 and "xlsx" in bad.stderr


def test_watch_area_alerts_on_ingest_inside_and_not_outside(tmp_path):
    db = _db(tmp_path)
    added = run_cli("watch", "add", "Satellite Town", "--point", "30.19,67.00", "--radius-km", "15", *db)
    assert added.returncode == 0, added.stderr
    far = run_cli("watch", "add", "Lahore", "--point", "31.55,74.34", "--radius-km", "20", *db)
    assert far.returncode == 0
    ingested = run_cli("ingest", str(QUETTA), *db)
    assert "alert: Satellite Town" in ingested.stdout and "Lahore" not in ingested.stdout
    raised = json.loads(run_cli("alerts", *db, "--json").stdout)
    assert raised and {a["watch_area"] for a in raised} == {"Satellite Town"}
    assert run_cli("watch", "remove", "2", *db).returncode == 0
    assert run_cli("watch", "remove", "2", *db).returncode == 2
    assert len(json.loads(run_cli("watch", "list", *db, "--json").stdout)) == 1
