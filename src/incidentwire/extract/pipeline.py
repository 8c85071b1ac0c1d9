"""Composes the field extractors into Incidents: a pure function of a Report and the pipeline.

Knows nothing of storage, the web or the CLI, so it runs the same in a test, the server and Spark.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
from collections.abc import Iterable, Iterator
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from ..model import COUNT_FIELDS, Conflict, Count, Incident, Record, Report
from ..nlp import get_nlp
from .actors import find_perpetrators, find_responders
from .casualties import count_casualties
from .context import ANCHOR, read_context
from .dates import find_incident_date
from .places import find_location
from .relevance import RelevanceDecision, decide_relevance, has_an_act
from .roles import find_roles, load_role_model, role_docs
from .spans import Context, evidence
from .types import classify_types
from .workers import MIN_REPORTS_FOR_PROCESSES, Work, default_processes, in_workers

# spaCy's cost grows with length; news reports are far shorter, and a page of a million
# characters would blow the parser's memory. Longer texts are read up to this bound.
MAX_TEXT_CHARS = 100_000
BATCH_SIZE = 64


def extract_record(report: Report, nlp: Language | None = None, min_relevance: float | None = None) -> Record:
    """The incidents one report describes (none when it describes no attack)."""
    return next(extract_records([report], nlp, processes=1, min_relevance=min_relevance))


def extract_records(
    reports: Iterable[Report],
    nlp: Language | None = None,
    processes: int | None = None,
    min_relevance: float | None = None,
) -> Iterator[Record]:
    """Records for many reports, in input order, parsed in batches; each report is read on its own.

    processes=1 parses here; n > 1 runs parsing and field extraction in n worker processes; None (the
    default) uses default_processes() workers once MIN_REPORTS_FOR_PROCESSES reports need parsing.
    A caller's own nlp cannot be shipped to workers, so it always parses here. min_relevance (0 to 1)
    overrides the relevance model's tuned threshold.
    """
    if processes is not None and processes < 1:
        raise ValueError(f"processes must be at least 1, got {processes}")
    if min_relevance is not None and not 0.0 <= min_relevance <= 1.0:
        raise ValueError(f"min_relevance must be between 0 and 1, got {min_relevance}")
    gated = (_Gated(report, _gate(report, min_relevance)) for report in reports)
    if nlp is not None or processes == 1 or (processes is None and default_processes() == 1):
        yield from _extract_here(gated, nlp or get_nlp())
        return
    yield from _extract_by_size(gated, processes)


@dataclasses.dataclass(frozen=True)
class _Gated:
    """A report with its stage-1 relevance decision, made in the reading process (it is cheap)."""

    report: Report
    decision: RelevanceDecision

    def dropped(self) -> Record:
        return Record(report=self.report, relevance=self.decision.as_relevance())


def _gate(report: Report, min_relevance: float | None) -> RelevanceDecision:
    return decide_relevance(report.text[:MAX_TEXT_CHARS], min_relevance)


def _extract_by_size(gated: Iterator[_Gated], processes: int | None) -> Iterator[Record]:
    """Reads ahead until enough reports need parsing to pay for worker processes."""
    head: list[_Gated] = []
    if processes is None:
        to_parse = 0
        for item in gated:
            head.append(item)
            to_parse += item.decision.kept
            if to_parse >= MIN_REPORTS_FOR_PROCESSES:
                break
        else:
            yield from _extract_here(head, get_nlp())
            return
    yield from in_workers(itertools.chain(head, gated), processes or default_processes(), _WORK)


def _extract_here(gated: Iterable[_Gated], nlp: Language) -> Iterator[Record]:
    batch: list[_Gated] = []
    for item in gated:
        batch.append(item)
        if len(batch) >= BATCH_SIZE:
            yield from _extract_batch(batch, nlp)
            batch = []
    yield from _extract_batch(batch, nlp)


def _extract_batch(batch: list[_Gated], nlp: Language) -> Iterator[Record]:
    """Only reports kept by the first stage are parsed; the output keeps the input order."""
    to_parse = [item for item in batch if item.decision.kept]
    parsed = dict(zip(map(id, to_parse), _parse_all(to_parse, nlp)))
    for item in batch:
        record = parsed.get(id(item))
        yield record if record is not None else item.dropped()


def _parse_all(batch: list[_Gated], nlp: Language) -> list[Record]:
    """Records of reports kept by the first stage; a batch spaCy cannot parse is retried one by one."""
    try:
        # The clutter of a pasted page is blanked (same length, so offsets stay the report's own).
        texts = [item.decision.text for item in batch]
        docs = list(nlp.pipe(texts))
        # The role model reads the same texts lower-cased; batched, as spaCy runs fastest.
        parsed_for_roles = role_docs(texts)
    except Exception as error:  # noqa: BLE001 - one bad document must not stop a batch
        if len(batch) > 1:
            return [record for item in batch for record in _parse_all([item], nlp)]
        return [
            Record(
                report=i.report,
                relevance=i.decision.as_relevance(),
                error=f"parsing failed ({type(error).__name__}: {error})",
            )
            for i in batch
        ]
    return [_record_of(item, doc, role_doc) for item, doc, role_doc in zip(batch, docs, parsed_for_roles)]


# --- worker processes (the pool itself: workers.py) ------------------------------------------------


def _load_models() -> None:
    get_nlp()
    load_role_model()


def _needs_parsing(item: _Gated) -> bool:
    return item.decision.kept


def _parse_in_worker(batch: list[_Gated]) -> list[Record]:
    return _parse_all(batch, get_nlp())


def _failed_in_worker(batch: list[_Gated], error: Exception) -> list[Record]:
    return [
        Record(
            report=i.report,
            relevance=i.decision.as_relevance(),
            error=f"extraction failed in a worker ({type(error).__name__}: {error})",
        )
        for i in batch
    ]


_WORK: Work[_Gated, Record] = Work(
    needs_parsing=_needs_parsing,
    unparsed=_Gated.dropped,
    parse=_parse_in_worker,
    failed=_failed_in_worker,
    warm_up=_load_models,
)


def _record_of(item: _Gated, doc: Doc, role_doc: Doc | None = None) -> Record:
    relevance = item.decision.as_relevance()
    try:
        incident = build_incident(item.report, doc, role_doc)
    except Exception as error:  # noqa: BLE001 - one bad document must not stop a batch
        return Record(
            report=item.report, relevance=relevance, error=f"extraction failed ({type(error).__name__}: {error})"
        )
    if item.decision.needs_an_act and not has_an_act(incident):
        # Stage 2: violent words, but the parse finds no act, toll, hostage or attacker.
        relevance.reason = (
            f"dropped after the parse: no act of violence, toll or attacker found (P(attack) {item.decision.score:.2f})"
        )
        return Record(report=item.report, relevance=relevance)
    return Record(report=item.report, relevance=relevance, incidents=[incident])


def build_incident(report: Report, doc: Doc, role_doc: Doc | None = None) -> Incident:
    """One incident from a parsed report, every field with the spans that prove it."""
    ctx = Context(doc=doc, published=_published_date(report), report_id=report.id, role_doc=role_doc)
    parts = read_context(doc, ctx.published)
    spans: dict[str, list[tuple[int, int]]] = {}
    incident = Incident(
        id=incident_id(report.id, 0),
        reports=[report.id],
        first_reported=ctx.published.isoformat() if ctx.published else None,
    )

    when = find_incident_date(ctx)
    incident.date, incident.date_precision = when.value.date, when.value.precision
    spans["date"] = when.spans

    where = find_location(ctx)
    _apply_location(incident, where.value, spans)

    perpetrators = find_perpetrators(ctx, country=where.value.country, attack_date=incident.date)
    incident.perpetrators = perpetrators.value
    spans["perpetrators"] = perpetrators.spans

    types = classify_types(ctx)
    incident.attack_types, spans["attack_types"] = types.attack_types.value, types.attack_types.spans
    incident.target_types, spans["target_types"] = types.target_types.value, types.target_types.spans
    incident.weapon_types, spans["weapon_types"] = types.weapon_types.value, types.weapon_types.spans
    incident.suicide, spans["suicide"] = types.suicide.value, types.suicide.spans

    toll = count_casualties(ctx)
    for field in COUNT_FIELDS:
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
        field: evidence(ctx.text, field_spans, report.id, parts.at)
        for field, field_spans in spans.items()
        if field_spans
    }
    _background_figures_to_conflicts(incident)
    return incident


def _background_figures_to_conflicts(incident: Incident) -> None:
    """A toll whose every evidence span stands in background (another event, the war's running total)
    is not this attack's: the figure goes to `conflicts`, where an analyst still sees it."""
    for field in COUNT_FIELDS:
        found = incident.evidence.get(field)
        count: Count = getattr(incident, field)
        if count.best is None or not found or any(e.context == ANCHOR for e in found):
            continue
        incident.conflicts.append(
            Conflict(
                field=field,
                values=[count.best],
                note="figure found only in background sentences, not taken as this attack's",
            )
        )
        setattr(incident, field, Count())


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
