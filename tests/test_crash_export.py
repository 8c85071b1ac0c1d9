"""A real `incidentwire export` process killed with SIGKILL mid-write never leaves a truncated file at its
--output path (the old file survives, or there is none), and a rerun writes the complete file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from incidentwire.export import read_gtd_csv, read_parquet
from incidentwire.model import Count, Incident, Perpetrator
from incidentwire.store.repository import open_store
from incidentwire.store.tables import IncidentRow

INCIDENTS = 6000
EXPORT_SECONDS_LIMIT = 120


def incident(number: int) -> Incident:
    return Incident(
        id=f"inc-{number:06d}",
        date=f"{2010 + number % 14}-0{1 + number % 9}-1{number % 10}",
        date_precision="day",
        country="Pakistan",
        admin1="Sindh",
        city="Karachi",
        latitude=24.8 + number / 1e5,
        longitude=67.0,
        geo_precision="city",
        attack_types=["Bombing/Explosion"],
        target_types=["Police"],
        perpetrators=[Perpetrator(name=f"Group {number % 50}")],
        killed=Count.of(number % 30),
        reports=[f"report-{number}"],
    )


@pytest.fixture(scope="module")
def big_store(tmp_path_factory) -> str:
    """An SQLite store of INCIDENTS incidents, inserted in one transaction (save_incident would take a minute)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'big.sqlite'}"
    store = open_store(url)
    now = datetime(2024, 1, 1)
    with store.transaction() as tx:
        tx.session.add_all(
            IncidentRow(
                id=i.id,
                record=i.model_dump(mode="json"),
                date=i.date,
                country=i.country,
                admin1=i.admin1,
                city=i.city,
                latitude=i.latitude,
                longitude=i.longitude,
                perpetrator=i.perpetrators[0].name,
                attack_types="|".join(i.attack_types),
                target_types="|".join(i.target_types),
                weapon_types="",
                killed=i.killed.best,
                wounded=None,
                report_count=1,
                created_at=now,
                updated_at=now,
            )
            for i in map(incident, range(INCIDENTS))
        )
    store.close()
    return url


def start_export(fmt: str, output: Path, db: str) -> subprocess.Popen:
    exe = Path(sys.executable).with_name("incidentwire")
    prefix = [str(exe)] if exe.exists() else [sys.executable, "-m", "incidentwire"]
    return subprocess.Popen(
        [*prefix, "export", "--format", fmt, "--output", str(output), "--db", db],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def part_files(output: Path) -> list[Path]:
    return list(output.parent.glob(f".{output.name}.*.part"))


def kill_once_written(process: subprocess.Popen, output: Path, at_least: int) -> int:
    """SIGKILLs the export once its temporary file holds `at_least` bytes; returns the bytes it held."""
    deadline = time.monotonic() + EXPORT_SECONDS_LIMIT
    while time.monotonic() < deadline:
        sizes = [p.stat().st_size for p in part_files(output) if p.exists()]
        if sizes and max(sizes) >= at_least:
            process.send_signal(signal.SIGKILL)
            process.wait()
            return max(sizes)
        if process.poll() is not None:
            pytest.fail(f"export ended before writing {at_least} bytes: {process.stderr.read().decode()[-500:]}")
        time.sleep(0.005)
    process.kill()
    pytest.fail("export wrote too slowly")


def export_completely(fmt: str, output: Path, db: str) -> None:
    process = start_export(fmt, output, db)
    _, stderr = process.communicate(timeout=EXPORT_SECONDS_LIMIT)
    assert process.returncode == 0, stderr.decode()[-1000:]


def rows_in(fmt: str, output: Path) -> int:
    if fmt == "gtd-csv":
        with output.open(encoding="utf-8", newline="") as source:
            return len(read_gtd_csv(source))
    if fmt == "geojson":
        return len(json.loads(output.read_text(encoding="utf-8"))["features"])
    return len(read_parquet(str(output)))


def test_export_killed_at_several_points_leaves_no_file_and_a_rerun_completes_it(big_store, tmp_path):
    output = tmp_path / "incidents.csv"
    for at_least in (1, 100_000, 600_000):  # just opened, early rows, far into the rows
        held = kill_once_written(start_export("gtd-csv", output, big_store), output, at_least)
        assert held >= at_least
        assert not output.exists(), f"a truncated export is at the path after a kill at {held} bytes"
        assert len(part_files(output)) == 1  # the run just killed; each run removes the dead ones before it
    export_completely("gtd-csv", output, big_store)
    assert rows_in("gtd-csv", output) == INCIDENTS
    assert output.stat().st_mode & 0o777 == 0o666 & ~current_umask()
    assert not part_files(output), "the rerun removes what the killed runs left"


def test_an_export_leaves_a_living_writers_temporary_file_alone(tmp_path):
    from incidentwire.export import write_incidents

    output = tmp_path / "out.geojson"
    living = output.with_name(f".{output.name}.{os.getppid()}.0123456789ab.part")
    dead = output.with_name(f".{output.name}.{dead_pid()}.0123456789ab.part")
    living.write_text("another export, still writing")
    dead.write_text("a killed export's rows")
    write_incidents([incident(1)], "geojson", output)
    assert living.exists() and not dead.exists()


def dead_pid() -> int:
    """The pid of a process that has exited (and been reaped)."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


@pytest.mark.parametrize("fmt, at_least", [("geojson", 2_000_000), ("parquet", 100_000)])
def test_export_killed_mid_write_keeps_the_previous_complete_file(big_store, tmp_path, fmt, at_least):
    output = tmp_path / f"incidents.{fmt}"
    export_completely(fmt, output, big_store)
    before = output.read_bytes()
    kill_once_written(start_export(fmt, output, big_store), output, at_least)
    assert output.read_bytes() == before  # the old file, whole, not the killed run's half
    export_completely(fmt, output, big_store)
    assert rows_in(fmt, output) == INCIDENTS


def test_failed_export_removes_its_temporary_file(tmp_path):
    from incidentwire.export import write_incidents

    def incidents_then_failure():
        yield incident(1)
        raise RuntimeError("store went away")

    output = tmp_path / "out.geojson"
    with pytest.raises(RuntimeError):
        write_incidents(incidents_then_failure(), "geojson", output)
    assert not output.exists() and not part_files(output)


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
