"""The command line: parses options, calls the package's API, prints. Nothing else lives here."""
from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .errors import IncidentwireError
from .model import Incident, Record

app = typer.Typer(add_completion=False, no_args_is_help=True, help="News reports of attacks -> incident records.")
eval_app = typer.Typer(no_args_is_help=True, help="Measure extraction accuracy against labelled data.")
app.add_typer(eval_app, name="eval")

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
        for record in extract_records(reports()):
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


def print_record(record: Record) -> None:
    title = record.report.title or record.report.id
    if not record.incidents:
        out.print(f"[bold]{_escape(title)}[/]: no attack described")
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
    if as_json:
        print(json.dumps({name: {"accuracy": round(s.accuracy, 4), "correct": s.correct, "total": s.total}
                          for name, s in evaluation.scores.items()}, indent=2))
        return
    table = Table(title=f"GTD per-field accuracy ({evaluation.rows} rows of {file.name})")
    for column in ("field", "accuracy", "correct", "compared"):
        table.add_column(column, justify="left" if column == "field" else "right")
    for name in FIELDS:
        score = evaluation.scores.get(name)
        if score:
            table.add_row(name, f"{100 * score.accuracy:.1f} %", str(score.correct), str(score.total))
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
    scores = {name: tally for name, tally in evaluation.scores.items() if tally.total}
    if as_json:
        print(json.dumps({name: {"accuracy": round(t.accuracy, 4), "correct": t.correct, "total": t.total}
                          for name, t in scores.items()}, indent=2))
        return
    table = Table(title=f"Per-report accuracy ({evaluation.reports} labelled reports)")
    for column in ("field", "accuracy", "correct", "compared"):
        table.add_column(column, justify="left" if column == "field" else "right")
    for name in FIELDS:
        if name in scores:
            t = scores[name]
            table.add_row(name, f"{100 * t.accuracy:.1f} %", str(t.correct), str(t.total))
    out.print(table)


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err, transient=True)


def main() -> None:  # pragma: no cover - console entry point
    app()
