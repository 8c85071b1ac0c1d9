"""Every analyst write: one transaction under the write lock, the version checked, the change audited
with what undoing it needs. The API and the CLI both call these; nothing else writes analyst state."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from ..merge.readings import Reading
from ..merge.reconcile import reconcile
from ..model import Incident, IncidentStatus
from ..store import analysts as repo
from ..store.repository import Store
from ..store.transaction import Transaction
from .errors import NotFound, Refused, StaleVersion
from .fields import spec
from .overrides import AnalystState, Correction, overlay
from .places import resolve_place


def now() -> str:
    return datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds")


def state_for_write(tx: Transaction, incident_id: str, version: int | None) -> AnalystState:
    """The incident's state, or 404; 409 when the writer read an older version than the stored one."""
    if tx.incident(incident_id) is None:
        raise NotFound(f"no incident {incident_id}")
    state = tx.analyst_state(incident_id)
    if version is not None and version != state.version:
        raise StaleVersion(state.changed_by, state.changed_at, state.version)
    return state


def changed(state: AnalystState, analyst: str) -> AnalystState:
    state.version += 1
    state.changed_by, state.changed_at = analyst, now()
    return state


def saved(tx: Transaction, incident_id: str) -> Incident:
    tx.forget(incident_id)
    incident = tx.incident(incident_id)
    if incident is None:
        raise NotFound(f"no incident {incident_id}")
    return incident


def machine_of(tx: Transaction, incident_id: str) -> Incident:
    """The machine's record of an incident that must be stored (404 otherwise)."""
    machine = tx.machine_record(incident_id)
    if machine is None:
        raise NotFound(f"no incident {incident_id}")
    return machine


# --- field corrections -----------------------------------------------------------------------------


def correct(
    store: Store, incident_id: str, analyst: str, field: str, value: Any, note: str = "", version: int | None = None
) -> Incident:
    """The analyst's value for one field: it outranks every report's, now and after any later ingest."""
    field_spec = spec(field)
    value = field_spec.parse(value)
    if field == "place":
        value = resolve_place(value)
    with store.transaction() as tx:
        state = state_for_write(tx, incident_id, version)
        machine = machine_of(tx, incident_id)
        before = field_spec.read(overlay(machine, state))
        previous = state.overrides.get(field)
        state.overrides[field] = Correction(
            value=value, analyst=analyst, at=now(), note=note, machine=field_spec.read(machine)
        )
        tx.write_analyst_state(incident_id, changed(state, analyst))
        repo.insert_audit(
            tx,
            analyst,
            incident_id,
            "correct",
            field,
            before,
            value,
            note,
            undo={"override": previous.model_dump(mode="json") if previous else None},
        )
        return saved(tx, incident_id)


def revert(
    store: Store, incident_id: str, analyst: str, field: str, note: str = "", version: int | None = None
) -> Incident:
    """The field back to the machine's value."""
    field_spec = spec(field)
    with store.transaction() as tx:
        state = state_for_write(tx, incident_id, version)
        previous = state.overrides.pop(field, None)
        if previous is None:
            raise Refused(f"{incident_id}: {field} holds the machine's value already")
        before = previous.value
        tx.write_analyst_state(incident_id, changed(state, analyst))
        after = field_spec.read(machine_of(tx, incident_id))
        repo.insert_audit(
            tx,
            analyst,
            incident_id,
            "revert",
            field,
            before,
            after,
            note,
            undo={"override": previous.model_dump(mode="json")},
        )
        return saved(tx, incident_id)


# --- verdicts ------------------------------------------------------------------------------------------


def set_status(
    store: Store, incident_id: str, analyst: str, status: IncidentStatus, note: str = "", version: int | None = None
) -> Incident:
    """'not_attack' hides it from listings, maps, exports and alerts; 'active' brings it back."""
    with store.transaction() as tx:
        state = state_for_write(tx, incident_id, version)
        before, state.status = state.status, status
        tx.write_analyst_state(incident_id, changed(state, analyst))
        repo.insert_audit(tx, analyst, incident_id, "status", "status", before, status, note, undo={"status": before})
        return saved(tx, incident_id)


def mark_reviewed(store: Store, incident_id: str, analyst: str, note: str = "", version: int | None = None) -> Incident:
    with store.transaction() as tx:
        state = state_for_write(tx, incident_id, version)
        before, state.reviewed_by = state.reviewed_by, analyst
        tx.write_analyst_state(incident_id, changed(state, analyst), reviewed_at=datetime.fromisoformat(now()))
        repo.insert_audit(
            tx, analyst, incident_id, "reviewed", None, before, analyst, note, undo={"reviewed_by": before}
        )
        return saved(tx, incident_id)


# --- structure -----------------------------------------------------------------------------------------


def reconcile_stored(tx: Transaction, incident_id: str) -> None:
    """The machine's record again from the incident's readings, with the analyst's state over it."""
    readings = [Reading(r.incident, r.report_id, r.published, r.sequence, r.terms) for r in tx.readings_of(incident_id)]
    tx.save_incident(reconcile(incident_id, readings).incident)


def split_off(tx: Transaction, from_id: str, new_id: str, report_ids: list[str]) -> None:
    """These reports leave `from_id` for the incident `new_id`; both are reconciled again."""
    readings = [
        Reading(r.incident, r.report_id, r.published, r.sequence, r.terms)
        for r in tx.readings_of(from_id)
        if r.report_id in report_ids
    ]
    tx.save_incident(reconcile(new_id, readings).incident)  # the row first: the moved rows point at it
    repo.move_reports(tx, from_id, new_id, report_ids)
    reconcile_stored(tx, new_id)
    reconcile_stored(tx, from_id)


def detached_id(incident_id: str, report_id: str) -> str:
    return "inc-" + hashlib.sha1(f"{incident_id}/{report_id}".encode()).hexdigest()[:12]


def detach(
    store: Store, incident_id: str, report_id: str, analyst: str, note: str = "", version: int | None = None
) -> Incident:
    """The report leaves for an incident of its own, never to be merged back by a later report."""
    with store.transaction() as tx:
        state = state_for_write(tx, incident_id, version)
        reports = repo.incident_reports(tx, incident_id)
        if report_id not in reports:
            raise NotFound(f"incident {incident_id} has no report {report_id}")
        if len(reports) == 1:
            raise Refused(f"{report_id} is the only report of {incident_id}: nothing to detach it from")
        new_id = detached_id(incident_id, report_id)
        others = [r for r in reports if r != report_id]
        split_off(tx, incident_id, new_id, [report_id])
        pairs = repo.add_must_not_link(tx, [report_id], others, analyst)
        tx.write_analyst_state(incident_id, changed(state, analyst))
        entry = repo.insert_audit(
            tx,
            analyst,
            incident_id,
            "detach",
            None,
            reports,
            others,
            note,
            undo={"detached": new_id, "report": report_id, "pairs": pairs},
        )
        repo.insert_audit(
            tx,
            analyst,
            new_id,
            "detached",
            None,
            None,
            [report_id],
            f"detached from {incident_id} (undo: entry {entry})" + (f": {note}" if note else ""),
        )
        return saved(tx, new_id)


def merge(store: Store, incident_ids: list[str], analyst: str, note: str = "", version: int | None = None) -> Incident:
    """One incident of two (or more): the first keeps its id; kept as later reports arrive."""
    ids = list(dict.fromkeys(incident_ids))
    if len(ids) < 2:
        raise Refused("a merge needs two different incidents")
    kept = ids[0]
    with store.transaction() as tx:
        before = state_for_write(tx, kept, version)
        for other in ids[1:]:
            if tx.incident(other) is None:
                raise NotFound(f"no incident {other}")
        undo = []
        for other in ids[1:]:
            undo.append(_absorb(tx, kept, other))
        reconcile_stored(tx, kept)
        tx.write_analyst_state(kept, changed(tx.analyst_state(kept), analyst))
        kept_overrides = {k: c.model_dump(mode="json") for k, c in before.overrides.items()}
        repo.insert_audit(
            tx,
            analyst,
            kept,
            "merge",
            None,
            ids[1:],
            kept,
            note,
            undo={"absorbed": undo, "kept_overrides": kept_overrides},
        )
        return saved(tx, kept)


def _absorb(tx: Transaction, kept: str, other: str) -> dict:
    """Joins `other` into `kept`, lifting an analyst's earlier split between them; what undoing needs."""
    reports = repo.incident_reports(tx, other)
    pairs = repo.separating_pairs(tx, repo.incident_reports(tx, kept), reports)
    repo.remove_must_not_link(tx, pairs)
    state = tx.analyst_state(other)
    tx.absorb_incident(kept, other)
    return {"id": other, "reports": reports, "state": state.model_dump(mode="json"), "pairs": pairs}
