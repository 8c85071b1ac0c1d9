"""An incident's analyst state laid over the machine's reconciled record: the last step of reconciliation.

An analyst's reading outranks every machine reading: the corrected field takes the analyst's value,
whatever the reports say. A machine value that disagrees is kept, as a conflict, never silently dropped;
removing the correction (a revert, an undo) gives the field back to the machine.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from ..model import Conflict, FieldSource, Incident, IncidentStatus
from .fields import SOURCE_ATTRIBUTES, is_blank, spec


class Correction(BaseModel):
    """One analyst reading of one field."""

    value: Any = None
    analyst: str
    at: str  # ISO time, UTC
    note: str = ""
    machine: Any = None  # the machine's value when the analyst corrected it


class AnalystState(BaseModel):
    overrides: dict[str, Correction] = Field(default_factory=dict)
    status: IncidentStatus = "active"
    version: int = 1
    reviewed_by: str | None = None
    changed_by: str | None = None
    changed_at: str | None = None


def overlay(machine: Incident, state: AnalystState) -> Incident:
    """The incident as it stands: the machine's record with the analyst's corrections and verdicts."""
    sources: dict[str, FieldSource] = {
        name: "machine" for name in SOURCE_ATTRIBUTES if not is_blank(_attribute(machine, name))
    }
    # copied deep only when corrections write into it: most incidents have none, and ingest saves each often
    final = machine.model_copy(deep=True) if state.overrides else machine.model_copy()
    for field, correction in state.overrides.items():
        field_spec = spec(field)
        field_spec.write(final, correction.value)
        for name in field_spec.attributes:
            if name in SOURCE_ATTRIBUTES:
                sources[name] = "analyst"
        machine_value = field_spec.read(machine)
        if not is_blank(machine_value) and not field_spec.same(machine_value, correction.value):
            final.conflicts.append(machine_disagrees(field, correction, machine_value))
    final.status, final.version = state.status, state.version
    final.reviewed, final.reviewed_by = state.reviewed_by is not None, state.reviewed_by
    final.field_sources = sources
    return final


def machine_disagrees(field: str, correction: Correction, machine_value: Any) -> Conflict:
    later = not spec(field).same(machine_value, correction.machine)
    note = f"analyst {correction.analyst} set {field} on {correction.at[:10]}; the reports " + (
        "now say otherwise (new since the correction)" if later else "say otherwise"
    )
    return Conflict(field=field, values=[correction.value, machine_value], note=note)


def is_new_disagreement(conflict: Conflict) -> bool:
    return conflict.note.endswith("(new since the correction)")


def _attribute(incident: Incident, name: str) -> Any:
    value = getattr(incident, name)
    return value.model_dump() if hasattr(value, "model_dump") else value
