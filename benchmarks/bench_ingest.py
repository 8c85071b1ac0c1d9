"""Ingest cost as the store grows: 1k vs 10k reports (extract + store + merge), ratio in one run.

    .venv/bin/python benchmarks/bench_ingest.py [--sizes 1000,10000]

Reports are generated: several reports per synthetic event, events spread over a year and many
cities, so each merge has a realistic number of candidates. Linear growth means time(10k)/time(1k)
close to 10; a quadratic merge would show ~100.
"""
from __future__ import annotations

import argparse
import random
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

from incidentwire.ingest import ingest_reports
from incidentwire.model import Report
from incidentwire.store import open_store

PLACES = [("Quetta", "Balochistan"), ("Peshawar", "Khyber Pakhtunkhwa"), ("Bannu", "Khyber Pakhtunkhwa"),
          ("Karachi", "Sindh"), ("Kabul", "Kabul"), ("Jalalabad", "Nangarhar"), ("Kandahar", "Kandahar"),
          ("Mogadishu", "Banaadir"), ("Maiduguri", "Borno"), ("Baghdad", "Baghdad"), ("Mosul", "Nineveh"),
          ("Kirkuk", "Kirkuk"), ("Sukma", "Chhattisgarh"), ("Gao", "Gao"), ("Mopti", "Mopti")]
ACTS = [("A roadside bomb struck", "bomb"), ("Gunmen opened fire on", "gunfire"), ("A suicide bomber attacked", "blast"),
        ("Militants ambushed", "ambush")]
TARGETS = ["a police patrol", "an army convoy", "a market", "a checkpoint", "a mosque", "a school bus"]


def synthetic_reports(count: int, seed: int = 7) -> list[Report]:
    rng = random.Random(seed)
    reports, start = [], date(2023, 1, 1)
    event = 0
    while len(reports) < count:
        event += 1
        city, province = rng.choice(PLACES)
        act, noun = rng.choice(ACTS)
        target = rng.choice(TARGETS)
        day = start + timedelta(days=rng.randrange(365))
        killed = rng.randrange(1, 40)
        for n in range(rng.randrange(1, 4)):
            toll = killed + 3 * n
            published = day + timedelta(days=n)
            text = (f"{city.upper()} - {act} {target} near the {rng.choice(['main', 'old', 'new'])} "
                    f"{rng.choice(['bazaar', 'gate', 'bridge', 'square'])} in {city}, {province}, on "
                    f"{day.strftime('%A')}, killing {toll} people and wounding {toll + 5}, officials said. "
                    f"Event reference {event}: witnesses described the {noun} as the worst in weeks.")
            reports.append(Report(id=f"bench-{event}-{n}", published=str(published), text=text))
    return reports[:count]


def measure(count: int) -> tuple[float, float]:
    reports = synthetic_reports(count)
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{Path(folder) / 'bench.sqlite'}")
        tracemalloc.start()
        began = time.perf_counter()
        summary = ingest_reports(store, reports)
        elapsed = time.perf_counter() - began
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        store.close()
    print(f"{count:>7} reports: {elapsed:8.1f} s  ({1000 * elapsed / count:.1f} ms/report), "
          f"peak traced memory {peak / 2**20:.0f} MiB; {summary.line()}")
    return elapsed, peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    measure(50)  # warm-up: loads the pipeline and the gazetteer once
    times = {size: measure(size)[0] for size in sizes}
    base = sizes[0]
    for size in sizes[1:]:
        print(f"time({size}) / time({base}) = {times[size] / times[base]:.2f}  (linear: {size / base:.1f})")


if __name__ == "__main__":
    main()
