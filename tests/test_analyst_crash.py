"""A SIGKILL in the middle of an ingest that re-reconciles a corrected incident, then the rerun: every
correction stands (a real SQLite file, then a real PostgreSQL server; the ingest in its own process)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from analyst_records import kpo_record

from incidentwire.analyst import actions
from incidentwire.ingest import ingest_records
from incidentwire.store import open_store

STREAM = 150
HERE = Path(__file__).resolve().parent


def _stream(url: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(HERE / "analyst_records.py"), url, str(STREAM)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_sigkill_mid_ingest_keeps_every_correction(db_url):
    store = open_store(db_url)
    ingest_records(store, [kpo_record("r1", 4, "2023-02-17"), kpo_record("r2", 5)])
    incident = store.list_incidents().items[0].id
    actions.correct(store, incident, "alice", "killed", {"best": 99}, "the final count")
    actions.correct(store, incident, "alice", "site", "Saddar police station", "")
    actions.mark_reviewed(store, incident, "bob")
    process = _stream(db_url)
    deadline = time.monotonic() + 240
    while store.counts()["reports"] < 12 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert process.poll() is None, "the ingest finished before it could be killed: make the stream longer"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    standing = store.incident(incident)
    assert 2 < len(standing.reports) < STREAM + 2
    assert standing.killed.best == 99 and standing.site == "Saddar police station"
    assert standing.reviewed_by == "bob" and standing.field_sources["killed"] == "analyst"
    rerun = _stream(db_url)
    _out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err.decode()
    after = store.incident(incident)
    assert len(after.reports) == STREAM + 2 and store.counts()["incidents"] == 1
    assert after.killed.best == 99 and after.site == "Saddar police station" and after.reviewed_by == "bob"
    assert any(c.field == "killed" and "analyst alice" in c.note for c in after.conflicts)
    store.close()
