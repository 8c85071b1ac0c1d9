"""ACLED CSV: one row per incident, in the Armed Conflict Location & Event Data Project's columns.

GTD types become ACLED event and sub-event types through the documented rules of vocab/acled_mapping.json.
`fatalities` counts every death (victims and attackers), as ACLED does; `source` lists our report ids;
`notes` is the incident described from its coded fields.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import TextIO

from ..model import Incident
from .cells import guard_cell, number_cell, unguard_cell, write_table
from .summary import describe_incident

COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
           "assoc_actor_1", "actor2", "country", "admin1", "location", "latitude", "longitude", "geo_precision",
           "source", "notes", "fatalities"]


@dataclass(frozen=True)
class AcledEventType:
    event_type: str
    sub_event_type: str


@lru_cache(maxsize=1)
def acled_mapping() -> dict:
    """The rules of vocab/acled_mapping.json."""
    text = resources.files("incidentwire.vocab").joinpath("acled_mapping.json").read_text(encoding="utf-8")
    return json.loads(text)


def acled_event_type(incident: Incident) -> AcledEventType:
    """ACLED's event and sub-event type for an incident: the first mapping rule that holds."""
    for rule in acled_mapping()["event_rules"]:
        if _rule_holds(rule, incident):
            return AcledEventType(rule["event_type"], rule["sub_event_type"])
    raise LookupError("acled_mapping.json needs a final rule without conditions")


def _rule_holds(rule: dict, incident: Incident) -> bool:
    primary = incident.attack_types[0] if incident.attack_types else "Unknown"
    if "attack" in rule and rule["attack"] != primary:
        return False
    if "suicide" in rule and bool(incident.suicide) != rule["suicide"]:
        return False
    if "targets_any" in rule and not set(rule["targets_any"]) & set(incident.target_types):
        return False
    return "weapons_any" not in rule or bool(set(rule["weapons_any"]) & set(incident.weapon_types))


def acled_actor2(incident: Incident) -> str:
    """ACLED's actor2 from the first target type: 'Police Forces of Pakistan', 'Civilians (Iraq)', …"""
    if not incident.target_types:
        return ""
    target = incident.target_types[0]
    templates = acled_mapping()["actor2_by_target"].get(target)
    if templates is None:
        return target
    with_country, without = templates
    return with_country.format(country=incident.country) if incident.country else without


def acled_fatalities(incident: Incident) -> int:
    """Every death: victims and attackers (ACLED writes 0 when none is reported)."""
    return (incident.killed.best or 0) + (incident.killed_perpetrators.best or 0)


def _unidentified(country: str | None) -> str:
    """ACLED's name for an unknown perpetrator."""
    return f"Unidentified Armed Group ({country})" if country else "Unidentified Armed Group"


def write_acled_csv(incidents: Iterable[Incident], out: TextIO) -> int:
    """Writes the header and one row per incident; returns the number of rows."""
    return write_table(incidents, out, COLUMNS, acled_row)


def acled_row(incident: Incident) -> dict[str, str]:
    """One incident as ACLED cells (text cells spreadsheet-guarded)."""
    mapping = acled_mapping()
    kind = acled_event_type(incident)
    groups = [p.name for p in incident.perpetrators]
    geo = mapping["geo_precision"].get(incident.geo_precision) if incident.geo_precision else None
    return {
        "event_id_cnty": guard_cell(incident.id),
        "event_date": incident.date or "",
        "year": str(date.fromisoformat(incident.date).year) if incident.date else "",
        "time_precision": number_cell(mapping["time_precision"].get(incident.date_precision or "day")
                                      if incident.date else None),
        "event_type": kind.event_type,
        "sub_event_type": kind.sub_event_type,
        "actor1": guard_cell(groups[0] if groups else _unidentified(incident.country)),
        "assoc_actor_1": guard_cell("; ".join(groups[1:])),
        "actor2": guard_cell(acled_actor2(incident)),
        "country": guard_cell(incident.country),
        "admin1": guard_cell(incident.admin1),
        "location": guard_cell(incident.city or incident.site),
        "latitude": number_cell(incident.latitude),
        "longitude": number_cell(incident.longitude),
        "geo_precision": number_cell(geo),
        "source": guard_cell("; ".join(incident.reports)),
        "notes": guard_cell(describe_incident(incident, with_date=False)),
        "fatalities": str(acled_fatalities(incident)),
    }


def read_acled_csv(source: TextIO) -> list[dict[str, str]]:
    """The rows of an ACLED CSV as written (spreadsheet guards removed)."""
    return [{k: unguard_cell(v) for k, v in row.items()} for row in csv.DictReader(source)]
