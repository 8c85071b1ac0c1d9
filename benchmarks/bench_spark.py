"""`incidentwire spark extract` against single-process `extract_records` on the same reports (issue 6).

    .venv/bin/python benchmarks/bench_spark.py [--reports 200] [--master local[2]] [--partitions N]

The reports are examples/corpus/reports.jsonl repeated (each copy with its own ids) up to --reports,
written to one JSONL batch. In one process, one after the other:

1. single process, cold: build the spaCy pipeline, then `extract_records` over every report;
2. single process, warm: `extract_records` again (pipeline built); then extract_records as
   `incidentwire extract` calls it (its own process pool, when worth it);
3. Spark, cold: `extract_to_parquet` with a new session (JVM start, Python workers, spaCy once per
   worker, extraction, Parquet write);
4. Spark, warm: the same job again on the same session (workers and their pipelines reused).

Prints each time and the ratios Spark / single process (cold/cold, warm/warm). Below 1 Spark is faster;
on a 2-core machine the JVM and one pipeline per worker cost more than the second core gives back
for a few hundred reports: the job pays off on many cores and large inputs.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from incidentwire.extract.pipeline import extract_records
from incidentwire.model import Report
from incidentwire.nlp import get_nlp
from incidentwire.spark import SparkSettings, extract_to_parquet, spark_session

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus" / "reports.jsonl"


def repeated_reports(count: int) -> list[dict]:
    """`count` report objects: the example corpus over and over, each copy with new ids."""
    originals = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [
        {**originals[n % len(originals)], "id": f"{originals[n % len(originals)]['id']}-copy{n // len(originals)}"}
        for n in range(count)
    ]


def write_batch(reports: list[dict], folder: Path) -> Path:
    path = folder / "reports.jsonl"
    path.write_text("".join(json.dumps(report) + "\n" for report in reports), encoding="utf-8")
    return path


def time_single_process(reports: list[Report]) -> tuple[float, float, int]:
    """(cold seconds incl. building the pipeline, warm seconds, incidents found), parsing in this process."""
    began = time.perf_counter()
    nlp = get_nlp()
    records = list(extract_records(reports, nlp))  # a given pipeline parses here, in one process
    cold = time.perf_counter() - began
    began = time.perf_counter()
    list(extract_records(reports, nlp))
    warm = time.perf_counter() - began
    return cold, warm, sum(len(record.incidents) for record in records)


def time_default_extract(reports: list[Report]) -> float:
    """Seconds of extract_records as `incidentwire extract` calls it (its own worker processes where it
    finds that worth it), pipeline already built here."""
    began = time.perf_counter()
    list(extract_records(reports))
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--partitions", type=int, default=None)
    args = parser.parse_args()

    objects = repeated_reports(args.reports)
    reports = [Report.model_validate(obj) for obj in objects]
    cold, warm, found = time_single_process(reports)
    print(
        f"single process: {len(reports)} reports, {found} incidents; cold {cold:.1f} s, warm {warm:.1f} s "
        f"({len(reports) / warm:.1f} reports/s)"
    )
    pooled = time_default_extract(reports)
    print(f"extract_records default (its own process pool): warm {pooled:.1f} s")

    settings = SparkSettings(master=args.master, partitions=args.partitions, overwrite=True)
    with tempfile.TemporaryDirectory() as folder:
        batch = write_batch(objects, Path(folder))
        began = time.perf_counter()
        spark = spark_session(settings)
        first = extract_to_parquet([batch], Path(folder) / "out", settings, spark=spark)
        spark_cold = time.perf_counter() - began
        second = extract_to_parquet([batch], Path(folder) / "out", settings, spark=spark)
        spark.stop()
    print(f"spark {args.master}: cold {spark_cold:.1f} s ({first.line()})")
    print(f"spark {args.master}: warm {second.seconds:.1f} s ({second.line()})")
    print(
        f"ratio spark / single process: cold {spark_cold / cold:.2f}, warm {second.seconds / warm:.2f}; "
        f"spark warm / extract_records default {second.seconds / pooled:.2f} (below 1: Spark faster)"
    )


if __name__ == "__main__":
    main()
