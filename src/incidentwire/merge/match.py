"""Is a report's incident the same event as a stored one? Evidence for and against, weighed and explained.

Date and place only make events comparable; identity comes from what the reports share beyond them
(the site, the words, the perpetrator and the kind of attack), so two different attacks in one city
on one day stay apart unless their reports agree on more than the city and the day.

Facts that conflict (a bombing against a shooting, a claim by another group, a toll that fell to a third)
count against the merge, and they silence shared wording: two reports whose words agree while their facts
differ are one template told of two attacks (the same outlet's stock phrases for the same city), not two
tellings of one attack. What real news tells late or reads loosely weighs little: the suicide cue, the
target class, a claim after early blame, the kind of attack at one named site, the words of a later day.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz

from ..model import Incident
from ..text import fold
from .readings import Reading
from .sites import is_named_site, same_site

DATE_WINDOW_DAYS = 3
MERGE_SCORE = 4.0
MAX_DISTANCE_KM = 150.0
MIN_IDENTITY = 2.0


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
    also_same: list[MergeDecision] = field(default_factory=list)

    def as_dict(self) -> dict:
        found: dict = {
            "incident_id": self.incident_id,
            "same": self.same,
            "score": round(self.score, 2),
            "reasons": self.reasons,
        }
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
        [f"closest {closest.incident_id} scored {closest.score:.1f}: {closest.reasons[-1]}"] if closest else []
    )
    return MergeDecision(None, False, closest.score if closest else 0.0, reasons)


def same_event(reading: Reading, candidate: Candidate) -> MergeDecision:
    new, old = reading.incident, candidate.incident
    reasons: list[str] = []
    veto = _vetoes(new, old)
    if veto:
        return MergeDecision(old.id, False, -math.inf, [veto])
    context = 0.0
    for weigh in (_date_evidence, _place_evidence):
        points, reason = weigh(new, old)
        context += points
        reasons.append(reason)
    identity, kind_conflicts, any_conflict = 0.0, 0.0, False
    for name, points, reason in _softened_at_one_site(_fact_evidence(reading, old)):
        reasons.append(reason)
        context += points if name in LOOSE_EVIDENCE else 0.0
        identity += _identity_points(name, points)
        kind_conflicts += min(points, 0.0) if name in KIND_EVIDENCE else 0.0
        any_conflict = any_conflict or points < 0
    overlap = _text_overlap(reading.terms, candidate.terms)
    points, reason = _text_evidence(overlap, _told_on_different_days(reading, old))
    if points > 0 and _wording_is_a_template(overlap, kind_conflicts, any_conflict):
        points, reason = 0.0, reason + ", but the facts conflict: shared wording is no identity"
    identity += points
    reasons.append(reason)
    score = context + identity
    # Date and place make two reports comparable but cannot pay for conflicting facts: what the reports
    # share beyond them, net of what they disagree on, must identify the event.
    same = score >= MERGE_SCORE and identity >= MIN_IDENTITY
    if score >= MERGE_SCORE and not same:
        reasons.append(
            f"date and place agree, but the rest nets {identity:.1f} < {MIN_IDENTITY}: "
            "nothing else identifies the event"
        )
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
    if a.date_precision == b.date_precision == "day":
        # both reports name the day: two days apart is a second attack more often than a misread date
        return -1.0, f"dates {gap} days apart, both stated"
    return 0.0, f"dates {gap} days apart"


POINT_PRECISIONS = ("site", "city", "district")


def _distance_km(a: Incident, b: Incident) -> float | None:
    """Between two located points; a province's or country's centroid is no point to measure from."""
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return None
    if a.geo_precision not in POINT_PRECISIONS or b.geo_precision not in POINT_PRECISIONS:
        return None
    p = math.pi / 180
    h = (
        math.sin((b.latitude - a.latitude) * p / 2) ** 2
        + math.cos(a.latitude * p) * math.cos(b.latitude * p) * math.sin((b.longitude - a.longitude) * p / 2) ** 2
    )
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
    """A generic site ('main bazaar') against a named one says nothing: both may be true of one attack.
    Generic sites are compared only within one city: every town has a main bazaar."""
    if not a.site or not b.site or is_named_site(a.site) != is_named_site(b.site):
        return 0.0, None
    if not is_named_site(a.site) and not _in_one_city(a, b):
        return 0.0, None
    if same_site(a.site, b.site):
        return 2.5, f"same site ({a.site} / {b.site})"
    return -1.5, f"different sites ({a.site} / {b.site})"


def _in_one_city(a: Incident, b: Incident) -> bool:
    return bool(a.city and b.city and fold(a.city) == fold(b.city))


def _perpetrator_evidence(a: Incident, b: Incident) -> tuple[float, str | None]:
    names_a, names_b = {p.name for p in a.perpetrators}, {p.name for p in b.perpetrators}
    if not names_a or not names_b:
        return 0.0, None
    shared = names_a & names_b
    if shared:
        return 1.5, f"same perpetrator {sorted(shared)[0]}"
    if _claimants(a) and _claimants(b):
        return 0.0, None  # _claim_evidence weighs it
    if _claimants(a) or _claimants(b):
        return 0.0, None  # a claim arriving after early blame: the blame was a guess, the claim is news
    return -0.5, f"different perpetrators named ({sorted(names_a)[0]} / {sorted(names_b)[0]})"


def _claim_evidence(a: Incident, b: Incident) -> tuple[float, str | None]:
    """Blame is often misplaced at first; two groups' own claims for one attack rarely are."""
    claimants_a, claimants_b = _claimants(a), _claimants(b)
    if not claimants_a or not claimants_b or claimants_a & claimants_b:
        return 0.0, None
    return -1.5, f"claimed by different groups ({min(claimants_a)} / {min(claimants_b)})"


def _claimants(incident: Incident) -> set[str]:
    return {p.name for p in incident.perpetrators if p.claimed}


def _type_evidence(a: Incident, b: Incident) -> tuple[float, str | None]:
    types_a = set(a.attack_types) - {"Unknown"}
    types_b = set(b.attack_types) - {"Unknown"}
    if not types_a or not types_b:
        return 0.0, None
    if types_a & types_b:
        return 1.0, f"same kind of attack ({sorted(types_a & types_b)[0]})"
    shared_family = {_attack_family(t) for t in types_a} & {_attack_family(t) for t in types_b}
    if shared_family:
        return 1.0, f"same kind of attack ({min(shared_family)}, told differently)"
    return -2.0, f"different kinds of attack ({sorted(types_a)[0]} / {sorted(types_b)[0]})"


def _attack_family(attack_type: str) -> str:
    """'Hostage Taking (Kidnapping)' -> 'Hostage Taking': whether hostages were moved or held where they
    were taken is read differently from one report of a siege to the next."""
    return attack_type.split(" (")[0]


def _suicide_evidence(a: Incident, b: Incident) -> tuple[float, str | None]:
    """The extractor says False when no report says "suicide": an early report often doesn't yet, so
    a mismatch counts against, but less than a different kind of attack."""
    if a.suicide is None or b.suicide is None:
        return 0.0, None
    if a.suicide and b.suicide:
        return 0.5, "both suicide attacks"
    if a.suicide != b.suicide:
        return -1.0, "suicide on one side only"
    return 0.0, None


# Classes too broad to tell attacks apart: most attacks also hit passers-by or their property.
VAGUE_TARGETS = frozenset({"Unknown", "Private Citizens & Property", "Other"})


def _target_evidence(a: Incident, b: Incident) -> tuple[float, str | None]:
    """Only disagreement counts: agreeing on 'Police' says little in a city where police are the usual target."""
    targets_a = set(a.target_types) - VAGUE_TARGETS
    targets_b = set(b.target_types) - VAGUE_TARGETS
    if not targets_a or not targets_b or targets_a & targets_b:
        return 0.0, None
    return -0.5, f"different targets ({min(targets_a)} / {min(targets_b)})"


def _weapon_evidence(a: Incident, b: Incident) -> tuple[float, str | None]:
    weapons_a = set(a.weapon_types) - {"Unknown", "Other"}
    weapons_b = set(b.weapon_types) - {"Unknown", "Other"}
    if not weapons_a or not weapons_b or weapons_a & weapons_b:
        return 0.0, None
    return -1.0, f"different weapons ({min(weapons_a)} / {min(weapons_b)})"


def _toll_evidence(reading: Reading, old: Incident) -> tuple[float, str | None]:
    """Tolls grow (28 -> 61 -> 84) and are sometimes revised down a little. A report published after the
    stored attack's day whose toll is under a third of every figure the stored incident ever had tells of
    another attack; a report of the day itself may be the earliest count, so only a later one is judged."""
    toll = reading.incident.killed.best
    lowest = old.killed.low if old.killed.low is not None else old.killed.best
    if _one_toll_on_one_day(reading.incident, old):
        points = SAME_TOLL_POINTS if (toll or 0) >= SAME_TOLL_FULL else SAME_TOLL_POINTS / 2
        return points, f"the same toll on the same day ({toll} killed)"
    if toll is None or lowest is None or not _published_after_the_day(reading, old):
        return 0.0, None
    if toll * TOLL_DROP_RATIO < lowest and lowest - toll >= TOLL_DROP_MIN:
        return -1.5, f"toll fell from {lowest} to {toll} in a later report"
    return 0.0, None


TOLL_DROP_RATIO = 3
TOLL_DROP_MIN = 5
# Two attacks in one place on one day with the very same count of dead are rare: one toll told twice. A
# small count (two or three dead) is common to many attacks of a busy day, and weighs half.
SAME_TOLL_POINTS = 2.0
SAME_TOLL_FULL = 5
SAME_TOLL_MIN = 2


def _one_toll_on_one_day(new: Incident, old: Incident) -> bool:
    toll = new.killed.best
    if toll is None or toll < SAME_TOLL_MIN or not new.date or new.date != old.date:
        return False
    return toll in {old.killed.best, old.killed.low, old.killed.high}


def _published_after_the_day(reading: Reading, old: Incident) -> bool:
    if not reading.published or not old.date or old.date_precision != "day":
        return False
    return reading.published[:10] > old.date


FACT_EVIDENCE = {
    "site": _site_evidence,
    "perpetrator": _perpetrator_evidence,
    "claim": _claim_evidence,
    "type": _type_evidence,
    "suicide": _suicide_evidence,
    "target": _target_evidence,
    "weapon": _weapon_evidence,
}
# Conflicts about what kind of attack it was (and who claimed it, and its toll) silence shared wording.
# Sites and blamed groups differ between true reports too (a multi-site attack, an early misattribution).
KIND_EVIDENCE = frozenset({"claim", "type", "weapon", "toll"})
# Target classes are read loosely (one truck bomb hits a hotel, soldiers and an airport road): they weigh
# in the score, but are no part of what identifies the event. So is a suicide mismatch: the first reports
# of an attack often do not yet say the attacker blew himself up, and later ones do.
LOOSE_EVIDENCE = frozenset({"target", "suicide"})


def _identity_points(name: str, points: float) -> float:
    """What a fact adds to the event's identity. A conflict about the kind of attack takes away; different
    sites or blamed groups do not (one attack on several sites, an early misattribution), nor do targets."""
    if name in LOOSE_EVIDENCE:
        return 0.0
    return points if points > 0 or name in KIND_EVIDENCE else 0.0


def _fact_evidence(reading: Reading, old: Incident) -> list[tuple[str, float, str]]:
    """What the two incidents' facts say, for or against, by kind of fact; silent facts are left out.
    The toll needs the report's publication date, so it is weighed on the reading."""
    found = [(name, *weigh(reading.incident, old)) for name, weigh in FACT_EVIDENCE.items()]
    found.append(("toll", *_toll_evidence(reading, old)))
    return [(name, points, reason) for name, points, reason in found if reason]


# At one named site, a different kind of attack is more often a different reading (a truck driven into a
# crowd read as a bombing, then as an assault) than a second attack there on the same days.
KIND_CONFLICT_AT_ONE_SITE = -0.5


def _softened_at_one_site(evidence: list[tuple[str, float, str]]) -> list[tuple[str, float, str]]:
    if not any(name == "site" and points > 0 for name, points, _ in evidence):
        return evidence
    return [
        (name, KIND_CONFLICT_AT_ONE_SITE, reason + ", at one site")
        if name == "type" and points < 0
        else (name, points, reason)
        for name, points, reason in evidence
    ]


# Conflicts at least this heavy (a different kind of attack, a fallen toll, or two lesser ones
# such as a suicide mismatch and a different weapon) mean that the words the reports share are a
# template, not a shared story. A single lesser conflict is often an early report's gap or misreading.
CONFLICT_SILENCES_TEXT = -1.5


# Wording this close is one story copied or one template filled in: copies of one story yield the same
# facts, so near-identical wording with any conflicting fact is a template told of another attack.
NEAR_IDENTICAL_WORDING = 0.6


def _wording_is_a_template(overlap: float | None, kind_conflicts: float, any_conflict: bool) -> bool:
    if overlap is not None and overlap >= NEAR_IDENTICAL_WORDING:
        return any_conflict
    return kind_conflicts <= CONFLICT_SILENCES_TEXT


def _text_overlap(a: frozenset[str], b: frozenset[str]) -> float | None:
    """Share of the shorter lead's distinctive words that the other has too; None without text."""
    if not a or not b:
        return None
    return len(a & b) / min(len(a), len(b))


def _text_evidence(overlap: float | None, different_days: bool) -> tuple[float, str]:
    """Little shared wording counts against only between reports of one day: a later day's lead tells what
    is new (the funerals, the claim, the arrests), not the words of the first report."""
    if overlap is None:
        return 0.0, "no text to compare"
    points = 3.0 if overlap >= 0.35 else 2.0 if overlap >= 0.22 else 1.0 if overlap >= 0.14 else -1.0
    reason = f"reports share {overlap:.0%} of their distinctive words"
    if points < 0 and different_days:
        return 0.0, reason + ", told on different days"
    return points, reason


def _told_on_different_days(reading: Reading, old: Incident) -> bool:
    return bool(reading.published and old.first_reported and reading.published[:10] != old.first_reported)
