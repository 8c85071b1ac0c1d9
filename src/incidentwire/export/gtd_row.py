"""One incident as the 135 cells of a GTD data-file row, in GTD codebook values.

Where an Incident does not hold a GTD field, the cell carries the codebook's unknown value as the real file
writes it (vocab/gtd_columns.json): -9 for an unknown yes/no, -99 for an unknown number, blank for unknown
casualty and hostage counts, 'Unknown' for names. Cells that do not apply (hostage details of a bombing)
are blank, as in GTD. Text cells are spreadsheet-guarded.
"""

from __future__ import annotations

from datetime import date

from ..model import Incident
from .cells import guard_cell, number_cell
from .codebooks import gtd_code, gtd_codes, gtd_columns, gtd_country, subtype_names
from .subtypes import target_subtypes, weapon_subtypes
from .summary import describe_incident

TYPE_SLOTS = {"attacktype": 3, "targtype": 3, "weaptype": 4}
FIELD_OF_PREFIX = {"attacktype": "attack_types", "targtype": "target_types", "weaptype": "weapon_types"}
HOSTAGE_ATTACKS = ("Hostage Taking (Kidnapping)", "Hostage Taking (Barricade Incident)", "Hijacking")
DB_SOURCE = "incidentwire"


def unknown(column: str) -> str:
    """The real file's value for an unknown `column` ('' where it writes a blank)."""
    return _UNKNOWN.get(column) or ""


def gtd_cells(incident: Incident, eventid: str) -> dict[str, str]:
    """Every GTD column of one incident (not yet ordered)."""
    country = gtd_country(incident.country)
    cells = {
        "eventid": eventid,
        **date_cells(incident),
        "extended": "1" if (incident.duration_hours or 0) > 24 else "0",
        "resolution": "",
        "country": number_cell(country.code if country else None),
        "country_txt": guard_cell(country.name if country else incident.country),
        "region": number_cell(country.region if country else None),
        "region_txt": guard_cell(country.region_name if country else None),
        "provstate": guard_cell(incident.admin1) or unknown("provstate"),
        "city": guard_cell(incident.city) or unknown("city"),
        "latitude": number_cell(incident.latitude),
        "longitude": number_cell(incident.longitude),
        "specificity": str(
            gtd_specificity(incident.geo_precision, incident.latitude is not None and incident.longitude is not None)
        ),
        "vicinity": "0" if incident.city else unknown("vicinity"),
        "location": guard_cell(incident.site),
        "summary": guard_cell(describe_incident(incident)),
        **_criteria_cells(incident),
        "suicide": "1" if incident.suicide else "0",
        **_type_cells(incident),
        **_target_cells(incident, country),
        **_group_cells(incident),
        **_weapon_subtype_cells(incident),
        "weapdetail": guard_cell(_mentions(incident, "Weapon")),
        **_toll_cells(incident),
        **_property_cells(incident),
        **_hostage_cells(incident),
        "addnotes": guard_cell(" ".join(c.note for c in incident.conflicts if c.note)),
        **{f"scite{i}": guard_cell(incident.reports[i - 1] if len(incident.reports) >= i else None) for i in (1, 2, 3)},
        "dbsource": DB_SOURCE,
        # INT_MISC: the target's nationality differs from the place; we write the place's, so it never does.
        "INT_LOG": unknown("INT_LOG"),
        "INT_IDEO": unknown("INT_IDEO"),
        "INT_MISC": "0" if incident.target_types else unknown("INT_MISC"),
        "INT_ANY": unknown("INT_ANY"),
    }
    return {c.name: cells.get(c.name, "") for c in gtd_columns()}


def gtd_specificity(geo_precision: str | None, has_coordinates: bool) -> int:
    """GTD's 1-5 specificity; 5 whenever there are no coordinates."""
    if not has_coordinates or geo_precision is None:
        return 5
    return gtd_codes()["specificity"][geo_precision]


def date_cells(incident: Incident) -> dict[str, str]:
    if not incident.date:
        return {"iyear": "", "imonth": unknown("imonth"), "iday": unknown("iday"), "approxdate": ""}
    day = date.fromisoformat(incident.date)
    precision = incident.date_precision or "day"
    month = 0 if precision == "year" else day.month  # GTD writes 0 for an unknown month or day
    dd = 0 if precision in ("year", "month") else day.day
    approx = f"{day:%B} {day.day}, {day.year} (inferred from the report's date)" if precision == "inferred" else ""
    return {"iyear": str(day.year), "imonth": str(month), "iday": str(dd), "approxdate": approx}


def _criteria_cells(incident: Incident) -> dict[str, str]:
    """Inclusion criteria as GTD codes them: an attack on combatants is outside crit3 and in doubt."""
    combatant = bool(incident.target_types) and incident.target_types[0] in gtd_codes()["combatant_targets"]
    primary = incident.attack_types[0] if incident.attack_types else None
    # GTD: an assassination succeeds when the target is killed
    failed = primary == "Assassination" and incident.killed.best == 0
    return {
        "crit1": "1",
        "crit2": "1",
        "crit3": "0" if combatant else "1",
        "doubtterr": "1" if combatant else "0",
        "alternative": str(gtd_code("alternative", "Insurgency/Guerilla Action")) if combatant else "",
        "alternative_txt": "Insurgency/Guerilla Action" if combatant else "",
        "multiple": "0",
        "success": "0" if failed else "1",
        "individual": "0",
        "related": "",
    }


def _type_cells(incident: Incident) -> dict[str, str]:
    cells = {}
    for prefix, slots in TYPE_SLOTS.items():
        field = FIELD_OF_PREFIX[prefix]
        names = getattr(incident, field)
        for i in range(1, slots + 1):
            name = names[i - 1] if i <= len(names) else None
            cells[f"{prefix}{i}"] = number_cell(gtd_code(field, name) if name else None)
            cells[f"{prefix}{i}_txt"] = guard_cell(name)
    return cells


def _target_cells(incident: Incident, country) -> dict[str, str]:
    cells = {}
    subtypes = target_subtypes(incident)
    names = subtype_names("target_subtypes")
    victims = [entity[0] for role in ("Target", "Victim") for entity in incident.roles.get(role, []) if entity]
    for i, kind in enumerate(incident.target_types[:3], start=1):
        code = subtypes[i - 1]
        cells[f"targsubtype{i}"] = number_cell(code)
        cells[f"targsubtype{i}_txt"] = names[code][0] if code else ""
        cells[f"corp{i}"] = "Not Applicable" if kind == "Private Citizens & Property" else unknown(f"corp{i}")
        cells[f"target{i}"] = guard_cell(victims[i - 1] if len(victims) >= i else None) or (
            guard_cell(incident.site) if i == 1 and incident.site else unknown(f"target{i}")
        )
        # the target's nationality: GTD's is mostly the country of the attack, and we know no other
        cells[f"natlty{i}"] = number_cell(country.code if country else None)
        cells[f"natlty{i}_txt"] = guard_cell(country.name if country else None)
    return cells


def _group_cells(incident: Incident) -> dict[str, str]:
    groups = incident.perpetrators[:3]
    cells = {
        "gname": unknown("gname"),
        "guncertain1": "0",
        "claimed": "0",
        "nperps": number_cell(incident.perpetrator_count, unknown("nperps")),
        "nperpcap": unknown("nperpcap"),
    }
    unknown_mode = gtd_code("claimmode", "Unknown")
    for i, group in enumerate(groups, start=1):
        suffix = "" if i == 1 else str(i)
        cells[f"gname{suffix}"] = guard_cell(group.name)
        cells[f"guncertain{i}"] = "1" if group.responsibility == "suspected" else "0"
        cells["claimed" if i == 1 else f"claim{i}"] = "1" if group.claimed else "0"
        if group.claimed:  # GTD knows how a claim was made; the reports we read rarely say
            cells[f"claimmode{suffix}"] = str(unknown_mode)
            cells[f"claimmode{suffix}_txt"] = "Unknown"
    if sum(g.claimed for g in incident.perpetrators) > 1:
        cells["compclaim"] = "1"
    return cells


def _weapon_subtype_cells(incident: Incident) -> dict[str, str]:
    names = subtype_names("weapon_subtypes")
    cells = {}
    for i, code in enumerate(weapon_subtypes(incident)[:4], start=1):
        cells[f"weapsubtype{i}"] = number_cell(code)
        cells[f"weapsubtype{i}_txt"] = names[code][0] if code else ""
    return cells


def _toll_cells(incident: Incident) -> dict[str, str]:
    """GTD's nkill counts every death, attackers included; nkillter the attackers alone."""
    victims, attackers = incident.killed.best, incident.killed_perpetrators.best
    total = None if victims is None and attackers is None else (victims or 0) + (attackers or 0)
    return {
        "nkill": number_cell(total),
        "nkillus": "",
        "nkillter": number_cell(attackers),
        "nwound": number_cell(incident.wounded.best),
        "nwoundus": "",
        "nwoundte": "",
    }


def _property_cells(incident: Incident) -> dict[str, str]:
    damaged = bool(set(incident.attack_types) & set(gtd_codes()["property_attacks"]))
    if not damaged:
        return {"property": unknown("property")}
    return {
        "property": "1",
        "propextent": str(gtd_code("propextent", "Unknown")),
        "propextent_txt": "Unknown",
        "propvalue": unknown("propvalue"),
    }


def _hostage_cells(incident: Incident) -> dict[str, str]:
    hours = incident.duration_hours
    duration = {
        "nhours": number_cell(hours) if hours is not None and hours < 24 else "",
        "ndays": str(round(hours / 24)) if hours is not None and hours >= 24 else "",
    }
    if not (incident.hostages.best is not None or set(incident.attack_types) & set(HOSTAGE_ATTACKS)):
        return {"ishostkid": "0", "nhostkid": "", **duration}
    return {
        "ishostkid": "1",
        "nhostkid": number_cell(incident.hostages.best, unknown("nhostkid")),
        "nhostkidus": unknown("nhostkidus"),
        "nhours": duration["nhours"],
        "ndays": duration["ndays"] or (unknown("ndays") if hours is None else ""),
        "ransom": unknown("ransom"),
        "hostkidoutcome": str(gtd_code("hostkidoutcome", "Unknown")),
        "hostkidoutcome_txt": "Unknown",
        "nreleased": unknown("nreleased"),
    }


def _mentions(incident: Incident, role: str) -> str:
    return "; ".join(dict.fromkeys(entity[0] for entity in incident.roles.get(role, []) if entity))


_UNKNOWN = {c.name: c.unknown for c in gtd_columns()}
