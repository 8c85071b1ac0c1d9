"""The store read back: `incidents`, `incidents show`, `export` and `serve`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import cast

import typer
from rich.table import Table

from .common import DB_HELP, count_text, escape, fail, open_db, out, warn
from .records import incident_table

incidents_app = typer.Typer(help="The merged incidents in the store.")


@incidents_app.callback(invoke_without_command=True)
def incidents(
    ctx: typer.Context,
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    since: str | None = typer.Option(None, help="On or after YYYY-MM-DD"),
    until: str | None = typer.Option(None, help="On or before YYYY-MM-DD"),
    country: str | None = typer.Option(None),
    admin1: str | None = typer.Option(None),
    city: str | None = typer.Option(None),
    perpetrator: str | None = typer.Option(None, help="Part of the group's name"),
    attack_type: str | None = typer.Option(None, help="A GTD attack type"),
    target_type: str | None = typer.Option(None, help="A GTD target type"),
    weapon_type: str | None = typer.Option(None, help="A GTD weapon type"),
    min_killed: int | None = typer.Option(None, help="At least this many victims killed"),
    text: str | None = typer.Option(None, help="Free text in place, group or type names"),
    limit: int = typer.Option(100, help="At most this many"),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list of Incident objects"),
) -> None:
    """List the merged incidents, newest first."""
    if ctx.invoked_subcommand is not None:
        return
    from ..store import IncidentFilters

    store = open_db(db)
    filters = IncidentFilters(
        since=since,
        until=until,
        country=country,
        admin1=admin1,
        city=city,
        perpetrator=perpetrator,
        attack_type=attack_type,
        target_type=target_type,
        weapon_type=weapon_type,
        min_killed=min_killed,
        text=text,
    )
    page = store.list_incidents(filters, limit=limit)
    store.close()
    if as_json:
        print(json.dumps([i.model_dump(mode="json") for i in page.items], indent=1))
        return
    table = Table(title=f"{page.total} incidents" + (f" (first {len(page.items)})" if page.next else ""))
    for column in ("id", "date", "place", "perpetrator", "attack", "killed", "wounded", "reports"):
        table.add_column(column)
    for i in page.items:
        table.add_row(
            i.id,
            i.date or "",
            escape(", ".join(p for p in (i.city, i.country) if p)),
            escape(i.perpetrators[0].name if i.perpetrators else ""),
            escape(", ".join(i.attack_types)),
            count_text(i.killed),
            count_text(i.wounded),
            str(len(i.reports)),
        )
    out.print(table)


@incidents_app.command("show")
def incidents_show(
    incident_id: str = typer.Argument(..., help="An incident id from `incidentwire incidents`"),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the record, reports, toll history and merges"),
) -> None:
    """One incident: its record, its reports, its toll history and why each report was merged into it."""
    store = open_db(db)
    detail = store.incident_detail(incident_id)
    store.close()
    if detail is None:
        fail(f"incident {incident_id}: not in the store")
    if as_json:
        print(
            json.dumps(
                {
                    "incident": detail.incident.model_dump(mode="json"),
                    "reports": [r.model_dump(mode="json", exclude={"text"}) for r in detail.reports],
                    "toll_history": detail.toll_history,
                    "merges": [{"report_id": r.report_id, **r.merge} for r in detail.readings],
                },
                indent=1,
            )
        )
        return
    out.print(incident_table(detail.incident, f"incident {detail.incident.id}"))
    history = Table(title="toll history")
    for column in ("field", "published", "report", "value", "qualifier"):
        history.add_column(column)
    for name, points in detail.toll_history.items():
        for point in points:
            history.add_row(
                name,
                point["published"] or "",
                escape(point["report_id"]),
                str(point["value"]),
                point["qualifier"] or "",
            )
    out.print(history)
    merges = Table(title="reports and merge decisions")
    for column in ("report", "published", "decision"):
        merges.add_column(column)
    for reading in detail.readings:
        verdict = "joined" if reading.merge.get("same") else "started the incident"
        reasons = "; ".join(reading.merge.get("reasons", []))
        merges.add_row(
            escape(reading.report_id),
            reading.published or "",
            escape(f"{verdict} (score {reading.merge.get('score')}): " + reasons),
        )
    out.print(merges)


def export(
    fmt: str = typer.Option(..., "--format", help="gtd-csv, acled-csv, geojson, parquet or corrections"),
    output: Path = typer.Option(..., "-o", "--output", help="The file to write"),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    since: str | None = typer.Option(None, help="On or after YYYY-MM-DD"),
    until: str | None = typer.Option(None, help="On or before YYYY-MM-DD"),
    country: str | None = typer.Option(None),
    perpetrator: str | None = typer.Option(None, help="Part of the group's name"),
    attack_type: str | None = typer.Option(None, help="A GTD attack type"),
    min_killed: int | None = typer.Option(None, help="At least this many victims killed"),
) -> None:
    """Write the (filtered) incidents as GTD CSV, ACLED CSV, GeoJSON or Parquet; or the analysts' corrections as
    labelled examples for `eval reports` (--format corrections)."""
    from ..export import FORMATS, ExportFormat, export_incidents
    from ..store import IncidentFilters

    if fmt == "corrections":
        from .review import export_corrections

        return export_corrections(db, output)
    if fmt not in FORMATS:
        fail(f"--format {fmt!r}: use one of {', '.join(FORMATS)}, corrections")
    store = open_db(db)
    filters = IncidentFilters(
        since=since,
        until=until,
        country=country,
        perpetrator=perpetrator,
        attack_type=attack_type,
        min_killed=min_killed,
    )
    try:
        written = export_incidents(store, cast(ExportFormat, fmt), output, filters)  # one of FORMATS, checked above
    except OSError as error:
        fail(f"{output}: cannot write ({error.strerror or error})")
    finally:
        store.close()
    print(f"{written} incidents written to {output}")


def serve(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", help="Bind address (loopback unless you mean otherwise)"),
    port: int = typer.Option(8000),
    max_body_bytes: int = typer.Option(2 * 1024 * 1024, min=1, help="Larger request bodies get 413"),
    writes_per_minute: float = typer.Option(60.0, min=0, help="Writes per client IP per minute; 0: no limit"),
    write_burst: int = typer.Option(10, min=1, help="Writes a client may make at once before the rate applies"),
) -> None:
    """The web dashboard and the JSON API. Writes need Authorization: Bearer $INCIDENTWIRE_TOKEN."""
    import os

    from ..web.ratelimit import RateLimit
    from ..web.server import exposure_warning
    from ..web.server import serve as run_server

    token = os.environ.get("INCIDENTWIRE_TOKEN") or None
    limit = RateLimit(writes_per_minute, write_burst) if writes_per_minute > 0 else None
    store = open_db(db)
    if (exposure := exposure_warning(host, token)) is not None:
        warn(exposure)
    print(f"incidentwire: dashboard at http://{host}:{port}/  (API: /api/incidents, /openapi.json)", flush=True)
    try:
        run_server(store, host=host, port=port, token=token, max_body_bytes=max_body_bytes, write_limit=limit)
    finally:
        store.close()
