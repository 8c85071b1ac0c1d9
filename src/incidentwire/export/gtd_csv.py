"""GTD CSV: one row per incident, in the Global Terrorism Database's column names and numeric codes.

Columns follow the GTD codebook; `eventid` holds our incident id and `sources` (not a GTD column) the ids of
the reports behind the row. What GTD's layout cannot hold is lost: count ranges (only the best figure is
written), which of several groups claimed, and a null `suicide` (written 0, as GTD does).
GTD's `nkill` counts every death, attackers included; `nkillter` the attackers alone.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import TextIO

from ..model import Count, Incident, Perpetrator
from .cells import guard_cell, number_cell, unguard_cell, write_table
from .summary import describe_incident

UNKNOWN_GROUP = "Unknown"  # GTD's gname when no group is known
UNKNOWN_NUMBER = -99       # GTD's code for an unknown figure (nperps, nhours, nhostkid)
TYPE_SLOTS = {"attacktype": 3, "targtype": 3, "weaptype": 4}
_FIELD_OF_PREFIX = {"attacktype": "attack_types", "targtype": "target_types", "weaptype": "weapon_types"}


def _type_columns() -> list[str]:
    return [name for prefix, slots in TYPE_SLOTS.items() for i in range(1, slots + 1)
            for name in (f"{prefix}{i}", f"{prefix}{i}_txt")]


COLUMNS = ["eventid", "iyear", "imonth", "iday", "approxdate", "country_txt", "provstate", "city", "location",
           "latitude", "longitude", "specificity", *_type_columns(), "gname", "gname2", "claimed", "nkill",
           "nkillter", "nwound", "ishostkid", "nhostkid", "suicide", "nperps", "nhours", "summary", "sources"]


@lru_cache(maxsize=1)
def gtd_codes() -> dict:
    """The codebook tables of vocab/gtd_codes.json."""
    return json.loads(resources.files("incidentwire.vocab").joinpath("gtd_codes.json").read_text(encoding="utf-8"))


def gtd_code(field: str, name: str) -> int | None:
    """GTD's number for a category name: gtd_code('attack_types', 'Armed Assault') == 2."""
    return gtd_codes()[field].get(name)


def gtd_specificity(geo_precision: str | None, has_coordinates: bool) -> int:
    """GTD's 1-5 specificity; 5 whenever there are no coordinates."""
    if not has_coordinates or geo_precision is None:
        return 5
    return gtd_codes()["specificity"][geo_precision]


# --- writing ---------------------------------------------------------------------------------------------

def write_gtd_csv(incidents: Iterable[Incident], out: TextIO) -> int:
    """Writes the header and one row per incident; returns the number of rows."""
    return write_table(incidents, out, COLUMNS, gtd_row)


def gtd_row(incident: Incident) -> dict[str, str]:
    """One incident as GTD cells (text cells spreadsheet-guarded)."""
    has_xy = incident.latitude is not None and incident.longitude is not None
    row = {
        "eventid": guard_cell(incident.id),
        **_date_cells(incident),
        "country_txt": guard_cell(incident.country),
        "provstate": guard_cell(incident.admin1),
        "city": guard_cell(incident.city),
        "location": guard_cell(incident.site),
        "latitude": number_cell(incident.latitude),
        "longitude": number_cell(incident.longitude),
        "specificity": str(gtd_specificity(incident.geo_precision, has_xy)),
        **_type_cells(incident),
        **_group_cells(incident.perpetrators),
        **_toll_cells(incident),
        "suicide": "1" if incident.suicide else "0",
        "nperps": number_cell(incident.perpetrator_count, str(UNKNOWN_NUMBER)),
        "nhours": number_cell(incident.duration_hours, str(UNKNOWN_NUMBER)),
        "summary": guard_cell(describe_incident(incident)),
        "sources": guard_cell(";".join(incident.reports)),
    }
    return row


def _date_cells(incident: Incident) -> dict[str, str]:
    if not incident.date:
        return {"iyear": "", "imonth": "", "iday": "", "approxdate": ""}
    day = date.fromisoformat(incident.date)
    precision = incident.date_precision or "day"
    # GTD writes 0 for an unknown month or day.
    month = 0 if precision == "year" else day.month
    dd = 0 if precision in ("year", "month") else day.day
    approx = f"{day:%B} {day.day}, {day.year} (inferred from the report's date)" if precision == "inferred" else ""
    return {"iyear": str(day.year), "imonth": str(month), "iday": str(dd), "approxdate": approx}


def _type_cells(incident: Incident) -> dict[str, str]:
    cells = {}
    for prefix, slots in TYPE_SLOTS.items():
        field = _FIELD_OF_PREFIX[prefix]
        names = getattr(incident, field)
        for i in range(1, slots + 1):
            name = names[i - 1] if i <= len(names) else None
            code = gtd_code(field, name) if name else None
            cells[f"{prefix}{i}"] = number_cell(code)
            cells[f"{prefix}{i}_txt"] = guard_cell(name)
    return cells


def _group_cells(perpetrators: list[Perpetrator]) -> dict[str, str]:
    if not perpetrators:
        return {"gname": UNKNOWN_GROUP, "gname2": "", "claimed": "-9"}
    return {"gname": guard_cell(perpetrators[0].name),
            "gname2": guard_cell(perpetrators[1].name) if len(perpetrators) > 1 else "",
            "claimed": "1" if any(p.claimed for p in perpetrators) else "0"}


def _toll_cells(incident: Incident) -> dict[str, str]:
    victims, attackers = incident.killed.best, incident.killed_perpetrators.best
    total = None if victims is None and attackers is None else (victims or 0) + (attackers or 0)
    hostage_event = incident.hostages.best is not None or any(t.startswith("Hostage") or t == "Hijacking"
                                                              for t in incident.attack_types)
    hostages = number_cell(incident.hostages.best, str(UNKNOWN_NUMBER)) if hostage_event else ""
    return {"nkill": number_cell(total), "nkillter": number_cell(attackers),
            "nwound": number_cell(incident.wounded.best),
            "ishostkid": "1" if hostage_event else "0", "nhostkid": hostages}


# --- reading ---------------------------------------------------------------------------------------------

def read_gtd_csv(source: TextIO) -> list[dict[str, str]]:
    """The rows of a GTD CSV as written (spreadsheet guards removed)."""
    return [{k: unguard_cell(v) for k, v in row.items()} for row in csv.DictReader(source)]


def incident_from_gtd_row(row: dict[str, str]) -> Incident:
    """The incident a GTD row describes, as far as GTD's columns hold it."""
    day, precision = _read_date(row)
    geo = gtd_codes()["specificity_read"].get(row.get("specificity", "")) if row.get("latitude") else None
    return Incident(
        id=row.get("eventid", ""), date=day, date_precision=precision,
        country=row.get("country_txt") or None, admin1=row.get("provstate") or None, city=row.get("city") or None,
        site=row.get("location") or None,
        latitude=_float(row.get("latitude")), longitude=_float(row.get("longitude")), geo_precision=geo,
        perpetrators=_read_groups(row),
        attack_types=_read_types(row, "attacktype"), target_types=_read_types(row, "targtype"),
        weapon_types=_read_types(row, "weaptype"),
        suicide=row.get("suicide") == "1",
        **_read_toll(row),
        perpetrator_count=_known_int(row.get("nperps")), duration_hours=_known_float(row.get("nhours")),
        reports=[r for r in row.get("sources", "").split(";") if r],
    )


def _read_date(row: dict[str, str]) -> tuple[str | None, str | None]:
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
    names = [n for n in (row.get("gname"), row.get("gname2")) if n and n != UNKNOWN_GROUP]
    claimed = row.get("claimed") == "1"
    return [Perpetrator(name=n, claimed=claimed and i == 0) for i, n in enumerate(names)]


def _read_toll(row: dict[str, str]) -> dict[str, Count]:
    total, attackers = _int(row.get("nkill")), _int(row.get("nkillter"))
    victims = None if total is None else total - (attackers or 0)
    return {"killed": Count.of(victims), "killed_perpetrators": Count.of(attackers),
            "wounded": Count.of(_int(row.get("nwound"))), "hostages": Count.of(_known_int(row.get("nhostkid")))}


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
