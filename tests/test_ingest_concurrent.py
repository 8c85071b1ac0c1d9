"""Two `incidentwire ingest` processes on one database at once store what one process stores.

Real processes, a real SQLite file (WAL) and a real PostgreSQL database: the files overlap, so both
processes meet the same reports and the same events; each report must be stored once, the incidents
must group the reports as a single process groups them, and a watch area must alert once per incident.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from sqlalchemy import create_engine, text

CORPUS = ROOT / "examples" / "corpus" / "reports.jsonl"
QUETTA_DAY = ROOT / "tests" / "fixtures" / "quetta-day.jsonl"
EVENTS = [
    ("Bannu", "Khyber Pakhtunkhwa", "a police station"),
    ("Maiduguri", "Borno", "a market"),
    ("Mosul", "Nineveh", "an army checkpoint"),
    ("Gao", "Gao", "a UN convoy"),
    ("Kandahar", "Kandahar", "a mosque"),
    ("Mogadishu", "Banaadir", "a hotel"),
]
# Its third report joins the first two or not depending on arrival order (a limit of greedy merging,
# not of concurrency); two processes cannot keep one process's order, so it stays out.
ORDER_SENSITIVE = "garissa-university"
WHOLE_WORLD = json.dumps([[-180, -90], [180, -90], [180, 90], [-180, 90], [-180, -90]])


def stream_reports() -> list[dict]:
    """The examples corpus, the Quetta day, and a few short events of three growing reports each."""
    reports = [
        json.loads(line)
        for path in (CORPUS, QUETTA_DAY)
        for line in path.read_text().splitlines()
        if line.strip() and ORDER_SENSITIVE not in line
    ]
    for n, (city, province, target) in enumerate(EVENTS):
        for k in range(3):
            reports.append(
                {
                    "id": f"concurrent-{n}-{k}",
                    "published": f"2022-0{n + 1}-1{k}",
                    "text": f"{city.upper()} - Gunmen stormed {target} in {city}, {province}, on Monday, killing "
                    f"{5 + 4 * k} people and wounding {9 + k}, officials said. Event {n} update {k}.",
                }
            )
    return reports


def _write(path: Path, reports: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in reports), encoding="utf-8")
    return path


def _cli(*args: str) -> list[str]:
    exe = Path(sys.executable).with_name("incidentwire")
    return [str(exe), *args] if exe.exists() else [sys.executable, "-m", "incidentwire", *args]


def _stored(url: str) -> tuple[list[str], set[frozenset[str]], list[tuple[int, str]]]:
    """Report ids, the reports of each incident, and the (area, incident) pairs alerted."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            reports = [r for (r,) in connection.execute(text("SELECT id FROM reports"))]
            clusters: dict[str, set[str]] = {}
            for incident_id, report_id in connection.execute(text("SELECT incident_id, report_id FROM observations")):
                clusters.setdefault(incident_id, set()).add(report_id)
            alerts = [tuple(r) for r in connection.execute(text("SELECT watch_area_id, incident_id FROM alerts"))]
    finally:
        engine.dispose()
    return reports, {frozenset(c) for c in clusters.values()}, alerts


def _watch_everywhere(url: str) -> None:
    added = subprocess.run(
        _cli("watch", "add", "everywhere", "--polygon", WHOLE_WORLD, "--db", url),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert added.returncode == 0, added.stderr


@pytest.fixture(scope="module")
def halves(tmp_path_factory) -> tuple[Path, Path]:
    """Two files sharing their middle third, interleaved so both hold reports of most events."""
    reports = stream_reports()
    ordered = reports[::2] + reports[1::2]
    third = len(ordered) // 3
    folder = tmp_path_factory.mktemp("halves")
    return _write(folder / "first.jsonl", ordered[: 2 * third]), _write(folder / "second.jsonl", ordered[third:])


@pytest.fixture(scope="module")
def one_process(halves, tmp_path_factory) -> tuple[list[str], set[frozenset[str]], list[tuple[int, str]]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('single') / 'single.sqlite'}"
    _watch_everywhere(url)
    done = subprocess.run(
        _cli("ingest", *map(str, halves), "--db", url), capture_output=True, text=True, check=False, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return _stored(url)


def test_processes_opening_one_fresh_database_at_once_all_succeed(db_url):
    processes = [
        subprocess.Popen(
            _cli("watch", "list", "--db", db_url), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(3)
    ]
    outcomes = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0, 0, 0], [err for _, err in outcomes]


def test_two_ingests_at_once_store_what_one_ingest_stores(db_url, halves, one_process):
    _watch_everywhere(db_url)
    processes = [
        subprocess.Popen(
            _cli("ingest", str(path), "--db", db_url), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for path in halves
    ]
    outcomes = [p.communicate(timeout=300) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], [err for _, err in outcomes]

    reports, clusters, alerts = _stored(db_url)
    expected_reports, expected_clusters, expected_alerts = one_process
    assert len(reports) == len(set(reports)) == len(expected_reports)  # each report stored once
    assert set(reports) == set(expected_reports)
    assert clusters == expected_clusters  # the same incidents, of the same reports
    assert len(alerts) == len(set(alerts)) == len(expected_alerts)  # each incident alerted once
