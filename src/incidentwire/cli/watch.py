"""Watch areas and their alerts: `watch add|list|remove` and `alerts`."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from .common import DB_HELP, escape, fail, open_db, out

watch_app = typer.Typer(no_args_is_help=True, help="Watch areas: be alerted of incidents near what you protect.")


@watch_app.command("add")
def watch_add(
    name: str = typer.Argument(..., help="A name for the area, e.g. 'Karachi hotels'"),
    point: str | None = typer.Option(None, help="LAT,LON of the centre"),
    radius_km: float | None = typer.Option(None, "--radius-km", help="Radius around --point"),
    polygon: str | None = typer.Option(None, help="A GeoJSON-order [[lon, lat], ...] ring, or a file holding it"),
    min_killed: int | None = typer.Option(None, help="Only incidents with at least this many killed"),
    group: list[str] = typer.Option([], help="Only these perpetrators (part of the name; repeatable)"),
    attack_type: list[str] = typer.Option([], help="Only these GTD attack types (repeatable)"),
    target_type: list[str] = typer.Option([], help="Only these GTD target types (repeatable)"),
    webhook: str | None = typer.Option(None, help="POST each alert to this URL"),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Add a watch area (a point and radius, or a polygon) and check the stored incidents against it."""
    from pydantic import ValidationError

    from ..alerts import WatchArea, add_watch_area, check_alerts

    fields: dict = {
        "name": name,
        "min_killed": min_killed,
        "groups": group,
        "attack_types": attack_type,
        "target_types": target_type,
        "webhook": webhook,
    }
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
    store = open_db(db)
    area_id = add_watch_area(store, area)
    alerts = check_alerts(store)
    store.close()
    print(f"watch area {area_id} added; {len(alerts)} stored incident(s) inside it")


@watch_app.command("list")
def watch_list(
    db: str | None = typer.Option(None, "--db", help=DB_HELP), as_json: bool = typer.Option(False, "--json")
) -> None:
    """The watch areas."""
    from ..alerts import list_watch_areas

    store = open_db(db)
    areas = list_watch_areas(store)
    store.close()
    if as_json:
        print(json.dumps([a.model_dump(mode="json") for a in areas], indent=1))
        return
    table = Table(title=f"{len(areas)} watch areas")
    for column in ("id", "name", "shape", "filters"):
        table.add_column(column)
    for a in areas:
        shape = (
            f"{a.radius_km} km around {a.point.lat},{a.point.lon}"
            if a.point
            else f"polygon of {len(a.polygon or [])} points"
        )
        filters = ", ".join(
            f"{k}={v}"
            for k, v in (
                ("min killed", a.min_killed),
                ("groups", a.groups),
                ("attack", a.attack_types),
                ("target", a.target_types),
            )
            if v
        )
        table.add_row(str(a.id), escape(a.name), shape, escape(filters))
    out.print(table)


@watch_app.command("remove")
def watch_remove(area_id: int = typer.Argument(...), db: str | None = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Remove a watch area and its alerts."""
    from ..alerts import remove_watch_area

    store = open_db(db)
    removed = remove_watch_area(store, area_id)
    store.close()
    if not removed:
        fail(f"watch area {area_id}: no such watch area")
    print(f"watch area {area_id} removed")


def alerts(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    since: str | None = typer.Option(None, help="Only alerts raised after this ISO time"),
    limit: int = typer.Option(100),
    deliver: bool = typer.Option(False, "--deliver", help="Send pending webhooks first"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Alerts raised by incidents inside watch areas, newest first."""
    from ..alerts import deliver_webhooks, list_alerts

    store = open_db(db)
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
        table.add_row(
            str(a.created_at)[:19],
            escape(a.watch_area),
            a.incident_id,
            escape(a.reason),
            str(a.delivered_at or "")[:19],
        )
    out.print(table)
