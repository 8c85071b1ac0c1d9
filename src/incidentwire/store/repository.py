"""The repository: every read and write of the database goes through `Store`.

Knows nothing of extraction. Writes happen inside `Store.transaction()`, one transaction per batch of
reports, so a killed process leaves each report either fully stored (report, incident, links,
figures) or not at all; the next run stores what is missing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import cast

from alembic import command
from alembic.config import Config
from platformdirs import user_data_dir
from sqlalchemy import Table, create_engine, delete, event, func, select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from ..analyst.overrides import AnalystState, overlay
from ..model import COUNT_FIELDS, QUALIFIER_MARKS, Incident, Relevance, Report, StoredReport
from .space import StorageFull, disk_full_reason
from .tables import (
    AlertRow,
    CountObservationRow,
    EvidenceRow,
    IncidentRow,
    ObservationRow,
    ReportRow,
    search_text,
)


def default_db_url() -> str:
    """$INCIDENTWIRE_DB, else an SQLite file in the user's data directory."""
    if os.environ.get("INCIDENTWIRE_DB"):
        return os.environ["INCIDENTWIRE_DB"]
    folder = Path(user_data_dir("incidentwire"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'incidentwire.sqlite'}"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": WRITE_WAIT_S})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection, _record):  # WAL: readers never block the writer
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


_URL_QUERY_CHUNK = 500  # urls per IN (...) query, well under every backend's parameter limit

# Any constant shared by every incidentwire process: the key of the lock that serialises writers.
WRITE_LOCK_KEY = 0x1C1DE7

# Writes wait this long for another process's write transaction before giving up.
WRITE_WAIT_S = 600


def migrate(engine: Engine) -> None:
    """Brings the schema to the latest revision (a no-op when it is there).

    Under the write lock: two processes opening one fresh database must not both create the tables.
    """
    config = Config()
    config.set_main_option("script_location", str(resources.files("incidentwire.store").joinpath("migrations")))
    with engine.begin() as connection:
        take_write_lock(connection)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def take_write_lock(connection) -> None:
    """Serialises write transactions across processes; held until the transaction ends.

    SQLite: BEGIN IMMEDIATE takes the write lock up front (a deferred transaction that reads and then
    writes fails with 'database is locked' when another writer got in between). PostgreSQL: a
    transaction-level advisory lock, so each batch's duplicate check and merge see every batch
    committed before it, and two processes cannot store one report twice or split one event.
    """
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})


def open_store(url: str | None = None) -> Store:
    engine = _engine(url or default_db_url())
    migrate(engine)
    return Store(engine)


@dataclass
class IncidentFilters:
    since: str | None = None
    until: str | None = None
    country: str | None = None
    admin1: str | None = None
    city: str | None = None
    perpetrator: str | None = None
    attack_type: str | None = None
    target_type: str | None = None
    weapon_type: str | None = None
    min_killed: int | None = None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    text: str | None = None
    include_hidden: bool = False  # incidents an analyst marked "not an attack" too


@dataclass
class FilterValues:
    countries: set[str]
    perpetrators: set[str]  # the first perpetrator of each incident: what the perpetrator filter reads
    attack_types: set[str]
    first_date: str | None
    last_date: str | None


@dataclass
class IncidentPage:
    items: list[Incident]
    total: int
    next: str | None


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


@dataclass
class IncidentDetail:
    incident: Incident
    reports: list[Report]
    readings: list[StoredReading]
    toll_history: dict[str, list[dict]] = field(default_factory=dict)


class Store:
    def __init__(self, engine: Engine):
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """A write transaction, committed on leaving; other processes' writes wait for it (see take_write_lock)."""
        try:
            with self._sessions.begin() as session:
                take_write_lock(session.connection())
                yield Transaction(session)
        except DBAPIError as error:
            if (reason := disk_full_reason(error, self.url)) is None:
                raise
            raise StorageFull.at(self.url, f"{reason}; the write was rolled back: free space and run again") from None

    # --- reads -----------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        with self._sessions() as session:
            return {
                "reports": session.scalar(select(func.count()).select_from(ReportRow)) or 0,
                "incidents": session.scalar(select(func.count()).select_from(IncidentRow)) or 0,
            }

    def known_hashes(self, hashes: list[str]) -> set[str]:
        if not hashes:
            return set()
        with self._sessions() as session:
            return set(session.scalars(select(ReportRow.content_hash).where(ReportRow.content_hash.in_(hashes))))

    def report_urls(self, urls: list[str]) -> set[str]:
        """Those of `urls` that some stored report has as its url (asked in chunks: SQLite caps parameters)."""
        found: set[str] = set()
        with self._sessions() as session:
            for start in range(0, len(urls), _URL_QUERY_CHUNK):
                chunk = urls[start : start + _URL_QUERY_CHUNK]
                found.update(session.scalars(select(ReportRow.url).where(ReportRow.url.in_(chunk))))
        return found

    def report(self, report_id: str) -> StoredReport | None:
        with self._sessions() as session:
            row = session.get(ReportRow, report_id)
            return _stored_report_of(row) if row else None

    def incident(self, incident_id: str) -> Incident | None:
        with self._sessions() as session:
            row = session.get(IncidentRow, incident_id)
            return Incident.model_validate(row.record) if row else None

    def incident_detail(self, incident_id: str) -> IncidentDetail | None:
        with self._sessions() as session:
            row = session.get(IncidentRow, incident_id)
            if row is None:
                return None
            tx = Transaction(session)
            readings = tx.readings_of(incident_id)
            report_rows = session.scalars(
                select(ReportRow)
                .where(ReportRow.id.in_([r.report_id for r in readings]))
                .order_by(ReportRow.published, ReportRow.sequence)
            )
            history = tx.toll_history(incident_id)
            return IncidentDetail(
                Incident.model_validate(row.record), [_report_of(r) for r in report_rows], readings, history
            )

    def filter_values(self) -> FilterValues:
        """The distinct values of the filter columns: read from the columns, never from the records."""
        with self._sessions() as session:

            def distinct(column) -> set[str]:  # of the incidents listings show (not those marked not an attack)
                return set(
                    session.scalars(
                        select(column)
                        .where(column.is_not(None), column != "", IncidentRow.status != "not_attack")
                        .distinct()
                    )
                )

            attack_types = {t for joined in distinct(IncidentRow.attack_types) for t in joined.split("|") if t}
            first, last = session.execute(select(func.min(IncidentRow.date), func.max(IncidentRow.date))).one()
            return FilterValues(
                distinct(IncidentRow.country), distinct(IncidentRow.perpetrator), attack_types, first, last
            )

    def list_incidents(
        self, filters: IncidentFilters | None = None, limit: int = 100, cursor: str | None = None
    ) -> IncidentPage:
        """Incidents newest first; `cursor` is the `next` of the previous page."""
        filters = filters or IncidentFilters()
        offset = int(cursor) if cursor and cursor.isdigit() else 0
        with self._sessions() as session:
            # Count and page over ids alone, which the covering index answers without reading a
            # record; then read the records of one page only.
            dialect = session.get_bind().dialect.name
            total = session.scalar(_filtered(select(func.count(IncidentRow.id)), filters, dialect))
            ids = session.scalars(
                _filtered(select(IncidentRow.id), filters, dialect)
                .order_by(IncidentRow.date.desc(), IncidentRow.id)
                .offset(offset)
                .limit(limit)
            ).all()
            records: dict[str, dict] = dict(
                session.execute(select(IncidentRow.id, IncidentRow.record).where(IncidentRow.id.in_(ids))).all()
            )
        following = offset + len(ids)
        return IncidentPage(
            [Incident.model_validate(records[i]) for i in ids if i in records],
            total,
            str(following) if following < total else None,
        )

    def iter_incidents(self, filters: IncidentFilters | None = None, page_size: int = 500) -> Iterator[Incident]:
        """Every incident matching `filters`, newest first, read one page at a time."""
        cursor: str | None = None
        while True:
            page = self.list_incidents(filters, limit=page_size, cursor=cursor)
            yield from page.items
            if page.next is None:
                return
            cursor = page.next


def _report_of(row: ReportRow) -> Report:
    return Report(id=row.id, published=row.published, title=row.title, text=row.text, url=row.url, source=row.source)


def _stored_report_of(row: ReportRow) -> StoredReport:
    relevance = (
        Relevance(score=row.relevance_score, reason=row.relevance_reason or "")
        if row.relevance_score is not None
        else None
    )
    return StoredReport(**_report_of(row).model_dump(), relevance=relevance)


def _filtered(query, f: IncidentFilters, dialect: str = "sqlite"):
    conditions = []
    if f.since:
        conditions.append(IncidentRow.date >= f.since)
    if f.until:
        conditions.append(IncidentRow.date <= f.until)
    for column, value in ((IncidentRow.country, f.country), (IncidentRow.admin1, f.admin1), (IncidentRow.city, f.city)):
        if value:
            conditions.append(func.lower(column) == value.lower())
    if f.perpetrator:
        conditions.append(_contains_any_case(IncidentRow.perpetrator, f.perpetrator, dialect))
    for column, value in (
        (IncidentRow.attack_types, f.attack_type),
        (IncidentRow.target_types, f.target_type),
        (IncidentRow.weapon_types, f.weapon_type),
    ):
        if value:
            conditions.append(column.contains(value, autoescape=True))
    if f.min_killed is not None:
        conditions.append(IncidentRow.killed >= f.min_killed)
    if f.bbox:
        west, south, east, north = f.bbox
        conditions += [
            IncidentRow.longitude >= west,
            IncidentRow.longitude <= east,
            IncidentRow.latitude >= south,
            IncidentRow.latitude <= north,
        ]
    if f.text:
        conditions.append(IncidentRow.search_text.contains(f.text.lower(), autoescape=True))
    if not f.include_hidden:  # on the id, which every listing index holds; the few hidden ids by the status index
        conditions.append(IncidentRow.id.not_in(select(IncidentRow.id).where(IncidentRow.status == "not_attack")))
    return query.where(*conditions) if conditions else query


def _contains_any_case(column, needle: str, dialect: str):
    """Substring match ignoring (ASCII) case. SQLite's LIKE already ignores it, and lower() on every row
    would triple the cost of a scan; PostgreSQL's LIKE does not, so it gets ILIKE."""
    pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    if dialect == "sqlite":
        return column.like(pattern, escape="\\")
    return column.ilike(pattern, escape="\\")


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
                "qualifier": _qualifier(reading_incident, name),
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


def _qualifier(incident: Incident, name: str) -> str | None:
    """'at least', 'more than' … as the report's words put it, for the toll history."""
    for span in incident.evidence.get(name, []):
        lowered = span.text.lower()
        for qualifier in QUALIFIER_MARKS:
            if lowered.startswith(qualifier + " ") or f" {qualifier} " in lowered:
                return qualifier
    return None


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
