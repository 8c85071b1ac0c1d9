"""The analyst's commands as a user runs them (the console script, a real SQLite file): analysts and
their tokens, a correction from the CLI, a stale version refused, the audit log, undo and the queue."""

from __future__ import annotations

import json
import os

import pytest
from analyst_records import kpo_record, peshawar_record
from conftest import run_cli

from incidentwire.ingest import ingest_records
from incidentwire.store import open_store
from incidentwire.store.tables import AnalystRow


@pytest.fixture
def db(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    store = open_store(url)
    ingest_records(store, [kpo_record("r1", 4, "2023-02-17"), kpo_record("r2", 5), peshawar_record("p1", 59)])
    store.close()
    return url


def add(db: str, name: str) -> str:
    done = run_cli("analysts", "add", name, "--db", db)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_analysts_add_prints_the_token_once_and_stores_only_its_hash(db):
    token = add(db, "alice")
    assert token.startswith("iwa_") and len(token) > 40
    store = open_store(db)
    with store._sessions() as session:
        row = session.query(AnalystRow).one()
    store.close()
    # iwa_<key id>_<secret>: the secret itself may hold "_", so split at the first two only
    secret = token.split("_", 2)[2]
    assert token not in (row.token_hash, row.salt) and secret not in row.token_hash
    assert run_cli("analysts", "add", "alice", "--db", db).returncode == 2  # one alice
    listed = json.loads(run_cli("analysts", "list", "--db", db, "--json").stdout)
    assert [(a["name"], a["revoked_at"]) for a in listed] == [("alice", None)]
    assert run_cli("analysts", "revoke", "alice", "--db", db).returncode == 0
    assert json.loads(run_cli("analysts", "list", "--db", db, "--json").stdout)[0]["revoked_at"]


def test_correct_from_the_cli_then_audit_undo_and_review(db):
    token = add(db, "alice")
    incidents = json.loads(run_cli("incidents", "--db", db, "--json").stdout)
    kpo = next(i for i in incidents if i["city"] == "Karachi")
    done = run_cli(
        "incidents",
        "correct",
        kpo["id"],
        "--field",
        "killed",
        "--best",
        "12",
        "--note",
        "police: 12",
        "--token",
        token,
        "--db",
        db,
        "--json",
    )
    assert done.returncode == 0, done.stderr
    corrected = json.loads(done.stdout)
    assert (
        corrected["killed"] == {"best": 12, "low": 12, "high": 12, "approximate": False, "qualifier": None}
        and corrected["version"] == kpo["version"] + 1
    )
    stale = run_cli(
        "incidents",
        "correct",
        kpo["id"],
        "--field",
        "perpetrators",
        "--perpetrator",
        "Lashkar-e-Jhangvi=suspected",
        "--version",
        str(kpo["version"]),
        "--token",
        token,
        "--db",
        db,
    )
    assert stale.returncode == 1 and "changed by alice at" in stale.stderr
    assert (
        run_cli(
            "incidents",
            "correct",
            kpo["id"],
            "--field",
            "killed",
            "--best",
            "3",
            "--db",
            db,
            "--token",
            "iwa_nope_nope",
        ).returncode
        == 2
    )
    audit = json.loads(run_cli("audit", "--db", db, "--json").stdout)
    assert [(e["analyst"], e["action"], e["field"], e["note"]) for e in audit] == [
        ("alice", "correct", "killed", "police: 12")
    ]
    env_token = {**os.environ, "INCIDENTWIRE_ANALYST_TOKEN": token}
    undone = run_cli("undo", str(audit[0]["id"]), "--db", db, "--json", env=env_token)
    assert undone.returncode == 0, undone.stderr
    assert json.loads(undone.stdout)["killed"]["best"] == 5
    queue = json.loads(run_cli("review", "--db", db, "--json").stdout)
    assert [item["id"] for item in queue] == [kpo["id"], "inc-p1"]  # figures in conflict first
    assert "figures in conflict: killed" in queue[0]["reasons"] and "single report" in queue[1]["reasons"][0]
    assert run_cli("incidents", "reviewed", kpo["id"], "--db", db, env=env_token).returncode == 0
    assert [i["id"] for i in json.loads(run_cli("review", "--db", db, "--json").stdout)] == ["inc-p1"]
