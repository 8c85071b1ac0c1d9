"""Killing `incidentwire ingest` mid-batch (SIGKILL) and running it again stores every report exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text

CITIES = ["Quetta", "Peshawar", "Kabul", "Mogadishu", "Maiduguri", "Baghdad", "Karachi", "Bannu"]
WEAPONS = ["a roadside bomb", "a grenade", "gunfire", "a car bomb"]


def _batch(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            city, weapon = CITIES[n % len(CITIES)], WEAPONS[n % len(WEAPONS)]
            text_ = (
                f"{city} - Report {n}: {weapon} struck a police patrol in {city} on Monday, killing {n % 9 + 1} "
                f"officers and wounding {n % 7 + 2} others, officials said. Patrol number {1000 + n} was hit."
            )
            handle.write(json.dumps({"id": f"crash-{n}", "published": "2024-03-04", "text": text_}) + "\n")


def _count(url: str, table: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
    except Exception:  # noqa: BLE001 - the schema may not exist yet while the first run starts
        return 0
    finally:
        engine.dispose()


def _ingest_command(batch: Path, url: str) -> list[str]:
    return [str(Path(sys.executable).with_name("incidentwire")), "ingest", str(batch), "--db", url]


def test_sigkill_mid_ingest_then_rerun_stores_each_report_once(tmp_path, db_url):
    total = 300
    batch = tmp_path / "batch.jsonl"
    _batch(batch, total)
    process = subprocess.Popen(_ingest_command(batch, db_url), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    while _count(db_url, "reports") == 0 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    stored_before_kill = _count(db_url, "reports")
    assert process.poll() is None, "ingest finished before it could be killed: make the batch larger"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert 0 < stored_before_kill < total
    survived = _count(db_url, "reports")
    assert survived >= stored_before_kill  # nothing committed is lost

    rerun = subprocess.run(_ingest_command(batch, db_url), capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{total} reports read: {total - survived} new, {survived} duplicates" in rerun.stdout
    assert _count(db_url, "reports") == total
    engine = create_engine(db_url)
    with engine.connect() as connection:
        ids = [row[0] for row in connection.execute(text("SELECT report_id FROM observations"))]
        orphans = connection.execute(
            text("SELECT count(*) FROM observations o LEFT JOIN incidents i ON i.id = o.incident_id WHERE i.id IS NULL")
        ).scalar_one()
    engine.dispose()
    assert len(ids) == len(set(ids)) == total  # one reading per report, none twice
    assert orphans == 0
