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
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from platformdirs import user_data_dir
from sqlalchemy import create_engine, delete, event, func, or_, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from ..model import Incident, Report
from .tables import AlertRow, CountObservationRow, EvidenceRow, IncidentRow, ObservationRow, ReportRow


def default_db_url() -> str:
    """$INCIDENTWIRE_DB, else an SQLite file in the user's data directory."""
    if os.environ.get("INCIDENTWIRE_DB"):
        return os.environ["INCIDENTWIRE_DB"]
    folder = Path(user_data_dir("incidentwire"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'incidentwire.sqlite'}"


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 60})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection, _record):  # WAL: readers never block the writer
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def migrate(engine: Engine) -> None:
    """Brings the schema to the latest revision (a no-op when it is there)."""
    config = Config()
    config.set_main_option("script_location", str(resources.files("incidentwire.store").joinpath("migrations")))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_store(url: str | None = None) -> "Store":
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
    def transaction(self) -> Iterator["Transaction"]:
        with self._sessions.begin() as session:
            yield Transaction(session)

    # --- reads -----------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        with self._sessions() as session:
            return {"reports": session.scalar(select(func.count()).select_from(ReportRow)),
                    "incidents": session.scalar(select(func.count()).select_from(IncidentRow))}

    def known_hashes(self, hashes: list[str]) -> set[str]:
        if not hashes:
            return set()
        with self._sessions() as session:
            return set(session.scalars(select(ReportRow.content_hash).where(ReportRow.content_hash.in_(hashes))))

    def report(self, report_id: str) -> Report | None:
        with self._sessions() as session:
            row = session.get(ReportRow, report_id)
            return _report_of(row) if row else None

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
            report_rows = session.scalars(select(ReportRow).where(
                ReportRow.id.in_([r.report_id for r in readings])).order_by(ReportRow.published, ReportRow.sequence))
            history = tx.toll_history(incident_id)
            return IncidentDetail(Incident.model_validate(row.record), [_report_of(r) for r in report_rows],
                                  readings, history)

    def list_incidents(self, filters: IncidentFilters | None = None, limit: int = 100,
                       cursor: str | None = None) -> IncidentPage:
        """Incidents newest first; `cursor` is the `next` of the previous page."""
        query = _filtered(select(IncidentRow), filters or IncidentFilters())
        with self._sessions() as session:
            total = session.scalar(select(func.count()).select_from(query.subquery()))
            offset = int(cursor) if cursor and cursor.isdigit() else 0
            rows = session.scalars(query.order_by(IncidentRow.date.desc(), IncidentRow.id)
                                   .offset(offset).limit(limit)).all()
        following = offset + len(rows)
        return IncidentPage([Incident.model_validate(r.record) for r in rows], total,
                            str(following) if following < total else None)


def _report_of(row: ReportRow) -> Report:
    return Report(id=row.id, published=row.published, title=row.title, text=row.text, url=row.url, source=row.source)


def _filtered(query, f: IncidentFilters):
    conditions = []
    if f.since:
        conditions.append(IncidentRow.date >= f.since)
    if f.until:
        conditions.append(IncidentRow.date <= f.until)
    for column, value in ((IncidentRow.country, f.country), (IncidentRow.admin1, f.admin1),
                          (IncidentRow.city, f.city)):
        if value:
            conditions.append(func.lower(column) == value.lower())
    if f.perpetrator:
        conditions.append(func.lower(IncidentRow.perpetrator).contains(f.perpetrator.lower()))
    for column, value in ((IncidentRow.attack_types, f.attack_type), (IncidentRow.target_types, f.target_type),
                          (IncidentRow.weapon_types, f.weapon_type)):
        if value:
            conditions.append(column.contains(value))
    if f.min_killed is not None:
        conditions.append(IncidentRow.killed >= f.min_killed)
    if f.bbox:
        west, south, east, north = f.bbox
        conditions += [IncidentRow.longitude >= west, IncidentRow.longitude <= east,
                       IncidentRow.latitude >= south, IncidentRow.latitude <= north]
    if f.text:
        needle = f.text.lower()
        conditions.append(or_(*(func.lower(c).contains(needle) for c in (
            IncidentRow.city, IncidentRow.admin1, IncidentRow.country, IncidentRow.perpetrator,
            IncidentRow.attack_types, IncidentRow.target_types))))
    return query.where(*conditions) if conditions else query


class Transaction:
    """Writes (and the reads the merge needs) inside one database transaction."""

    def __init__(self, session: Session):
        self.session = session

    def next_sequence(self) -> int:
        return (self.session.scalar(select(func.max(ReportRow.sequence))) or 0) + 1

    def has_report(self, content_hash: str) -> bool:
        return self.session.scalar(select(ReportRow.id).where(ReportRow.content_hash == content_hash)) is not None

    def free_report_id(self, report_id: str) -> str:
        """The report's id, or a suffixed one when another text already holds it (an updated article)."""
        candidate, n = report_id, 1
        while self.session.get(ReportRow, candidate) is not None:
            n += 1
            candidate = f"{report_id}~{n}"
        return candidate

    def add_report(self, report: Report, content_hash: str, sequence: int, error: str | None = None) -> None:
        self.session.add(ReportRow(id=report.id, content_hash=content_hash, published=report.published,
                                   title=report.title, text=report.text, url=report.url, source=report.source,
                                   ingested_at=_now(), sequence=sequence, error=error))
        self.session.flush()

    def incidents_near(self, date_from: str | None, date_to: str | None, country: str | None,
                       perpetrators: list[str]) -> list[tuple[Incident, frozenset[str]]]:
        """Stored incidents that could be the same event: in the date window, and in the same country or
        named with the same perpetrator (a misread country must not hide the event it belongs to)."""
        query = select(IncidentRow)
        if date_from and date_to:
            query = query.where(IncidentRow.date >= date_from, IncidentRow.date <= date_to)
        else:
            query = query.where(IncidentRow.date.is_(None))
        if country:
            query = query.where(or_(IncidentRow.country == country, IncidentRow.country.is_(None),
                                    IncidentRow.perpetrator.in_(perpetrators)))
        rows = self.session.scalars(query).all()
        terms = self._terms_of([r.id for r in rows])
        return [(Incident.model_validate(r.record), terms.get(r.id, frozenset())) for r in rows]

    def _terms_of(self, incident_ids: list[str]) -> dict[str, frozenset[str]]:
        terms: dict[str, set[str]] = {}
        if incident_ids:
            for incident_id, words in self.session.execute(
                    select(ObservationRow.incident_id, ObservationRow.terms)
                    .where(ObservationRow.incident_id.in_(incident_ids))):
                terms.setdefault(incident_id, set()).update(words)
        return {k: frozenset(v) for k, v in terms.items()}

    def add_observation(self, incident_id: str, reading_incident: Incident, report_id: str, position: int,
                        published: str | None, sequence: int, terms: frozenset[str], merge: dict) -> None:
        self.session.add(ObservationRow(incident_id=incident_id, report_id=report_id, position=position,
                                        published=published, sequence=sequence,
                                        reading=reading_incident.model_dump(mode="json"),
                                        terms=sorted(terms), merge=merge))
        for name in ("killed", "killed_perpetrators", "wounded", "hostages"):
            count = getattr(reading_incident, name)
            if count.best is not None:
                self.session.add(CountObservationRow(
                    incident_id=incident_id, report_id=report_id, field=name, value=count.best, low=count.low,
                    high=count.high, qualifier=_qualifier(reading_incident, name), published=published,
                    sequence=sequence))
        for name, spans in reading_incident.evidence.items():
            for span in spans:
                self.session.add(EvidenceRow(incident_id=incident_id, report_id=report_id, field=name,
                                             start=span.start, end=span.end, text=span.text))
        self.session.flush()

    def absorb_incident(self, into_id: str, from_id: str) -> None:
        """Moves everything of incident `from_id` to `into_id` and deletes `from_id` (one event stored twice)."""
        alerted = select(AlertRow.watch_area_id).where(AlertRow.incident_id == into_id)
        self.session.execute(delete(AlertRow).where(AlertRow.incident_id == from_id,
                                                    AlertRow.watch_area_id.in_(alerted)))
        for table in (ObservationRow, EvidenceRow, CountObservationRow, AlertRow):
            self.session.execute(update(table).where(table.incident_id == from_id).values(incident_id=into_id))
        self.session.execute(delete(IncidentRow).where(IncidentRow.id == from_id))
        self.session.flush()

    def readings_of(self, incident_id: str) -> list[StoredReading]:
        rows = self.session.scalars(select(ObservationRow).where(ObservationRow.incident_id == incident_id)
                                    .order_by(ObservationRow.sequence, ObservationRow.position)).all()
        return [StoredReading(Incident.model_validate(r.reading), r.report_id, r.published, r.sequence,
                              frozenset(r.terms), r.merge) for r in rows]

    def save_incident(self, incident: Incident) -> bool:
        """Inserts or replaces the reconciled record; True when the incident is new."""
        row = self.session.get(IncidentRow, incident.id)
        created = row is None
        if created:
            row = IncidentRow(id=incident.id, created_at=_now())
            self.session.add(row)
        row.record = incident.model_dump(mode="json")
        row.date, row.country, row.admin1, row.city = incident.date, incident.country, incident.admin1, incident.city
        row.latitude, row.longitude = incident.latitude, incident.longitude
        row.perpetrator = incident.perpetrators[0].name if incident.perpetrators else None
        row.attack_types = "|".join(incident.attack_types)
        row.target_types = "|".join(incident.target_types)
        row.weapon_types = "|".join(incident.weapon_types)
        row.killed, row.wounded = incident.killed.best, incident.wounded.best
        row.report_count = len(incident.reports)
        row.updated_at = _now()
        self.session.flush()
        return created

    def toll_history(self, incident_id: str) -> dict[str, list[dict]]:
        rows = self.session.scalars(select(CountObservationRow)
                                    .where(CountObservationRow.incident_id == incident_id)
                                    .order_by(CountObservationRow.published, CountObservationRow.sequence)).all()
        history: dict[str, list[dict]] = {}
        for r in rows:
            history.setdefault(r.field, []).append({"published": r.published, "report_id": r.report_id,
                                                    "value": r.value, "low": r.low, "high": r.high,
                                                    "qualifier": r.qualifier})
        return history


_QUALIFIERS = ("at least", "more than", "over", "nearly", "about", "around", "up to", "some", "almost")


def _qualifier(incident: Incident, name: str) -> str | None:
    """'at least', 'more than' … as the report's words put it, for the toll history."""
    for span in incident.evidence.get(name, []):
        lowered = span.text.lower()
        for qualifier in _QUALIFIERS:
            if lowered.startswith(qualifier + " ") or f" {qualifier} " in lowered:
                return qualifier
    return None
