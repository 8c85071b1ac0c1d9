"""Is a report's incident the same event as a stored one? Evidence for and against, weighed and explained.

Date and place only make events comparable; identity comes from what the reports share beyond them
(the site, the words, the perpetrator and the kind of attack), so two different attacks in one city
on one day stay apart unless their reports agree on more than the city and the day.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz

from ..model import Incident
from .readings import Reading

DATE_WINDOW_DAYS = 3
MERGE_SCORE = 4.0
MAX_DISTANCE_KM = 150.0


@dataclass
class Candidate:
    """A stored incident as the merge sees it: its reconciled record and the words of its reports."""

    incident: Incident
    terms: frozenset[str]


@dataclass
class MergeDecision:
    incident_id: str | None
    same: bool
    score: float
    reasons: list[str] = field(default_factory=list)
    # other stored incidents this reading also matches: one event stored twice, to be joined
    also_same: list["MergeDecision"] = field(default_factory=list)

    def as_dict(self) -> dict:
        found = {"incident_id": self.incident_id, "same": self.same, "score": round(self.score, 2),
                 "reasons": self.reasons}
        if self.also_same:
            found["absorbed"] = [d.as_dict() for d in self.also_same]
        return found


def best_match(reading: Reading, candidates: list[Candidate]) -> MergeDecision:
    """The candidate the reading most resembles, if the resemblance is enough to call it the same event."""
    decisions = [same_event(reading, c) for c in candidates]
    merged = sorted((d for d in decisions if d.same), key=lambda d: d.score, reverse=True)
    if merged:
        best, *others = merged
        best.also_same = others
        return best
    closest = max(decisions, key=lambda d: d.score, default=None)
    reasons = ["no stored incident matched"] + (
        [f"closest {closest.incident_id} scored {closest.score:.1f} < {MERGE_SCORE}"] if closest else [])
    return MergeDecision(None, False, closest.score if closest else 0.0, reasons)


def same_event(reading: Reading, candidate: Candidate) -> MergeDecision:
    new, old = reading.incident, candidate.incident
    reasons: list[str] = []
    veto = _vetoes(new, old)
    if veto:
        return MergeDecision(old.id, False, -math.inf, [veto])
    score = 0.0
    identity = 0.0
    for weigh in (_date_evidence, _place_evidence):
        points, reason = weigh(new, old)
        score += points
        reasons.append(reason)
    for weigh in (_site_evidence, _perpetrator_evidence, _type_evidence, _suicide_evidence):
        points, reason = weigh(new, old)
        if reason:
            score += points
            identity += max(points, 0.0)
            reasons.append(reason)
    points, reason = _text_evidence(reading.terms, candidate.terms)
    score += points
    identity += max(points, 0.0)
    reasons.append(reason)
    same = score >= MERGE_SCORE and identity >= 2.0
    if score >= MERGE_SCORE and not same:
        reasons.append("date and place agree, but nothing else identifies the event")
    return MergeDecision(old.id, same, score, reasons)


def _vetoes(new: Incident, old: Incident) -> str | None:
    gap = _days_apart(new, old)
    if gap is not None and gap > DATE_WINDOW_DAYS:
        return f"{gap} days apart"
    return None


def _days_apart(a: Incident, b: Incident) -> int | None:
    if not a.date or not b.date:
        return None
    return abs((date.fromisoformat(a.date) - date.fromisoformat(b.date)).days)


def _date_evidence(a: Incident, b: Incident) -> tuple[float, str]:
    gap = _days_apart(a, b)
    if gap is None:
        return 0.0, "date unknown on one side"
    loose = "inferred" in (a.date_precision, b.date_precision)
    if gap == 0:
        return 2.0, f"same date {a.date}"
    if gap == 1:
        return (1.5 if loose else 1.0), f"dates one day apart ({a.date} / {b.date})"
    return 0.0, f"dates {gap} days apart"


POINT_PRECISIONS = ("site", "city", "district")


def _distance_km(a: Incident, b: Incident) -> float | None:
    """Between two located points; a province's or country's centroid is no point to measure from."""
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    if a.geo_precision not in POINT_PRECISIONS or b.geo_precision not in POINT_PRECISIONS:
        return None
    p = math.pi / 180
    h = (math.sin((b.latitude - a.latitude) * p / 2) ** 2
         + math.cos(a.latitude * p) * math.cos(b.latitude * p) * math.sin((b.longitude - a.longitude) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(h))


def _same_named_place(a: Incident, b: Incident) -> bool:
    return bool(a.city and b.city and fuzz.ratio(a.city.lower(), b.city.lower()) >= 85)


def _place_evidence(a: Incident, b: Incident) -> tuple[float, str]:
    """Places weigh heavily but do not veto: a report's place can be misread (a dateline, a background city)."""
    if a.country and b.country and a.country != b.country:
        return -3.0, f"different countries ({a.country} / {b.country})"
    distance = _distance_km(a, b)
    if distance is not None and distance > MAX_DISTANCE_KM and not _same_named_place(a, b):
        return -3.0, f"{distance:.0f} km apart"
    if _same_named_place(a, b):
        return 2.0, f"same city {a.city}"
    if distance is not None and distance <= 30:
        return 1.5, f"{distance:.0f} km apart"
    if a.city and b.city:
        return -1.5, f"different cities ({a.city} / {b.city})"
    if a.admin1 and a.admin1 == b.admin1:
        return 1.0, f"same province {a.admin1}"
    if a.country and a.country == b.country:
        return 0.5, f"same country {a.country}"
    return 0.0, "place unknown on one side"


def _site_evidence(a: Incident, b: Incident) -> tuple[float, str | None]:
    if not a.site or not b.site:
        return 0.0, None
    similarity = fuzz.token_set_ratio(a.site.lower(), b.site.lower())
    if similarity >= 80:
        return 2.5, f"same site ({a.site} / {b.site})"
    return -1.5, f"different sites ({a.site} / {b.site})"


def _perpetrator_evidence(a: Incident, b: Incident) -> tuple[float, str | None]:
    names_a, names_b = {p.name for p in a.perpetrators}, {p.name for p in b.perpetrators}
    if not names_a or not names_b:
        return 0.0, None
    shared = names_a & names_b
    if shared:
        return 1.5, f"same perpetrator {sorted(shared)[0]}"
    return -0.5, f"different perpetrators named ({sorted(names_a)[0]} / {sorted(names_b)[0]})"


def _type_evidence(a: Incident, b: Incident) -> tuple[float, str | None]:
    types_a = set(a.attack_types) - {"Unknown"}
    types_b = set(b.attack_types) - {"Unknown"}
    if not types_a or not types_b:
        return 0.0, None
    if types_a & types_b:
        return 1.0, f"same kind of attack ({sorted(types_a & types_b)[0]})"
    return -1.5, f"different kinds of attack ({sorted(types_a)[0]} / {sorted(types_b)[0]})"


def _suicide_evidence(a: Incident, b: Incident) -> tuple[float, str | None]:
    if a.suicide is None or b.suicide is None:
        return 0.0, None
    if a.suicide and b.suicide:
        return 0.5, "both suicide attacks"
    if a.suicide != b.suicide:
        return -0.5, "suicide on one side only"
    return 0.0, None


def _text_evidence(a: frozenset[str], b: frozenset[str]) -> tuple[float, str]:
    if not a or not b:
        return 0.0, "no text to compare"
    overlap = len(a & b) / min(len(a), len(b))
    points = 3.0 if overlap >= 0.35 else 2.0 if overlap >= 0.22 else 1.0 if overlap >= 0.14 else -1.0
    return points, f"reports share {overlap:.0%} of their distinctive words"
