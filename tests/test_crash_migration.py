"""A real `incidentwire` process killed with SIGKILL while it migrates a database (SQLite file and
PostgreSQL) leaves it as it was; the next run brings it to head with no data lost.

The kill lands inside the upgrade's transaction, after a chosen revision has been applied and stamped but
before the commit, through the tiny test-only hook in store/migrations/env.py (PAUSE_HOOK_VARIABLE).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from importlib import resources
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

PAUSE_HOOK_VARIABLE = "INCIDENTWIRE_TEST_MIGRATION_PAUSE"  # as env.py names it (env.py runs on import)
HOOK_WAIT_SECONDS = 90


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("incidentwire.store").joinpath("migrations")))
    return config


HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()


def migrate_to(url: str, revision: str) -> None:
    """The schema of an older release, as open_store() would have left it."""
    engine = create_engine(url)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


def add_old_data(url: str) -> None:
    """Reports, incidents, a watch area and its alerts, written in the 0001 schema's columns."""
    engine = create_engine(url)
    now = datetime(2023, 2, 18, 12, 0)
    with engine.begin() as connection:
        for number in range(3):
            connection.execute(
                text(
                    "INSERT INTO reports (id, content_hash, published, title, text, url, source, ingested_at, sequence)"
                    " VALUES (:id, :hash, '2023-02-18', 'Title', :text, NULL, 'Wire', :now, :seq)"
                ),
                {
                    "id": f"r{number}",
                    "hash": f"{number:064d}",
                    "text": f"Report number {number}.",
                    "now": now,
                    "seq": number,
                },
            )
            connection.execute(
                text(
                    "INSERT INTO incidents"
                    " (id, record, date, country, city, killed, report_count, created_at, updated_at)"
                    " VALUES (:id, :record, '2023-02-17', 'Pakistan', 'Karachi', :killed, 1, :now, :now)"
                ),
                {
                    "id": f"i{number}",
                    "record": json.dumps({"id": f"i{number}", "reports": [f"r{number}"]}),
                    "killed": number,
                    "now": now,
                },
            )
        connection.execute(
            text("INSERT INTO watch_areas (id, name, definition, created_at) VALUES (1, 'Karachi', '{}', :now)"),
            {"now": now},
        )
        for number in range(3):
            connection.execute(
                text(
                    "INSERT INTO alerts (watch_area_id, incident_id, reason, created_at)"
                    " VALUES (1, :incident, 'in area', :now)"
                ),
                {"incident": f"i{number}", "now": now},
            )
    engine.dispose()


def snapshot(url: str) -> dict:
    engine = create_engine(url)
    with engine.connect() as connection:
        tables = {
            "reports": connection.execute(text("SELECT id, text FROM reports ORDER BY id")).all(),
            "incidents": connection.execute(text("SELECT id, killed FROM incidents ORDER BY id")).all(),
            "alerts": connection.execute(
                text("SELECT watch_area_id, incident_id FROM alerts ORDER BY incident_id")
            ).all(),
        }
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    engine.dispose()
    return {"version": version, **{name: [tuple(row) for row in rows] for name, rows in tables.items()}}


def cli(db: str, environment: dict | None = None) -> subprocess.Popen:
    """`incidentwire incidents --db URL`: any command opens the store, and opening it migrates."""
    exe = Path(sys.executable).with_name("incidentwire")
    prefix = [str(exe)] if exe.exists() else [sys.executable, "-m", "incidentwire"]
    return subprocess.Popen(
        [*prefix, "incidents", "--db", db],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **(environment or {})},
    )


def kill_after_revision(db: str, revision: str, marker: Path) -> None:
    """Runs the upgrade and SIGKILLs it once `revision` is applied, inside the uncommitted transaction."""
    process = cli(db, {PAUSE_HOOK_VARIABLE: f"{revision}:{marker}"})
    deadline = time.monotonic() + HOOK_WAIT_SECONDS
    while not marker.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the upgrade never reached {revision}: {process.communicate()[1].decode()[-800:]}")
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()


def rerun_to_head(db: str) -> None:
    process = cli(db)
    _, stderr = process.communicate(timeout=HOOK_WAIT_SECONDS)
    assert process.returncode == 0, stderr.decode()[-1500:]


@pytest.mark.parametrize("revision", sorted({"0002", HEAD}))
def test_upgrade_killed_mid_transaction_keeps_old_schema_and_data_then_reaches_head(db_url, tmp_path, revision):
    migrate_to(db_url, "0001")
    add_old_data(db_url)
    before = snapshot(db_url)
    kill_after_revision(db_url, revision, tmp_path / "paused")
    assert snapshot(db_url) == before  # nothing of the killed upgrade was committed
    rerun_to_head(db_url)
    after = snapshot(db_url)
    assert after == {**before, "version": HEAD}


def test_first_open_killed_mid_transaction_leaves_a_database_the_next_run_creates(db_url, tmp_path):
    kill_after_revision(db_url, "0001", tmp_path / "paused")
    rerun_to_head(db_url)
    assert snapshot(db_url) == {"version": HEAD, "reports": [], "incidents": [], "alerts": []}


PLAIN_UPGRADE = """
import sys
from test_crash_migration import migrate_to
migrate_to(sys.argv[1], "head")
"""


def test_plain_alembic_upgrade_on_sqlite_is_one_transaction_too(tmp_path):
    # Without open_store's BEGIN IMMEDIATE, only env.py's explicit BEGIN keeps 0001's CREATE TABLEs from
    # committing on their own (the rerun would then fail on "table reports already exists").
    db_url = f"sqlite:///{tmp_path / 'plain.sqlite'}"
    marker = tmp_path / "paused"
    process = subprocess.Popen(
        [sys.executable, "-c", PLAIN_UPGRADE, db_url],
        cwd=Path(__file__).parent,
        env={**os.environ, PAUSE_HOOK_VARIABLE: f"0001:{marker}"},
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + HOOK_WAIT_SECONDS
    while not marker.exists():
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()[1].decode()[-800:]
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    rerun_to_head(db_url)
    assert snapshot(db_url) == {"version": HEAD, "reports": [], "incidents": [], "alerts": []}
