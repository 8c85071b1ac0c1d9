"""Undoing one audited change. Each entry holds what undoing it needs; an undo is itself audited, and
an undone field change, status or review can be undone again (redo)."""

from __future__ import annotations

from datetime import datetime

from ..model import Incident
from ..store import analysts as repo
from ..store.repository import Store
from ..store.transaction import Transaction
from .actions import changed, machine_of, now, reconcile_stored, saved, split_off, state_for_write
from .errors import NotFound, Refused
from .fields import spec
from .overrides import AnalystState, Correction, overlay


def undo(store: Store, entry_id: int, analyst: str, version: int | None = None) -> Incident:
    """Undoes audit entry `entry_id`; answers the incident as it now stands."""
    with store.transaction() as tx:
        entry = repo.audit_entry(tx, entry_id)
        if entry is None:
            raise NotFound(f"no audit entry {entry_id}")
        if entry.undone_by is not None:
            raise Refused(f"audit entry {entry_id} was undone already (by entry {entry.undone_by})")
        if not entry.undo:
            raise Refused(f"audit entry {entry_id} ({entry.action}) cannot be undone on its own")
        incident_id = entry.incident_id
        if incident_id is None:  # every entry with undo data names its incident
            raise NotFound(f"no incident for audit entry {entry_id}")
        state = state_for_write(tx, incident_id, version)
        reverse, before, after = _reverse(tx, entry, incident_id, entry.undo, state, analyst)
        done = repo.insert_audit(
            tx,
            analyst,
            incident_id,
            "undo",
            entry.field,
            before,
            after,
            f"undid entry {entry_id} ({entry.action})",
            undo=reverse,
        )
        repo.mark_undone(tx, entry_id, done)
        return saved(tx, incident_id)


def _reverse(tx: Transaction, entry: repo.AuditEntry, incident_id: str, data: dict, state: AnalystState, analyst: str):
    """Applies the entry's undo data; (the data that would undo this undo, before, after)."""
    if "override" in data and entry.field is not None:  # a field's override: the entry names the field
        return _restore_override(tx, incident_id, entry.field, data["override"], state, analyst)
    if "status" in data:
        status_before, state.status = state.status, data["status"]
        tx.write_analyst_state(incident_id, changed(state, analyst))
        return {"status": status_before}, status_before, state.status
    if "reviewed_by" in data:
        reviewer_before, state.reviewed_by = state.reviewed_by, data["reviewed_by"]
        reviewed_at = datetime.fromisoformat(now()) if state.reviewed_by else None
        tx.write_analyst_state(incident_id, changed(state, analyst), reviewed_at=reviewed_at)
        return {"reviewed_by": reviewer_before}, reviewer_before, state.reviewed_by
    if "detached" in data:
        return None, *_rejoin(tx, incident_id, data, analyst)
    if "absorbed" in data:
        return None, *_split_again(tx, incident_id, data, analyst)
    raise Refused(f"audit entry {entry.id} ({entry.action}) cannot be undone")


def _restore_override(
    tx: Transaction, incident_id: str, field: str, prior: dict | None, state: AnalystState, analyst: str
):
    field_spec = spec(field)
    machine = machine_of(tx, incident_id)
    current = state.overrides.get(field)
    before = field_spec.read(overlay(machine, state))
    if prior is None:
        state.overrides.pop(field, None)
    else:
        state.overrides[field] = Correction.model_validate(prior)
    tx.write_analyst_state(incident_id, changed(state, analyst))
    after = field_spec.read(overlay(machine, state))
    return {"override": current.model_dump(mode="json") if current else None}, before, after


def _rejoin(tx: Transaction, incident_id: str, data: dict, analyst: str):
    """Undoes a detach: the detached incident joins the one it left, and the split is lifted."""
    detached = data["detached"]
    if tx.incident(detached) is None:
        raise Refused(f"the detached incident {detached} is gone (merged since); undo that first")
    repo.remove_must_not_link(tx, data["pairs"])
    tx.absorb_incident(incident_id, detached)
    reconcile_stored(tx, incident_id)
    tx.write_analyst_state(incident_id, changed(tx.analyst_state(incident_id), analyst))
    return [detached], incident_id


def _split_again(tx: Transaction, kept: str, data: dict, analyst: str):
    """Undoes a merge: each absorbed incident back with its reports and its analyst state; the kept one
    without the corrections it took over from them."""
    absorbed = data["absorbed"]
    for item in absorbed:
        if tx.incident(item["id"]) is not None:
            raise Refused(f"incident {item['id']} exists again; nothing to split")
        split_off(tx, kept, item["id"], item["reports"])
        restored = AnalystState.model_validate(item["state"])
        tx.write_analyst_state(item["id"], changed(restored, analyst))
        for a, b in item["pairs"]:
            repo.add_must_not_link(tx, [a], [b], analyst)
    reconcile_stored(tx, kept)
    state = tx.analyst_state(kept)
    if "kept_overrides" in data:
        state.overrides = {k: Correction.model_validate(c) for k, c in data["kept_overrides"].items()}
    tx.write_analyst_state(kept, changed(state, analyst))
    return kept, [item["id"] for item in absorbed]
