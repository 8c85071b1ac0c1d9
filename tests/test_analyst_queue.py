"""Why an incident is in the review queue, and in which order (the reasons on hand-made incidents)."""

from __future__ import annotations

from incidentwire.analyst.overrides import AnalystState, Correction, overlay
from incidentwire.analyst.queue import reasons_for
from incidentwire.model import Conflict, Count, Evidence, Incident


def kinds(incident: Incident, merges=()) -> list[str]:
    return [kind for kind, _why in reasons_for(incident, list(merges))]


def evidenced(**fields) -> Incident:
    spans = {name: [Evidence(start=0, end=1, text="x", report_id="a")] for name in ("date", "city", "killed")}
    base = Incident(
        id="i",
        date="2024-01-02",
        city="Quetta",
        country="Pakistan",
        geo_precision="city",
        killed=Count.of(3),
        reports=["a", "b"],
        evidence=spans,
        **fields,
    )
    return overlay(base, AnalystState())


def test_a_well_told_incident_needs_no_one():
    assert kinds(evidenced()) == []


def test_each_reason_is_found():
    assert kinds(evidenced(conflicts=[Conflict(field="killed", values=[3, 5])])) == ["figures_conflict"]
    single = evidenced().model_copy(update={"reports": ["a"], "killed": Count.of(40)})
    assert kinds(single) == ["single_report_high_toll"]
    assert kinds(evidenced(), merges=[(True, 4.6)]) == ["merge_near_threshold"]
    assert kinds(evidenced(), merges=[(True, 9.0), (False, 0.0)]) == []
    province = evidenced().model_copy(update={"geo_precision": "province", "city": None})
    assert kinds(province) == ["no_place_below_city"]
    background = evidenced()
    background.evidence["killed"] = [Evidence(start=0, end=1, text="x", context="background")]
    assert kinds(background) == ["weak_evidence"]


def test_a_report_that_disagrees_after_a_correction_comes_first():
    correction = Correction(
        value={"best": 12, "low": 12, "high": 12},
        analyst="alice",
        at="2024-01-03T10:00:00",
        machine={"best": 3, "low": 3, "high": 3},
    )
    machine = evidenced().model_copy(update={"killed": Count.of(30)})
    corrected = overlay(machine, AnalystState(overrides={"killed": correction}))
    assert kinds(corrected)[0] == "analyst_disagreement"
    unchanged = overlay(evidenced(), AnalystState(overrides={"killed": correction}))
    assert kinds(unchanged) == []  # the disagreement the analyst saw when correcting
