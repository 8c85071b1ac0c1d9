"""The read API under load: a 100k-incident SQLite store, the real `incidentwire serve` on loopback,
an async httpx client at fixed concurrency, with and without the listing indexes of migrations 0003 to 0005.

    .venv/bin/python benchmarks/bench_api.py [--incidents 100000] [--concurrency 1,16] [--seconds 6] [--rounds 3]

Incidents are bulk-inserted with SQLAlchemy core (executemany), rows shaped as
`Transaction.save_incident` writes them, spread over countries, cities, years, groups and types with
skewed (Zipf-like) weights. Two servers run side by side, over a copy without the 0003-0005 indexes
("before") and over the store as migrated ("after"); each endpoint is driven alone at each concurrency,
the servers taking turns (A B A B ...) so the machine's load falls on both alike. First prints the
database's share: `Store.list_incidents` timed in process on both stores.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import Index, insert
from sqlalchemy.schema import DropIndex

from incidentwire.model import Incident
from incidentwire.store import IncidentFilters, open_store
from incidentwire.store.tables import IncidentRow, search_text
from incidentwire.web.server import free_port

ROOT = Path(__file__).resolve().parents[1]

# country -> (admin1, city, lat, lon) places; weights fall off with rank, as attack counts do.
PLACES = {
    "Iraq": [
        ("Baghdad", "Baghdad", 33.31, 44.36),
        ("Nineveh", "Mosul", 36.34, 43.13),
        ("Kirkuk", "Kirkuk", 35.47, 44.39),
    ],
    "Afghanistan": [
        ("Kabul", "Kabul", 34.53, 69.17),
        ("Kandahar", "Kandahar", 31.61, 65.71),
        ("Nangarhar", "Jalalabad", 34.43, 70.45),
    ],
    "Pakistan": [
        ("Sindh", "Karachi", 24.86, 67.01),
        ("Balochistan", "Quetta", 30.18, 66.97),
        ("Khyber Pakhtunkhwa", "Peshawar", 34.01, 71.58),
    ],
    "India": [
        ("Chhattisgarh", "Sukma", 18.39, 81.66),
        ("Jammu and Kashmir", "Srinagar", 34.08, 74.80),
        ("Manipur", "Imphal", 24.81, 93.94),
    ],
    "Nigeria": [("Borno", "Maiduguri", 11.85, 13.16), ("Yobe", "Damaturu", 11.75, 11.96)],
    "Somalia": [("Banaadir", "Mogadishu", 2.04, 45.34), ("Lower Shabelle", "Marka", 1.71, 44.77)],
    "Syria": [("Aleppo", "Aleppo", 36.20, 37.13), ("Damascus", "Damascus", 33.51, 36.29)],
    "Yemen": [("Aden", "Aden", 12.78, 45.04), ("Sanaa", "Sanaa", 15.35, 44.21)],
    "Philippines": [("Sulu", "Jolo", 6.05, 121.00), ("Maguindanao", "Cotabato", 7.22, 124.25)],
    "Thailand": [("Narathiwat", "Narathiwat", 6.43, 101.82), ("Yala", "Yala", 6.54, 101.28)],
    "Colombia": [("Cauca", "Popayan", 2.44, -76.61), ("Antioquia", "Medellin", 6.24, -75.58)],
    "Mali": [("Gao", "Gao", 16.27, -0.04), ("Mopti", "Mopti", 14.49, -4.20)],
    "Egypt": [("North Sinai", "Arish", 31.13, 33.80), ("Cairo", "Cairo", 30.04, 31.24)],
    "Turkey": [("Istanbul", "Istanbul", 41.01, 28.98), ("Diyarbakir", "Diyarbakir", 37.91, 40.24)],
    "United Kingdom": [("Northern Ireland", "Belfast", 54.60, -5.93), ("England", "London", 51.51, -0.13)],
    "Peru": [("Ayacucho", "Ayacucho", -13.16, -74.22), ("Lima", "Lima", -12.05, -77.04)],
    "Algeria": [("Algiers", "Algiers", 36.75, 3.06)],
    "Spain": [("Basque Country", "Bilbao", 43.26, -2.93)],
    "France": [("Ile-de-France", "Paris", 48.86, 2.35)],
    "Burkina Faso": [("Sahel", "Djibo", 14.10, -1.63)],
}
GROUPS = {
    "Iraq": ["Islamic State of Iraq and the Levant (ISIL)", "Al-Qaida in Iraq"],
    "Afghanistan": ["Taliban", "Khorasan Chapter of the Islamic State"],
    "Pakistan": ["Tehrik-i-Taliban Pakistan (TTP)", "Baloch Liberation Army (BLA)", "Lashkar-e-Jhangvi"],
    "India": ["Communist Party of India - Maoist (CPI-Maoist)", "Hizbul Mujahideen (HM)"],
    "Nigeria": ["Boko Haram", "Fulani extremists"],
    "Somalia": ["Al-Shabaab"],
    "Syria": ["Islamic State of Iraq and the Levant (ISIL)", "Al-Nusrah Front"],
    "Yemen": ["Houthi extremists (Ansar Allah)", "Al-Qaida in the Arabian Peninsula (AQAP)"],
    "Philippines": ["New People's Army (NPA)", "Abu Sayyaf Group (ASG)"],
    "Thailand": ["Barisan Revolusi Nasional (BRN)"],
    "Colombia": ["Revolutionary Armed Forces of Colombia (FARC)", "National Liberation Army of Colombia (ELN)"],
    "Mali": ["Jamaat Nusrat al-Islam wal Muslimin (JNIM)"],
    "Egypt": ["Sinai Province of the Islamic State"],
    "Turkey": ["Kurdistan Workers' Party (PKK)"],
    "United Kingdom": ["Irish Republican Army (IRA)"],
    "Peru": ["Shining Path (SL)"],
    "Algeria": ["Armed Islamic Group (GIA)"],
    "Spain": ["Basque Fatherland and Freedom (ETA)"],
    "France": ["Corsican National Liberation Front (FLNC)"],
    "Burkina Faso": ["Jamaat Nusrat al-Islam wal Muslimin (JNIM)"],
}
ATTACKS = [
    ("Bombing/Explosion", "Explosives", 45),
    ("Armed Assault", "Firearms", 25),
    ("Assassination", "Firearms", 8),
    ("Hostage Taking (Kidnapping)", "Firearms", 7),
    ("Facility/Infrastructure Attack", "Incendiary", 6),
    ("Unknown", "Unknown", 6),
    ("Hostage Taking (Barricade Incident)", "Firearms", 1),
    ("Unarmed Assault", "Melee", 1),
    ("Hijacking", "Firearms", 1),
]
TARGETS = [
    "Private Citizens & Property",
    "Military",
    "Police",
    "Government (General)",
    "Business",
    "Religious Figures/Institutions",
    "Educational Institution",
    "Transportation",
    "Utilities",
]
FIRST_DAY, DAYS = date(1990, 1, 1), (date(2025, 12, 31) - date(1990, 1, 1)).days
LISTING_INDEXES = (
    "ix_incidents_newest_first",
    "ix_incidents_lower_country_date",
    "ix_incidents_lat_lon_newest",
    "ix_incidents_search_newest",
)


def synthetic_rows(count: int, seed: int = 11) -> list[dict]:
    """Rows of the incidents table, as `save_incident` fills them, for `count` synthetic incidents."""
    rng = random.Random(seed)
    countries = list(PLACES)
    country_weights = [1 / (rank + 1) for rank in range(len(countries))]
    attack_weights = [w for _, _, w in ATTACKS]
    template = Incident(id="x").model_dump(mode="json")
    now = datetime(2026, 1, 1)
    rows = []
    for n in range(count):
        country = rng.choices(countries, country_weights)[0]
        admin1, city, lat, lon = rng.choice(PLACES[country])
        # more attacks in recent years, as in the GTD
        day = FIRST_DAY + timedelta(days=int(DAYS * rng.random() ** 0.6))
        attack, weapon, _ = ATTACKS[rng.choices(range(len(ATTACKS)), attack_weights)[0]]
        target = rng.choice(TARGETS)
        group = rng.choice(GROUPS[country]) if rng.random() < 0.55 else None
        killed = int(rng.paretovariate(1.3)) - 1
        wounded = int(rng.paretovariate(1.1)) - 1
        incident_id = f"inc-{n:07d}"
        record = {
            **template,
            "id": incident_id,
            "date": day.isoformat(),
            "date_precision": "day",
            "country": country,
            "admin1": admin1,
            "city": city,
            "latitude": lat + rng.uniform(-0.3, 0.3),
            "longitude": lon + rng.uniform(-0.3, 0.3),
            "geo_precision": "city",
            "perpetrators": [
                {"name": group, "claimed": rng.random() < 0.3, "responsibility": None, "mentions": [group]}
            ]
            if group
            else [],
            "attack_types": [attack],
            "target_types": [target],
            "weapon_types": [weapon],
            "killed": {"best": killed, "low": None, "high": None},
            "wounded": {"best": wounded, "low": None, "high": None},
            "reports": [f"report-{n:07d}"],
        }
        rows.append(
            {
                "id": incident_id,
                "record": record,
                "date": record["date"],
                "country": country,
                "admin1": admin1,
                "city": city,
                "latitude": record["latitude"],
                "longitude": record["longitude"],
                "perpetrator": group,
                "attack_types": attack,
                "target_types": target,
                "weapon_types": weapon,
                "killed": killed,
                "wounded": wounded,
                "report_count": 1,
                "created_at": now,
                "updated_at": now,
                "search_text": search_text(city, admin1, country, group, attack, target, weapon),
            }
        )
    return rows


def fill_store(url: str, count: int) -> float:
    """Creates the schema through the migrations, then bulk-inserts `count` incidents; returns seconds."""
    began = time.perf_counter()
    store = open_store(url)
    rows = synthetic_rows(count)
    with store.engine.begin() as connection:
        for start in range(0, len(rows), 10_000):
            connection.execute(insert(IncidentRow), rows[start : start + 10_000])
    store.close()
    return time.perf_counter() - began


def drop_listing_indexes(url: str) -> None:
    """The store as it was before migrations 0003 to 0005: no listing indexes, the plain (lat, lon) one."""
    store = open_store(url)
    wanted = [ix for ix in IncidentRow.__table__.indexes if ix.name in LISTING_INDEXES]
    with store.engine.begin() as connection:
        for index in wanted:
            connection.execute(DropIndex(index, if_exists=True))
        Index("ix_incidents_lat_lon", IncidentRow.latitude, IncidentRow.longitude).create(connection)
    store.close()


@dataclass
class Endpoint:
    name: str
    paths: list[str]  # drawn at random, so filters vary between requests


def endpoints(count: int, rng: random.Random) -> list[Endpoint]:
    ids = [f"/api/incidents/inc-{rng.randrange(count):07d}" for _ in range(200)]
    countries = list(PLACES)[:8]
    years = range(2000, 2026)
    return [
        Endpoint("list (no filter)", ["/api/incidents?limit=100"]),
        Endpoint("list country", [f"/api/incidents?country={c}&limit=100" for c in countries]),
        Endpoint("list date range", [f"/api/incidents?since={y}-01-01&until={y}-03-31&limit=100" for y in years]),
        Endpoint(
            "list country+year",
            [f"/api/incidents?country={c}&since={y}-01-01&until={y}-12-31&limit=100" for c in countries for y in years],
        ),
        Endpoint(
            "list perpetrator",
            [
                f"/api/incidents?perpetrator={g}&limit=100"
                for g in ("Taliban", "Boko Haram", "Shabaab", "ISIL", "Maoist")
            ],
        ),
        Endpoint(
            "list attack type",
            [f"/api/incidents?attack_type={a}&limit=100" for a in ("Assassination", "Hijacking", "Armed Assault")],
        ),
        Endpoint(
            "list bbox", ["/api/incidents?bbox=66,24,72,35&limit=100", "/api/incidents?bbox=10,0,50,15&limit=100"]
        ),
        Endpoint("list text q", [f"/api/incidents?q={q}&limit=100" for q in ("karachi", "sulu", "police")]),
        Endpoint("incident by id", ids),
        Endpoint(
            "geojson country+year",
            [
                f"/api/incidents.geojson?country={c}&since={y}-01-01&until={y}-12-31"
                for c in countries[3:]
                for y in (2015, 2020)
            ],
        ),
    ]


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0


async def drive(
    client: httpx.AsyncClient, endpoint: Endpoint, concurrency: int, seconds: float, rng: random.Random
) -> tuple[Tally, float]:
    tally = Tally()
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        while time.perf_counter() < deadline:
            path = rng.choice(endpoint.paths)
            began = time.perf_counter()
            try:
                response = await client.get(path)
            except httpx.TransportError:
                tally.errors += 1
                continue
            tally.latencies.append(time.perf_counter() - began)
            tally.errors += response.status_code != 200

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return tally, time.perf_counter() - began


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


@dataclass
class Result:
    requests: int
    per_second: float
    p50: float
    p95: float
    p99: float
    errors: int


def summarize(tally: Tally, elapsed: float) -> Result:
    ms = [1000 * x for x in tally.latencies]
    return Result(
        len(ms),
        len(ms) / elapsed if elapsed else 0.0,
        statistics.median(ms) if ms else float("nan"),
        percentile(ms, 0.95),
        percentile(ms, 0.99),
        tally.errors,
    )


async def run_endpoints(
    base_urls: dict[str, str], count: int, concurrency: int, seconds: float, rounds: int
) -> dict[str, dict[str, Result]]:
    """Each endpoint on each server ("before", "after") in turns A B A B ..., `seconds` per turn, so a
    change in the machine's load falls on both sides alike. Returns {server: {endpoint: Result}}."""
    rng = random.Random(5)
    results: dict[str, dict[str, Result]] = {label: {} for label in base_urls}
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    for endpoint in endpoints(count, rng):
        pooled = {label: (Tally(), 0.0) for label in base_urls}
        for _ in range(rounds):
            for label, url in base_urls.items():
                # a client per turn: connections idle during the other server's turn would hit keep-alive expiry
                async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
                    await client.get(endpoint.paths[0])  # warm: first-request costs are not the steady state
                    tally, elapsed = await drive(client, endpoint, concurrency, seconds / rounds, rng)
                total, spent = pooled[label]
                total.latencies += tally.latencies
                total.errors += tally.errors
                pooled[label] = (total, spent + elapsed)
        for label, (tally, elapsed) in pooled.items():
            results[label][endpoint.name] = summarize(tally, elapsed)
    return results


QUERY_FILTERS = {
    "no filter": {},
    "country": {"country": "Nigeria"},
    "date range": {"since": "2010-01-01", "until": "2010-03-31"},
    "country+year": {"country": "Somalia", "since": "2015-01-01", "until": "2015-12-31"},
    "perpetrator": {"perpetrator": "boko haram"},
    "attack type": {"attack_type": "Hijacking"},
    "bbox": {"bbox": (66.0, 24.0, 72.0, 35.0)},
    "text q": {"text": "karachi"},
}


def query_times(urls: dict[str, str], repeats: int = 5) -> dict[str, dict[str, float]]:
    """Median ms of `Store.list_incidents(filters, limit=100)` in this process: the database's share of a
    request, without HTTP and JSON. Servers alternate per repeat, as in the HTTP runs."""
    stores = {label: open_store(url) for label, url in urls.items()}
    times: dict[str, dict[str, list[float]]] = {label: {name: [] for name in QUERY_FILTERS} for label in urls}
    try:
        for name, fields in QUERY_FILTERS.items():
            for _ in range(repeats):
                for label, store in stores.items():
                    began = time.perf_counter()
                    store.list_incidents(IncidentFilters(**fields), limit=100)
                    times[label][name].append(1000 * (time.perf_counter() - began))
    finally:
        for store in stores.values():
            store.close()
    return {label: {name: statistics.median(ms) for name, ms in by_name.items()} for label, by_name in times.items()}


def start_server(url: str) -> tuple[subprocess.Popen, str]:
    """`incidentwire serve` on a free loopback port, as a user starts it; returns it once it answers."""
    port = free_port()
    exe = Path(sys.executable).with_name("incidentwire")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "incidentwire"]
    env = {k: v for k, v in os.environ.items() if k != "INCIDENTWIRE_TOKEN"}
    server = subprocess.Popen(
        [*command, "serve", "--db", url, "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # the access log is noise here
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base_url + "/openapi.json", timeout=2).status_code == 200:
                return server, base_url
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("incidentwire serve did not answer within 60 s")


def measure(
    urls: dict[str, str], count: int, concurrencies: list[int], seconds: float, rounds: int
) -> dict[str, dict[int, dict[str, Result]]]:
    """{server label: {concurrency: {endpoint: Result}}}, one `incidentwire serve` per database URL."""
    servers = {label: start_server(url) for label, url in urls.items()}
    try:
        base_urls = {label: base_url for label, (_, base_url) in servers.items()}
        by_concurrency = {c: asyncio.run(run_endpoints(base_urls, count, c, seconds, rounds)) for c in concurrencies}
        return {label: {c: by_concurrency[c][label] for c in concurrencies} for label in urls}
    finally:
        for server, _ in servers.values():
            server.terminate()
            server.wait(timeout=30)


def print_table(label: str, by_concurrency: dict[int, dict[str, Result]]) -> None:
    for concurrency, results in by_concurrency.items():
        print(f"\n{label}, concurrency {concurrency}")
        print(f"  {'endpoint':24} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>6}")
        for name, r in results.items():
            print(
                f"  {name:24} {r.requests:8d} {r.per_second:7.1f} {r.p50:8.1f} {r.p95:8.1f} {r.p99:8.1f} {r.errors:6d}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--concurrency", default="1,16", help="comma-separated client concurrencies")
    parser.add_argument("--seconds", type=float, default=6.0, help="per endpoint, concurrency and server")
    parser.add_argument("--rounds", type=int, default=3, help="turns the seconds are split into, A B A B ...")
    parser.add_argument("--only-after", action="store_true", help="skip the server without the 0003-0005 indexes")
    args = parser.parse_args()
    concurrencies = [int(c) for c in args.concurrency.split(",")]
    with tempfile.TemporaryDirectory() as folder:
        after_path, before_path = Path(folder) / "after.sqlite", Path(folder) / "before.sqlite"
        took = fill_store(f"sqlite:///{after_path}", args.incidents)
        size = after_path.stat().st_size / 2**20
        print(f"filled {args.incidents} incidents in {took:.1f} s ({args.incidents / took:.0f} rows/s, {size:.0f} MiB)")
        urls = {"after": f"sqlite:///{after_path}"}
        if not args.only_after:
            shutil.copyfile(after_path, before_path)
            drop_listing_indexes(f"sqlite:///{before_path}")
            urls = {"before": f"sqlite:///{before_path}", **urls}
        queries = query_times(urls)
        results = measure(urls, args.incidents, concurrencies, args.seconds, args.rounds)
    print("\nStore.list_incidents(limit=100) in process, median of 5, ms")
    for name in QUERY_FILTERS:
        print(f"  {name:24} " + "  ".join(f"{label} {queries[label][name]:7.1f}" for label in urls))
    for label, by_concurrency in results.items():
        print_table(f"{label} ({'without' if label == 'before' else 'with'} the 0003-0005 indexes)", by_concurrency)
    if "before" in results:
        print("\np99 before -> after (ms), ratio")
        for concurrency in concurrencies:
            for name, r in results["after"][concurrency].items():
                b = results["before"][concurrency][name]
                print(f"  c={concurrency:<3} {name:24} {b.p99:8.1f} -> {r.p99:8.1f}  x{b.p99 / r.p99:6.2f}")


if __name__ == "__main__":
    main()
