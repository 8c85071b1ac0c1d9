"""`incidentwire spark extract` (PySpark, local mode) gives what single-process extraction gives, and
`incidentwire ingest DIR` stores its Parquet output as `incidentwire ingest` stores the inputs.

One Spark run (one JVM, local[2]) serves the module: the CLI as a user runs it, in a real process.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import ROOT, run_cli
from test_warc import write_warc

from incidentwire.extract.pipeline import extract_records
from incidentwire.ingest import ingest_records
from incidentwire.model import Report
from incidentwire.read.jsonl import iter_jsonl
from incidentwire.read.records_parquet import iter_parquet_records
from incidentwire.read.warc import iter_warc
from incidentwire.store import open_store

CORPUS = ROOT / "examples" / "corpus" / "reports.jsonl"
BATCH_LINES = 6
SPARK_TIMEOUT = 400


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> tuple[Path, Path]:
    """A batch (6 corpus reports, a blank line, a broken line) and a crawl (3 pages, 3 unreadable records)."""
    folder = tmp_path_factory.mktemp("spark-inputs")
    lines = CORPUS.read_text(encoding="utf-8").splitlines()[:BATCH_LINES]
    batch = folder / "batch.jsonl"
    batch.write_text("\n".join(lines[:3] + [""] + lines[3:] + ['{"text": "cut off']) + "\n", encoding="utf-8")
    crawl = folder / "crawl.warc.gz"
    write_warc(crawl)
    return batch, crawl


@pytest.fixture(scope="module")
def spark_output(inputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("spark-out") / "records"
    result = run_cli(
        "spark", "extract", *map(str, inputs), "--output", str(out), "--partitions", "3", timeout=SPARK_TIMEOUT
    )
    assert result.returncode == 0, result.stderr
    return out, result


def single_process_reports(batch: Path, crawl: Path) -> list[Report]:
    return [item for item in [*iter_jsonl(batch), *iter_warc(crawl)] if isinstance(item, Report)]


def test_spark_output_equals_single_process_extraction(inputs, spark_output):
    out, _ = spark_output
    rows = pq.read_table(out).to_pylist()  # pyarrow alone reads Spark's output
    expected = {record.report.id: record for record in extract_records(single_process_reports(*inputs))}
    assert sorted(row["report_id"] for row in rows) == sorted(expected)
    for row in rows:
        record = expected[row["report_id"]]
        assert json.loads(row["incidents"]) == [i.model_dump(mode="json") for i in record.incidents], row["report_id"]
        assert row["n_incidents"] == len(record.incidents)
        assert (row["text"], row["published"], row["url"]) == (
            record.report.text,
            record.report.published,
            record.report.url,
        )
        assert row["error"] is None
    assert sum(1 for row in rows if row["n_incidents"]) >= BATCH_LINES + 2  # both attack pages found
    origins = {row["origin"] for row in rows}
    assert {"batch.jsonl line 5", "crawl.warc.gz record https://news.example/neg-karachi-psl-match"} <= origins


def test_unreadable_lines_and_records_are_counted_and_named_not_fatal(spark_output):
    _, result = spark_output
    assert re.search(r"9 reports extracted from 2 input\(s\): 8 with incidents, 0 failed, 4 skipped", result.stderr)
    assert "batch.jsonl line 8: invalid JSON" in result.stderr
    assert "not an HTML page (image/png)" in result.stderr
    assert "HTTP status 404" in result.stderr


def test_spacy_is_built_once_per_worker_not_once_per_task(spark_output):
    _, result = spark_output
    found = re.search(r"(\d+) tasks in (\d+) worker processes, spaCy loaded (\d+)x", result.stderr)
    tasks, workers, loads = map(int, found.groups())
    assert tasks == 4  # 3 splits of the batch, 1 WARC file
    assert loads == workers <= 3  # local[2] keeps 2 Python workers, a third at most while one hands back


def incidents_of(db: str) -> list[dict]:
    result = run_cli("incidents", "--db", db, "--json", "--limit", "1000")
    assert result.returncode == 0, result.stderr
    return sorted(json.loads(result.stdout), key=lambda incident: incident["id"])


def test_ingesting_spark_output_stores_what_ingesting_the_inputs_stores(inputs, spark_output, tmp_path):
    out, _ = spark_output
    from_spark, direct = f"sqlite:///{tmp_path / 'spark.sqlite'}", f"sqlite:///{tmp_path / 'direct.sqlite'}"
    result = run_cli("ingest", str(out), "--db", from_spark)
    assert result.returncode == 0, result.stderr
    assert "9 reports read: 9 new, 0 duplicates" in result.stdout
    result = run_cli("ingest", *map(str, inputs), "--db", direct)
    assert result.returncode == 0, result.stderr
    merged = incidents_of(from_spark)
    assert merged and merged == incidents_of(direct)
    again = run_cli("ingest", str(out), "--db", from_spark)
    assert "9 reports read: 0 new, 9 duplicates" in again.stdout


def test_spark_records_are_stored_once_in_each_store(spark_output, db_url):
    out, _ = spark_output
    store = open_store(db_url)
    try:
        first = ingest_records(store, iter_parquet_records(out))
        again = ingest_records(store, iter_parquet_records(out))
        stored = store.list_incidents(limit=1000).total
    finally:
        store.close()
    assert (first.read, first.new, first.failed) == (9, 9, 0)
    assert (again.new, again.duplicates) == (0, 9)
    assert 1 <= stored <= 8  # 8 reports describe attacks; reports of one event merge


def test_parquet_records_round_trip_through_pyarrow(spark_output):
    out, _ = spark_output
    records = list(iter_parquet_records(out))
    assert len(records) == 9
    assert all(record.report.text for record in records)


def test_ingest_names_a_parquet_file_that_holds_no_records(tmp_path):
    path = tmp_path / "other.parquet"
    pq.write_table(pa.table({"x": [1, 2]}), path)
    result = run_cli("ingest", str(path), "--db", f"sqlite:///{tmp_path / 'db.sqlite'}")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "incidentwire: other.parquet: not an incidentwire records dataset (no column incidents, report_id, text)"
    )


def test_spark_extract_refuses_an_input_it_cannot_read_before_starting_spark(tmp_path):
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    result = run_cli("spark", "extract", str(tmp_path / "notes.txt"), "--output", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "notes.txt: not a .jsonl report batch nor a .warc/.warc.gz file" in result.stderr
    assert not (tmp_path / "out").exists()
