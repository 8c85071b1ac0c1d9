"""`incidentwire serve` hardened: body size limit, write rate limit, loopback by default, no formatted SQL,
and the listing indexes of migration 0003. Real uvicorn on loopback, real SQLite/PostgreSQL."""

from __future__ import annotations

import ast
import gc
import os
import select
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from alembic import command
from conftest import migrate
from sqlalchemy import func
from sqlalchemy import select as sql_select

from incidentwire.model import Incident
from incidentwire.store import IncidentFilters, open_store
from incidentwire.store.tables import IncidentRow
from incidentwire.web import create_app
from incidentwire.web.ratelimit import RateLimit
from incidentwire.web.server import background_server, exposure_warning, free_port

SRC = Path(__file__).resolve().parents[1] / "src" / "incidentwire"
TOKEN = "hardening-token-51c2"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
LIMIT = 1000
INDEXES_0003 = {"ix_incidents_newest_first", "ix_incidents_lower_country_date"}


@pytest.fixture
def store(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'hardening.sqlite'}")
    yield store
    store.close()


@pytest.fixture
def small_limits(store):
    """A server refusing bodies over 1000 bytes and allowing 3 writes at once, then one a second."""
    app = create_app(store, TOKEN, tiles=None, max_body_bytes=LIMIT, write_limit=RateLimit(per_minute=60, burst=3))
    with background_server(app) as base_url:
        yield base_url


# --- request size ------------------------------------------------------------------------------


def test_body_over_the_limit_with_content_length_gets_413_json(small_limits):
    # Without the limit this reaches the endpoint and gets 422 (a report needs text).
    body = '{"title": "' + "x" * 5000 + '"}'
    response = httpx.post(small_limits + "/api/reports", content=body, headers=AUTH, timeout=30)
    assert response.status_code == 413
    assert "limit of 1000 bytes" in response.json()["detail"]
    assert response.text.count("\n") == 1


def test_body_under_the_limit_reaches_the_endpoint(small_limits):
    response = httpx.post(small_limits + "/api/reports", json={"title": "short"}, headers=AUTH, timeout=30)
    assert response.status_code == 422


def test_endless_chunked_body_gets_413_while_streaming(small_limits):
    """No Content-Length: the server must answer before the client stops sending, not buffer it all."""
    host, port = small_limits.removeprefix("http://").split(":")
    chunk = b"x" * 65536
    frame = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    sent, answer = 0, b""
    with socket.create_connection((host, int(port)), timeout=30) as conn:
        conn.sendall(
            f"POST /api/reports HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {TOKEN}\r\n"
            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n".encode()
        )
        while sent < 256 * 2**20 and not answer:
            try:
                conn.sendall(frame)
            except (BrokenPipeError, ConnectionResetError):
                break  # the server closed after answering
            sent += len(chunk)
            if select.select([conn], [], [], 0)[0]:
                answer = conn.recv(65536)
        if not answer:
            answer = conn.recv(65536)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert sent < 64 * 2**20  # answered long before the 256 MiB the client was ready to send


# --- write rate -------------------------------------------------------------------------------


def test_writes_past_the_burst_get_429_with_retry_after_then_pass_again(small_limits):
    with httpx.Client(base_url=small_limits, timeout=30) as client:
        # a wrong token answers fast (403) yet counts as a write: guessing tokens is rate limited too
        codes = [
            client.post("/api/watch-areas", json={}, headers={"Authorization": "Bearer no"}).status_code
            for _ in range(3)
        ]
        limited = client.post("/api/watch-areas", json={}, headers={"Authorization": "Bearer no"})
        assert codes == [403, 403, 403]
        assert limited.status_code == 429
        wait = int(limited.headers["Retry-After"])
        assert 1 <= wait <= 2
        assert "too many writes" in limited.json()["detail"]
        time.sleep(wait + 0.1)
        assert client.post("/api/watch-areas", json={}, headers={"Authorization": "Bearer no"}).status_code == 403


def test_reads_are_not_rate_limited_even_when_writes_are(small_limits):
    with httpx.Client(base_url=small_limits, timeout=30) as client:
        for _ in range(4):
            client.delete("/api/watch-areas/1", headers=AUTH)
        assert client.delete("/api/watch-areas/1", headers=AUTH).status_code == 429
        codes = {client.get("/api/incidents").status_code for _ in range(40)}
    assert codes == {200}


def test_default_app_limits_writes_after_a_burst_of_ten(store):
    with (
        background_server(create_app(store, TOKEN, tiles=None)) as base_url,
        httpx.Client(base_url=base_url, timeout=30) as client,
    ):
        codes = [client.post("/api/watch-areas", json={}).status_code for _ in range(11)]
    assert codes[:10] == [401] * 10 and codes[10] == 429


# --- bind address -----------------------------------------------------------------------------


def _serve(tmp_path: Path, *args: str) -> tuple[subprocess.Popen, int]:
    port = free_port()
    exe = Path(sys.executable).with_name("incidentwire")
    command_line = [str(exe)] if exe.exists() else [sys.executable, "-m", "incidentwire"]
    env = {k: v for k, v in os.environ.items() if k != "INCIDENTWIRE_TOKEN"}
    process = subprocess.Popen(
        [*command_line, "serve", "--db", f"sqlite:///{tmp_path / 'serve.sqlite'}", "--port", str(port), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    return process, port


def _wait_until_answering(process: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError(f"serve did not answer on port {port}")


def _listening_addresses(port: int) -> set[str]:
    """Local addresses (hex, as the kernel lists them) of the IPv4 sockets listening on `port`."""
    addresses = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
            addresses.add(address)
    return addresses


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc/net/tcp")
def test_serve_listens_on_loopback_only_by_default(tmp_path):
    process, port = _serve(tmp_path)
    try:
        _wait_until_answering(process, port)
        assert _listening_addresses(port) == {"0100007F"}  # 127.0.0.1, not 0.0.0.0
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=30)
    assert "WARNING" not in stderr


def test_serve_beyond_loopback_warns_loudly(tmp_path):
    process, port = _serve(tmp_path, "--host", "0.0.0.0")
    try:
        _wait_until_answering(process, port)
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=30)
    assert "WARNING: serving on 0.0.0.0, reachable from other machines" in stderr
    assert "writes are disabled" in stderr


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"])
def test_no_warning_on_loopback_addresses(host):
    assert exposure_warning(host, TOKEN) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "example.org"])
def test_warning_beyond_loopback_names_the_token_risk(host):
    assert "token travels in clear" in exposure_warning(host, TOKEN)
    assert "writes are disabled" in exposure_warning(host, None)


# --- no SQL built by string formatting --------------------------------------------------------

SQL_CALLS = {"text", "execute", "executemany", "executescript", "exec_driver_sql"}


def _is_formatted(node: ast.AST, formatted_names: set[str]) -> bool:
    """An f-string, `%` or `+` on a string, `.format(...)`, or a name bound to one of those."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.FormattedValue) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mod, ast.Add)):
        return not (isinstance(node.left, ast.Constant) and isinstance(node.right, ast.Constant))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return True
    return isinstance(node, ast.Name) and node.id in formatted_names


def formatted_sql(source: str) -> list[int]:
    """Lines where text()/execute()/... receive SQL built by string formatting."""
    tree = ast.parse(source)
    formatted_names = {
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and _is_formatted(node.value, set())
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
        if name in SQL_CALLS and _is_formatted(node.args[0], formatted_names):
            lines.append(node.lineno)
    return sorted(set(lines))


def test_the_sql_check_catches_formatted_sql_and_passes_bound_parameters():
    bad = """
conn.execute(text(f"SELECT * FROM incidents WHERE id = '{incident_id}'"))
cursor.execute("DELETE FROM reports WHERE id = '%s'" % report_id)
connection.exec_driver_sql("SELECT " + column + " FROM incidents")
op.execute(sa.text("DROP INDEX {}".format(name)))
query = f"SELECT * FROM t WHERE a = {a}"
session.execute(text(query))
"""
    good = """
conn.execute(text("SELECT * FROM incidents WHERE id = :id"), {"id": incident_id})
cursor.execute("PRAGMA journal_mode=WAL")
op.execute(sa.text("DELETE FROM alerts WHERE id NOT IN (SELECT min(id) FROM alerts)"))
"""
    assert formatted_sql(bad) == [2, 3, 4, 5, 7]
    assert formatted_sql(good) == []


def test_no_sql_in_the_package_is_built_by_string_formatting():
    found = [
        f"{path.relative_to(SRC)}:{line}"
        for path in sorted(SRC.rglob("*.py"))
        for line in formatted_sql(path.read_text(encoding="utf-8"))
    ]
    assert found == []


# --- migration 0003 ---------------------------------------------------------------------------


def _index_names(store) -> set[str]:
    query = (
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'incidents'"
        if store.engine.dialect.name == "sqlite"
        else "SELECT indexname FROM pg_indexes WHERE tablename = 'incidents'"
    )
    with store.engine.connect() as connection:
        return set(connection.exec_driver_sql(query).scalars())


def test_migration_0003_creates_the_listing_indexes_and_downgrades(db_url):
    store = open_store(db_url)
    try:
        assert _index_names(store) >= INDEXES_0003
        migrate(store, command.downgrade, "0002")
        assert not INDEXES_0003 & _index_names(store)
        migrate(store, command.upgrade, "head")
        assert _index_names(store) >= INDEXES_0003
    finally:
        store.close()


def test_country_filter_in_listing_order_uses_the_lower_country_index(store):
    """The index is on the expression the repository filters with, so the planner can seek it."""
    query = (
        sql_select(IncidentRow.id)
        .where(func.lower(IncidentRow.country) == "pakistan")
        .order_by(IncidentRow.date.desc(), IncidentRow.id)
        .limit(100)
    )
    sql = str(query.compile(store.engine, compile_kwargs={"literal_binds": True}))
    with store.engine.connect() as connection:
        plan = " ".join(row[-1] for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
    assert "ix_incidents_lower_country_date" in plan
    assert "TEMP B-TREE" not in plan  # no sort: the index yields the listing order


def test_migration_0004_makes_the_bbox_index_cover_the_listing_order(db_url):
    store = open_store(db_url)
    try:
        assert "ix_incidents_lat_lon_newest" in _index_names(store)
        migrate(store, command.downgrade, "0003")
        names = _index_names(store)
        assert "ix_incidents_lat_lon" in names and "ix_incidents_lat_lon_newest" not in names
        migrate(store, command.upgrade, "head")
        names = _index_names(store)
        assert "ix_incidents_lat_lon_newest" in names and "ix_incidents_lat_lon" not in names
    finally:
        store.close()


def test_migration_0005_fills_the_search_column_and_the_text_filter_uses_it(db_url):
    store = open_store(db_url)
    try:
        with store.transaction() as tx:
            tx.save_incident(
                Incident(
                    id="inc-search",
                    date="2024-03-04",
                    country="Pakistan",
                    city="Karachi",
                    attack_types=["Armed Assault"],
                )
            )
        migrate(store, command.downgrade, "0004")  # drops the column: the upgrade must fill it again
        migrate(store, command.upgrade, "head")
        assert "ix_incidents_search_newest" in _index_names(store)
        assert [i.id for i in store.list_incidents(IncidentFilters(text="KARACHI")).items] == ["inc-search"]
        assert [i.id for i in store.list_incidents(IncidentFilters(text="armed assault")).items] == ["inc-search"]
        assert store.list_incidents(IncidentFilters(text="quetta")).items == []
        assert store.list_incidents(IncidentFilters(text="%")).items == []  # a wildcard is a character
    finally:
        store.close()


def test_serving_settles_the_heap_so_full_collections_skip_start_up_objects():
    from incidentwire.web.server import settle_heap

    try:
        settle_heap()
        assert gc.get_freeze_count() > 1000
    finally:
        gc.unfreeze()
