"""Composes the field extractors into Incidents: a pure function of a Report and the pipeline.

Knows nothing of storage, the web or the CLI, so it runs the same in a test, the server and Spark.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Incident, Record, Report
from ..nlp import get_nlp
from ..read.language import looks_english
from .actors import find_perpetrators, find_responders
from .casualties import count_casualties
from .dates import find_incident_date
from .places import find_location
from .relevance import describes_attack
from .roles import find_roles
from .spans import Context, evidence
from .types import classify_types

# spaCy's cost grows with length; news reports are far shorter, and a page of a million
# characters would blow the parser's memory. Longer texts are read up to this bound.
MAX_TEXT_CHARS = 100_000
BATCH_SIZE = 64


def extract_record(report: Report, nlp: Language | None = None) -> Record:
    """The incidents one report describes (none when it describes no attack)."""
    return next(extract_records([report], nlp))


def extract_records(reports: Iterable[Report], nlp: Language | None = None) -> Iterator[Record]:
    """Records for many reports, in input order, parsed in batches; each report is read on its own."""
    nlp = nlp or get_nlp()
    batch: list[Report] = []
    for report in reports:
        batch.append(report)
        if len(batch) >= BATCH_SIZE:
            yield from _extract_batch(batch, nlp)
            batch = []
    yield from _extract_batch(batch, nlp)


def _worth_parsing(report: Report) -> bool:
    text = report.text[:MAX_TEXT_CHARS]
    return bool(text.strip()) and looks_english(text) and describes_attack(text)


def _extract_batch(reports: list[Report], nlp: Language) -> Iterator[Record]:
    """Only reports that pass the cheap gates are parsed; the output keeps the input order."""
    to_parse = [r for r in reports if _worth_parsing(r)]
    docs = dict(zip(map(id, to_parse), nlp.pipe(r.text[:MAX_TEXT_CHARS] for r in to_parse)))
    for report in reports:
        doc = docs.get(id(report))
        yield _record_of(report, doc) if doc is not None else Record(report=report)


def _record_of(report: Report, doc: Doc) -> Record:
    try:
        return Record(report=report, incidents=[build_incident(report, doc)])
    except Exception as error:  # noqa: BLE001 - one bad document must not stop a batch
        return Record(report=report, error=f"extraction failed ({type(error).__name__}: {error})")


def build_incident(report: Report, doc: Doc) -> Incident:
    """One incident from a parsed report, every field with the spans that prove it."""
    ctx = Context(doc=doc, published=_published_date(report), report_id=report.id)
    spans: dict[str, list[tuple[int, int]]] = {}
    incident = Incident(id=incident_id(report.id, 0), reports=[report.id])

    when = find_incident_date(ctx)
    incident.date, incident.date_precision = when.value.date, when.value.precision
    spans["date"] = when.spans

    where = find_location(ctx)
    _apply_location(incident, where.value, spans)

    perpetrators = find_perpetrators(ctx)
    incident.perpetrators = perpetrators.value
    spans["perpetrators"] = perpetrators.spans

    types = classify_types(ctx)
    incident.attack_types, spans["attack_types"] = types.attack_types.value, types.attack_types.spans
    incident.target_types, spans["target_types"] = types.target_types.value, types.target_types.spans
    incident.weapon_types, spans["weapon_types"] = types.weapon_types.value, types.weapon_types.spans
    incident.suicide, spans["suicide"] = types.suicide.value, types.suicide.spans

    toll = count_casualties(ctx)
    for field in ("killed", "killed_perpetrators", "wounded", "hostages"):
        found = getattr(toll, field)
        setattr(incident, field, found.value)
        spans[field] = found.spans
    incident.perpetrator_count, spans["perpetrator_count"] = toll.perpetrator_count.value, toll.perpetrator_count.spans
    incident.duration_hours, spans["duration_hours"] = toll.duration_hours.value, toll.duration_hours.spans
    incident.conflicts = list(toll.conflicts)

    responders = find_responders(ctx)
    incident.responders, spans["responders"] = responders.value, responders.spans

    roles = find_roles(ctx)
    incident.roles, spans["roles"] = roles.value, roles.spans

    incident.evidence = {
        field: evidence(doc.text, field_spans, report.id)
        for field, field_spans in spans.items()
        if field_spans
    }
    return incident


def _apply_location(incident: Incident, location, spans: dict[str, list[tuple[int, int]]]) -> None:
    for field in ("country", "admin1", "city", "latitude", "longitude", "geo_precision", "site"):
        setattr(incident, field, getattr(location, field))
    for field, field_spans in location.spans.items():
        spans[field] = list(field_spans)


def _published_date(report: Report) -> date | None:
    try:
        return date.fromisoformat(report.published) if report.published else None
    except ValueError:
        return None


def incident_id(report_id: str, index: int) -> str:
    """Stable: the same report always yields the same incident ids."""
    return "inc-" + hashlib.sha1(f"{report_id}#{index}".encode()).hexdigest()[:12]
