"""The disk fills (issue 18): an export, an ingest and a migration on a small filesystem that runs out of
space. Each says so in one line; the previous export survives byte for byte; the database is unchanged and
still opens; a rerun with space completes.

The small filesystem is a tmpfs the test mounts (root); where mounting is not allowed the test is skipped
with that reason (never on CI, where the suite runs as root)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from alembic import command
from conftest import migrate, run_cli

from incidentwire.store import open_store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus" / "reports.jsonl"
DISK_BYTES = 8 * 1024 * 1024


@pytest.fixture
def small_disk(tmp_path):
    """A folder on its own 8 MiB filesystem."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={DISK_BYTES}", "tmpfs", str(mount)], capture_output=True, text=True
    )
    if done.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail(f"cannot mount a small filesystem: {done.stderr.strip()}")
        pytest.skip(f"cannot mount a small filesystem here: {done.stderr.strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def fill(folder: Path, leave_bytes: int = 0) -> Path:
    """Fills the filesystem of `folder` up to `leave_bytes` free; returns the filler, to delete for space."""
    filler = folder / "filler"
    free = shutil.disk_usage(folder).free - leave_bytes
    with filler.open("wb") as out:
        block = b"\0" * (1 << 16)
        try:
            while free > 0:
                free -= out.write(block[: min(len(block), free)])
                out.flush()
        except OSError:  # full already
            pass
    return filler


def one_line_about_space(result: subprocess.CompletedProcess) -> str:
    assert result.returncode != 0, result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "space" in lines[0].lower() or "full" in lines[0].lower(), lines[0]
    assert "internal error" not in lines[0] and "Traceback" not in result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('full') / 'corpus.sqlite'}"
    assert run_cli("ingest", str(CORPUS), "--db", url, timeout=600).returncode == 0
    return url


def test_an_export_onto_a_full_disk_says_so_and_the_previous_file_survives(small_disk, corpus_db):
    target = small_disk / "incidents.geojson"
    assert run_cli("export", "--format", "geojson", "-o", str(target), "--db", corpus_db).returncode == 0
    before = target.read_bytes()
    filler = fill(small_disk, leave_bytes=len(before) // 4)  # room for a quarter of a new copy
    line = one_line_about_space(run_cli("export", "--format", "geojson", "-o", str(target), "--db", corpus_db))
    assert str(target) in line
    assert target.read_bytes() == before
    assert not list(small_disk.glob(".incidents.geojson.*.part")), "no half-written part left behind"
    filler.unlink()
    assert run_cli("export", "--format", "geojson", "-o", str(target), "--db", corpus_db).returncode == 0
    assert target.read_bytes() == before


def test_an_ingest_onto_a_full_disk_says_so_and_the_database_is_unchanged(small_disk, tmp_path):
    url = f"sqlite:///{small_disk / 'store.sqlite'}"
    reports = CORPUS.read_text().splitlines()
    first, rest = tmp_path / "first.jsonl", tmp_path / "rest.jsonl"
    first.write_text("\n".join(reports[:5]) + "\n")
    rest.write_text("\n".join(reports[5:]) + "\n")
    assert run_cli("ingest", str(first), "--db", url, timeout=600).returncode == 0
    filler = fill(small_disk, leave_bytes=96 * 1024)  # room to open the database, not to store the rest
    line = one_line_about_space(run_cli("ingest", str(rest), "--db", url, timeout=600))
    assert "store.sqlite" in line
    wal = small_disk / "store.sqlite-wal"
    assert not wal.exists() or wal.stat().st_size == 0, "nothing committed waits in the write-ahead log"
    # on the full disk itself the database opens read-only (SQLite cannot make its lock files there)
    with sqlite3.connect(f"file:{small_disk / 'store.sqlite'}?mode=ro&immutable=1", uri=True) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM reports").fetchone() == (5,)
    filler.unlink()
    assert open_store(url).counts()["reports"] == 5
    assert run_cli("ingest", str(rest), "--db", url, timeout=600).returncode == 0
    assert open_store(url).counts()["reports"] == len(reports)


def test_a_migration_on_a_full_disk_says_so_and_leaves_the_old_schema(small_disk):
    path = small_disk / "old.sqlite"
    store = open_store(f"sqlite:///{path}")
    migrate(store, command.downgrade, "0002")
    store.close()
    with sqlite3.connect(path) as db:
        old_tables = db.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()
    filler = fill(small_disk, leave_bytes=0)
    one_line_about_space(run_cli("incidents", "--db", f"sqlite:///{path}", "--limit", "1"))
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall() == old_tables
    filler.unlink()
    assert run_cli("incidents", "--db", f"sqlite:///{path}", "--limit", "1").returncode == 0
