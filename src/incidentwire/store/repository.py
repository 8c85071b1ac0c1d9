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
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from platformdirs import user_data_dir
from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import sessionmaker

from ..model import Incident, Relevance, Report, StoredReport
from .space import StorageFull, disk_full_reason
from .tables import (
    IncidentRow,
    ReportRow,
)
from .transaction import StoredReading, Transaction


def default_db_url() -> str:
    """$INCIDENTWIRE_DB, else an SQLite file in the user's data directory."""
    if os.environ.get("INCIDENTWIRE_DB"):
        return os.environ["INCIDENTWIRE_DB"]
    folder = Path(user_data_dir("incidentwire"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'incidentwire.sqlite'}"


def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": WRITE_WAIT_S})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection, _record):  # WAL: readers never block the writer
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            # each pooled connection keeps its own page cache; bounded, a server's memory stays flat as the
            # database grows (the operating system's file cache serves the rest)
            cursor.execute(SQLITE_CACHE_PRAGMA)
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


# 512 KiB per connection (negative: KiB); SQLite's default is 2 MiB (benchmarks/bench_soak.py)
SQLITE_CACHE_PRAGMA = "PRAGMA cache_size=-512"

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
