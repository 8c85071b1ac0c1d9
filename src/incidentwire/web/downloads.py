"""The dashboard's quick CSV: one flat row of the main fields per incident, for a spreadsheet.

GeoJSON and the full GTD/ACLED/Parquet exports come from `incidentwire.export`. Every text cell goes through the
exports' formula-injection guard (`export.cells.guard_cell`): report text is untrusted, and a site such as
`=HYPERLINK(...)` would run as a formula in the analyst's spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from ..export.cells import guard_cell
from ..model import Incident

CSV_COLUMNS = (
    "id",
    "date",
    "date_precision",
    "country",
    "admin1",
    "city",
    "latitude",
    "longitude",
    "geo_precision",
    "site",
    "perpetrators",
    "claimed",
    "attack_types",
    "suicide",
    "target_types",
    "weapon_types",
    "killed",
    "killed_low",
    "killed_high",
    "wounded",
    "hostages",
    "reports",
)


def incident_row(incident: Incident) -> dict:
    """One incident as flat, spreadsheet-friendly values (lists joined with '; '), text not yet guarded."""
    return {
        "id": incident.id,
        "date": incident.date,
        "date_precision": incident.date_precision,
        "country": incident.country,
        "admin1": incident.admin1,
        "city": incident.city,
        "latitude": incident.latitude,
        "longitude": incident.longitude,
        "geo_precision": incident.geo_precision,
        "site": incident.site,
        "perpetrators": "; ".join(p.name for p in incident.perpetrators),
        "claimed": any(p.claimed for p in incident.perpetrators),
        "attack_types": "; ".join(incident.attack_types),
        "suicide": incident.suicide,
        "target_types": "; ".join(incident.target_types),
        "weapon_types": "; ".join(incident.weapon_types),
        "killed": incident.killed.best,
        "killed_low": incident.killed.low,
        "killed_high": incident.killed.high,
        "wounded": incident.wounded.best,
        "hostages": incident.hostages.best,
        "reports": "; ".join(incident.reports),
    }


def _cell(value: object) -> object:
    """A CSV cell: text guarded, None empty, numbers and booleans as they are."""
    if value is None:
        return ""
    return guard_cell(value) if isinstance(value, str) else value


def incidents_csv(incidents: Iterable[Incident]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for incident in incidents:
        writer.writerow({k: _cell(v) for k, v in incident_row(incident).items()})
    return buffer.getvalue()
