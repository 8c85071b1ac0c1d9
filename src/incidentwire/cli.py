"""The command line: parses options, calls the package's API, prints. Nothing else lives here."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .errors import IncidentwireError
from .model import Incident, Record

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="News reports of attacks -> incident records.")
eval_app = typer.Typer(no_args_is_help=True, help="Measure extraction accuracy against labelled data.")
app.add_typer(eval_app, name="eval")
incidents_app = typer.Typer(help="The merged incidents in the store.")
app.add_typer(incidents_app, name="incidents")

DB_HELP = "SQLAlchemy URL (default: $INCIDENTWIRE_DB or an SQLite file in the user's data directory)"
REPORT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".json", ".jsonl", ".ndjson")

out = Console()
err = Console(stderr=True)


def warn(message: str) -> None:
    """One plain line on stderr (no wrapping, whatever the terminal width)."""
    sys.stderr.write("incidentwire: " + " ".join(message.split()) + "\n")
    sys.stderr.flush()


def fail(message: str, code: int = 2) -> None:
    """One line on stderr naming the input and the reason, then exit."""
    warn(message)
    raise typer.Exit(code)


def _check_published(published: str | None) -> str | None:
    if published is None:
        return None
    try:
        return date.fromisoformat(published).isoformat()
    except ValueError:
        fail(f"--published {published!r}: not a date of the form YYYY-MM-DD")


@app.command()
def extract(
    file: Path = typer.Argument(..., help="A report: .txt, .html, .json, or a .jsonl batch"),
    published: Optional[str] = typer.Option(None, help="Publication date YYYY-MM-DD (overrides the report's)"),
    as_json: bool = typer.Option(False, "--json", help="Print the Record JSON (one per line for a batch)"),
    min_relevance: Optional[float] = typer.Option(
        None, "--min-relevance", min=0.0, max=1.0,
        help="Keep reports whose P(attack) is at least this (0 to 1); default: the threshold the model was tuned to"),
) -> None:
    """Extract the incidents one report describes (each report of a batch on its own)."""
    from .extract.pipeline import extract_records
    from .read import BadLine, iter_reports

    published = _check_published(published)
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


def _open_store(db: str | None):
    from .store import open_store

    try:
        return open_store(db)
    except Exception as error:  # noqa: BLE001 - any driver or URL error becomes one line
        fail(f"--db {db or 'default'}: cannot open the database ({type(error).__name__}: {error})")


def _report_files(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES)
        else:
            yield path


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Report files, folders, .jsonl batches, .warc(.gz) crawls, Parquet "
                                      "records from `spark extract` (or feed URLs with --follow)"),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    published: Optional[str] = typer.Option(None, help="Publication date YYYY-MM-DD for reports without one"),
    follow: bool = typer.Option(False, "--follow", help="Treat the arguments as RSS/Atom feed URLs and poll them"),
    every: str = typer.Option("15m", help="With --follow: how often to poll (90s, 15m, 1h)"),
    rounds: Optional[int] = typer.Option(None, min=1, help="With --follow: stop after this many rounds"),
    min_relevance: Optional[float] = typer.Option(
        None, "--min-relevance", min=0.0, max=1.0,
        help="Keep reports whose P(attack) is at least this (0 to 1); default: the threshold the model was tuned to"),
) -> None:
    """Store reports once, extract their incidents, merge them with the stored ones, and check watch areas."""
    published = _check_published(published)
    store = _open_store(db)
    try:
        if follow:
            _follow(store, paths, every, rounds, min_relevance)
        else:
            from .read.records_parquet import is_records_parquet

            files = [Path(p) for p in paths]
            datasets = [p for p in files if is_records_parquet(p)]  # `spark extract` output: extracted already
            if datasets:
                _ingest_parquet(store, datasets)
            if len(datasets) < len(files):
                _ingest_files(store, [p for p in files if p not in datasets], published, min_relevance)
    finally:
        store.close()


def _ingest_parquet(store, datasets: list[Path]) -> None:
    from .ingest import ingest_records
    from .read.records_parquet import iter_parquet_records

    def records():
        for dataset in datasets:
            yield from iter_parquet_records(dataset)

    try:
        with _progress() as progress:
            task = progress.add_task("ingesting extracted records", total=None)
            summary = ingest_records(store, records(), progress=lambda n: progress.update(task, completed=n))
    except IncidentwireError as error:
        fail(str(error))
    for line in summary.errors:
        warn(line)
    print(summary.line())
    _raise_alerts(store, summary.touched)


def _ingest_files(store, paths: list[Path], published: str | None, min_relevance: float | None) -> None:
    from .ingest import ingest_reports
    from .read import BadLine, iter_reports
    from .read.warc import SkippedRecord, is_warc, iter_warc

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

    with _progress() as progress:
        task = progress.add_task("ingesting reports", total=None)
        summary = ingest_reports(store, reports(), progress=lambda n: progress.update(task, completed=n),
                                 min_relevance=min_relevance)
    for line in summary.errors:
        warn(line)
    summary.read += unreadable
    summary.failed += unreadable
    print(summary.line())
    _raise_alerts(store, summary.touched)


def _follow(store, feed_urls: list[str], every: str, rounds: int | None, min_relevance: float | None) -> None:
    from .follow import BadInterval, follow_feeds, parse_interval

    try:
        seconds = parse_interval(every)
    except BadInterval as error:
        fail(f"--every {every!r}: {error}")
    try:
        for summary in follow_feeds(store, feed_urls, every=seconds, rounds=rounds, on_error=warn,
                                    min_relevance=min_relevance):
            for line in summary.ingest.errors:
                warn(line)
            print(summary.line(), flush=True)
            _raise_alerts(store, summary.ingest.touched)
    except KeyboardInterrupt:
        print("stopped following", flush=True)


def _raise_alerts(store, incident_ids: set[str]) -> None:
    """Checks the watch areas against what an ingest created or updated, and sends webhooks."""
    from .alerts import check_alerts, deliver_webhooks

    if not incident_ids:
        return
    alerts = check_alerts(store, incident_ids)
    for alert in alerts:
        print(f"alert: {alert.watch_area}: incident {alert.incident_id}: {alert.reason}")
    if alerts:
        delivery = deliver_webhooks(store)
        if delivery.failed:
            warn(f"{delivery.failed} alert webhook(s) not delivered; they stay pending")


@incidents_app.callback(invoke_without_command=True)
def incidents(
    ctx: typer.Context,
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    since: Optional[str] = typer.Option(None, help="On or after YYYY-MM-DD"),
    until: Optional[str] = typer.Option(None, help="On or before YYYY-MM-DD"),
    country: Optional[str] = typer.Option(None),
    admin1: Optional[str] = typer.Option(None),
    city: Optional[str] = typer.Option(None),
    perpetrator: Optional[str] = typer.Option(None, help="Part of the group's name"),
    attack_type: Optional[str] = typer.Option(None, help="A GTD attack type"),
    target_type: Optional[str] = typer.Option(None, help="A GTD target type"),
    weapon_type: Optional[str] = typer.Option(None, help="A GTD weapon type"),
    min_killed: Optional[int] = typer.Option(None, help="At least this many victims killed"),
    text: Optional[str] = typer.Option(None, help="Free text in place, group or type names"),
    limit: int = typer.Option(100, help="At most this many"),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list of Incident objects"),
) -> None:
    """List the merged incidents, newest first."""
    if ctx.invoked_subcommand is not None:
        return
    from .store import IncidentFilters

    store = _open_store(db)
    filters = IncidentFilters(since=since, until=until, country=country, admin1=admin1, city=city,
                              perpetrator=perpetrator, attack_type=attack_type, target_type=target_type,
                              weapon_type=weapon_type, min_killed=min_killed, text=text)
    page = store.list_incidents(filters, limit=limit)
    store.close()
    if as_json:
        print(json.dumps([i.model_dump(mode="json") for i in page.items], indent=1))
        return
    table = Table(title=f"{page.total} incidents" + (f" (first {len(page.items)})" if page.next else ""))
    for column in ("id", "date", "place", "perpetrator", "attack", "killed", "wounded", "reports"):
        table.add_column(column)
    for i in page.items:
        table.add_row(i.id, i.date or "", _escape(", ".join(p for p in (i.city, i.country) if p)),
                      _escape(i.perpetrators[0].name if i.perpetrators else ""), _escape(", ".join(i.attack_types)),
                      _count(i.killed), _count(i.wounded), str(len(i.reports)))
    out.print(table)


@incidents_app.command("show")
def incidents_show(
    incident_id: str = typer.Argument(..., help="An incident id from `incidentwire incidents`"),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the record, reports, toll history and merges"),
) -> None:
    """One incident: its record, its reports, its toll history and why each report was merged into it."""
    store = _open_store(db)
    detail = store.incident_detail(incident_id)
    store.close()
    if detail is None:
        fail(f"incident {incident_id}: not in the store")
    if as_json:
        print(json.dumps({"incident": detail.incident.model_dump(mode="json"),
                          "reports": [r.model_dump(mode="json", exclude={"text"}) for r in detail.reports],
                          "toll_history": detail.toll_history,
                          "merges": [{"report_id": r.report_id, **r.merge} for r in detail.readings]}, indent=1))
        return
    out.print(incident_table(detail.incident, f"incident {detail.incident.id}"))
    history = Table(title="toll history")
    for column in ("field", "published", "report", "value", "qualifier"):
        history.add_column(column)
    for name, points in detail.toll_history.items():
        for point in points:
            history.add_row(name, point["published"] or "", _escape(point["report_id"]), str(point["value"]),
                            point["qualifier"] or "")
    out.print(history)
    merges = Table(title="reports and merge decisions")
    for column in ("report", "published", "decision"):
        merges.add_column(column)
    for reading in detail.readings:
        verdict = "joined" if reading.merge.get("same") else "started the incident"
        merges.add_row(_escape(reading.report_id), reading.published or "",
                       _escape(f"{verdict} (score {reading.merge.get('score')}): " + "; ".join(reading.merge.get("reasons", []))))
    out.print(merges)


@app.command()
def export(
    fmt: str = typer.Option(..., "--format", help="gtd-csv, acled-csv, geojson, parquet or corrections"),
    output: Path = typer.Option(..., "-o", "--output", help="The file to write"),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    since: Optional[str] = typer.Option(None, help="On or after YYYY-MM-DD"),
    until: Optional[str] = typer.Option(None, help="On or before YYYY-MM-DD"),
    country: Optional[str] = typer.Option(None),
    perpetrator: Optional[str] = typer.Option(None, help="Part of the group's name"),
    attack_type: Optional[str] = typer.Option(None, help="A GTD attack type"),
    min_killed: Optional[int] = typer.Option(None, help="At least this many victims killed"),
) -> None:
    """Write the (filtered) incidents as GTD CSV, ACLED CSV, GeoJSON or Parquet; or the analysts' corrections as
    labelled examples for `eval reports` (--format corrections)."""
    from .export import FORMATS, export_incidents
    from .store import IncidentFilters

    if fmt == "corrections":
        from .cli_review import export_corrections
        return export_corrections(db, output)
    if fmt not in FORMATS:
        fail(f"--format {fmt!r}: use one of {', '.join(FORMATS)}, corrections")
    store = _open_store(db)
    filters = IncidentFilters(since=since, until=until, country=country, perpetrator=perpetrator,
                              attack_type=attack_type, min_killed=min_killed)
    try:
        written = export_incidents(store, fmt, output, filters)
    except OSError as error:
        fail(f"{output}: cannot write ({error.strerror or error})")
    finally:
        store.close()
    print(f"{written} incidents written to {output}")


@app.command()
def serve(
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", help="Bind address (loopback unless you mean otherwise)"),
    port: int = typer.Option(8000),
    max_body_bytes: int = typer.Option(2 * 1024 * 1024, min=1, help="Larger request bodies get 413"),
    writes_per_minute: float = typer.Option(60.0, min=0, help="Writes per client IP per minute; 0: no limit"),
    write_burst: int = typer.Option(10, min=1, help="Writes a client may make at once before the rate applies"),
) -> None:
    """The web dashboard and the JSON API. Writes need Authorization: Bearer $INCIDENTWIRE_TOKEN."""
    import os

    from .web.ratelimit import RateLimit
    from .web.server import exposure_warning
    from .web.server import serve as run_server

    token = os.environ.get("INCIDENTWIRE_TOKEN") or None
    limit = RateLimit(writes_per_minute, write_burst) if writes_per_minute > 0 else None
    store = _open_store(db)
    if (exposure := exposure_warning(host, token)) is not None:
        warn(exposure)
    print(f"incidentwire: dashboard at http://{host}:{port}/  (API: /api/incidents, /openapi.json)", flush=True)
    try:
        run_server(store, host=host, port=port, token=token, max_body_bytes=max_body_bytes, write_limit=limit)
    finally:
        store.close()


watch_app = typer.Typer(no_args_is_help=True, help="Watch areas: be alerted of incidents near what you protect.")
app.add_typer(watch_app, name="watch")


@watch_app.command("add")
def watch_add(
    name: str = typer.Argument(..., help="A name for the area, e.g. 'Karachi hotels'"),
    point: Optional[str] = typer.Option(None, help="LAT,LON of the centre"),
    radius_km: Optional[float] = typer.Option(None, "--radius-km", help="Radius around --point"),
    polygon: Optional[str] = typer.Option(None, help="A GeoJSON-order [[lon, lat], ...] ring, or a file holding it"),
    min_killed: Optional[int] = typer.Option(None, help="Only incidents with at least this many killed"),
    group: list[str] = typer.Option([], help="Only these perpetrators (part of the name; repeatable)"),
    attack_type: list[str] = typer.Option([], help="Only these GTD attack types (repeatable)"),
    target_type: list[str] = typer.Option([], help="Only these GTD target types (repeatable)"),
    webhook: Optional[str] = typer.Option(None, help="POST each alert to this URL"),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Add a watch area (a point and radius, or a polygon) and check the stored incidents against it."""
    from pydantic import ValidationError

    from .alerts import WatchArea, add_watch_area, check_alerts

    fields: dict = {"name": name, "min_killed": min_killed, "groups": group, "attack_types": attack_type,
                    "target_types": target_type, "webhook": webhook}
    try:
        if point:
            lat, lon = (float(x) for x in point.split(","))
            fields.update(point={"lat": lat, "lon": lon}, radius_km=radius_km)
        if polygon:
            source = Path(polygon)
            fields["polygon"] = json.loads(source.read_text(encoding="utf-8") if source.exists() else polygon)
        area = WatchArea.model_validate(fields)
    except (ValueError, ValidationError) as error:
        fail(f"watch area {name!r}: {' '.join(str(error).split())[:300]}")
    store = _open_store(db)
    area_id = add_watch_area(store, area)
    alerts = check_alerts(store)
    store.close()
    print(f"watch area {area_id} added; {len(alerts)} stored incident(s) inside it")


@watch_app.command("list")
def watch_list(db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
               as_json: bool = typer.Option(False, "--json")) -> None:
    """The watch areas."""
    from .alerts import list_watch_areas

    store = _open_store(db)
    areas = list_watch_areas(store)
    store.close()
    if as_json:
        print(json.dumps([a.model_dump(mode="json") for a in areas], indent=1))
        return
    table = Table(title=f"{len(areas)} watch areas")
    for column in ("id", "name", "shape", "filters"):
        table.add_column(column)
    for a in areas:
        shape = (f"{a.radius_km} km around {a.point.lat},{a.point.lon}" if a.point
                 else f"polygon of {len(a.polygon or [])} points")
        filters = ", ".join(f"{k}={v}" for k, v in (("min killed", a.min_killed), ("groups", a.groups),
                                                   ("attack", a.attack_types), ("target", a.target_types)) if v)
        table.add_row(str(a.id), _escape(a.name), shape, _escape(filters))
    out.print(table)


@watch_app.command("remove")
def watch_remove(area_id: int = typer.Argument(...), db: Optional[str] = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Remove a watch area and its alerts."""
    from .alerts import remove_watch_area

    store = _open_store(db)
    removed = remove_watch_area(store, area_id)
    store.close()
    if not removed:
        fail(f"watch area {area_id}: no such watch area")
    print(f"watch area {area_id} removed")


@app.command()
def alerts(
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    since: Optional[str] = typer.Option(None, help="Only alerts raised after this ISO time"),
    limit: int = typer.Option(100),
    deliver: bool = typer.Option(False, "--deliver", help="Send pending webhooks first"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Alerts raised by incidents inside watch areas, newest first."""
    from .alerts import deliver_webhooks, list_alerts

    store = _open_store(db)
    if deliver:
        deliver_webhooks(store)
    found = list_alerts(store, since=since, limit=limit)
    store.close()
    if as_json:
        print(json.dumps([a.model_dump(mode="json") for a in found], indent=1))
        return
    table = Table(title=f"{len(found)} alerts")
    for column in ("raised", "watch area", "incident", "why", "delivered"):
        table.add_column(column)
    for a in found:
        table.add_row(str(a.created_at)[:19], _escape(a.watch_area), a.incident_id, _escape(a.reason),
                      str(a.delivered_at or "")[:19])
    out.print(table)


def print_record(record: Record) -> None:
    title = record.report.title or record.report.id
    if not record.incidents:
        why = f" ({_escape(record.relevance.reason)})" if record.relevance else ""
        out.print(f"[bold]{_escape(title)}[/]: no attack described{why}")
        return
    for incident in record.incidents:
        out.print(incident_table(incident, title))


def incident_table(incident: Incident, title: str) -> Table:
    table = Table(title=_escape(title), show_header=False, title_justify="left")
    table.add_column("field", style="bold cyan")
    table.add_column("value")
    table.add_column("evidence", style="dim")
    place = ", ".join(p for p in (incident.site, incident.city, incident.admin1, incident.country) if p)
    rows = [
        ("date", f"{incident.date} ({incident.date_precision})", "date"),
        ("where", place, "city"),
        ("perpetrators", "; ".join(f"{p.name}{' (claimed)' if p.claimed else ''}" for p in incident.perpetrators), "perpetrators"),
        ("attack", ", ".join(incident.attack_types) + (" (suicide)" if incident.suicide else ""), "attack_types"),
        ("targets", ", ".join(incident.target_types), "target_types"),
        ("weapons", ", ".join(incident.weapon_types), "weapon_types"),
        ("killed", _count(incident.killed), "killed"),
        ("attackers killed", _count(incident.killed_perpetrators), "killed_perpetrators"),
        ("wounded", _count(incident.wounded), "wounded"),
        ("hostages", _count(incident.hostages), "hostages"),
        ("attackers", str(incident.perpetrator_count or ""), "perpetrator_count"),
        ("duration (h)", str(incident.duration_hours or ""), "duration_hours"),
        ("responders", ", ".join(incident.responders), "responders"),
    ]
    for label, value, field in rows:
        quotes = " | ".join(e.text for e in incident.evidence.get(field, [])[:3])
        table.add_row(label, _escape(value), _escape(quotes))
    for conflict in incident.conflicts:
        table.add_row("conflict", _escape(f"{conflict.field}: {conflict.values}"), _escape(conflict.note))
    return table


def _count(count) -> str:
    if count.best is None:
        return ""
    if count.low == count.high:
        return str(count.best)
    return f"{count.best} ({count.low}-{count.high})"


def _escape(text: str) -> str:
    from rich.markup import escape
    return escape(text or "")


@eval_app.command("gtd")
def eval_gtd(
    file: Path = typer.Argument(..., help="GTD CSV with summary and coded columns"),
    limit: Optional[int] = typer.Option(None, help="Only the first N rows"),
    errors_out: Optional[Path] = typer.Option(None, "--errors-out", help="Write mismatches here (TSV)"),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON"),
) -> None:
    """Per-field accuracy against GTD's codes, reading each row's summary as the report."""
    from .eval.gtd import FIELDS, evaluate_gtd, iter_mismatch_lines, read_gtd_rows

    try:
        rows = read_gtd_rows(file, limit)
    except (OSError, UnicodeDecodeError, KeyError) as error:
        fail(f"{file}: cannot read GTD CSV ({error})")
    with _progress() as progress:
        task = progress.add_task("extracting GTD summaries", total=len(rows))
        evaluation = evaluate_gtd(rows, progress=lambda n: progress.update(task, completed=n))
    if errors_out:
        errors_out.write_text("\n".join(iter_mismatch_lines(evaluation)) + "\n", encoding="utf-8")
    scores = {name: (evaluation.scores[name].correct, evaluation.scores[name].total)
              for name in FIELDS if name in evaluation.scores}
    _print_scores(f"GTD per-field accuracy ({evaluation.rows} rows of {file.name})", scores, as_json)


@eval_app.command("muc4")
def eval_muc4(
    split: str = typer.Option("dev", help="dev or test"),
    predictions_out: Optional[Path] = typer.Option(None, "--predictions-out", help="Write predictions (GRIT format)"),
    shared: Path = typer.Option(Path("../shared"), help="The shared folder holding data/muc4"),
    keys: bool = typer.Option(False, "--keys", help="Also score incident type, date and place against the original keys"),
) -> None:
    """CEAF-REE P/R/F1 per role and micro on MUC-4, with the published systems' predictions scored beside."""
    from .eval.muc4 import evaluate_muc4, result_table

    if split not in ("dev", "test"):
        fail(f"--split {split!r}: must be dev or test")
    if not (shared / "data" / "muc4" / f"{split}.json").exists():
        fail(f"{shared / 'data' / 'muc4' / (split + '.json')}: MUC-4 data not found (use --shared)")
    out.print(result_table(evaluate_muc4(split, shared, predictions_out)))
    if keys:
        from .eval.muc4_keys import evaluate_keys, keys_table

        with out.status(f"extracting incidents from the original MUC-4 {split} texts"):
            result = evaluate_keys(split, shared)
        out.print(keys_table(result))


@eval_app.command("relevance")
def eval_relevance(
    shared: Path = typer.Option(Path("../shared"), help="The shared folder holding data/ (or $INCIDENTWIRE_SHARED)",
                                envvar="INCIDENTWIRE_SHARED"),
    source: Optional[list[str]] = typer.Option(None, "--source", help="Only these sources (repeatable)"),
    min_relevance: Optional[float] = typer.Option(None, "--min-relevance", min=0.0, max=1.0,
                                                  help="Threshold to measure at; default: the tuned one"),
    errors_out: Optional[Path] = typer.Option(None, "--errors-out", help="Write each miss and false incident here"),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON"),
) -> None:
    """Precision, recall and false incidents per source, on the evaluation splits only."""
    from .eval.relevance import count_texts, evaluate_relevance
    from .eval.relevance_data import SOURCES, missing_sources

    chosen = tuple(source or SOURCES)
    unknown = [s for s in chosen if s not in SOURCES]
    if unknown:
        fail(f"--source {unknown[0]!r}: must be one of {', '.join(SOURCES)}")
    for name, path in missing_sources(shared).items():
        if name in chosen:
            warn(f"skipping {name}: not found at {path}")
    with _progress() as progress:
        task = progress.add_task("deciding relevance", total=count_texts(shared, chosen))
        result = evaluate_relevance(shared, chosen, min_relevance, progress=lambda n: progress.update(task, completed=n))
    if errors_out:
        errors_out.write_text("\n".join(result.errors) + "\n", encoding="utf-8")
    _print_relevance(result, as_json)


def _print_relevance(result, as_json: bool) -> None:
    rows = {name: {"attacks": c.attacks, "attacks_kept": c.attacks_kept, "recall": c.recall,
                   "others": c.others, "false_incidents": c.others_kept, "false_positive_rate": c.false_positive_rate,
                   "precision": c.precision} for name, c in result.by_source.items()}
    if as_json:
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return
    table = Table(title="Relevance on the evaluation splits (kept = at least one incident)")
    for column in ("source", "attacks", "recall", "others", "false incidents", "false-positive rate", "precision"):
        table.add_column(column, justify="left" if column == "source" else "right")

    def pct(value):
        return "" if value is None else f"{100 * value:.1f} %"

    for name, row in rows.items():
        table.add_row(name, f"{row['attacks_kept']}/{row['attacks']}", pct(row["recall"]), str(row["others"]),
                      str(row["false_incidents"]), pct(row["false_positive_rate"]), pct(row["precision"]))
    out.print(table)


@eval_app.command("reports")
def eval_reports(
    paths: list[Path] = typer.Argument(..., help="Clusters JSON files or folders, or JSONL reports with `expected`"),
    errors_out: Optional[Path] = typer.Option(None, "--errors-out", help="Write mismatches here (TSV)"),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON"),
) -> None:
    """Per-field accuracy of single-report extraction against per-report `expected` records."""
    from .eval.reports import FIELDS, evaluate_reports, iter_mismatches, load_labelled

    items = []
    for path in paths:
        try:
            items += load_labelled(path)
        except (OSError, ValueError, KeyError) as error:
            fail(f"{path}: cannot read labelled reports ({error})")
    with _progress() as progress:
        task = progress.add_task("extracting labelled reports", total=len(items))
        evaluation = evaluate_reports(items, progress=lambda n: progress.update(task, completed=n))
    if errors_out:
        errors_out.write_text("\n".join(iter_mismatches(evaluation)) + "\n", encoding="utf-8")
    scores = {name: (evaluation.scores[name].correct, evaluation.scores[name].total)
              for name in FIELDS if evaluation.scores[name].total}
    _print_scores(f"Per-report accuracy ({evaluation.reports} labelled reports)", scores, as_json)


@eval_app.command("clusters")
def eval_clusters(
    paths: list[Path] = typer.Argument(..., help="JSONL reports with a `cluster` field, or clusters JSON files/folders"),
    gold: Optional[Path] = typer.Option(None, help="JSONL of settled facts per cluster ({\"cluster\", ...})"),
    seed: Optional[int] = typer.Option(None, help="Shuffle the reports with this seed before ingesting"),
    orders: int = typer.Option(0, min=0, help="Also merge in N more shuffled orders (seeds seed+1..seed+N) "
                               "and print B-cubed for each, the worst and the mean"),
    errors_out: Optional[Path] = typer.Option(None, "--errors-out", help="Write field mismatches here (TSV)"),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON"),
) -> None:
    """B-cubed precision/recall/F1 of merging, and per-field accuracy of the merged incidents against gold."""
    from .eval.clusters import evaluate_clusters, evaluate_orders, load_cluster_set

    try:
        cluster_set = load_cluster_set(paths, gold)
    except (OSError, ValueError, KeyError) as error:
        fail(f"{paths[0]}: cannot read labelled clusters ({error})")
    with _progress() as progress:
        task = progress.add_task("ingesting labelled reports", total=len(cluster_set.reports))
        result = evaluate_clusters(cluster_set, seed, progress=lambda n: progress.update(task, completed=n))
        seeds = [(seed or 0) + n for n in range(1, orders + 1)]
        others = []
        if seeds:
            more = progress.add_task("merging in other orders", total=len(seeds))
            others = evaluate_orders(cluster_set, seeds, progress=lambda n: progress.update(more, completed=n))
    if errors_out:
        errors_out.write_text("\n".join(result.mismatches) + "\n", encoding="utf-8")
    if as_json:
        print(json.dumps({"bcubed": _bcubed_dict(result), "events": result.events, "incidents": result.incidents,
                          "wrongly_merged": result.wrongly_merged, "fields": _score_dict(result.scores),
                          "orders": [{"seed": s, **_bcubed_dict(r)} for s, r in zip(seeds, others)]}, indent=2))
        return
    out.print(f"B-cubed precision {result.precision:.3f}  recall {result.recall:.3f}  F1 {result.f1:.3f}  "
              f"({len(cluster_set.reports)} reports, {result.events} events, {result.incidents} incidents, "
              f"{len(result.wrongly_merged)} incidents mixing events)")
    if others:
        _print_orders(seeds, [result, *others], seed)
    _print_scores("merged incidents against gold", result.scores, False)


def _bcubed_dict(result) -> dict:
    return {"precision": round(result.precision, 4), "recall": round(result.recall, 4), "f1": round(result.f1, 4)}


def _print_orders(seeds: list[int], results: list, seed: Optional[int]) -> None:
    """B-cubed of each arrival order, and the worst and mean: merging should not depend on the order."""
    for label, result in zip([f"seed {seed}" if seed is not None else "given order", *map("seed {}".format, seeds)],
                             results):
        out.print(f"  {label:<12} precision {result.precision:.3f}  recall {result.recall:.3f}  F1 {result.f1:.3f}"
                  f"  ({result.incidents} incidents)")
    worst = min(results, key=lambda r: r.f1)
    mean = sum(r.f1 for r in results) / len(results)
    out.print(f"over {len(results)} orders: worst F1 {worst.f1:.3f} (precision {worst.precision:.3f}, recall "
              f"{worst.recall:.3f}), mean F1 {mean:.3f}")


def _score_dict(scores: dict[str, tuple[int, int]]) -> dict:
    return {name: {"accuracy": round(c / t, 4), "correct": c, "total": t} for name, (c, t) in scores.items()}


def _print_scores(title: str, scores: dict[str, tuple[int, int]], as_json: bool) -> None:
    """Per-field accuracy, as JSON or as a table."""
    if as_json:
        print(json.dumps(_score_dict(scores), indent=2))
        return
    table = Table(title=title)
    for column in ("field", "accuracy", "correct", "compared"):
        table.add_column(column, justify="left" if column == "field" else "right")
    for name, (c, t) in scores.items():
        table.add_row(name, f"{100 * c / t:.1f} %", str(c), str(t))
    out.print(table)


spark_app = typer.Typer(no_args_is_help=True, help="Extraction at scale on Apache Spark (PySpark).")
app.add_typer(spark_app, name="spark")


@spark_app.command("extract")
def spark_extract(
    inputs: list[Path] = typer.Argument(..., help=".jsonl report batches, .warc/.warc.gz files, or folders of them"),
    output: Path = typer.Option(..., "--output", "-o", help="The Parquet directory to write (one row per report)"),
    master: str = typer.Option("local[2]", help="Spark master URL"),
    partitions: Optional[int] = typer.Option(None, min=1, help="Splits per .jsonl batch (default: Spark's parallelism)"),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace --output if it exists"),
) -> None:
    """Extract every report on Spark into Parquet records; `incidentwire ingest DIR` then stores and merges them."""
    from .spark import SparkSettings, extract_to_parquet, input_files

    settings = SparkSettings(master=master, partitions=partitions, overwrite=overwrite)
    try:
        files = input_files(inputs)
        err.print(f"spark: extracting {len(files)} input file(s) on {master} -> {output}", highlight=False,
                  soft_wrap=True)
        summary = extract_to_parquet(files, output, settings)
    except IncidentwireError as error:
        fail(str(error))
    for example in summary.skipped_examples:
        warn(f"skipped: {example}")
    err.print(f"spark: {summary.line()}", highlight=False, soft_wrap=True)
    print(f"{summary.reports} reports written to {output}")


def _progress() -> Progress:
    """A progress bar on a terminal; nothing when stderr is a file or a pipe."""
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err, transient=True, disable=not err.is_terminal)


from .cli_review import register as _register_review  # noqa: E402 - the analyst's commands (cli_review.py)

_register_review(app, incidents_app)


def main() -> None:
    """The console script: an unexpected error is one line and exit status 1 (INCIDENTWIRE_DEBUG=1 shows it all)."""
    import os

    try:
        app()
    except Exception as error:  # noqa: BLE001 - the last line of defence before a user's terminal
        if os.environ.get("INCIDENTWIRE_DEBUG"):
            raise
        warn(f"internal error ({type(error).__name__}: {error}); set INCIDENTWIRE_DEBUG=1 for details")
        sys.exit(1)
