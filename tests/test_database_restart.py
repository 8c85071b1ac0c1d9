"""The database goes away: PostgreSQL restarted in the middle of an ingest and while the server serves
(issue 18). Each test runs its own PostgreSQL server, so restarting it disturbs no other test."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx
import pytest
from conftest import start_postgres_or_skip
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from incidentwire.ingest import ingest_reports
from incidentwire.model import Report
from incidentwire.read import iter_reports
from incidentwire.store import open_store
from incidentwire.web import create_app
from incidentwire.web.server import background_server

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "reports.jsonl"


@pytest.fixture
def own_postgres():
    server = start_postgres_or_skip()
    yield server
    server.stop()


def restated_reports(copies: int) -> list[Report]:
    """The corpus several times over, each copy's texts made distinct (so every one is a new report)."""
    corpus = list(iter_reports(CORPUS))
    return [
        report.model_copy(update={"id": f"{report.id}-v{n}", "text": f"{report.text}\n\nFiled again ({n})."})
        for n in range(copies)
        for report in corpus
    ]


def stored_reports(url: str) -> int | None:
    """Reports stored now, read over a fresh connection; None while the server is away."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return connection.scalar(text("SELECT count(*) FROM reports"))
    except Exception:  # noqa: BLE001 - the server is restarting
        return None
    finally:
        engine.dispose()


def restart_once_some_are_stored(server, url: str, at_least: int, log: dict) -> None:
    deadline = time.monotonic() + 300
    while (stored_reports(url) or 0) < at_least and time.monotonic() < deadline:
        time.sleep(0.05)
    log["restart_began"] = time.monotonic()
    server.pause()
    time.sleep(2)
    server.resume()
    log["restart_ended"] = time.monotonic()


def test_an_ingest_survives_a_postgresql_restart_and_stores_every_report_once(own_postgres):
    url = own_postgres.fresh_database("restart_ingest")
    reports = restated_reports(copies=8)
    store = open_store(url)
    log: dict[str, float] = {}
    restarter = threading.Thread(target=restart_once_some_are_stored, args=(own_postgres, url, 32, log))
    restarter.start()
    summary = ingest_reports(store, reports, batch_size=8)
    log["ingest_ended"] = time.monotonic()
    restarter.join()
    assert log["restart_began"] < log["ingest_ended"], "the restart came after the ingest: the test proved nothing"
    assert summary.new == len(reports) and summary.failed == 0
    assert store.counts()["reports"] == len(reports)
    again = ingest_reports(store, reports)
    assert again.new == 0 and again.duplicates == len(reports)
    store.close()


def test_the_server_answers_503_while_postgresql_is_down_and_recovers_by_itself(own_postgres):
    url = own_postgres.fresh_database("restart_serve")
    store = open_store(url)
    ingest_reports(store, list(iter_reports(CORPUS))[:3])
    with (
        background_server(create_app(store, None, tiles=None)) as base_url,
        httpx.Client(base_url=base_url, timeout=30) as client,
    ):
        assert client.get("/api/incidents").status_code == 200
        own_postgres.pause()
        try:
            down = client.get("/api/incidents")
            assert down.status_code == 503 and int(down.headers["Retry-After"]) > 0
            assert "database" in down.json()["detail"]
        finally:
            own_postgres.resume()
        assert client.get("/api/incidents").status_code == 200
        assert client.get("/api/incidents").json()["total"] >= 1
    store.close()
