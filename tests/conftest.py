"""Shared fixtures: paths to the real data beside the project, and the CLI as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from incidentwire.model import Count, Incident, Perpetrator

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("INCIDENTWIRE_SHARED", ROOT.parent / "shared"))
FOUNDING_REPORT = SHARED / "data" / "examples" / "karachi-kpo-2023" / "report.txt"
CLUSTERS = SHARED / "data" / "examples" / "clusters"
GTD_CSV = SHARED / "data" / "gtd" / "gtd-2013-05.csv"
CORPUS = ROOT / "examples" / "corpus" / "reports.jsonl"


def require_shared(path: Path) -> Path:
    """The shared data file or folder, or a skip that names what is missing and where it comes from."""
    if not path.exists():
        pytest.skip(
            f"needs {path.relative_to(SHARED)} from the shared data folder, not found at {SHARED} "
            "(set INCIDENTWIRE_SHARED to the folder that holds data/)"
        )
    return path


@pytest.fixture(scope="session")
def founding_report() -> Path:
    if not FOUNDING_REPORT.exists():
        pytest.skip(f"shared data not found at {SHARED}")
    return FOUNDING_REPORT


def run_cli(*args: str, timeout: float = 120, env: dict | None = None) -> subprocess.CompletedProcess:
    """Runs the installed console script the way a user does, in a fresh process (`env`: its environment)."""
    exe = Path(sys.executable).with_name("incidentwire")
    command = [str(exe), *args] if exe.exists() else [sys.executable, "-m", "incidentwire", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env)


@pytest.fixture(scope="session")
def postgres_server():
    """One throwaway PostgreSQL server for the whole session (or $INCIDENTWIRE_TEST_PG_URL's)."""
    if os.environ.get("INCIDENTWIRE_TEST_PG_URL"):
        yield None
        return
    server = start_postgres_or_skip()
    yield server
    server.stop()


def start_postgres_or_skip():
    """A new throwaway PostgreSQL server; the test is skipped where none can start (never on CI)."""
    from pg_server import PostgresServer, PostgresUnavailable

    try:
        return PostgresServer().start()
    except (PostgresUnavailable, subprocess.CalledProcessError, OSError) as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL unavailable here: {error}")


_database_counter = iter(range(10**6))


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """A fresh, empty database URL: an SQLite file, then a PostgreSQL database on a real server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'incidentwire.sqlite'}"
    server = request.getfixturevalue("postgres_server")
    if server is None:
        return os.environ["INCIDENTWIRE_TEST_PG_URL"]
    return server.fresh_database(f"t{os.getpid()}_{next(_database_counter)}")


@contextmanager
def serving_on_loopback(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 (a free port) in a thread; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def migrate(store, action, revision: str) -> None:
    """Runs an Alembic command (command.upgrade or command.downgrade) to `revision` on a store's database."""
    from importlib import resources

    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files("incidentwire.store").joinpath("migrations")))
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        action(config, revision)


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory):
    """The bundled example corpus (38 real reports of 10 attacks), ingested once into an SQLite file."""
    from incidentwire.ingest import ingest_reports
    from incidentwire.model import Report
    from incidentwire.store.repository import open_store

    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('export') / 'demo.sqlite'}")
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    ingest_reports(store, [Report.model_validate_json(line) for line in lines if line.strip()])
    yield store
    store.close()


@pytest.fixture(scope="session")
def demo_incidents(demo_store) -> list:
    from incidentwire.export import stored_incidents

    incidents = list(stored_incidents(demo_store))
    assert len(incidents) >= 8
    return incidents


def hostile_incident() -> Incident:
    """Report text is untrusted: every free-text field here would run as a spreadsheet formula."""
    return Incident(
        id="-inc-hostile",
        date="2020-01-02",
        date_precision="day",
        country="Iraq",
        admin1="+Baghdad",
        city='=HYPERLINK("http://evil.example","x")',
        site="@SUM(A1:A9)",
        latitude=-33.123456,
        longitude=-70.654321,
        geo_precision="site",
        perpetrators=[Perpetrator(name="-1+1"), Perpetrator(name="'=quoted")],
        attack_types=["Bombing/Explosion"],
        killed=Count.of(2),
        reports=["=r1", "-r2"],
    )


def pytest_terminal_summary(terminalreporter) -> None:
    """One clear line when the shared data folder is missing, however many tests it skipped."""
    if (SHARED / "data").exists():
        return
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if "shared data" in str(r.longrepr)]
    terminalreporter.write_line(
        f"shared data not found at {SHARED}: {len(skipped)} tests that need it were skipped "
        "(set INCIDENTWIRE_SHARED to the folder that holds data/)"
    )
