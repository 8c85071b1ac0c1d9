"""ACLED CSV: one row per incident, the 31 columns of ACLED's 2023 codebook first, in its order, then
incidentwire's own columns (extras.py).

GTD types become ACLED event and sub-event types, actors and inter codes through vocab/acled_mapping.json
(acled_codes.py). `event_id_cnty` is ACLED's: the country's ISO alpha-3 code and a number counted over the
export. `fatalities` counts every death (victims and attackers), as ACLED does; `timestamp` is the day the
incident was first reported (unix time, UTC midnight), where ACLED's is its own upload time.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import TextIO

from ..model import Count, DatePrecision, Incident
from .acled_codes import (
    AcledEventType,
    acled_actor1,
    acled_actor2,
    acled_event_type,
    acled_fatalities,
    acled_inter1,
    acled_inter2,
    acled_interaction,
    acled_mapping,
    civilian_targeting,
)
from .cells import guard_cell, number_cell, unguard_cell, write_table
from .codebooks import acled_columns, acled_country_name, acled_region, iso_alpha3, iso_numeric
from .extras import EXTRA_COLUMNS, extra_cells

ACLED_COLUMNS = tuple(c.name for c in acled_columns())
COLUMNS = [*ACLED_COLUMNS, *EXTRA_COLUMNS]

__all__ = [
    "ACLED_COLUMNS",
    "COLUMNS",
    "AcledEventType",
    "acled_actor2",
    "acled_event_type",
    "acled_fatalities",
    "acled_mapping",
    "acled_row",
    "read_acled_csv",
    "write_acled_csv",
]


def write_acled_csv(incidents: Iterable[Incident], out: TextIO) -> int:
    """Writes the header and one row per incident; returns the number of rows."""
    return write_table(incidents, out, COLUMNS, AcledRows())


class AcledRows:
    """Builds rows in export order, numbering event_id_cnty within each country as ACLED does."""

    def __init__(self) -> None:
        self._per_country: Counter[str] = Counter()

    def __call__(self, incident: Incident) -> dict[str, str]:
        prefix = iso_alpha3(incident.country) or "XXX"
        self._per_country[prefix] += 1
        return {**acled_row(incident, f"{prefix}{self._per_country[prefix]}"), **extra_cells(incident)}


def acled_row(incident: Incident, event_id: str = "") -> dict[str, str]:
    """One incident as ACLED's 31 cells (text cells spreadsheet-guarded)."""
    mapping = acled_mapping()
    kind = acled_event_type(incident)
    groups = [p.name for p in incident.perpetrators]
    inter1, inter2 = acled_inter1(incident), acled_inter2(incident)
    actor2 = acled_actor2(incident)
    geo = mapping["geo_precision"].get(incident.geo_precision) if incident.geo_precision else None
    return {
        "event_id_cnty": guard_cell(event_id),
        "event_date": incident.date or "",
        "year": str(date.fromisoformat(incident.date).year) if incident.date else "",
        "time_precision": number_cell(
            mapping["time_precision"].get(incident.date_precision or "day") if incident.date else None
        ),
        "disorder_type": kind.disorder_type,
        "event_type": kind.event_type,
        "sub_event_type": kind.sub_event_type,
        "actor1": guard_cell(acled_actor1(incident)),
        "assoc_actor_1": guard_cell("; ".join(groups[1:])),
        "inter1": str(inter1),
        "actor2": guard_cell(actor2),
        "assoc_actor_2": guard_cell("; ".join(_target_side_associates(incident))),
        "inter2": str(inter2) if actor2 else "0",
        "interaction": str(acled_interaction(inter1, inter2 if actor2 else 0)),
        "civilian_targeting": civilian_targeting(kind, inter2),
        "iso": number_cell(iso_numeric(incident.country)),
        "region": acled_region(incident.country) or "",
        "country": guard_cell(acled_country_name(incident.country)),
        "admin1": guard_cell(incident.admin1),
        # our places stop at the district, which the extractor keeps as the incident's city
        "admin2": guard_cell(incident.city) if incident.geo_precision == "district" else "",
        "admin3": "",
        "location": guard_cell(incident.city or incident.site),
        "latitude": number_cell(incident.latitude),
        "longitude": number_cell(incident.longitude),
        "geo_precision": number_cell(geo),
        "source": guard_cell("; ".join(incident.reports)),
        "source_scale": mapping["source_scale"] if incident.reports else "",
        "notes": guard_cell(acled_notes(incident, kind, actor2)),
        "fatalities": str(acled_fatalities(incident)),
        "tags": "",
        "timestamp": number_cell(_timestamp(incident.first_reported or incident.date)),
    }


def _target_side_associates(incident: Incident) -> list[str]:
    """Further target types, named as ACLED's actors are (the first is actor2)."""
    names = [acled_actor2(incident.model_copy(update={"target_types": [t]})) for t in incident.target_types[1:]]
    first = acled_actor2(incident)
    return [n for n in dict.fromkeys(names) if n and n != first]


def acled_notes(incident: Incident, kind: AcledEventType, actor2: str) -> str:
    """ACLED's style: 'On 30 January 2023, ACTOR1 attacked ACTOR2 at SITE in LOCATION (ADMIN1). N fatalities.'"""
    when = f"On {_acled_day(incident.date, incident.date_precision)}, " if incident.date else ""
    verb = acled_mapping()["note_verbs"].get(kind.sub_event_type, "attacked")
    claimed = " (claimed)" if incident.perpetrators and incident.perpetrators[0].claimed else ""
    text = f"{when}{acled_actor1(incident)}{claimed} {verb} {actor2 or 'unidentified targets'}"
    if incident.site:
        text += f" at {incident.site}"
    place = incident.city or incident.admin1
    if place:
        text += f" in {place}" + (f" ({incident.admin1})" if incident.admin1 and incident.admin1 != place else "")
    text = text[0].upper() + text[1:] + "."
    return f"{text} {_toll_note(incident)}".strip()


def _acled_day(iso_date: str, precision: DatePrecision | None) -> str:
    day = date.fromisoformat(iso_date)
    if precision in ("month", "year"):
        return f"{day:%B} {day.year}" if precision == "month" else str(day.year)
    return f"{day.day} {day:%B} {day.year}"


def _toll_note(incident: Incident) -> str:
    fatalities = acled_fatalities(incident)
    if incident.killed.best is None and incident.killed_perpetrators.best is None:
        parts = ["Fatalities not reported"]
    else:
        parts = [
            f"{fatalities} fatalities"
            + (f", {incident.killed_perpetrators.best} of them attackers" if incident.killed_perpetrators.best else "")
        ]
    if incident.wounded.best is not None:
        parts.append(f"{_figure(incident.wounded)} wounded")
    if incident.hostages.best is not None:
        parts.append(f"{_figure(incident.hostages)} abducted or taken hostage")
    return "; ".join(parts) + "."


def _figure(count: Count) -> str:
    if count.low is not None and count.high is not None and count.low != count.high:
        return f"{count.best} ({count.low}-{count.high})"
    return str(count.best)


def _timestamp(day: str | None) -> int | None:
    if not day:
        return None
    return int(datetime.fromisoformat(day).replace(tzinfo=UTC).timestamp())


def read_acled_csv(source: TextIO) -> list[dict[str, str]]:
    """The rows of an ACLED CSV as written (spreadsheet guards removed)."""
    return [{k: unguard_cell(v or "") for k, v in row.items()} for row in csv.DictReader(source)]
