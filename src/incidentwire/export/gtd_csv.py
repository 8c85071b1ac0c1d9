"""GTD CSV: one row per incident, GTD's 135 columns first (named, ordered and coded as the GTD data file),
then incidentwire's own columns (extras.py).

`eventid` is GTD's 12 digits: the date (YYYYMMDD, 00 for an unknown month or day) and a 4-digit sequence
number within that date, counted over the export. What GTD's layout cannot hold is kept in the extra
columns: the incident's own id, its reports, evidence spans and count ranges. A null `suicide` is written
0, as GTD does.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable
from typing import TextIO

from ..model import Count, Counts, DatePrecision, Incident, Perpetrator
from .cells import unguard_cell, write_table
from .codebooks import geonames_country_name, gtd_code, gtd_codes, gtd_columns
from .extras import (
    EXTRA_COLUMNS,
    counts_from_extras,
    evidence_from_extras,
    extra_cells,
    review_from_extras,
    sources_from_extras,
)
from .gtd_row import TYPE_SLOTS, date_cells, gtd_cells, gtd_specificity, unknown

GTD_COLUMNS = tuple(c.name for c in gtd_columns())
COLUMNS = [*GTD_COLUMNS, *EXTRA_COLUMNS]
UNKNOWN_GROUP = unknown("gname")

__all__ = [
    "COLUMNS",
    "GTD_COLUMNS",
    "gtd_code",
    "gtd_codes",
    "gtd_specificity",
    "incident_from_gtd_row",
    "read_gtd_csv",
    "write_gtd_csv",
]


def write_gtd_csv(incidents: Iterable[Incident], out: TextIO) -> int:
    """Writes the header and one row per incident; returns the number of rows."""
    return write_table(incidents, out, COLUMNS, GtdRows())


class GtdRows:
    """Builds rows in export order, numbering GTD eventids within each date."""

    def __init__(self) -> None:
        self._per_date: Counter[str] = Counter()

    def __call__(self, incident: Incident) -> dict[str, str]:
        return {**gtd_cells(incident, self.next_eventid(incident)), **extra_cells(incident)}

    def next_eventid(self, incident: Incident) -> str:
        cells = date_cells(incident)
        day = f"{int(cells['iyear'] or 0):04d}{int(cells['imonth'] or 0):02d}{int(cells['iday'] or 0):02d}"
        self._per_date[day] += 1
        # GTD's sequence has four digits; past 9999 incidents on one day it would need a fifth
        return f"{day}{self._per_date[day]:04d}"


# --- reading ---------------------------------------------------------------------------------------------


def read_gtd_csv(source: TextIO) -> list[dict[str, str]]:
    """The rows of a GTD CSV as written (spreadsheet guards removed)."""
    return [{k: unguard_cell(v or "") for k, v in row.items()} for row in csv.DictReader(source)]


def incident_from_gtd_row(row: dict[str, str]) -> Incident:
    """The incident a GTD row describes, as far as its columns hold it (ours first, where present)."""
    day, precision = _read_date(row)
    geo = gtd_codes()["specificity_read"].get(row.get("specificity", "")) if row.get("latitude") else None
    counts = counts_from_extras(row) or _read_toll(row)
    return Incident(
        id=row.get("incidentwire_id") or row.get("eventid", ""),
        date=day,
        date_precision=precision,
        country=geonames_country_name(row.get("country_txt") or None),
        admin1=_known_name(row, "provstate"),
        city=_known_name(row, "city"),
        site=row.get("location") or None,
        latitude=_float(row.get("latitude")),
        longitude=_float(row.get("longitude")),
        geo_precision=geo,
        perpetrators=_read_groups(row),
        attack_types=_read_types(row, "attacktype"),
        target_types=_read_types(row, "targtype"),
        weapon_types=_read_types(row, "weaptype"),
        suicide=row.get("suicide") == "1",
        **counts,
        perpetrator_count=_known_int(row.get("nperps")),
        duration_hours=_read_hours(row),
        evidence=evidence_from_extras(row),
        reports=sources_from_extras(row),
        **review_from_extras(row),
    )


def _known_name(row: dict[str, str], column: str) -> str | None:
    value = row.get(column) or None
    return None if value == unknown(column) else value


def _read_date(row: dict[str, str]) -> tuple[str | None, DatePrecision | None]:
    if not row.get("iyear"):
        return None, None
    year, month, dd = int(row["iyear"]), int(row.get("imonth") or 0), int(row.get("iday") or 0)
    if month == 0:
        return f"{year:04d}-01-01", "year"
    if dd == 0:
        return f"{year:04d}-{month:02d}-01", "month"
    return f"{year:04d}-{month:02d}-{dd:02d}", "inferred" if row.get("approxdate") else "day"


def _read_types(row: dict[str, str], prefix: str) -> list[str]:
    names = (row.get(f"{prefix}{i}_txt") for i in range(1, TYPE_SLOTS[prefix] + 1))
    return [n for n in names if n]


def _read_groups(row: dict[str, str]) -> list[Perpetrator]:
    groups = []
    slots = (("gname", "claimed"), ("gname2", "claim2"), ("gname3", "claim3"))
    for i, (name_column, claim_column) in enumerate(slots, start=1):
        name = row.get(name_column)
        if name and name != UNKNOWN_GROUP:
            suspected = row.get(f"guncertain{i}") == "1"
            groups.append(
                Perpetrator(
                    name=name, claimed=row.get(claim_column) == "1", responsibility="suspected" if suspected else None
                )
            )
    return groups


def _read_toll(row: dict[str, str]) -> Counts:
    total, attackers = _int(row.get("nkill")), _int(row.get("nkillter"))
    victims = None if total is None else total - (attackers or 0)
    return {
        "killed": Count.of(victims),
        "killed_perpetrators": Count.of(attackers),
        "wounded": Count.of(_int(row.get("nwound"))),
        "hostages": Count.of(_known_int(row.get("nhostkid"))),
    }


def _read_hours(row: dict[str, str]) -> float | None:
    hours, days = _known_float(row.get("nhours")), _known_float(row.get("ndays"))
    return hours if hours is not None else (days * 24 if days is not None else None)


def _int(cell: str | None) -> int | None:
    return int(float(cell)) if cell else None


def _float(cell: str | None) -> float | None:
    return float(cell) if cell else None


def _known_int(cell: str | None) -> int | None:
    value = _int(cell)
    return None if value is None or value < 0 else value


def _known_float(cell: str | None) -> float | None:
    value = _float(cell)
    return None if value is None or value < 0 else value
