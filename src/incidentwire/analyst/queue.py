"""The review queue: the incidents most in need of a person, most urgent first.

Figures in conflict (above all a report that disagrees with an analyst's value since the correction), a
high toll told by a single report, a merge decided near the threshold, no place below city level.
A reviewed incident leaves the queue until the reports disagree with an analyst again."""

from __future__ import annotations

import math

from pydantic import BaseModel, Field

from ..export import stored_incidents
from ..merge.match import MERGE_SCORE
from ..model import COUNT_FIELDS, Incident
from ..store import IncidentFilters, Store
from ..store import analysts as repo
from .overrides import is_new_disagreement

HIGH_TOLL = 10
NEAR_THRESHOLD = 1.5
PRECISE_ENOUGH = ("site", "city")
WEIGHTS = {
    "analyst_disagreement": 100,
    "figures_conflict": 60,
    "single_report_high_toll": 50,
    "merge_near_threshold": 40,
    "weak_evidence": 30,
    "no_place_below_city": 20,
}
EVIDENCED = ("date", "city", "perpetrators", "killed", "wounded")  # fields whose value should rest on a span


class QueueItem(BaseModel):
    id: str
    date: str | None = None
    place: str = ""
    killed: int | None = None
    reports: int = 0
    reviewed_by: str | None = None
    priority: int
    reasons: list[str] = Field(default_factory=list)


def reasons_for(incident: Incident, merges: list[tuple[bool, float]]) -> list[tuple[str, str]]:
    """(kind, why) for each reason this incident needs a person."""
    found = []
    new = [c for c in incident.conflicts if is_new_disagreement(c)]
    if new:
        found.append(
            (
                "analyst_disagreement",
                "reports disagree with an analyst's value: " + ", ".join(sorted({c.field for c in new})),
            )
        )
    figures = sorted(
        {
            c.field
            for c in incident.conflicts
            if c.field in COUNT_FIELDS
            and not is_new_disagreement(c)
            and incident.field_sources.get(c.field) != "analyst"
        }
    )
    if figures:
        found.append(("figures_conflict", "figures in conflict: " + ", ".join(figures)))
    if len(incident.reports) == 1 and (incident.killed.best or 0) >= HIGH_TOLL:
        found.append(("single_report_high_toll", f"{incident.killed.best} killed, told by a single report"))
    near = [score for _same, score in merges if math.isfinite(score) and abs(score - MERGE_SCORE) <= NEAR_THRESHOLD]
    if near:
        found.append(
            (
                "merge_near_threshold",
                f"merge decided at {min(near, key=lambda s: abs(s - MERGE_SCORE)):.1f} (threshold {MERGE_SCORE:g})",
            )
        )
    weak = weakly_evidenced(incident)
    if weak:
        found.append(("weak_evidence", "no span of a report telling this attack supports: " + ", ".join(weak)))
    if incident.geo_precision not in PRECISE_ENOUGH and incident.field_sources.get("city") != "analyst":
        found.append(("no_place_below_city", f"placed at {incident.geo_precision or 'no'} level"))
    return found


def weakly_evidenced(incident: Incident) -> list[str]:
    """The machine's fields that hold a value no anchor span supports (only background mentions, or none)."""
    weak = []
    for name in EVIDENCED:
        if incident.field_sources.get(name) != "machine":
            continue
        value = getattr(incident, name)
        if value is None or value == [] or getattr(value, "best", 0) is None:
            continue
        if not any(span.context == "anchor" for span in incident.evidence.get(name, [])):
            weak.append(name)
    return weak


def review_queue(store: Store, filters: IncidentFilters | None = None, limit: int = 100) -> list[QueueItem]:
    """The queue over the incidents the filters select (hidden ones excluded, like every listing)."""
    incidents = list(stored_incidents(store, filters))
    merges = repo.merge_scores(store, [i.id for i in incidents])
    items = []
    for incident in incidents:
        found = reasons_for(incident, merges.get(incident.id, []))
        if incident.reviewed:
            found = [(kind, why) for kind, why in found if kind == "analyst_disagreement"]
        if found:
            items.append(_item(incident, found))
    items.sort(key=lambda item: (-item.priority, -(item.killed or 0), item.id))
    return items[:limit]


def _item(incident: Incident, found: list[tuple[str, str]]) -> QueueItem:
    return QueueItem(
        id=incident.id,
        date=incident.date,
        killed=incident.killed.best,
        reports=len(incident.reports),
        place=", ".join(p for p in (incident.city, incident.admin1, incident.country) if p),
        reviewed_by=incident.reviewed_by,
        priority=sum(WEIGHTS[kind] for kind, _ in found),
        reasons=[why for _, why in found],
    )
