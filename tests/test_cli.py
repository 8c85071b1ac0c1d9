"""The CLI end to end, run as a user runs it: real files in, JSON or one-line errors out."""

from __future__ import annotations

import json

from conftest import GTD_CSV, require_shared, run_cli


def _record(stdout: str) -> dict:
    return json.loads(stdout)


def test_extract_founding_report_as_json(founding_report):
    result = run_cli("extract", str(founding_report), "--published", "2023-02-18", "--json")
    assert result.returncode == 0, result.stderr
    record = _record(result.stdout)
    assert record["report"]["published"] == "2023-02-18"
    [incident] = record["incidents"]
    assert (incident["country"], incident["admin1"], incident["city"]) == ("Pakistan", "Sindh", "Karachi")
    assert incident["killed"]["best"] == 4 and incident["wounded"]["best"] == 19
    assert incident["perpetrators"][0]["claimed"] is True
    text = founding_report.read_text(encoding="utf-8")
    spans = [s for field_spans in incident["evidence"].values() for s in field_spans]
    assert spans and all(text[s["start"] : s["end"]] == s["text"] for s in spans)


def test_extract_prints_a_readable_table_without_json(founding_report):
    result = run_cli("extract", str(founding_report), "--published", "2023-02-18")
    assert result.returncode == 0, result.stderr
    assert "Karachi" in result.stdout and "killed" in result.stdout


def test_non_attack_report_yields_no_incidents(tmp_path):
    """A match report full of security words (police, stadium, Karachi) is not an incident."""
    text = (
        "Karachi Kings beat Quetta Gladiators by six wickets at the National Stadium in Karachi on Sunday "
        "night. Police and Rangers kept a heavy presence around the ground, and roads near the stadium were "
        "closed to traffic for the evening. The opener struck 84 off 51 balls, and the home side chased the "
        "target of 171 with two overs to spare in front of a crowd of 30,000."
    )
    report = tmp_path / "cricket.json"
    report.write_text(json.dumps({"id": "cricket", "published": "2023-02-19", "title": "Kings win", "text": text}))
    result = run_cli("extract", str(report), "--json")
    assert result.returncode == 0, result.stderr
    assert _record(result.stdout)["incidents"] == []


def test_jsonl_batch_prints_one_record_per_line_and_reports_a_bad_line(tmp_path):
    batch = tmp_path / "batch.jsonl"
    good = {
        "id": "a",
        "published": "2013-05-07",
        "text": "Gunmen shot and killed two policemen in Quetta, Balochistan, Pakistan.",
    }
    other = {
        "id": "b",
        "published": "2013-05-08",
        "text": "A bomb exploded at a market in Kirkuk, Iraq, killing five people.",
    }
    batch.write_text(json.dumps(good) + "\n{not json\n" + json.dumps(other) + "\n", encoding="utf-8")
    result = run_cli("extract", str(batch), "--json")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert [json.loads(line)["report"]["id"] for line in lines] == ["a", "b"]
    assert "line 2" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_bad_published_option_is_a_usage_error(founding_report):
    result = run_cli("extract", str(founding_report), "--published", "yesterday")
    assert result.returncode == 2
    assert "--published" in result.stderr and "Traceback" not in result.stderr


def test_eval_gtd_prints_per_field_accuracy():
    result = run_cli("eval", "gtd", str(require_shared(GTD_CSV)), "--limit", "25", "--json")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    for field in ("country", "city", "attacktype1", "targtype1", "weaptype1", "gname", "nkill", "nwound"):
        assert 0.0 <= scores[field]["accuracy"] <= 1.0 and scores[field]["total"] > 0
    assert scores["country"]["accuracy"] > 0.8
