"""Reports in: `extract` (one report or a batch, nothing stored) and `ingest` (files, crawls, records, feeds)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import typer

from ..errors import IncidentwireError
from .common import DB_HELP, MinRelevance, check_published, fail, open_db, progress_task, warn
from .records import print_record

REPORT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".json", ".jsonl", ".ndjson")


def extract(
    file: Path = typer.Argument(..., help="A report: .txt, .html, .json, or a .jsonl batch"),
    published: str | None = typer.Option(None, help="Publication date YYYY-MM-DD (overrides the report's)"),
    as_json: bool = typer.Option(False, "--json", help="Print the Record JSON (one per line for a batch)"),
    min_relevance: MinRelevance = None,
) -> None:
    """Extract the incidents one report describes (each report of a batch on its own)."""
    from ..extract.pipeline import extract_records
    from ..read import BadLine, iter_reports

    published = check_published(published)
    good, bad = 0, 0

    def reports():
        nonlocal bad
        for item in iter_reports(file, published=published):
            if isinstance(item, BadLine):
                bad += 1
                warn(str(item))
            else:
                yield item

    try:
        for record in extract_records(reports(), min_relevance=min_relevance):
            good += 1
            if record.error:
                warn(f"{record.report.id}: {record.error}")
            if as_json:
                sys.stdout.write(record.model_dump_json() + "\n")
                sys.stdout.flush()
            else:
                print_record(record)
    except IncidentwireError as error:
        fail(str(error))
    if good == 0 and bad:
        raise typer.Exit(2)


def _report_files(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES)
        else:
            yield path


def ingest(
    paths: list[str] = typer.Argument(
        ...,
        help="Report files, folders, .jsonl batches, .warc(.gz) crawls, Parquet "
        "records from `spark extract` (or feed URLs with --follow)",
    ),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    published: str | None = typer.Option(None, help="Publication date YYYY-MM-DD for reports without one"),
    follow: bool = typer.Option(False, "--follow", help="Treat the arguments as RSS/Atom feed URLs and poll them"),
    every: str = typer.Option("15m", help="With --follow: how often to poll (90s, 15m, 1h)"),
    rounds: int | None = typer.Option(None, min=1, help="With --follow: stop after this many rounds"),
    min_relevance: MinRelevance = None,
) -> None:
    """Store reports once, extract their incidents, merge them with the stored ones, and check watch areas."""
    published = check_published(published)
    store = open_db(db)
    try:
        if follow:
            _follow(store, paths, every, rounds, min_relevance)
        else:
            from ..read.records_parquet import is_records_parquet

            files = [Path(p) for p in paths]
            datasets = [p for p in files if is_records_parquet(p)]  # `spark extract` output: extracted already
            if datasets:
                _ingest_parquet(store, datasets)
            if len(datasets) < len(files):
                _ingest_files(store, [p for p in files if p not in datasets], published, min_relevance)
    finally:
        store.close()


def _ingest_parquet(store, datasets: list[Path]) -> None:
    from ..ingest import ingest_records
    from ..read.records_parquet import iter_parquet_records

    def records():
        for dataset in datasets:
            yield from iter_parquet_records(dataset)

    try:
        with progress_task("ingesting extracted records") as advance:
            summary = ingest_records(store, records(), progress=advance)
    except IncidentwireError as error:
        fail(str(error))
    for line in summary.errors:
        warn(line)
    print(summary.line())
    _raise_alerts(store, summary.touched)


def _ingest_files(store, paths: list[Path], published: str | None, min_relevance: float | None) -> None:
    from ..ingest import ingest_reports
    from ..read import BadLine, iter_reports
    from ..read.warc import SkippedRecord, is_warc, iter_warc

    unreadable = 0

    def reports():
        nonlocal unreadable
        for path in _report_files(paths):
            try:
                for item in iter_warc(path) if is_warc(path) else iter_reports(path, published=published):
                    if isinstance(item, (BadLine, SkippedRecord)):
                        unreadable += 1
                        warn(str(item))
                    else:
                        yield item
            except IncidentwireError as error:
                unreadable += 1
                warn(str(error))

    with progress_task("ingesting reports") as advance:
        summary = ingest_reports(store, reports(), progress=advance, min_relevance=min_relevance)
    for line in summary.errors:
        warn(line)
    summary.read += unreadable
    summary.failed += unreadable
    print(summary.line())
    _raise_alerts(store, summary.touched)


def _follow(store, feed_urls: list[str], every: str, rounds: int | None, min_relevance: float | None) -> None:
    from ..follow import BadInterval, follow_feeds, parse_interval

    try:
        seconds = parse_interval(every)
    except BadInterval as error:
        fail(f"--every {every!r}: {error}")
    try:
        for summary in follow_feeds(
            store, feed_urls, every=seconds, rounds=rounds, on_error=warn, min_relevance=min_relevance
        ):
            for line in summary.ingest.errors:
                warn(line)
            print(summary.line(), flush=True)
            _raise_alerts(store, summary.ingest.touched)
    except KeyboardInterrupt:
        print("stopped following", flush=True)


def _raise_alerts(store, incident_ids: set[str]) -> None:
    """Checks the watch areas against what an ingest created or updated, and sends webhooks."""
    from ..alerts import check_alerts, deliver_webhooks

    if not incident_ids:
        return
    alerts = check_alerts(store, incident_ids)
    for alert in alerts:
        print(f"alert: {alert.watch_area}: incident {alert.incident_id}: {alert.reason}")
    if alerts:
        delivery = deliver_webhooks(store)
        if delivery.failed:
            warn(f"{delivery.failed} alert webhook(s) not delivered; they stay pending")
