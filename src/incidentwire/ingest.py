"""Ingest: reports in, stored once, extracted, and merged into incidents with their figures reconciled.

The one place that composes extraction, merging and storage. Extraction runs outside the database
transaction; each batch is then written in one transaction, so a killed run loses at most the batch in
flight, and running again stores exactly what is missing (reports are keyed by a hash of their text).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from .extract.pipeline import extract_records
from .merge.match import DATE_WINDOW_DAYS, Candidate, best_match
from .merge.readings import Reading, salient_terms
from .merge.reconcile import reconcile
from .model import Incident, Record, Report, content_hash
from .store.repository import Store, Transaction

BATCH_SIZE = 32


@dataclass
class IngestSummary:
    read: int = 0
    new: int = 0
    duplicates: int = 0
    failed: int = 0
    created: int = 0
    updated: int = 0
    touched: set[str] = field(default_factory=set)  # incidents created or updated by this run
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.read} reports read: {self.new} new, {self.duplicates} duplicates, {self.failed} failed; "
                f"incidents: {self.created} created, {self.updated} updated")


def ingest_reports(store: Store, reports: Iterable[Report], progress: Callable[[int], None] | None = None,
                   batch_size: int = BATCH_SIZE) -> IngestSummary:
    """Stores and merges every report not stored before; returns what happened."""
    summary = IngestSummary()
    for batch in _batches(reports, batch_size):
        summary.read += len(batch)
        fresh = _fresh_reports(store, batch, summary)
        records = list(extract_records(fresh))
        with store.transaction() as tx:
            for record in records:
                _store_record(tx, record, summary)
        if progress:
            progress(summary.read)
    return summary


def _batches(reports: Iterable[Report], size: int) -> Iterator[list[Report]]:
    batch: list[Report] = []
    for report in reports:
        batch.append(report)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _fresh_reports(store: Store, batch: list[Report], summary: IngestSummary) -> list[Report]:
    """Reports whose text is not stored yet; the same text twice in one batch counts once."""
    hashes = [content_hash(r.text) for r in batch]
    known = store.known_hashes(hashes)
    fresh, seen = [], set(known)
    for report, digest in zip(batch, hashes):
        if digest in seen:
            summary.duplicates += 1
            continue
        seen.add(digest)
        fresh.append(report)
    return fresh


def _store_record(tx: Transaction, record: Record, summary: IngestSummary) -> None:
    report, digest = record.report, content_hash(record.report.text)
    if tx.has_report(digest):  # another process stored it since we looked
        summary.duplicates += 1
        return
    report = report.model_copy(update={"id": tx.free_report_id(report.id)})
    sequence = tx.next_sequence()
    tx.add_report(report, digest, sequence, error=record.error)
    summary.new += 1
    if record.error:
        summary.failed += 1
        summary.errors.append(f"{report.id}: {record.error}")
    terms = salient_terms(report.text)
    for position, incident in enumerate(record.incidents):
        incident = _with_report_ids(incident, report.id)
        reading = Reading(incident, report.id, report.published, sequence, terms)
        decision = best_match(reading, _candidates(tx, incident, report))
        incident_id = decision.incident_id if decision.same else incident.id
        if not decision.same:
            tx.save_incident(incident)  # the row the observation points at; reconciled just below
        tx.add_observation(incident_id, incident, report.id, position, report.published, sequence, terms,
                           decision.as_dict())
        for duplicate in decision.also_same:  # this report shows two stored incidents are one event
            tx.absorb_incident(incident_id, duplicate.incident_id)
            summary.touched.discard(duplicate.incident_id)
        _reconcile_and_save(tx, incident_id, summary)


def _with_report_ids(incident: Incident, report_id: str) -> Incident:
    """The stored id of the report may differ from the given one (an updated article): point at it."""
    evidence = {name: [e.model_copy(update={"report_id": report_id}) for e in spans]
                for name, spans in incident.evidence.items()}
    return incident.model_copy(update={"reports": [report_id], "evidence": evidence})


def _candidates(tx: Transaction, incident: Incident, report: Report) -> list[Candidate]:
    day = incident.date or report.published
    if day:
        centre = date.fromisoformat(day)
        window = (str(centre - timedelta(days=DATE_WINDOW_DAYS)), str(centre + timedelta(days=DATE_WINDOW_DAYS)))
    else:
        window = (None, None)
    perpetrators = [p.name for p in incident.perpetrators]
    return [Candidate(stored, terms) for stored, terms in tx.incidents_near(*window, incident.country, perpetrators)]


def _reconcile_and_save(tx: Transaction, incident_id: str, summary: IngestSummary) -> None:
    readings = [Reading(r.incident, r.report_id, r.published, r.sequence, r.terms) for r in tx.readings_of(incident_id)]
    tx.save_incident(reconcile(incident_id, readings).incident)
    if incident_id not in summary.touched:
        summary.touched.add(incident_id)
        if len(readings) == 1:
            summary.created += 1
        else:
            summary.updated += 1
