"""Parquet (pyarrow): one row per incident under an explicit schema.

Counts are structs {best, low, high}; types, reports and responders are lists of strings; perpetrators a
list of structs; roles a struct of the five MUC-4 roles; evidence a map from field name to spans. `date` is a
Parquet date (the first of the month or year for coarser precision, as in the Incident). A conflict's
`values` mix numbers and strings, so they are stored as JSON text. Rows are written in row groups of
`ROW_GROUP` incidents, so a large export never sits in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice
from typing import BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from ..model import ROLE_NAMES, Incident

ROW_GROUP = 1000

COUNT = pa.struct([("best", pa.int64()), ("low", pa.int64()), ("high", pa.int64()), ("approximate", pa.bool_())])
STRINGS = pa.list_(pa.string())
SPAN = pa.struct(
    [
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("text", pa.string()),
        ("report_id", pa.string()),
        ("context", pa.string()),
    ]
)
PERPETRATOR = pa.struct(
    [("name", pa.string()), ("claimed", pa.bool_()), ("responsibility", pa.string()), ("mentions", STRINGS)]
)
CONFLICT = pa.struct([("field", pa.string()), ("values_json", pa.string()), ("note", pa.string())])

SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("date", pa.date32()),
        ("date_precision", pa.string()),
        ("country", pa.string()),
        ("admin1", pa.string()),
        ("city", pa.string()),
        ("latitude", pa.float64()),
        ("longitude", pa.float64()),
        ("geo_precision", pa.string()),
        ("site", pa.string()),
        ("perpetrators", pa.list_(PERPETRATOR)),
        ("attack_types", STRINGS),
        ("suicide", pa.bool_()),
        ("target_types", STRINGS),
        ("weapon_types", STRINGS),
        ("killed", COUNT),
        ("killed_perpetrators", COUNT),
        ("wounded", COUNT),
        ("hostages", COUNT),
        ("perpetrator_count", pa.int64()),
        ("duration_hours", pa.float64()),
        ("responders", STRINGS),
        ("roles", pa.struct([(role, pa.list_(STRINGS)) for role in ROLE_NAMES])),
        ("evidence", pa.map_(pa.string(), pa.list_(SPAN))),
        ("conflicts", pa.list_(CONFLICT)),
        ("reports", STRINGS),
        ("first_reported", pa.date32()),
        # the analyst's hand: verdict, review, and whose value each field holds
        ("status", pa.string()),
        ("version", pa.int64()),
        ("reviewed", pa.bool_()),
        ("reviewed_by", pa.string()),
        ("field_sources", pa.map_(pa.string(), pa.string())),
    ],
    metadata={"source": "incidentwire", "codes": "GTD codebook category names"},
)


def parquet_row(incident: Incident) -> dict:
    """One incident as a row of SCHEMA."""
    row = incident.model_dump(mode="json")
    row["date"] = date.fromisoformat(incident.date) if incident.date else None
    row["first_reported"] = date.fromisoformat(incident.first_reported) if incident.first_reported else None
    row["roles"] = {role: incident.roles.get(role, []) for role in ROLE_NAMES}
    row["evidence"] = list(row["evidence"].items())
    row["field_sources"] = list(row["field_sources"].items())
    row["conflicts"] = [
        {"field": c["field"], "values_json": json.dumps(c["values"], ensure_ascii=False), "note": c["note"]}
        for c in row["conflicts"]
    ]
    return row


def incident_from_parquet_row(row: dict) -> Incident:
    """The Incident a row of SCHEMA holds."""
    row = dict(row)
    row["date"] = row["date"].isoformat() if row["date"] else None
    row["first_reported"] = row["first_reported"].isoformat() if row.get("first_reported") else None
    # files written before evidence carried its context have none: such spans were read as the anchor
    row["evidence"] = {
        field: [{**span, "context": span.get("context") or "anchor"} for span in spans]
        for field, spans in (row["evidence"] or [])
    }
    row["conflicts"] = [
        {"field": c["field"], "values": json.loads(c["values_json"]), "note": c["note"]} for c in row["conflicts"] or []
    ]
    row["field_sources"] = dict(row.get("field_sources") or [])
    return Incident.model_validate({k: v for k, v in row.items() if v is not None or k not in _DEFAULTED})


_DEFAULTED = ("status", "version", "reviewed")  # absent from files written before them: the defaults


def write_parquet(incidents: Iterable[Incident], out: BinaryIO | str) -> int:
    """Writes every incident under SCHEMA; returns the number of rows."""
    rows = 0
    with pq.ParquetWriter(out, SCHEMA) as writer:
        for chunk in _chunks(incidents, ROW_GROUP):
            writer.write_table(pa.Table.from_pylist([parquet_row(i) for i in chunk], schema=SCHEMA))
            rows += len(chunk)
    return rows


def _chunks(items: Iterable[Incident], size: int) -> Iterator[list[Incident]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def read_parquet(source: BinaryIO | str) -> list[Incident]:
    """The incidents of a file written by `write_parquet`."""
    table = pq.read_table(source, schema=SCHEMA)
    return [incident_from_parquet_row(row) for row in table.to_pylist()]
