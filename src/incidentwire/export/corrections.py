"""`export --format corrections`: the analysts' corrections as labelled examples for `eval reports`.

One JSON line per report (the report JSON plus `expected`, `incident`, `corrected_by`). Each corrected
field becomes the expected value of the report its machine value came from: for a figure, the report that
gave the best one; for another field, the report of its first anchor evidence; else the incident's first
report. A report of an incident marked "not an attack" expects no incident (`expected: null`). So every
correction is a test case for the extractor: its original reading scores a miss, the analyst's a hit.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO

from ..model import COUNT_FIELDS, Incident
from ..store import analysts as repo
from ..store.repository import IncidentDetail, Store

# the correction's field -> the Incident attributes whose evidence names the report it came from
EVIDENCE_OF = {"place": ("city", "admin1", "country"), "perpetrators": ("perpetrators",)}


def expected_values(field: str, value) -> dict:
    """A corrected field as `eval reports` expects it."""
    if field in COUNT_FIELDS:
        return {field: value.get("best")}
    if field == "place":
        return {name: value.get(name) for name in ("country", "admin1", "city")}
    if field == "perpetrators":
        first = value[0] if value else None
        return {
            "perpetrator": first["name"] if first else None,
            "claimed": any(p.get("responsibility") == "claimed" for p in value),
        }
    if field in ("date", "suicide", "attack_types", "target_types", "weapon_types"):
        return {field: value}
    return {}  # site: no field of `eval reports` scores it


def source_report(field: str, machine: Incident, detail: IncidentDetail) -> str:
    """The report the machine's value of the field came from."""
    if field in COUNT_FIELDS:
        points = [p for p in detail.toll_history.get(field, []) if p["value"] == getattr(machine, field).best]
        if points:
            return points[-1]["report_id"]
    for name in EVIDENCE_OF.get(field, (field,)):
        spans = [s for s in machine.evidence.get(name, []) if s.context == "anchor" and s.report_id]
        if spans:
            return spans[0].report_id
    return machine.reports[0]


def labelled_lines(store: Store) -> Iterator[dict]:
    for incident_id in repo.corrected_incident_ids(store):
        detail = store.incident_detail(incident_id)
        machine = repo.machine_record(store, incident_id)
        if detail is None or machine is None or not machine.reports:
            continue
        expected: dict[str, dict] = {r.id: {} for r in detail.reports}
        who: dict[str, set[str]] = {r.id: set() for r in detail.reports}
        state = repo.analyst_state(store, incident_id)
        for field, correction in state.overrides.items():
            report_id = source_report(field, machine, detail)
            if report_id in expected:
                expected[report_id].update(expected_values(field, correction.value))
                who[report_id].add(correction.analyst)
        for report in detail.reports:
            if state.status == "not_attack":
                yield _line(report, None, incident_id, sorted(who[report.id]) or [state.changed_by or "admin"])
            elif expected[report.id]:
                yield _line(report, expected[report.id], incident_id, sorted(who[report.id]))


def _line(report, expected: dict | None, incident_id: str, analysts: list[str]) -> dict:
    return {**report.model_dump(mode="json"), "expected": expected, "incident": incident_id, "corrected_by": analysts}


def write_corrections(store: Store, out: IO[str]) -> int:
    """Writes the labelled lines; returns how many."""
    written = 0
    for line in labelled_lines(store):
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        written += 1
    return written
