"""The analyst's commands: `analysts add|list|revoke`, `incidents correct|status|reviewed|detach|merge|history`,
`audit`, `undo` and `review`. They act as the analyst whose token is in --token or
$INCIDENTWIRE_ANALYST_TOKEN ($INCIDENTWIRE_TOKEN, the admin token, works too)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Annotated

import typer
from rich.table import Table

from ..model import Incident, IncidentStatus
from .common import DB_HELP, fail, out
from .common import escape as _escape
from .common import open_db as _open_store

analysts_app = typer.Typer(no_args_is_help=True, help="Named analysts and their tokens.")
TOKEN_HELP = "The analyst's token (default: $INCIDENTWIRE_ANALYST_TOKEN, else $INCIDENTWIRE_TOKEN)"
VERSION_HELP = "The incident's version you read: refused if someone changed it since"

# The options every analyst write takes
Note = Annotated[str, typer.Option("--note", help="Why")]
Version = Annotated[int | None, typer.Option("--version", help=VERSION_HELP)]
Token = Annotated[str | None, typer.Option("--token", help=TOKEN_HELP)]
Db = Annotated[str | None, typer.Option("--db", help=DB_HELP)]
AsJson = Annotated[bool, typer.Option("--json", help="Print the Incident as it now stands")]


def register(app: typer.Typer, incidents_app: typer.Typer) -> None:
    """Adds the analyst's commands to the main app and to `incidents`."""
    app.add_typer(analysts_app, name="analysts")
    for name, command in (
        ("correct", incidents_correct),
        ("status", incidents_status),
        ("reviewed", incidents_reviewed),
        ("detach", incidents_detach),
        ("merge", incidents_merge),
        ("history", incidents_history),
    ):
        incidents_app.command(name)(command)
    app.command("audit")(audit)
    app.command("undo")(undo_entry)
    app.command("review")(review)


def _analyst(store, token: str | None) -> str:
    from ..analyst.auth import analyst_of_token
    from ..analyst.errors import NotAuthorised

    given = token or os.environ.get("INCIDENTWIRE_ANALYST_TOKEN") or os.environ.get("INCIDENTWIRE_TOKEN")
    try:
        return analyst_of_token(store, given, os.environ.get("INCIDENTWIRE_TOKEN") or None)
    except NotAuthorised as error:
        store.close()
        fail(str(error))


def _run(store, analyst: str, write: Callable[[], Incident], as_json: bool = False) -> Incident:
    """Runs an analyst write; its refusal is one line and exit status 2 (1 for a stale version: retry)."""
    from ..analyst.alerting import after_change
    from ..analyst.errors import NotFound, Refused, StaleVersion
    from ..analyst.fields import BadCorrection

    try:
        incident = write()
        after_change(store, incident.id, analyst)
    except StaleVersion as error:
        fail(str(error), code=1)
    except (NotFound, Refused, BadCorrection) as error:
        fail(str(error))
    finally:
        store.close()
    if as_json:
        print(incident.model_dump_json(indent=1))
    else:
        out.print(
            f"{incident.id}: version {incident.version}, status {incident.status}"
            + (f", reviewed by {_escape(incident.reviewed_by)}" if incident.reviewed_by else "")
        )
    return incident


# --- analysts ------------------------------------------------------------------------------------------


@analysts_app.command("add")
def analysts_add(name: str = typer.Argument(...), db: str | None = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Create a named analyst; its token is printed once, alone on the last line (only a hash is kept)."""
    from ..analyst.auth import add_analyst
    from ..analyst.errors import Refused

    store = _open_store(db)
    try:
        token = add_analyst(store, name)
    except Refused as error:
        fail(str(error))
    finally:
        store.close()
    print(f"analyst {name} created; keep this token, it is not shown again:")
    print(token)


@analysts_app.command("list")
def analysts_list(
    db: str | None = typer.Option(None, "--db", help=DB_HELP), as_json: bool = typer.Option(False, "--json")
) -> None:
    """The analysts, with when each was created and revoked."""
    from ..analyst.auth import list_analysts

    store = _open_store(db)
    found = list_analysts(store)
    store.close()
    if as_json:
        print(json.dumps([a.model_dump(mode="json") for a in found], indent=1))
        return
    table = Table(title=f"{len(found)} analysts")
    for column in ("name", "created", "revoked"):
        table.add_column(column)
    for a in found:
        table.add_row(
            _escape(a.name),
            a.created_at.isoformat(timespec="seconds"),
            a.revoked_at.isoformat(timespec="seconds") if a.revoked_at else "",
        )
    out.print(table)


@analysts_app.command("revoke")
def analysts_revoke(name: str = typer.Argument(...), db: str | None = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Revoke an analyst's token (the analyst's past work stays, attributed)."""
    from ..analyst.auth import revoke_analyst
    from ..analyst.errors import Refused

    store = _open_store(db)
    try:
        revoke_analyst(store, name)
    except Refused as error:
        fail(str(error))
    finally:
        store.close()
    print(f"analyst {name} revoked")


# --- corrections ------------------------------------------------------------------------------------


def correction_value(field: str, best, low, high, value: list[str], country, admin1, city, perpetrator: list[str]):
    """The correction's value from the options that fit its field."""
    from ..model import COUNT_FIELDS

    if field in COUNT_FIELDS:
        if best is None and not value:
            fail(f"--field {field}: give --best (and --low/--high), or --value null")
        return {"best": best, "low": low, "high": high} if best is not None else _json_or_text(value[0])
    if field == "place":
        return {"country": country, "admin1": admin1, "city": city}
    if field == "perpetrators":
        return [_perpetrator(p) for p in perpetrator] if perpetrator else _json_or_text(value[0]) if value else []
    if field in ("attack_types", "target_types", "weapon_types"):
        return _json_or_text(value[0]) if len(value) == 1 and value[0].startswith("[") else list(value)
    if not value:
        fail(f"--field {field}: give --value")
    return _json_or_text(value[0])


def _json_or_text(text: str):
    try:
        return json.loads(text)
    except ValueError:
        return text


def _perpetrator(text: str) -> dict:
    name, _, responsibility = text.partition("=")
    return {"name": name.strip(), "responsibility": responsibility.strip() or None}


def incidents_correct(
    incident_id: str = typer.Argument(...),
    field: str = typer.Option(
        ...,
        "--field",
        help="killed, wounded, hostages, killed_perpetrators, date, place, "
        "site, perpetrators, attack_types, target_types, weapon_types, suicide",
    ),
    best: int | None = typer.Option(None, help="A count's best figure"),
    low: int | None = typer.Option(None, help="A count's low figure (default: best)"),
    high: int | None = typer.Option(None, help="A count's high figure (default: best)"),
    value: list[str] = typer.Option([], "--value", help="The value (JSON or text); repeat for a list field"),
    country: str | None = typer.Option(None, help="place: the country"),
    admin1: str | None = typer.Option(None, help="place: the province"),
    city: str | None = typer.Option(None, help="place: the city"),
    perpetrator: list[str] = typer.Option(
        [], "--perpetrator", help="NAME[=claimed|blamed|suspected|denied], repeatable"
    ),
    revert: bool = typer.Option(False, "--revert", help="Give the field back to the machine's value"),
    note: Note = "",
    version: Version = None,
    token: Token = None,
    db: Db = None,
    as_json: AsJson = False,
) -> None:
    """Correct one field of an incident: the analyst's value outranks every report's, from now on."""
    if revert:
        _act_as_analyst(
            db,
            token,
            as_json,
            lambda actions, store, who: actions.revert(store, incident_id, who, field, note, version),
        )
        return
    given = correction_value(field, best, low, high, value, country, admin1, city, perpetrator)
    _act_as_analyst(
        db,
        token,
        as_json,
        lambda actions, store, who: actions.correct(store, incident_id, who, field, given, note, version),
    )


def incidents_status(
    incident_id: str = typer.Argument(...),
    status: str = typer.Argument(..., help="not_attack or active"),
    note: Note = "",
    version: Version = None,
    token: Token = None,
    db: Db = None,
    as_json: AsJson = False,
) -> None:
    """Mark an incident "not an attack" (hidden from listings, maps, exports and alerts) or active again."""
    if status not in ("active", "not_attack"):
        fail(f"status {status!r}: use not_attack or active")
    wanted: IncidentStatus = "not_attack" if status == "not_attack" else "active"
    _act_as_analyst(
        db,
        token,
        as_json,
        lambda actions, store, who: actions.set_status(store, incident_id, who, wanted, note, version),
    )


def _act_as_analyst(db: str | None, token: str | None, as_json: bool, act: Callable) -> None:
    """Runs one of the analyst's actions (`act(actions, store, analyst)`) as the analyst the token names."""
    from ..analyst import actions

    store = _open_store(db)
    who = _analyst(store, token)
    _run(store, who, lambda: act(actions, store, who), as_json)


def incidents_reviewed(
    incident_id: str = typer.Argument(...),
    note: Note = "",
    version: Version = None,
    token: Token = None,
    db: Db = None,
    as_json: AsJson = False,
) -> None:
    """Mark an incident reviewed by you: it leaves the review queue."""
    _act_as_analyst(
        db, token, as_json, lambda actions, store, who: actions.mark_reviewed(store, incident_id, who, note, version)
    )


def incidents_detach(
    incident_id: str = typer.Argument(...),
    report: str = typer.Option(..., "--report", help="The report to detach"),
    note: Note = "",
    version: Version = None,
    token: Token = None,
    db: Db = None,
    as_json: AsJson = False,
) -> None:
    """Detach a report into an incident of its own; no later report merges the two again."""
    _act_as_analyst(
        db, token, as_json, lambda actions, store, who: actions.detach(store, incident_id, report, who, note, version)
    )


def incidents_merge(
    incident_ids: list[str] = typer.Argument(..., help="Two or more incident ids; the first is kept"),
    note: Note = "",
    version: Version = None,
    token: Token = None,
    db: Db = None,
    as_json: AsJson = False,
) -> None:
    """Merge incidents into one (kept as later reports arrive)."""
    _act_as_analyst(
        db, token, as_json, lambda actions, store, who: actions.merge(store, incident_ids, who, note, version)
    )


# --- audit, undo, review --------------------------------------------------------------------------------


def _print_audit(entries, as_json: bool, title: str) -> None:
    if as_json:
        print(
            json.dumps(
                [
                    {
                        "id": e.id,
                        "at": e.at.isoformat(),
                        "analyst": e.analyst,
                        "incident": e.incident_id,
                        "action": e.action,
                        "field": e.field,
                        "before": e.before,
                        "after": e.after,
                        "note": e.note,
                        "undone_by": e.undone_by,
                    }
                    for e in entries
                ],
                indent=1,
            )
        )
        return
    table = Table(title=title)
    for column in ("entry", "at", "analyst", "incident", "action", "field", "before", "after", "note"):
        table.add_column(column)
    for e in entries:
        table.add_row(
            str(e.id) + (" (undone)" if e.undone_by else ""),
            e.at.isoformat(timespec="seconds"),
            _escape(e.analyst),
            _escape(e.incident_id or ""),
            e.action,
            e.field or "",
            _escape(json.dumps(e.before)),
            _escape(json.dumps(e.after)),
            _escape(e.note or ""),
        )
    out.print(table)


def audit(
    incident: str | None = typer.Option(None, "--incident"),
    analyst: str | None = typer.Option(None),
    limit: int = typer.Option(100),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """The audit log: every analyst's change, newest first."""
    from ..store import analysts as repo

    store = _open_store(db)
    entries = repo.audit_entries(store, incident_id=incident, analyst=analyst, limit=limit)
    store.close()
    _print_audit(entries, as_json, f"{len(entries)} audit entries")


def incidents_history(
    incident_id: str = typer.Argument(...),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """One incident's audit trail."""
    from ..store import analysts as repo

    store = _open_store(db)
    entries = repo.audit_entries(store, incident_id=incident_id, limit=1000)
    store.close()
    _print_audit(entries, as_json, f"history of {incident_id}")


def undo_entry(
    entry: int = typer.Argument(..., help="An audit entry id from `incidentwire audit`"),
    version: Version = None,
    token: Token = None,
    db: Db = None,
    as_json: AsJson = False,
) -> None:
    """Undo one audited change."""
    from ..analyst.undo import undo

    _act_as_analyst(db, token, as_json, lambda _actions, store, who: undo(store, entry, who, version))


def review(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    since: str | None = typer.Option(None, help="On or after YYYY-MM-DD"),
    until: str | None = typer.Option(None, help="On or before YYYY-MM-DD"),
    country: str | None = typer.Option(None),
    perpetrator: str | None = typer.Option(None),
    min_killed: int | None = typer.Option(None),
    limit: int = typer.Option(50),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """The review queue: incidents most in need of a person first (mark one done: `incidents reviewed ID`)."""
    from ..analyst.queue import review_queue
    from ..store import IncidentFilters

    store = _open_store(db)
    items = review_queue(
        store,
        IncidentFilters(since=since, until=until, country=country, perpetrator=perpetrator, min_killed=min_killed),
        limit=limit,
    )
    store.close()
    if as_json:
        print(json.dumps([i.model_dump(mode="json") for i in items], indent=1))
        return
    table = Table(title=f"review queue: {len(items)} incidents")
    for column in ("priority", "id", "date", "place", "killed", "reports", "why"):
        table.add_column(column)
    for i in items:
        killed = str(i.killed if i.killed is not None else "")
        table.add_row(
            str(i.priority), i.id, i.date or "", _escape(i.place), killed, str(i.reports), _escape("; ".join(i.reasons))
        )
    out.print(table)


def export_corrections(db: str | None, output) -> None:
    """`export --format corrections`: every correction as a labelled report for `eval reports`."""
    from ..export.atomic import replaced_atomically
    from ..export.corrections import write_corrections

    store = _open_store(db)
    try:
        with replaced_atomically(output) as stream:
            written = write_corrections(store, stream)
    except OSError as error:
        fail(f"{output}: cannot write ({error.strerror or error})")
    finally:
        store.close()
    print(f"{written} labelled reports written to {output}")
