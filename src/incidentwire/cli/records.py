"""How a record and an incident look on a terminal: one table per incident, with the evidence beside."""

from __future__ import annotations

from rich.table import Table

from ..model import Incident, Record
from .common import count_text, escape, out


def print_record(record: Record) -> None:
    title = record.report.title or record.report.id
    if not record.incidents:
        why = f" ({escape(record.relevance.reason)})" if record.relevance else ""
        out.print(f"[bold]{escape(title)}[/]: no attack described{why}")
        return
    for incident in record.incidents:
        out.print(incident_table(incident, title))


def incident_table(incident: Incident, title: str) -> Table:
    table = Table(title=escape(title), show_header=False, title_justify="left")
    table.add_column("field", style="bold cyan")
    table.add_column("value")
    table.add_column("evidence", style="dim")
    place = ", ".join(p for p in (incident.site, incident.city, incident.admin1, incident.country) if p)
    rows = [
        ("date", f"{incident.date} ({incident.date_precision})", "date"),
        ("where", place, "city"),
        (
            "perpetrators",
            "; ".join(f"{p.name}{' (claimed)' if p.claimed else ''}" for p in incident.perpetrators),
            "perpetrators",
        ),
        ("attack", ", ".join(incident.attack_types) + (" (suicide)" if incident.suicide else ""), "attack_types"),
        ("targets", ", ".join(incident.target_types), "target_types"),
        ("weapons", ", ".join(incident.weapon_types), "weapon_types"),
        ("killed", count_text(incident.killed), "killed"),
        ("attackers killed", count_text(incident.killed_perpetrators), "killed_perpetrators"),
        ("wounded", count_text(incident.wounded), "wounded"),
        ("hostages", count_text(incident.hostages), "hostages"),
        ("attackers", str(incident.perpetrator_count or ""), "perpetrator_count"),
        ("duration (h)", str(incident.duration_hours or ""), "duration_hours"),
        ("responders", ", ".join(incident.responders), "responders"),
    ]
    for label, value, field in rows:
        quotes = " | ".join(e.text for e in incident.evidence.get(field, [])[:3])
        table.add_row(label, escape(value), escape(quotes))
    for conflict in incident.conflicts:
        table.add_row("conflict", escape(f"{conflict.field}: {conflict.values}"), escape(conflict.note))
    return table
