"""What many reports of one event say together: best/low/high figures, their history, and disagreements.

`best` is the figure of the most recent report (tolls grow, then settle: 28 -> 61 -> 84); when several
reports of that day disagree, the most-cited of their figures. `low`/`high` span every report.

Type lists (attack, target, weapon) are every type a report states, ordered by how many reports state it;
types named by at most half of three or more reports are listed as a conflict. Suicide follows the reports
whose cue asserts it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..model import ROLE_NAMES, Conflict, Count, Evidence, Incident, Perpetrator
from .readings import Reading

UNKNOWN = "Unknown"

TYPE_FIELDS = ("attack_types", "target_types", "weapon_types")
COUNT_FIELDS = ("killed", "killed_perpetrators", "wounded", "hostages")
DATE_PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "inferred": 3, None: 4}
GEO_PRECISION_RANK = {"site": 0, "city": 1, "district": 2, "province": 3, "country": 4, None: 5}
RESPONSIBILITY_RANK = {"claimed": 0, "blamed": 1, "suspected": 2, None: 3, "denied": 4}


@dataclass
class TollPoint:
    """One report's figure for one field, as it stood when the report was published."""

    published: str | None
    report_id: str
    value: int
    low: int | None
    high: int | None
    approximate: bool = False


@dataclass
class Reconciled:
    incident: Incident
    toll_history: dict[str, list[TollPoint]] = field(default_factory=dict)


def reconcile(incident_id: str, readings: list[Reading]) -> Reconciled:
    """One incident from every report's reading of it, oldest report first."""
    ordered = sorted(readings, key=lambda r: (r.published or "", r.sequence))
    incidents = [r.incident for r in ordered]
    merged = Incident(
        id=incident_id,
        reports=_unique(r.report_id for r in ordered),
        first_reported=min((r.published[:10] for r in readings if r.published), default=None),
    )
    _merge_date(merged, incidents)
    _merge_place(merged, incidents)
    merged.perpetrators = _merge_perpetrators(incidents)
    for name in TYPE_FIELDS:
        setattr(merged, name, _supported_types([getattr(i, name) for i in incidents]))
    merged.responders = _by_frequency(i.responders for i in incidents)
    merged.suicide = _merge_suicide(incidents)
    merged.perpetrator_count = _most_common(i.perpetrator_count for i in incidents)
    merged.duration_hours = next((i.duration_hours for i in reversed(incidents) if i.duration_hours), None)
    merged.roles = _merge_roles(incidents)
    merged.evidence = _merge_evidence(incidents)
    merged.conflicts = [c for i in incidents for c in i.conflicts]
    merged.conflicts += [c for name in TYPE_FIELDS if (c := _minority_types(name, ordered))]
    history = {}
    for name in COUNT_FIELDS:
        points = _toll_points(ordered, name)
        history[name] = points
        setattr(merged, name, _best_count(points))
        conflict = _count_conflict(name, points)
        if conflict:
            merged.conflicts.append(conflict)
    merged.conflicts += _perpetrator_conflicts(incidents)
    return Reconciled(merged, history)


def _unique(items) -> list:
    return list(dict.fromkeys(items))


def _most_common(values):
    present = [v for v in values if v is not None]
    if not present:
        return None
    counts = Counter(present)
    top = max(counts.values())
    return next(v for v in reversed(present) if counts[v] == top)  # ties: the latest report's


def _merge_date(merged: Incident, incidents: list[Incident]) -> None:
    dated = [i for i in incidents if i.date]
    if not dated:
        return
    best_rank = min(DATE_PRECISION_RANK[i.date_precision] for i in dated)
    precise = [i for i in dated if DATE_PRECISION_RANK[i.date_precision] == best_rank]
    counts = Counter(i.date for i in precise if i.date)  # all of them: `dated` has a date each
    top = max(counts.values())
    merged.date = min(d for d, n in counts.items() if n == top)  # ties: the earliest, when it began
    merged.date_precision = precise[0].date_precision


def _merge_place(merged: Incident, incidents: list[Incident]) -> None:
    placed = [i for i in incidents if i.country]
    if not placed:
        return
    best_rank = min(GEO_PRECISION_RANK[i.geo_precision] for i in placed)
    precise = [i for i in placed if GEO_PRECISION_RANK[i.geo_precision] == best_rank]
    key = _most_told_earliest_first((i.country, i.admin1, i.city) for i in precise)
    chosen = next(i for i in precise if (i.country, i.admin1, i.city) == key)
    for name in ("country", "admin1", "city", "latitude", "longitude", "geo_precision"):
        setattr(merged, name, getattr(chosen, name))
    merged.site = _most_common(i.site for i in incidents)


def _most_told_earliest_first(places):
    """The place most reports tell; ties go to the earliest report: the first reports are filed from the
    scene, later ones often carry the dateline of the capital where officials react."""
    places = list(places)
    counts = Counter(places)
    top = max(counts.values())
    return next(p for p in places if counts[p] == top)


def _merge_perpetrators(incidents: list[Incident]) -> list[Perpetrator]:
    by_name: dict[str, Perpetrator] = {}
    cited: Counter = Counter()
    for incident in incidents:
        for p in incident.perpetrators:
            cited[p.name] += 1
            known = by_name.setdefault(p.name, Perpetrator(name=p.name))
            known.claimed = known.claimed or p.claimed
            if RESPONSIBILITY_RANK[p.responsibility] < RESPONSIBILITY_RANK[known.responsibility]:
                known.responsibility = p.responsibility
            known.mentions = _unique([*known.mentions, *p.mentions])
    return sorted(
        by_name.values(), key=lambda p: (not p.claimed, RESPONSIBILITY_RANK[p.responsibility], -cited[p.name])
    )


def _perpetrator_conflicts(incidents: list[Incident]) -> list[Conflict]:
    """A group that claims in one report and denies in another: both are kept, the disagreement listed."""
    stances: dict[str, set[str]] = {}
    for incident in incidents:
        for p in incident.perpetrators:
            stances.setdefault(p.name, set()).add("claimed" if p.claimed else p.responsibility or "named")
    return [
        Conflict(
            field="perpetrators", values=[name, sorted(s)], note=f"{name}: claimed in one report, denied in another"
        )
        for name, s in stances.items()
        if "claimed" in s and "denied" in s
    ]


def _by_frequency(lists) -> list[str]:
    counts: Counter = Counter()
    first_seen: dict[str, int] = {}
    for values in lists:
        for value in values:
            counts[value] += 1
            first_seen.setdefault(value, len(first_seen))
    return sorted(counts, key=lambda v: (-counts[v], first_seen[v]))


def _stated_types(types: list[str]) -> list[str]:
    """A report's types, less 'Unknown': a report that could not tell the type states none."""
    return [t for t in types if t != UNKNOWN]


def _supported_types(lists: list[list[str]]) -> list[str]:
    """Every type some report states, the best-supported first (ties: the more often primary, then the first
    told); 'Unknown' only when no report states a type. The union stays: a second attack type told by one
    report is often real (the taxi bombs of a siege), and matching later reports needs it."""
    stated = [s for s in map(_stated_types, lists) if s]
    if not stated:
        return _unique(t for types in lists for t in types)[:1]  # every report: Unknown, or nothing
    support: Counter = Counter(t for types in stated for t in _unique(types))
    primary: Counter = Counter(types[0] for types in stated)
    first_told = {t: i for i, t in enumerate(_unique(t for types in stated for t in types))}
    return sorted(support, key=lambda t: (-support[t], -primary[t], first_told[t]))


def _minority_types(name: str, readings: list[Reading]) -> Conflict | None:
    """Types named by no more than half of the reports stating the field, each with the reports naming it:
    kept, but listed, as the likeliest passing mentions (the shooting that followed a bombing)."""
    stated = [(r.report_id, _stated_types(getattr(r.incident, name))) for r in readings]
    stated = [(rid, types) for rid, types in stated if types]
    naming: dict[str, list[str]] = {}
    for rid, types in stated:
        for value in _unique(types):
            naming.setdefault(value, []).append(rid)
    minority = {v: ids for v, ids in naming.items() if 2 * len(ids) <= len(stated)}
    if len(stated) < 3 or not minority:
        return None  # one or two reports: no majority to stand against
    told = "; ".join(f"{value} ({', '.join(ids)})" for value, ids in minority.items())
    return Conflict(field=name, values=list(minority), note=f"named by at most half of {len(stated)} reports: {told}")


def _merge_suicide(incidents: list[Incident]) -> bool | None:
    """True when a report's cue asserts a suicide attack (a report with no cue is silent, not a denial);
    False when reports tell the attack and none asserts it; None when none tells either."""
    known = [i.suicide for i in incidents if i.suicide is not None]
    if not known:
        return None
    return any(known)


def _merge_roles(incidents: list[Incident]) -> dict[str, list[list[str]]]:
    roles: dict[str, list[list[str]]] = {r: [] for r in ROLE_NAMES}
    for role in ROLE_NAMES:
        seen: set[str] = set()
        for incident in incidents:
            for entity in incident.roles.get(role, []):
                key = entity[0].lower() if entity else ""
                if key and key not in seen:
                    seen.add(key)
                    roles[role].append(entity)
    return roles


def _merge_evidence(incidents: list[Incident]) -> dict[str, list[Evidence]]:
    evidence: dict[str, list[Evidence]] = {}
    for incident in incidents:
        for name, spans in incident.evidence.items():
            evidence.setdefault(name, []).extend(spans)
    return evidence


def _toll_points(readings: list[Reading], name: str) -> list[TollPoint]:
    points = []
    for reading in readings:
        count: Count = getattr(reading.incident, name)
        if count.best is not None:
            points.append(
                TollPoint(reading.published, reading.report_id, count.best, count.low, count.high, count.approximate)
            )
    return points


def _best_count(points: list[TollPoint]) -> Count:
    if not points:
        return Count()
    latest_day = points[-1].published
    latest = [p.value for p in points if p.published == latest_day]
    best = _most_common(latest)
    low = min(p.low if p.low is not None else p.value for p in points)
    high = max(p.high if p.high is not None else p.value for p in points)
    # approximate only when every latest report giving the chosen figure approximates it
    approximate = all(p.approximate for p in points if p.published == latest_day and p.value == best)
    return Count(best=best, low=min(low, best), high=max(high, best), approximate=approximate)


def _count_conflict(name: str, points: list[TollPoint]) -> Conflict | None:
    values = _unique(p.value for p in points)
    if len(values) < 2:
        return None
    told = ", ".join(f"{p.value} ({p.report_id}, {p.published or 'undated'})" for p in points)
    return Conflict(field=name, values=values, note=f"reports differ: {told}; best is the most recent report's figure")
