"""One database transaction of the store: the writes of a batch, and the reads the merge needs.

Every write of incidents, reports, observations and analyst state goes through `Transaction`, opened by
`Store.transaction()` (repository.py), which takes the write lock first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import cast

from sqlalchemy import Table, delete, func, select, update
from sqlalchemy.orm import Session

from ..analyst.overrides import AnalystState, overlay
from ..model import COUNT_FIELDS, Incident, Relevance, Report
from .tables import (
    AlertRow,
    CountObservationRow,
    EvidenceRow,
    IncidentRow,
    ObservationRow,
    ReportRow,
    search_text,
)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass
class StoredReading:
    """An observation as stored: the report's incident, when the report came, and the merge decision."""

    incident: Incident
    report_id: str
    published: str | None
    sequence: int
    terms: frozenset[str]
    merge: dict
    position: int = 0  # which incident of the report


class Transaction:
    """Writes (and the reads the merge needs) inside one database transaction.

    Keeps what it read or wrote of incidents (records, words, readings) for the rest of the transaction:
    a batch's reports mostly meet the same few candidate incidents, and every write goes through here,
    so the copies stay what the database holds (writers are serialised, see `take_write_lock`).
    """

    def __init__(self, session: Session):
        self.session = session
        self._incidents: dict[str, Incident] = {}
        self._terms: dict[str, set[str]] = {}
        self._readings: dict[str, list[StoredReading]] = {}
        self._states: dict[str, AnalystState] = {}
        self._machines: dict[str, Incident] = {}  # the machine's records of corrected incidents
        self._last_sequence: int | None = None

    def next_sequence(self) -> int:
        if self._last_sequence is None:
            self._last_sequence = self.session.scalar(select(func.max(ReportRow.sequence))) or 0
        return self._last_sequence + 1

    def has_report(self, content_hash: str) -> bool:
        return bool(self.stored_hashes([content_hash]))

    def stored_hashes(self, hashes: list[str]) -> set[str]:
        """Those of these content hashes whose report is stored (committed by any process, or by this one)."""
        if not hashes:
            return set()
        return set(self.session.scalars(select(ReportRow.content_hash).where(ReportRow.content_hash.in_(hashes))))

    def free_report_id(self, report_id: str) -> str:
        """The report's id, or a suffixed one when another text already holds it (an updated article)."""
        candidate, n = report_id, 1
        while self.session.scalar(select(ReportRow.id).where(ReportRow.id == candidate)) is not None:
            n += 1
            candidate = f"{report_id}~{n}"
        return candidate

    def add_report(
        self,
        report: Report,
        content_hash: str,
        sequence: int,
        error: str | None = None,
        relevance: Relevance | None = None,
    ) -> None:
        self.session.execute(
            _REPORTS.insert(),
            {
                "id": report.id,
                "content_hash": content_hash,
                "published": report.published,
                "title": report.title,
                "text": report.text,
                "url": report.url,
                "source": report.source,
                "ingested_at": _now(),
                "sequence": sequence,
                "error": error,
                "relevance_score": relevance.score if relevance else None,
                "relevance_reason": relevance.reason if relevance else None,
            },
        )
        self._last_sequence = max(sequence, self._last_sequence or 0)

    def incidents_near(
        self, date_from: str | None, date_to: str | None, country: str | None, perpetrators: list[str]
    ) -> list[tuple[Incident, frozenset[str]]]:
        """Stored incidents that could be the same event: in the date window (by their date, or for an undated
        one the day it was first reported), and in the same country or named with the same perpetrator (a
        misread country must not hide the event it belongs to)."""
        # Only the date window goes to the database, so it searches the anchor_day index (with the country
        # test in SQL, SQLite chose the country index and read every incident of the country, so each
        # merge grew with the store). Sorted, so ties between candidates break alike on every database.
        query = select(IncidentRow.id, IncidentRow.country, IncidentRow.perpetrator)
        if date_from and date_to:
            query = query.where(IncidentRow.anchor_day >= date_from, IncidentRow.anchor_day <= date_to)
        else:
            query = query.where(IncidentRow.anchor_day.is_(None))
        ids = sorted(
            i
            for i, their_country, perpetrator in self.session.execute(query)
            if not country or their_country in (country, None) or perpetrator in perpetrators
        )
        self._load_incidents([i for i in ids if i not in self._incidents])
        self._load_terms([i for i in ids if i not in self._terms])
        # Matched on what the reports say (the machine's record): a report is compared with other reports,
        # and an analyst's correction of the place or the group never keeps later reports of the event out.
        return [(self._machines.get(i, self._incidents[i]), frozenset(self._terms[i])) for i in ids]

    def _load_incidents(self, incident_ids: list[str]) -> None:
        if incident_ids:
            for row in self.session.execute(
                select(IncidentRow.record, IncidentRow.machine, *_STATE_COLUMNS).where(IncidentRow.id.in_(incident_ids))
            ):
                self._incidents[row.id] = Incident.model_validate(row.record)
                if row.machine:
                    self._machines[row.id] = Incident.model_validate(row.machine)
                self._states[row.id] = _state_of(row)

    def _load_terms(self, incident_ids: list[str]) -> None:
        if not incident_ids:
            return
        for incident_id in incident_ids:
            self._terms[incident_id] = set()
        for incident_id, words in self.session.execute(
            select(ObservationRow.incident_id, ObservationRow.terms).where(ObservationRow.incident_id.in_(incident_ids))
        ):
            self._terms[incident_id].update(words)

    def add_observation(
        self,
        incident_id: str,
        reading_incident: Incident,
        report_id: str,
        position: int,
        published: str | None,
        sequence: int,
        terms: frozenset[str],
        merge: dict,
    ) -> None:
        self.session.execute(
            _OBSERVATIONS.insert(),
            {
                "incident_id": incident_id,
                "report_id": report_id,
                "position": position,
                "published": published,
                "sequence": sequence,
                "reading": reading_incident.model_dump(mode="json"),
                "terms": sorted(terms),
                "merge": merge,
            },
        )
        counts = [
            {
                "incident_id": incident_id,
                "report_id": report_id,
                "field": name,
                "value": count.best,
                "low": count.low,
                "high": count.high,
                "qualifier": getattr(reading_incident, name).qualifier,
                "published": published,
                "sequence": sequence,
            }
            for name in COUNT_FIELDS
            if (count := getattr(reading_incident, name)).best is not None
        ]
        if counts:
            self.session.execute(_COUNTS.insert(), counts)
        spans = [
            {
                "incident_id": incident_id,
                "report_id": report_id,
                "field": name,
                "start": span.start,
                "end": span.end,
                "text": span.text,
            }
            for name, found in reading_incident.evidence.items()
            for span in found
        ]
        if spans:
            self.session.execute(_EVIDENCE.insert(), spans)
        if incident_id in self._terms:
            self._terms[incident_id].update(terms)
        if incident_id in self._readings:
            readings = self._readings[incident_id]
            readings.append(StoredReading(reading_incident, report_id, published, sequence, frozenset(terms), merge))
            readings.sort(key=lambda r: (r.sequence, r.position))

    def absorb_incident(self, into_id: str, from_id: str) -> None:
        """Moves everything of incident `from_id` to `into_id` and deletes `from_id` (one event stored twice)."""
        self.session.flush()
        alerted = select(AlertRow.watch_area_id).where(AlertRow.incident_id == into_id)
        self.session.execute(
            delete(AlertRow).where(AlertRow.incident_id == from_id, AlertRow.watch_area_id.in_(alerted))
        )
        for table in (ObservationRow, EvidenceRow, CountObservationRow, AlertRow):
            self.session.execute(update(table).where(table.incident_id == from_id).values(incident_id=into_id))
        carry_analyst_state(self, into_id, from_id)
        self.session.execute(delete(IncidentRow).where(IncidentRow.id == from_id))
        self.session.expire_all()  # the deleted row may be in the session
        # re-read both from the database
        for kept in (self._incidents, self._terms, self._readings, self._states, self._machines):
            kept.pop(into_id, None)
            kept.pop(from_id, None)

    def forget(self, *incident_ids: str) -> None:
        """Drops what this transaction kept of these incidents: they are read from the database again."""
        for kept in (self._incidents, self._terms, self._readings, self._states, self._machines):
            for incident_id in incident_ids:
                kept.pop(incident_id, None)

    def incident(self, incident_id: str) -> Incident | None:
        """The stored incident as it stands (the analyst's corrections laid over the machine's record)."""
        if incident_id not in self._incidents:
            self._load_incidents([incident_id])
        return self._incidents.get(incident_id)

    def readings_of(self, incident_id: str) -> list[StoredReading]:
        if incident_id not in self._readings:
            rows = self.session.execute(
                select(
                    ObservationRow.reading,
                    ObservationRow.report_id,
                    ObservationRow.position,
                    ObservationRow.published,
                    ObservationRow.sequence,
                    ObservationRow.terms,
                    ObservationRow.merge,
                )
                .where(ObservationRow.incident_id == incident_id)
                .order_by(ObservationRow.sequence, ObservationRow.position)
            ).all()
            self._readings[incident_id] = [
                StoredReading(
                    Incident.model_validate(r.reading),
                    r.report_id,
                    r.published,
                    r.sequence,
                    frozenset(r.terms),
                    r.merge,
                    r.position,
                )
                for r in rows
            ]
        return list(self._readings[incident_id])

    def save_incident(self, incident: Incident) -> bool:
        """Inserts or replaces the machine's reconciled record, with the analyst's state laid over it (an
        analyst's correction outranks every report); True when the incident is new."""
        if incident.id in self._incidents or self._incident_exists(incident.id):
            created = False
            state = self.analyst_state(incident.id)
            final = overlay(incident, state)
            columns = {
                **_incident_columns(final),
                "machine": incident.model_dump(mode="json") if state.overrides else None,
            }
            self.session.execute(_INCIDENTS.update().where(_INCIDENTS.c.id == incident.id), columns)
        else:
            created = True
            final = overlay(incident, AnalystState())
            columns = _incident_columns(final)
            self.session.execute(
                _INCIDENTS.insert(), {**columns, "id": incident.id, "created_at": columns["updated_at"]}
            )
            # nothing observed yet
            self._terms[incident.id], self._readings[incident.id] = set(), []
            self._states[incident.id] = AnalystState()
        self._incidents[incident.id] = final
        self._machines.pop(incident.id, None)
        if self._states[incident.id].overrides:
            self._machines[incident.id] = incident
        return created

    def analyst_state(self, incident_id: str) -> AnalystState:
        """The analyst's corrections and verdicts on a stored incident (defaults when it has none)."""
        if incident_id not in self._states:
            row = self.session.execute(select(*_STATE_COLUMNS).where(IncidentRow.id == incident_id)).first()
            self._states[incident_id] = AnalystState() if row is None else _state_of(row)
        return self._states[incident_id].model_copy(deep=True)

    def machine_record(self, incident_id: str) -> Incident | None:
        """The machine's reconciled record of a stored incident, before the analyst's corrections."""
        row = self.session.execute(
            select(IncidentRow.machine, IncidentRow.record).where(IncidentRow.id == incident_id)
        ).first()
        return None if row is None else Incident.model_validate(row.machine or row.record)

    def write_analyst_state(self, incident_id: str, state: AnalystState, reviewed_at: datetime | None = None) -> None:
        """Stores the analyst's state and lays it over the machine's record again."""
        machine = self.machine_record(incident_id)
        if machine is None:
            raise LookupError(f"no incident {incident_id}")
        values = {
            "overrides": {k: c.model_dump(mode="json") for k, c in state.overrides.items()} or None,
            "status": state.status,
            "version": state.version,
            "reviewed_by": state.reviewed_by,
            "changed_by": state.changed_by,
            "changed_at": datetime.fromisoformat(state.changed_at) if state.changed_at else None,
        }
        if state.reviewed_by is None or reviewed_at is not None:
            values["reviewed_at"] = reviewed_at
        self.session.execute(_INCIDENTS.update().where(_INCIDENTS.c.id == incident_id), values)
        self._states[incident_id] = state.model_copy(deep=True)
        self.save_incident(machine)

    def _incident_exists(self, incident_id: str) -> bool:
        return self.session.scalar(select(IncidentRow.id).where(IncidentRow.id == incident_id)) is not None

    def toll_history(self, incident_id: str) -> dict[str, list[dict]]:
        rows = self.session.scalars(
            select(CountObservationRow)
            .where(CountObservationRow.incident_id == incident_id)
            .order_by(CountObservationRow.published, CountObservationRow.sequence)
        ).all()
        history: dict[str, list[dict]] = {}
        for r in rows:
            history.setdefault(r.field, []).append(
                {
                    "published": r.published,
                    "report_id": r.report_id,
                    "value": r.value,
                    "low": r.low,
                    "high": r.high,
                    "qualifier": r.qualifier,
                }
            )
        return history


# Core statements on the tables: the ingest writes rows it never reads back as objects, so the ORM's
# unit of work (and its per-object bookkeeping) would only add cost.
_REPORTS, _INCIDENTS = cast(Table, ReportRow.__table__), cast(Table, IncidentRow.__table__)
_OBSERVATIONS, _COUNTS, _EVIDENCE = (
    cast(Table, row.__table__) for row in (ObservationRow, CountObservationRow, EvidenceRow)
)


_STATE_COLUMNS = (
    IncidentRow.id,
    IncidentRow.overrides,
    IncidentRow.status,
    IncidentRow.version,
    IncidentRow.reviewed_by,
    IncidentRow.changed_by,
    IncidentRow.changed_at,
)


def _state_of(row) -> AnalystState:
    """The analyst's state from a row of _STATE_COLUMNS."""
    return AnalystState(
        overrides=row.overrides or {},
        status=row.status or "active",
        version=row.version or 1,
        reviewed_by=row.reviewed_by,
        changed_by=row.changed_by,
        changed_at=row.changed_at.isoformat() if row.changed_at else None,
    )


def _incident_columns(incident: Incident) -> dict:
    """The stored record and the columns analysts filter on."""
    return {
        "record": incident.model_dump(mode="json"),
        "date": incident.date,
        "country": incident.country,
        "admin1": incident.admin1,
        "city": incident.city,
        "latitude": incident.latitude,
        "longitude": incident.longitude,
        "perpetrator": incident.perpetrators[0].name if incident.perpetrators else None,
        "attack_types": "|".join(incident.attack_types),
        "target_types": "|".join(incident.target_types),
        "weapon_types": "|".join(incident.weapon_types),
        "killed": incident.killed.best,
        "wounded": incident.wounded.best,
        "report_count": len(incident.reports),
        "updated_at": _now(),
        "anchor_day": incident.date or incident.first_reported,
        "search_text": search_text(
            incident.city,
            incident.admin1,
            incident.country,
            incident.site,
            *(p.name for p in incident.perpetrators),
            *incident.attack_types,
            *incident.target_types,
            *incident.weapon_types,
        ),
    }


def carry_analyst_state(tx: Transaction, into_id: str, from_id: str) -> None:
    """One event stored twice and joined: the corrections of the absorbed incident stay, on the fields
    the kept one's analyst did not correct."""
    source = tx.analyst_state(from_id)
    if not source.overrides:
        return
    kept = tx.analyst_state(into_id)
    overrides = {**source.overrides, **kept.overrides}
    tx.session.execute(
        _INCIDENTS.update().where(_INCIDENTS.c.id == into_id),
        {"overrides": {k: c.model_dump(mode="json") for k, c in overrides.items()}},
    )
