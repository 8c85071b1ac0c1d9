"""An hour in ten minutes: ingest writers, API readers and watch-area alerts together, for a bounded time,
against SQLite and PostgreSQL (issue 18).

    .venv/bin/python benchmarks/bench_soak.py [--minutes 10] [--backends sqlite,postgresql] [--readers 4]

- The server is the real `incidentwire serve`, in its own process, over the database under test.
- The writer is its own process: it ingests records (ingest_records, as `ingest` of a Spark job's output
  does) and checks the watch areas after each batch, as `incidentwire ingest` does. The records are the
  example corpus, extracted once up front (extraction speed is bench_extract's subject); each round is the
  corpus again, its reports re-dated a round later (so new incidents, not merges into old ones), paced at
  --batches-per-second batches of --batch reports.
- Readers are async HTTP clients on loopback, each looping over the listing, one incident, the filtered
  listing, the alert feed and the incident page; an alert follower polls /api/alerts?since= as a client
  that relays alerts would, and keeps every alert it sees.

Each minute: reports stored, requests served, p50/p99 latency per endpoint, peak memory (RSS) of the
server, the writer and this process. At the end: errors, memory growth after the first minute, the last
minute's p99 against the second's, and the alerts against the ones expected (every stored incident that a
watch area matches has exactly one alert; none doubled; the follower saw each).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus" / "reports.jsonl"
TOKEN = "soak-token"
ROUND_DAYS = 60  # each round re-dates the corpus this much later: beyond the merger's date window
WATCH_AREAS = [
    {"name": "Karachi 60 km", "point": {"lat": 24.86, "lon": 67.01}, "radius_km": 60},
    {"name": "Iraq, Baghdad box", "polygon": [[43.5, 32.5], [45.5, 32.5], [45.5, 34.5], [43.5, 34.5]]},
    {
        "name": "anywhere, 5 or more killed",
        "polygon": [[-180, -90], [180, -90], [180, 90], [-180, 90]],
        "min_killed": 5,
    },
]


# --- the writer process ---------------------------------------------------------------------------


def corpus_records_path(folder: Path) -> Path:
    """The corpus extracted once, as JSON lines of Records."""
    from incidentwire.extract.pipeline import extract_records
    from incidentwire.read import iter_reports

    path = folder / "corpus-records.jsonl"
    if not path.exists():
        records = list(extract_records(list(iter_reports(CORPUS)), processes=1))
        path.write_text("".join(r.model_dump_json() + "\n" for r in records))
    return path


def _shifted(day: str | None, days: int) -> str | None:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat() if day else day


def records_of_round(records: list, n: int) -> list:
    """The corpus records, re-dated n rounds later, with their own report ids, texts and incident ids."""
    from incidentwire.extract.pipeline import incident_id

    out = []
    for record in records:
        report_id = f"{record.report.id}-r{n}"
        report = record.report.model_copy(
            update={
                "id": report_id,
                "text": f"{record.report.text}\n\n(round {n})",
                "published": _shifted(record.report.published, n * ROUND_DAYS),
            }
        )
        incidents = [
            i.model_copy(
                update={
                    "id": incident_id(report_id, k),
                    "reports": [report_id],
                    "date": _shifted(i.date, n * ROUND_DAYS),
                    "first_reported": _shifted(i.first_reported, n * ROUND_DAYS),
                }
            )
            for k, i in enumerate(record.incidents)
        ]
        out.append(record.model_copy(update={"report": report, "incidents": incidents}))
    return out


def run_writer(db: str, records_file: Path, seconds: float, batch: int, batches_per_second: float) -> None:
    """Ingests round after round until `seconds` pass; one JSON line per batch on stdout."""
    from incidentwire.alerts import check_alerts
    from incidentwire.ingest import ingest_records
    from incidentwire.model import Record
    from incidentwire.store import open_store

    records = [Record.model_validate_json(line) for line in records_file.read_text().splitlines()]
    store = open_store(db)
    began, n, pending = time.monotonic(), 0, []
    while time.monotonic() - began < seconds:
        if not pending:
            pending, n = records_of_round(records, n), n + 1
        chunk, pending = pending[:batch], pending[batch:]
        started = time.monotonic()
        try:
            summary = ingest_records(store, chunk)
            raised = len(check_alerts(store, summary.touched)) if summary.touched else 0
            line = {"t": started - began, "stored": summary.new, "alerts": raised, "error": None}
        except Exception as error:  # noqa: BLE001 - counted, and the soak goes on
            line = {"t": started - began, "stored": 0, "alerts": 0, "error": f"{type(error).__name__}: {error}"}
        print(json.dumps(line), flush=True)
        time.sleep(max(0.0, 1 / batches_per_second - (time.monotonic() - started)))
    store.close()


# --- measuring ------------------------------------------------------------------------------------


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


@dataclass
class Minute:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    peak_rss: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    db_mb: float = 0.0  # SQLite: the database file and its write-ahead log at the minute's end
    stored: int = 0
    writer_errors: int = 0


@dataclass
class Soak:
    seconds: float
    began: float = field(default_factory=time.monotonic)
    minutes: list[Minute] = field(default_factory=list)
    seen_alerts: dict[int, int] = field(default_factory=lambda: defaultdict(int))

    def minute(self) -> Minute:
        index = int((time.monotonic() - self.began) // 60)
        while len(self.minutes) <= index:
            self.minutes.append(Minute())
        return self.minutes[index]

    def over(self) -> bool:
        return time.monotonic() - self.began >= self.seconds


async def reader(client: httpx.Client, soak: Soak, rng: random.Random) -> None:
    ids: list[str] = []
    while not soak.over():
        calls = [
            ("GET /api/incidents", "/api/incidents", {"limit": 50}),
            ("GET /api/incidents?country", "/api/incidents", {"country": "Pakistan", "limit": 50}),
            ("GET /api/alerts", "/api/alerts", {"limit": 50}),
        ]
        if ids:
            chosen = rng.choice(ids)
            calls += [
                ("GET /api/incidents/{id}", f"/api/incidents/{chosen}", {}),
                ("GET /incidents/{id} (page)", f"/incidents/{chosen}", {}),
            ]
        for label, path, params in calls:
            started = time.perf_counter()
            try:
                response = await client.get(path, params=params)
                ok = response.status_code == 200
            except httpx.HTTPError as error:
                response, ok = None, False
                soak.minute().errors.append(f"{label}: {type(error).__name__}")
            soak.minute().latencies[label].append(time.perf_counter() - started)
            if response is not None and not ok:
                soak.minute().errors.append(f"{label}: {response.status_code}")
            if ok and path == "/api/incidents" and "country" not in params:
                ids = [item["id"] for item in response.json()["items"]] or ids


async def alert_follower(client: httpx.Client, soak: Soak, final: asyncio.Event) -> None:
    """Polls the alert feed from the newest time seen; keeps how often each alert id came back new."""
    since: str | None = None
    seen: set[int] = set()
    while True:
        params = {"limit": 1000, **({"since": since} if since else {})}
        try:
            response = await client.get("/api/alerts", params=params)
            response.raise_for_status()
            for alert in response.json():
                if alert["id"] not in seen:
                    seen.add(alert["id"])
                    soak.seen_alerts[alert["id"]] += 1
                since = max(since or "", alert["created_at"])
        except httpx.HTTPError as error:
            soak.minute().errors.append(f"alert follower: {type(error).__name__}")
        if final.is_set():
            return
        await asyncio.sleep(1)


async def sample_memory(soak: Soak, pids: dict[str, int], db_files: list[Path]) -> None:
    while not soak.over():
        minute = soak.minute()
        for name, pid in pids.items():
            minute.peak_rss[name] = max(minute.peak_rss[name], rss_mb(pid))
        minute.db_mb = sum(f.stat().st_size for f in db_files if f.exists()) / 2**20
        await asyncio.sleep(1)


def read_writer(lines, soak: Soak) -> None:
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        minute = soak.minutes[min(int(entry["t"] // 60), len(soak.minutes) - 1)] if soak.minutes else soak.minute()
        minute.stored += entry["stored"]
        if entry["error"]:
            minute.writer_errors += 1
            minute.errors.append(f"writer: {entry['error']}")


# --- one backend ----------------------------------------------------------------------------------


def p(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def start_server(db: str, port: int) -> subprocess.Popen:
    exe = Path(sys.executable).with_name("incidentwire")
    env = {**os.environ, "INCIDENTWIRE_TOKEN": TOKEN}
    server = subprocess.Popen(
        [str(exe), "serve", "--db", db, "--port", str(port), "--writes-per-minute", "0"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/watch-areas", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit(f"the server did not start: {server.stderr.read() if server.stderr else ''}")


def sqlite_files(db: str) -> list[Path]:
    """The database file and its write-ahead log, for an SQLite URL (none for a server database)."""
    if not db.startswith("sqlite:///"):
        return []
    path = Path(db.removeprefix("sqlite:///"))
    return [path, path.with_name(path.name + "-wal")]


def soak_backend(name: str, db: str, records_file: Path, args) -> dict:
    from incidentwire.alerts import WatchArea, add_watch_area, alert_reason, list_watch_areas
    from incidentwire.store import open_store
    from incidentwire.web.server import free_port

    store = open_store(db)
    for area in WATCH_AREAS:
        add_watch_area(store, WatchArea.model_validate(area))
    port = free_port("127.0.0.1")
    server = start_server(db, port)
    seconds = args.minutes * 60
    writer = subprocess.Popen(
        [
            sys.executable,
            __file__,
            "--writer",
            db,
            str(records_file),
            str(seconds),
            str(args.batch),
            str(args.batches_per_second),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    soak = Soak(seconds)
    pids = {"server": server.pid, "writer": writer.pid, "readers (this process)": os.getpid()}

    async def drive() -> None:
        final = asyncio.Event()
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            follower = asyncio.create_task(alert_follower(client, soak, final))
            rng = random.Random(7)
            readers = (reader(client, soak, rng) for _ in range(args.readers))
            await asyncio.gather(sample_memory(soak, pids, sqlite_files(db)), *readers)
            await asyncio.to_thread(writer.wait)
            final.set()
            await follower

    print(
        f"  {name}: {args.minutes} min, {args.readers} readers, 1 writer ({args.batch} reports x "
        f"{args.batches_per_second}/s), server on :{port}",
        flush=True,
    )
    asyncio.run(drive())
    read_writer(writer.stdout, soak)
    server.terminate()
    server.wait(timeout=30)

    # Expected alerts: every stored incident a watch area matches, once.
    from incidentwire.store import watch as repo

    areas = [(area.id, area) for area in list_watch_areas(store)]
    incidents = repo.incidents_by_id(store, None)
    expected = {(area_id, i.id) for area_id, area in areas for i in incidents if alert_reason(area, i) is not None}
    rows = repo.alerts(store, limit=10**7)
    pairs = defaultdict(int)
    for row in rows:
        pairs[(row.watch_area_id, row.incident_id)] += 1
    store.close()
    return {"name": name, "soak": soak, "expected": expected, "pairs": pairs, "rows": rows}


def report(result: dict) -> list[str]:
    soak: Soak = result["soak"]
    print(f"\n  {result['name']}: per minute")
    endpoints = sorted({label for m in soak.minutes for label in m.latencies})
    print(
        "  min | stored | requests | errors | "
        + " | ".join(f"{e} p50/p99 ms" for e in endpoints)
        + " | peak RSS MB (server, writer, readers)"
        + (" | db+wal MB" if any(m.db_mb for m in soak.minutes) else "")
    )
    for index, minute in enumerate(soak.minutes):
        cells = [f"{p(minute.latencies[e], 0.5):.0f}/{p(minute.latencies[e], 0.99):.0f}" for e in endpoints]
        rss = ", ".join(f"{minute.peak_rss[k]:.0f}" for k in ("server", "writer", "readers (this process)"))
        requests = sum(len(v) for v in minute.latencies.values())
        print(
            f"  {index + 1:>3} | {minute.stored:>6} | {requests:>8} | {len(minute.errors):>6} | "
            + " | ".join(cells)
            + f" | {rss}"
            + (f" | {minute.db_mb:.1f}" if minute.db_mb else "")
        )
    errors = [e for m in soak.minutes for e in m.errors]
    verdicts = [f"errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else "")]
    full = [m for m in soak.minutes[:-1] if m.latencies] or soak.minutes  # the last minute may be partial
    for process in ("server", "writer", "readers (this process)"):
        first = soak.minutes[0].peak_rss[process] if soak.minutes else 0
        later = max(m.peak_rss[process] for m in full)
        verdicts.append(
            f"memory growth after the first minute, {process}: {100 * (later / first - 1) if first else 0:+.1f} %"
        )
    if len(full) >= 3:
        for e in endpoints:
            second, last = p(full[1].latencies[e], 0.99), p(full[-1].latencies[e], 0.99)
            verdicts.append(f"p99 last full minute / second minute, {e}: {last / second:.2f}")
    expected, pairs = result["expected"], result["pairs"]
    doubled = sum(1 for n in pairs.values() if n > 1)
    missing = len(expected - set(pairs))
    extra = len(set(pairs) - expected)
    unseen = sum(1 for row in result["rows"] if soak.seen_alerts.get(row.id, 0) == 0)
    verdicts.append(
        f"alerts: {len(pairs)} raised, {len(expected)} expected; missing {missing}, doubled {doubled}, "
        f"for incidents that no longer match {extra}; missed by the follower {unseen}"
    )
    for line in verdicts:
        print("  " + line)
    return verdicts


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--writer":
        db, records_file, seconds, batch, rate = sys.argv[2:7]
        run_writer(db, Path(records_file), float(seconds), int(batch), float(rate))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--batch", type=int, default=8, help="reports per ingest batch")
    parser.add_argument("--batches-per-second", type=float, default=1.0)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="incidentwire-soak-"))
    records_file = corpus_records_path(folder)
    for backend in args.backends.split(","):
        if backend == "sqlite":
            report(soak_backend("SQLite", f"sqlite:///{folder / 'soak.sqlite'}", records_file, args))
        elif backend == "postgresql":
            sys.path.insert(0, str(ROOT / "tests"))
            from pg_server import PostgresServer

            server = PostgresServer().start()
            try:
                report(soak_backend("PostgreSQL", server.fresh_database("soak"), records_file, args))
            finally:
                server.stop()
        else:
            raise SystemExit(f"--backends: unknown backend {backend!r} (sqlite, postgresql)")


if __name__ == "__main__":
    main()
