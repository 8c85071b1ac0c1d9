"""Records extracted elsewhere (`incidentwire spark extract`'s output) ↔ Parquet rows, read with pyarrow.

One row per report; the columns (all strings unless said):

    report_id    the Report's id
    published    YYYY-MM-DD or null
    title, url, source   or null
    text         the report's text
    origin       where the report was read ("batch.jsonl line 3", "crawl.warc.gz record <uri>")
    n_incidents  int32: how many incidents the report describes (0: no attack)
    incidents    a JSON array of Incident objects (the contract's Incident JSON)
    error        why extraction failed for this report, or null

A dataset is a directory of `*.parquet` part files (Spark's layout, `_SUCCESS` and dot-files ignored)
or a single `.parquet` file. Reading needs pyarrow only, not Spark.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from incidentwire.errors import UnreadableInput
from incidentwire.model import Incident, Record, Report

STRING_COLUMNS = ("report_id", "published", "title", "url", "source", "text", "origin", "incidents", "error")
COLUMNS = ("report_id", "published", "title", "url", "source", "text", "origin", "n_incidents", "incidents", "error")
REQUIRED_COLUMNS = frozenset({"report_id", "text", "incidents"})
READ_BATCH_ROWS = 256


def record_row(record: Record, origin: str | None = None) -> dict:
    """The Parquet row of one Record."""
    report = record.report
    return {
        "report_id": report.id,
        "published": report.published,
        "title": report.title,
        "url": report.url,
        "source": report.source,
        "text": report.text,
        "origin": origin,
        "n_incidents": len(record.incidents),
        "incidents": json.dumps([incident.model_dump(mode="json") for incident in record.incidents]),
        "error": record.error,
    }


def record_of_row(row: dict) -> Record:
    """The Record a Parquet row holds."""
    report = Report(
        id=row["report_id"] or "",
        published=row.get("published"),
        title=row.get("title"),
        text=row["text"],
        url=row.get("url"),
        source=row.get("source"),
    )
    incidents = [Incident.model_validate(item) for item in json.loads(row["incidents"] or "[]")]
    return Record(report=report, incidents=incidents, error=row.get("error"))


def is_records_parquet(path: Path) -> bool:
    """True for a `.parquet` file, or a directory holding `.parquet` part files at its top."""
    path = Path(path)
    if path.is_file():
        return path.suffix.lower() == ".parquet"
    return path.is_dir() and any(parquet_parts(path))


def parquet_parts(path: Path) -> list[Path]:
    """The part files of a dataset, in name order (Spark's part order); hidden and `_` files left out."""
    if path.is_file():
        return [path]
    return sorted(
        p
        for p in path.iterdir()
        if p.is_file() and p.suffix.lower() == ".parquet" and not p.name.startswith(("_", "."))
    )


def iter_parquet_records(path: Path) -> Iterator[Record]:
    """Every Record of a dataset, streamed a batch of rows at a time; a file that is not a records
    dataset raises UnreadableInput naming it."""
    for part in parquet_parts(Path(path)):
        yield from records_of_part(part)


def records_of_part(part: Path) -> Iterator[Record]:
    try:
        parquet = pq.ParquetFile(part)
    except (pa.ArrowException, OSError) as error:
        raise UnreadableInput.at(part.name, f"not a Parquet file ({error})") from error
    missing = REQUIRED_COLUMNS - set(parquet.schema_arrow.names)
    if missing:
        raise UnreadableInput.at(
            part.name, f"not an incidentwire records dataset (no column {', '.join(sorted(missing))})"
        )
    try:
        for batch in parquet.iter_batches(batch_size=READ_BATCH_ROWS):
            for row in batch.to_pylist():
                yield checked_record(row, part.name)
    except (pa.ArrowException, OSError) as error:
        raise UnreadableInput.at(part.name, f"unreadable Parquet data ({error})") from error


def checked_record(row: dict, name: str) -> Record:
    """The row's Record, or UnreadableInput naming the row's report when the row is malformed."""
    try:
        return record_of_row(row)
    except (ValueError, TypeError) as error:  # pydantic's ValidationError and JSONDecodeError are ValueErrors
        reason = " ".join(str(error).split())[:200]
        raise UnreadableInput.at(f"{name} report {row.get('report_id')}", f"malformed record ({reason})") from error
