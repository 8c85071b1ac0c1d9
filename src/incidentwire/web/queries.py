"""Read-side summaries shared by the API and the pages: every filtered incident, filter choices, group profiles."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from pydantic import BaseModel, Field

from ..model import Incident
from ..store import IncidentFilters, Store

PAGE = 500


def iter_incidents(store: Store, filters: IncidentFilters | None = None) -> Iterator[Incident]:
    """Every incident matching `filters`, newest first, fetched page by page."""
    return store.iter_incidents(filters, page_size=PAGE)


class FilterChoices(BaseModel):
    """The values the dashboard's drop-downs offer: what the stored incidents actually hold."""

    countries: list[str] = Field(default_factory=list)
    groups: list[str] = Field(default_factory=list)
    attack_types: list[str] = Field(default_factory=list)
    first_date: str | None = None
    last_date: str | None = None


def filter_choices(store: Store) -> FilterChoices:
    values = store.filter_values()
    return FilterChoices(
        countries=sorted(values.countries),
        groups=sorted(values.perpetrators),
        attack_types=sorted(values.attack_types),
        first_date=values.first_date,
        last_date=values.last_date,
    )


class Tally(BaseModel):
    name: str
    incidents: int
    killed: int


class MonthActivity(BaseModel):
    month: str  # YYYY-MM
    incidents: int
    killed: int


class GroupIncident(BaseModel):
    id: str
    date: str | None
    country: str | None
    city: str | None
    attack_types: list[str]
    killed: int | None
    claimed: bool


class GroupProfile(BaseModel):
    name: str
    incidents: int
    killed: int
    wounded: int
    first_date: str | None
    last_date: str | None
    activity: list[MonthActivity]
    regions: list[Tally]
    attack_types: list[Tally]
    target_types: list[Tally]
    recent: list[GroupIncident]


def _names_group(incident: Incident, name: str) -> bool:
    wanted = name.casefold()
    return any(p.name.casefold() == wanted for p in incident.perpetrators)


def group_profile(store: Store, name: str) -> GroupProfile | None:
    """What one perpetrator group did: activity per month, where, how; None when no incident names it.

    Scans every incident (the store's perpetrator column holds only the first one named)."""
    incidents = [i for i in iter_incidents(store) if _names_group(i, name)]
    if not incidents:
        return None
    canonical = next(p.name for p in incidents[0].perpetrators if p.name.casefold() == name.casefold())
    return GroupProfile(
        name=canonical,
        incidents=len(incidents),
        killed=sum(i.killed.best or 0 for i in incidents),
        wounded=sum(i.wounded.best or 0 for i in incidents),
        first_date=min((i.date for i in incidents if i.date), default=None),
        last_date=max((i.date for i in incidents if i.date), default=None),
        activity=_monthly(incidents),
        regions=_tally(incidents, lambda i: [", ".join(x for x in (i.admin1, i.country) if x)] if i.country else []),
        attack_types=_tally(incidents, lambda i: i.attack_types),
        target_types=_tally(incidents, lambda i: i.target_types),
        recent=[
            GroupIncident(
                id=i.id,
                date=i.date,
                country=i.country,
                city=i.city,
                attack_types=i.attack_types,
                killed=i.killed.best,
                claimed=any(p.claimed for p in i.perpetrators if p.name == canonical),
            )
            for i in incidents[:50]
        ],
    )


def _monthly(incidents: list[Incident]) -> list[MonthActivity]:
    months: dict[str, list[int]] = {}
    for incident in incidents:
        if incident.date:
            tally = months.setdefault(incident.date[:7], [0, 0])
            tally[0] += 1
            tally[1] += incident.killed.best or 0
    return [MonthActivity(month=m, incidents=n, killed=k) for m, (n, k) in sorted(months.items())]


def _tally(incidents: list[Incident], keys) -> list[Tally]:
    counts: Counter[str] = Counter()
    killed: Counter[str] = Counter()
    for incident in incidents:
        for key in keys(incident):
            counts[key] += 1
            killed[key] += incident.killed.best or 0
    return [Tally(name=k, incidents=n, killed=killed[k]) for k, n in counts.most_common()]
