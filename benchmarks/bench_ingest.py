"""Ingest cost as the store grows: time and peak memory for 1k, 10k, 100k reports, each in a fresh process.

    .venv/bin/python benchmarks/bench_ingest.py [--sizes 1000,10000,100000] [--store-only] [--db URL]

The synthetic stream models a real news feed rather than a pile of reports: events happen at a fixed
rate (`--per-day` reports a day, ~40 by default, so ~16 events a day), each is told by 1-4 reports
published over the following days with growing tolls, in one of ~40 cities of 14 countries. A bigger
run is therefore a *longer* stream, not a denser one: the store grows while the reports per day, and
so the merge candidates of each report (±3 days, same country), stay what they are in production.
Linear cost means ms/report stays flat and time(n) / (time(smallest) * n / smallest) stays near 1.

Each size runs in a fresh subprocess that reports its elapsed time and peak resident memory
(ru_maxrss): no tracing overhead, and no size inherits the caches of another. With `--store-only` the
peak includes the whole pre-extracted stream, which every child loads before taking its first `size`.
`--store-only` extracts the stream once (cached in the temp folder, reused by later runs) and times
only store + merge (`ingest_records`); the default times the full path (`ingest_reports`: extract +
store + merge), after loading the pipeline.
"""

from __future__ import annotations

import argparse
import heapq
import json
import pickle
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from incidentwire.model import Record, Report

PLACES = [
    ("Quetta", "Balochistan"),
    ("Turbat", "Balochistan"),
    ("Gwadar", "Balochistan"),
    ("Peshawar", "Khyber Pakhtunkhwa"),
    ("Bannu", "Khyber Pakhtunkhwa"),
    ("Mardan", "Khyber Pakhtunkhwa"),
    ("Dera Ismail Khan", "Khyber Pakhtunkhwa"),
    ("Karachi", "Sindh"),
    ("Lahore", "Punjab"),
    ("Kabul", "Kabul"),
    ("Jalalabad", "Nangarhar"),
    ("Kandahar", "Kandahar"),
    ("Lashkar Gah", "Helmand"),
    ("Mogadishu", "Banaadir"),
    ("Baidoa", "Bay"),
    ("Kismayo", "Lower Juba"),
    ("Maiduguri", "Borno"),
    ("Bama", "Borno"),
    ("Damaturu", "Yobe"),
    ("Baghdad", "Baghdad"),
    ("Mosul", "Nineveh"),
    ("Kirkuk", "Kirkuk"),
    ("Ramadi", "Anbar"),
    ("Tikrit", "Salah ad Din"),
    ("Samarra", "Salah ad Din"),
    ("Baqubah", "Diyala"),
    ("Sukma", "Chhattisgarh"),
    ("Srinagar", "Kashmir"),
    ("Imphal", "Manipur"),
    ("Gao", "Gao"),
    ("Mopti", "Mopti"),
    ("Menaka", "Gao"),
    ("Timbuktu", "Tombouctou"),
    ("Ouagadougou", "Centre"),
    ("Djibo", "Sahel"),
    ("Marawi", "Lanao del Sur"),
    ("Aleppo", "Aleppo"),
    ("Idlib", "Idlib"),
    ("Aden", "Aden"),
    ("Sanaa", "Sanaa"),
]
ACTS = [
    ("A roadside bomb struck", "bomb"),
    ("Gunmen opened fire on", "gunfire"),
    ("A suicide bomber attacked", "blast"),
    ("Militants ambushed", "ambush"),
]
TARGETS = ["a police patrol", "an army convoy", "a market", "a checkpoint", "a mosque", "a school bus"]
MEAN_REPORTS_PER_EVENT = 2.5  # 1-4 reports, uniformly


def synthetic_stream(count: int, per_day: float = 40, seed: int = 7) -> Iterator[Report]:
    """`count` reports in publication order, generated as they are read (memory does not grow with count):
    events at a fixed daily rate, 1-4 growing reports each, published over the following days."""
    rng = random.Random(seed)
    events_per_day = per_day / MEAN_REPORTS_PER_EVENT
    start, pending, event, emitted = date(2020, 1, 1), [], 0, 0
    while emitted < count:
        event += 1
        day = start + timedelta(days=int(event / events_per_day))
        while pending and pending[0][0] < str(day) and emitted < count:  # no later event publishes earlier
            yield heapq.heappop(pending)[2]
            emitted += 1
        for report in _event_reports(rng, event, day):
            heapq.heappush(pending, (report.published, report.id, report))


def _event_reports(rng: random.Random, event: int, day: date) -> list[Report]:
    city, province = rng.choice(PLACES)
    act, noun = rng.choice(ACTS)
    target, killed = rng.choice(TARGETS), rng.randrange(1, 40)
    site = f"{rng.choice(['main', 'old', 'new'])} {rng.choice(['bazaar', 'gate', 'bridge', 'square'])}"
    reports = []
    for n in range(rng.randrange(1, 5)):
        toll = killed + 3 * n  # tolls grow as later reports come in
        text = (
            f"{city.upper()} - {act} {target} near the {site} in {city}, {province}, on "
            f"{day.strftime('%A')}, killing {toll} people and wounding {toll + 5}, officials said. "
            f"Event reference {event}: witnesses described the {noun} as the worst in weeks."
        )
        reports.append(Report(id=f"bench-{event}-{n}", published=str(day + timedelta(days=n)), text=text))
    return reports


def cached_records(count: int, per_day: float, seed: int) -> Path:
    """The stream extracted once, pickled in the temp folder; a later run with the same stream reuses it."""
    folder, stem = Path(tempfile.gettempdir()), f"incidentwire-bench-records-{seed}-{per_day:g}"
    longer = [p for p in folder.glob(f"{stem}-*.pickle") if int(p.stem.rsplit("-", 1)[1]) >= count]
    if longer:  # the stream is the same at every length: a longer one's start is this one
        return min(longer, key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    path = folder / f"{stem}-{count}.pickle"
    from incidentwire.extract.pipeline import extract_records

    began = time.perf_counter()
    records = list(extract_records(synthetic_stream(count, per_day, seed)))
    print(f"extracted {count} reports once in {time.perf_counter() - began:.0f} s -> {path}", flush=True)
    partial = path.with_suffix(".partial")
    partial.write_bytes(pickle.dumps(records))
    partial.rename(path)
    return path


def run_one(size: int, store_only: bool, per_day: float, seed: int, records: Path | None, db: str | None) -> dict:
    """In the child process: ingest `size` reports into an empty store; elapsed seconds and peak RSS."""
    from incidentwire.ingest import ingest_records, ingest_reports
    from incidentwire.store import open_store

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(db or f"sqlite:///{Path(folder) / 'bench.sqlite'}")
        if store_only:
            stream: list[Record] = pickle.loads(records.read_bytes())[:size]
            began = time.perf_counter()
            summary = ingest_records(store, stream)
        else:
            from incidentwire.extract.pipeline import extract_records

            list(extract_records(list(synthetic_stream(2, per_day, seed + 1))))  # loads the pipeline, untimed
            stream_reports = synthetic_stream(size, per_day, seed)
            began = time.perf_counter()
            summary = ingest_reports(store, stream_reports)
        elapsed = time.perf_counter() - began
        store.close()
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {"size": size, "elapsed": elapsed, "peak_mib": peak_mib, "summary": summary.line()}


def measure(size: int, args: argparse.Namespace, records: Path | None) -> dict:
    command = [sys.executable, __file__, "--child", str(size), "--per-day", str(args.per_day), "--seed", str(args.seed)]
    if args.store_only:
        command += ["--store-only", "--records", str(records)]
    if args.db:
        command += ["--db", args.db]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated report counts")
    parser.add_argument("--store-only", action="store_true", help="extract once beforehand; time store + merge")
    parser.add_argument("--per-day", type=float, default=40, help="reports a day in the synthetic stream")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", help="an empty database URL to use instead of a temporary SQLite file")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--records", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.child, args.store_only, args.per_day, args.seed, args.records, args.db)))
        return
    sizes = sorted(int(s) for s in args.sizes.split(","))
    records = cached_records(sizes[-1], args.per_day, args.seed) if args.store_only else None
    path = "store + merge (pre-extracted)" if args.store_only else "extract + store + merge"
    print(f"{path}, {args.per_day:g} reports/day, database {args.db or 'temporary SQLite file'}")
    base = None
    for size in sizes:
        result = measure(size, args, records)
        base = base or result
        linear = base["elapsed"] * size / base["size"]
        print(
            f"{size:>7} reports: {result['elapsed']:8.1f} s  {1000 * result['elapsed'] / size:6.1f} ms/report  "
            f"x{result['elapsed'] / linear:.2f} of linear  peak RSS {result['peak_mib']:.0f} MiB; "
            f"{result['summary']}",
            flush=True,
        )


if __name__ == "__main__":
    main()
