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
from .merge.match import DATE_WINDOW_DAYS, Candidate, MergeDecision, best_match
from .merge.readings import Reading, salient_terms
from .merge.reconcile import reconcile
from .model import Incident, Record, Report, content_hash
from .store.analysts import may_merge
from .store.reconnect import with_reconnect
from .store.repository import Store
from .store.transaction import Transaction

BATCH_SIZE = 32
# Reports handed to the extractor at once: enough to pay for its worker processes, few enough that a
# killed run re-extracts little and memory stays flat however long the stream.
EXTRACT_CHUNK = 256


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

    def for_a_batch(self) -> IngestSummary:
        """A blank tally that knows the incidents touched so far (one touched twice counts once)."""
        return IngestSummary(touched=set(self.touched))

    def add_batch(self, batch: IngestSummary) -> None:
        """A committed batch's tally (read is counted by the caller, as reports stream in)."""
        for name in ("new", "duplicates", "failed", "created", "updated"):
            setattr(self, name, getattr(self, name) + getattr(batch, name))
        self.touched = batch.touched
        self.errors += batch.errors

    def line(self) -> str:
        return (
            f"{self.read} reports read: {self.new} new, {self.duplicates} duplicates, {self.failed} failed; "
            f"incidents: {self.created} created, {self.updated} updated"
        )


def ingest_reports(
    store: Store,
    reports: Iterable[Report],
    progress: Callable[[int], None] | None = None,
    batch_size: int = BATCH_SIZE,
    min_relevance: float | None = None,
) -> IngestSummary:
    """Stores and merges every report not stored before; returns what happened.

    A report the relevance decision drops is stored all the same, with its score and reason and no
    incident: a rerun then knows it, and an analyst can find it."""
    summary = IngestSummary()
    for chunk in _batches(reports, EXTRACT_CHUNK):
        fresh = _fresh_reports(store, chunk, summary)
        summary.read += len(chunk) - len(fresh)
        # Records stream out of the extractor (worker processes when the chunk is worth them) and are
        # stored while the rest of the chunk is still being parsed.
        for batch in _batches(extract_records(fresh, min_relevance=min_relevance), batch_size):
            _store_batch(store, batch, summary)
            summary.read += len(batch)
            if progress:
                progress(summary.read)
        if progress and not fresh:
            progress(summary.read)
    return summary


def ingest_records(
    store: Store, records: Iterable[Record], progress: Callable[[int], None] | None = None, batch_size: int = BATCH_SIZE
) -> IngestSummary:
    """Stores and merges records extracted elsewhere (a Spark job's Parquet output), skipping stored reports."""
    summary = IngestSummary()
    for batch in _batches(records, batch_size):
        summary.read += len(batch)
        fresh_ids = {id(r) for r in _fresh_reports(store, [record.report for record in batch], summary)}
        _store_batch(store, [record for record in batch if id(record.report) in fresh_ids], summary)
        if progress:
            progress(summary.read)
    return summary


def _store_batch(store: Store, records: list[Record], summary: IngestSummary) -> None:
    """One transaction per batch: a killed run loses at most this batch, and a rerun stores it. A lost
    database connection rolls the batch back and it is written again once the database is back; what it
    counts joins the summary only once it has committed."""

    def write_batch() -> IngestSummary:
        counted = summary.for_a_batch()
        with store.transaction() as tx:
            # another process may have stored some since we looked; the write lock makes this check final
            stored = tx.stored_hashes([content_hash(record.report.text) for record in records])
            for record in records:
                _store_record(tx, record, stored, counted)
        return counted

    summary.add_batch(with_reconnect(write_batch, f"storing {len(records)} reports"))


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _fresh_reports(store: Store, batch: list[Report], summary: IngestSummary) -> list[Report]:
    """Reports whose text is not stored yet; the same text twice in one batch counts once."""
    hashes = [content_hash(r.text) for r in batch]
    known = with_reconnect(lambda: store.known_hashes(hashes), "checking which reports are stored")
    fresh, seen = [], set(known)
    for report, digest in zip(batch, hashes):
        if digest in seen:
            summary.duplicates += 1
            continue
        seen.add(digest)
        fresh.append(report)
    return fresh


def _store_record(tx: Transaction, record: Record, stored: set[str], summary: IngestSummary) -> None:
    report, digest = record.report, content_hash(record.report.text)
    if digest in stored:
        summary.duplicates += 1
        return
    stored.add(digest)
    report = report.model_copy(update={"id": tx.free_report_id(report.id)})
    sequence = tx.next_sequence()
    tx.add_report(report, digest, sequence, error=record.error, relevance=record.relevance)
    summary.new += 1
    if record.error:
        summary.failed += 1
        summary.errors.append(f"{report.id}: {record.error}")
    terms = salient_terms(report.text)
    for position, incident in enumerate(record.incidents):
        incident = _with_report_ids(incident, report.id)
        reading = Reading(incident, report.id, report.published, sequence, terms)
        decision = best_match(reading, _candidates(tx, incident, report))
        if decision.same:
            _join_incident(tx, decision, reading, position, summary)
        else:
            _start_incident(tx, decision, reading, position, summary)


def _start_incident(
    tx: Transaction, decision: MergeDecision, reading: Reading, position: int, summary: IngestSummary
) -> None:
    """A reading no stored incident matched: a new incident, reconciled from this one reading."""
    incident_id = reading.incident.id
    tx.save_incident(reconcile(incident_id, [reading]).incident)
    _observe(tx, incident_id, reading, position, decision)
    _count_touched(incident_id, 1, summary)


def _join_incident(
    tx: Transaction, decision: MergeDecision, reading: Reading, position: int, summary: IngestSummary
) -> None:
    incident_id = decision.incident_id
    assert incident_id is not None  # a decision to join names the incident it joins
    _observe(tx, incident_id, reading, position, decision)
    for duplicate in decision.also_same:  # this report shows two stored incidents are one event
        assert duplicate.incident_id is not None
        if not may_merge(tx, incident_id, duplicate.incident_id):
            continue  # unless an analyst split them: a must-not-link no later report undoes
        tx.absorb_incident(incident_id, duplicate.incident_id)
        summary.touched.discard(duplicate.incident_id)
    readings = [Reading(r.incident, r.report_id, r.published, r.sequence, r.terms) for r in tx.readings_of(incident_id)]
    tx.save_incident(reconcile(incident_id, readings).incident)
    _count_touched(incident_id, len(readings), summary)


def _observe(tx: Transaction, incident_id: str, reading: Reading, position: int, decision: MergeDecision) -> None:
    tx.add_observation(
        incident_id,
        reading.incident,
        reading.report_id,
        position,
        reading.published,
        reading.sequence,
        reading.terms,
        decision.as_dict(),
    )


def _with_report_ids(incident: Incident, report_id: str) -> Incident:
    """The stored id of the report may differ from the given one (an updated article): point at it."""
    evidence = {
        name: [e.model_copy(update={"report_id": report_id}) for e in spans]
        for name, spans in incident.evidence.items()
    }
    return incident.model_copy(update={"reports": [report_id], "evidence": evidence})


def _candidates(tx: Transaction, incident: Incident, report: Report) -> list[Candidate]:
    day = incident.date or report.published
    date_from: str | None = None
    date_to: str | None = None
    if day:
        centre = date.fromisoformat(day)
        date_from = str(centre - timedelta(days=DATE_WINDOW_DAYS))
        date_to = str(centre + timedelta(days=DATE_WINDOW_DAYS))
    perpetrators = [p.name for p in incident.perpetrators]
    return [
        Candidate(stored, terms)
        for stored, terms in tx.incidents_near(date_from, date_to, incident.country, perpetrators)
    ]


def _count_touched(incident_id: str, readings: int, summary: IngestSummary) -> None:
    if incident_id not in summary.touched:
        summary.touched.add(incident_id)
        if readings == 1:
            summary.created += 1
        else:
            summary.updated += 1
