"""incidentwire's own columns, written after GTD's or ACLED's: what those layouts cannot hold.

`incidentwire_id` finds an incident again on a round trip (GTD's eventid and ACLED's event_id_cnty are
numbered per export); `sources` the reports behind it; `evidence` the supporting spans as JSON; and every
count as best/low/high, where GTD and ACLED keep one figure; then the analyst's hand: `reviewed`
(1/0), `reviewed_by`, `analyst_fields` (the fields whose value an analyst set, ';'-joined) and
`field_sources` ({field: "machine" | "analyst"} as JSON).
"""

from __future__ import annotations

import json
from typing import cast

from ..model import Count, Counts, Evidence, Incident
from .cells import guard_cell, number_cell

COUNTS = ("killed", "killed_perpetrators", "wounded", "hostages")
BOUNDS = ("best", "low", "high")
COUNT_COLUMNS = tuple(f"{count}_{bound}" for count in COUNTS for bound in BOUNDS)
REVIEW_COLUMNS = ("reviewed", "reviewed_by", "analyst_fields", "field_sources")
EXTRA_COLUMNS = ("incidentwire_id", "sources", "evidence", *COUNT_COLUMNS, *REVIEW_COLUMNS)
NUMERIC_EXTRAS = frozenset((*COUNT_COLUMNS, "reviewed"))


def extra_cells(incident: Incident) -> dict[str, str]:
    cells = {
        "incidentwire_id": guard_cell(incident.id),
        "sources": guard_cell(";".join(incident.reports)),
        "evidence": guard_cell(_evidence_json(incident)),
    }
    for count in COUNTS:
        figure = getattr(incident, count)
        for bound in BOUNDS:
            cells[f"{count}_{bound}"] = number_cell(getattr(figure, bound))
    return {**cells, **review_cells(incident)}


def review_cells(incident: Incident) -> dict[str, str]:
    """Whether a person reviewed it, who, and whose value each field holds."""
    analyst = [name for name, source in incident.field_sources.items() if source == "analyst"]
    return {
        "reviewed": "1" if incident.reviewed else "0",
        "reviewed_by": guard_cell(incident.reviewed_by or ""),
        "analyst_fields": guard_cell(";".join(analyst)),
        "field_sources": guard_cell(json.dumps(incident.field_sources, separators=(",", ":"))),
    }


def review_from_extras(row: dict[str, str]) -> dict:
    """The review columns back as Incident fields (nothing for a real GTD/ACLED row)."""
    if "reviewed" not in row:
        return {}
    return {
        "reviewed": row.get("reviewed") == "1",
        "reviewed_by": row.get("reviewed_by") or None,
        "field_sources": json.loads(row.get("field_sources") or "{}"),
    }


def _evidence_json(incident: Incident) -> str:
    if not incident.evidence:
        return ""
    spans = {field: [span.model_dump() for span in spans] for field, spans in incident.evidence.items()}
    return json.dumps(spans, ensure_ascii=False, separators=(",", ":"))


def counts_from_extras(row: dict[str, str]) -> Counts | None:
    """The four counts with their ranges, when the row has our columns (None for a real GTD/ACLED row)."""
    if "killed_best" not in row:
        return None
    # one Count for each name of COUNTS, which are the Counts' keys
    return cast(
        Counts,
        {
            count: Count.model_validate({bound: _int(row.get(f"{count}_{bound}")) for bound in BOUNDS})
            for count in COUNTS
        },
    )


def evidence_from_extras(row: dict[str, str]) -> dict[str, list[Evidence]]:
    text = row.get("evidence") or ""
    if not text:
        return {}
    return {field: [Evidence(**span) for span in spans] for field, spans in json.loads(text).items()}


def sources_from_extras(row: dict[str, str]) -> list[str]:
    return [r for r in (row.get("sources") or "").split(";") if r]


def _int(cell: str | None) -> int | None:
    return int(float(cell)) if cell else None
