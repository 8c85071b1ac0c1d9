"""A one-paragraph description of an incident, built only from its coded fields (GTD's `summary`, ACLED's `notes`)."""

from __future__ import annotations

from datetime import date

from ..model import Count, Incident


def describe_incident(incident: Incident, with_date: bool = True) -> str:
    """'05/07/2013: Bombing/Explosion (suicide) on Police at Karachi, Sindh, Pakistan by X (claimed). 4 killed, …'"""
    parts = [_what(incident) + _where(incident) + _by_whom(incident) + "."]
    toll = _toll(incident)
    if toll:
        parts.append(toll + ".")
    text = " ".join(parts)
    day = _gtd_date(incident.date)
    return f"{day}: {text}" if with_date and day else text


def _gtd_date(iso: str | None) -> str | None:
    if not iso:
        return None
    day = date.fromisoformat(iso)
    return day.strftime("%m/%d/%Y")


def _what(incident: Incident) -> str:
    kind = ", ".join(incident.attack_types) or "Attack"
    if incident.suicide:
        kind += " (suicide)"
    if incident.target_types:
        kind += " on " + ", ".join(incident.target_types)
    return kind


def _where(incident: Incident) -> str:
    place = ", ".join(p for p in (incident.site, incident.city, incident.admin1, incident.country) if p)
    return f" at {place}" if place else ""


def _by_whom(incident: Incident) -> str:
    if not incident.perpetrators:
        return ""
    names = [p.name + (" (claimed)" if p.claimed else "") for p in incident.perpetrators]
    return " by " + ", ".join(names)


def _toll(incident: Incident) -> str:
    figures = [
        (incident.killed, "killed"),
        (incident.killed_perpetrators, "perpetrators killed"),
        (incident.wounded, "wounded"),
        (incident.hostages, "taken hostage"),
    ]
    return ", ".join(f"{_figure(count)} {label}" for count, label in figures if count.best is not None)


def _figure(count: Count) -> str:
    if count.low is not None and count.high is not None and count.low != count.high:
        return f"{count.best} ({count.low}-{count.high})"
    return str(count.best)
