"""Extraction at scale on PySpark: JSONL report batches and WARC crawls → a Parquet dataset of Records.

    extract_to_parquet(inputs, output, SparkSettings(master="local[2]")) -> SparkSummary

Every worker runs the same `extract_records` as `incidentwire extract`, inside `mapPartitions`; the
spaCy pipeline is built once per Python worker process (`get_nlp` is cached per process and Spark
reuses its Python workers between tasks), not once per task or per report.

Units of parallel work: a JSONL batch is split into byte ranges (`partitions` per file, lines kept
whole, line numbers kept for messages); a WARC file is one task (gzip members are not splittable
without an index; a crawl comes as many files). Output rows keep input order within each part.

Output: a directory of Parquet part files, one row per report, columns as in
`incidentwire.read.records_parquet` (report_id, published, title, url, source, text, origin,
n_incidents, incidents (JSON array of Incident objects), error). `incidentwire ingest DIR` stores
and merges it with pyarrow alone. A line or WARC record that holds no readable report is counted
and named in `SparkSummary.skipped_examples`, never fails the job.

Workers must import `incidentwire` (and its spaCy model): in local mode they run this interpreter
(PYSPARK_PYTHON defaults to sys.executable); on a cluster, install the package on the executors.
Spark runs on loopback only (SPARK_LOCAL_IP=127.0.0.1, UI off) unless `master` says otherwise.
"""

from __future__ import annotations

import os
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from incidentwire.errors import IncidentwireError, UnreadableInput
from incidentwire.model import Report
from incidentwire.read.decode import (
    check_regular_file,
    read_head,
    read_text_file,
    split_bom,
)
from incidentwire.read.jsonl import MAX_LINE_BYTES, BadLine, iter_jsonl, report_of_line
from incidentwire.read.records_parquet import COLUMNS, record_row
from incidentwire.read.warc import SkippedRecord, is_warc, iter_warc

JSONL_SUFFIXES = (".jsonl", ".ndjson")
MAX_SKIPPED_EXAMPLES = 20


@dataclass(frozen=True)
class SparkSettings:
    master: str = "local[2]"
    partitions: int | None = None  # byte-range splits per JSONL file; None: Spark's default parallelism
    shuffle_partitions: int = 4
    overwrite: bool = False


@dataclass
class SparkSummary:
    inputs: int = 0
    reports: int = 0  # rows written
    with_incidents: int = 0
    errors: int = 0
    skipped: int = 0
    tasks: int = 0
    workers: int = 0  # Python worker processes that ran tasks
    model_loads: int = 0  # spaCy pipelines built: one per worker process, however many tasks it runs
    seconds: float = 0.0
    skipped_examples: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.reports} reports extracted from {self.inputs} input(s): {self.with_incidents} with incidents, "
            f"{self.errors} failed, {self.skipped} skipped; {self.tasks} tasks in {self.workers} worker processes, "
            f"spaCy loaded {self.model_loads}x; "
            f"{self.seconds:.1f} s"
        )


@dataclass(frozen=True)
class ReadReport:
    """A report read by a worker, with where it came from."""

    report: Report
    origin: str


# --- inputs ---------------------------------------------------------------------------------------


def input_files(paths: Sequence[Path]) -> list[Path]:
    """The JSONL batches and WARC files named, folders searched; anything else is UnreadableInput."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and input_kind(p) is not None)
            if not found:
                raise UnreadableInput.at(str(path), "folder holds no .jsonl batch nor WARC file")
            files.extend(found)
        elif not path.exists():
            raise UnreadableInput.at(str(path), "no such file")
        elif input_kind(path) is None:
            raise UnreadableInput.at(path.name, "not a .jsonl report batch nor a .warc/.warc.gz file")
        else:
            files.append(path)
    for path in files:
        check_readable(path)
    return files


def check_readable(path: Path) -> None:
    """File-level problems (a directory, empty, binary) fail here, on the driver, before Spark starts."""
    if input_kind(path) == "jsonl":
        iter_jsonl(path)
    else:
        check_regular_file(path)


def input_kind(path: Path) -> str | None:
    if is_warc(path):
        return "warc"
    if path.suffix.lower() in JSONL_SUFFIXES:
        return "jsonl"
    return None


# --- the job --------------------------------------------------------------------------------------


def extract_to_parquet(
    inputs: Sequence[Path], output: Path, settings: SparkSettings = SparkSettings(), spark=None
) -> SparkSummary:
    """Extracts every report of `inputs` on Spark and writes the Records to the Parquet directory
    `output`. Uses `spark` when given (and leaves it running), else starts and stops its own session."""
    files = input_files(inputs)
    output = Path(output)
    if output.exists() and not settings.overwrite:
        raise IncidentwireError.at(str(output), "already exists (pass --overwrite to replace it)")
    started = time.perf_counter()
    own_session = spark is None
    spark = spark or spark_session(settings)
    try:
        summary = run_job(spark, files, output, settings)
    finally:
        if own_session:
            spark.stop()
    summary.seconds = time.perf_counter() - started
    return summary


def spark_session(settings: SparkSettings):
    """A session on loopback, quiet, with workers running this interpreter (where incidentwire lives)."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master(settings.master)
        .appName("incidentwire-extract")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.log.level", "ERROR")
        .config("spark.sql.shuffle.partitions", str(settings.shuffle_partitions))
        .config("spark.python.worker.reuse", "true")
        .config("spark.driver.host", os.environ["SPARK_LOCAL_IP"])
        .config("spark.driver.bindAddress", os.environ["SPARK_LOCAL_IP"])
        .getOrCreate()
    )


@dataclass(frozen=True)
class Counters:
    """Spark accumulators the workers add to; read on the driver after the write.

    Each is a `pyspark.Accumulator`, typed Any: pyspark is imported only once a job runs."""

    reports: Any
    with_incidents: Any
    errors: Any
    skipped: Any
    tasks: Any
    model_loads: Any
    skipped_examples: Any
    worker_pids: Any

    @classmethod
    def on(cls, sc) -> Counters:
        reports, with_incidents, errors, skipped, tasks, model_loads = (sc.accumulator(0) for _ in range(6))
        return cls(
            reports,
            with_incidents,
            errors,
            skipped,
            tasks,
            model_loads,
            sc.accumulator([], CappedListParam()),
            sc.accumulator(frozenset(), SetParam()),
        )

    def summary(self, inputs: int) -> SparkSummary:
        return SparkSummary(
            inputs=inputs,
            reports=self.reports.value,
            with_incidents=self.with_incidents.value,
            errors=self.errors.value,
            skipped=self.skipped.value,
            tasks=self.tasks.value,
            workers=len(self.worker_pids.value),
            model_loads=self.model_loads.value,
            skipped_examples=list(self.skipped_examples.value),
        )


def run_job(spark, files: list[Path], output: Path, settings: SparkSettings) -> SparkSummary:
    from pyspark.sql.types import IntegerType, StringType, StructField, StructType

    sc = spark.sparkContext
    counters = Counters.on(sc)
    partitions = settings.partitions or sc.defaultParallelism
    parts = [jsonl_rows(sc, path, partitions, counters) for path in files if input_kind(path) == "jsonl"]
    warcs = [str(path.resolve()) for path in files if input_kind(path) == "warc"]
    if warcs:
        parts.append(sc.parallelize(warcs, len(warcs)).mapPartitions(partial(rows_of_warc_files, counters=counters)))
    schema = StructType(
        [
            StructField(name, IntegerType() if name == "n_incidents" else StringType(), name != "report_id")
            for name in COLUMNS
        ]
    )
    rows = sc.union(parts) if len(parts) > 1 else parts[0]
    frame = spark.createDataFrame(rows, schema)
    frame.write.mode("overwrite" if settings.overwrite else "errorifexists").parquet(output.resolve().as_uri())
    return counters.summary(len(files))


def jsonl_rows(sc, path: Path, partitions: int, counters: Counters):
    """Rows of one batch: Spark reads byte ranges of it; lines are numbered as `incidentwire ingest` does."""
    name = path.name
    encoding, _ = split_bom(read_head(path, 4))
    if encoding not in (None, "utf-8"):
        # UTF-16/32 batches are rare and Hadoop splits bytes at b"\n": decode them here, whole.
        numbered = [(line, index) for index, line in enumerate(read_text_file(path).splitlines())]
        lines = sc.parallelize(numbered, partitions)
    else:
        lines = sc.textFile(path.resolve().as_uri(), minPartitions=partitions, use_unicode=False).zipWithIndex()
    return lines.mapPartitions(partial(rows_of_lines, name, counters=counters))


# --- on the workers -------------------------------------------------------------------------------


def rows_of_lines(name: str, numbered: Iterable[tuple[bytes | str, int]], counters: Counters) -> Iterator[tuple]:
    return rows_of_reads((read_of_line(name, raw, index + 1) for raw, index in numbered), counters)


def read_of_line(name: str, raw: bytes | str, line_no: int) -> ReadReport | BadLine | None:
    """A batch line as `read/jsonl.py` reads it (same checks, same messages); None for a blank line."""
    if isinstance(raw, str):
        return report_or_bad_line(name, raw, line_no)
    if len(raw) > MAX_LINE_BYTES:
        return BadLine(name, line_no, f"line longer than {MAX_LINE_BYTES // 2**20} MB")
    if line_no == 1:
        raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return BadLine(name, line_no, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})")
    return report_or_bad_line(name, line, line_no)


def report_or_bad_line(name: str, line: str, line_no: int) -> ReadReport | BadLine | None:
    if not line.strip():
        return None
    item = report_of_line(name, line_no, line, None)
    return item if isinstance(item, BadLine) else ReadReport(item, f"{name} line {line_no}")


def rows_of_warc_files(paths: Iterable[str], counters: Counters) -> Iterator[tuple]:
    return rows_of_reads(
        (read_of_page(item, Path(path).name) for path in paths for item in pages_or_failure(Path(path))), counters
    )


def pages_or_failure(path: Path) -> Iterator[Report | SkippedRecord]:
    """A WARC file's pages; a file that cannot be opened on the worker is one SkippedRecord."""
    try:
        yield from iter_warc(path)
    except IncidentwireError as error:
        yield SkippedRecord(path.name, None, error.reason)


def read_of_page(item: Report | SkippedRecord, name: str) -> ReadReport | SkippedRecord:
    return item if isinstance(item, SkippedRecord) else ReadReport(item, f"{name} record {item.url or item.id}")


def rows_of_reads(items: Iterable[ReadReport | BadLine | SkippedRecord | None], counters: Counters) -> Iterator[tuple]:
    """Extracts the readable reports of one partition (spaCy built once per worker) → Parquet rows."""
    from incidentwire.extract.pipeline import extract_records
    from incidentwire.nlp import get_nlp

    counters.tasks.add(1)
    counters.worker_pids.add(frozenset({os.getpid()}))
    if get_nlp.cache_info().currsize == 0:
        counters.model_loads.add(1)
    origins: deque[str] = deque()

    def reports() -> Iterator[Report]:
        for item in items:
            if isinstance(item, ReadReport):
                origins.append(item.origin)
                yield item.report
            elif item is not None:
                counters.skipped.add(1)
                counters.skipped_examples.add([str(item)])

    # Given the pipeline, extract_records parses in this process: Spark is the pool, no nested one.
    for record in extract_records(reports(), get_nlp()):
        row = record_row(record, origins.popleft())
        counters.reports.add(1)
        counters.with_incidents.add(1 if record.incidents else 0)
        counters.errors.add(1 if record.error else 0)
        yield tuple(row[name] for name in COLUMNS)


class CappedListParam:
    """An accumulator of a few example messages (the first ones the driver hears of)."""

    def zero(self, value: list) -> list:
        return []

    def addInPlace(self, first: list, second: list) -> list:  # Spark's name for it
        return (first + second)[:MAX_SKIPPED_EXAMPLES]


class SetParam:
    """An accumulator of a set (the worker processes' ids)."""

    def zero(self, value: frozenset) -> frozenset:
        return frozenset()

    def addInPlace(self, first: frozenset, second: frozenset) -> frozenset:  # Spark's name for it
        return first | second
