"""The database schema (SQLAlchemy 2 declarative). Migrations in migrations/ mirror it.

Incidents keep their reconciled record as JSON plus the columns analysts filter on; every report's
own reading of an incident is kept as an observation, so reconciliation can always be redone.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class ReportRow(Base):
    __tablename__ = "reports"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    published: Mapped[str | None] = mapped_column(String(10), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    ingested_at: Mapped[datetime]
    sequence: Mapped[int] = mapped_column(Integer, index=True)  # arrival order, for 'most recent' ties
    error: Mapped[str | None] = mapped_column(Text)
    # the relevance decision at ingest: kept or dropped, and why (migration 0007)
    relevance_score: Mapped[float | None] = mapped_column(Float)
    relevance_reason: Mapped[str | None] = mapped_column(Text)


class IncidentRow(Base):
    __tablename__ = "incidents"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    record: Mapped[dict] = mapped_column(JSON)  # the reconciled Incident
    date: Mapped[str | None] = mapped_column(String(10))
    country: Mapped[str | None] = mapped_column(String(100))
    admin1: Mapped[str | None] = mapped_column(String(200))
    city: Mapped[str | None] = mapped_column(String(200))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    perpetrator: Mapped[str | None] = mapped_column(String(300), index=True)
    attack_types: Mapped[str | None] = mapped_column(Text)  # '|'-joined, for LIKE filters
    target_types: Mapped[str | None] = mapped_column(Text)
    weapon_types: Mapped[str | None] = mapped_column(Text)
    # lower-cased places, groups and types, for the free-text filter: one column to scan, not six lower()s
    search_text: Mapped[str | None] = mapped_column(Text)
    # Migration 0006. The day the merge's date window is matched on: the incident's date, or for an
    # undated one the day it was first reported. Without it an undated incident stored first was never a
    # candidate for the dated reports of the same event that came after it.
    anchor_day: Mapped[str | None] = mapped_column(String(10), index=True)
    killed: Mapped[int | None] = mapped_column(Integer, index=True)
    wounded: Mapped[int | None] = mapped_column(Integer)
    report_count: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime] = mapped_column(index=True)
    # Migration 0008: the analyst's hand. `machine` is the reconciled record before the analyst's
    # corrections (`overrides`, field -> correction) are laid over it; `record` is the result.
    machine: Mapped[dict | None] = mapped_column(JSON)
    overrides: Mapped[dict | None] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20), default="active", server_default="active", index=True)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    reviewed_by: Mapped[str | None] = mapped_column(String(100))
    reviewed_at: Mapped[datetime | None]
    changed_by: Mapped[str | None] = mapped_column(String(100))
    changed_at: Mapped[datetime | None]

    __table_args__ = (
        Index("ix_incidents_date_country", "date", "country"),
        Index("ix_incidents_country_admin1_city", "country", "admin1", "city"),
    )


# Migration 0003. Listing is newest first (date DESC, id): this index yields that order, and holds every
# filtered column, so a filter the index cannot seek (a perpetrator's or type's substring, a bbox) is
# tested on index entries and counted without reading the wide `record` column.
NEWEST_FIRST_COLUMNS = (
    "country",
    "admin1",
    "city",
    "perpetrator",
    "attack_types",
    "target_types",
    "weapon_types",
    "killed",
    "latitude",
    "longitude",
)
Index(
    "ix_incidents_newest_first",
    IncidentRow.date.desc(),
    IncidentRow.id,
    *(getattr(IncidentRow, name) for name in NEWEST_FIRST_COLUMNS),
)
# The country filter compares lower(country): seek it, then read in listing order.
Index("ix_incidents_lower_country_date", func.lower(IncidentRow.country), IncidentRow.date.desc(), IncidentRow.id)
# Migration 0005. The free-text filter scans search_text on index entries, in listing order.
Index("ix_incidents_search_newest", IncidentRow.date.desc(), IncidentRow.id, IncidentRow.search_text)
# Migration 0004. A map's bbox seeks the latitude band and tests longitude on the index entry; holding
# (date, id) too, counting and ordering a page never read the rows (18k of 100k for Pakistan: 50 ms -> 4 ms).
Index(
    "ix_incidents_lat_lon_newest", IncidentRow.latitude, IncidentRow.longitude, IncidentRow.date.desc(), IncidentRow.id
)


class ObservationRow(Base):
    """One report's reading of one incident, and why it was joined to the incident it is in."""

    __tablename__ = "observations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # which incident of the report
    published: Mapped[str | None] = mapped_column(String(10))
    sequence: Mapped[int] = mapped_column(Integer)
    reading: Mapped[dict] = mapped_column(JSON)  # the report's own Incident
    terms: Mapped[list] = mapped_column(JSON)  # salient words, for text similarity
    merge: Mapped[dict] = mapped_column(JSON)  # the decision that placed it here

    __table_args__ = (UniqueConstraint("report_id", "position", name="uq_observation_report_position"),)


class EvidenceRow(Base):
    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id"), index=True)
    field: Mapped[str] = mapped_column(String(60))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class CountObservationRow(Base):
    """A figure as one report gave it: the raw material of best/low/high and the toll history."""

    __tablename__ = "count_observations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id"), index=True)
    field: Mapped[str] = mapped_column(String(40))
    value: Mapped[int] = mapped_column(Integer)
    low: Mapped[int | None] = mapped_column(Integer)
    high: Mapped[int | None] = mapped_column(Integer)
    qualifier: Mapped[str | None] = mapped_column(String(40))
    published: Mapped[str | None] = mapped_column(String(10))
    sequence: Mapped[int] = mapped_column(Integer)


class WatchAreaRow(Base):
    __tablename__ = "watch_areas"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200))
    definition: Mapped[dict] = mapped_column(JSON)  # point+radius or polygon, and filters
    created_at: Mapped[datetime]


class AlertRow(Base):
    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    watch_area_id: Mapped[int] = mapped_column(ForeignKey("watch_areas.id"), index=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(index=True)
    delivered_at: Mapped[datetime | None]

    __table_args__ = (UniqueConstraint("watch_area_id", "incident_id", name="uq_alert_area_incident"),)


class AnalystRow(Base):
    """A named analyst (migration 0008): the token's secret is stored only as a salted hash."""

    __tablename__ = "analysts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    key_id: Mapped[str] = mapped_column(String(32), unique=True)  # the token's public part, for lookup
    salt: Mapped[str] = mapped_column(String(64))
    token_hash: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class AuditRow(Base):
    """One change an analyst made (migration 0008); `undo` holds what undoing it needs."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(index=True)
    analyst: Mapped[str] = mapped_column(String(100))
    incident_id: Mapped[str | None] = mapped_column(String(40), index=True)
    action: Mapped[str] = mapped_column(String(30))
    field: Mapped[str | None] = mapped_column(String(60))
    before: Mapped[dict | list | str | int | None] = mapped_column(JSON)
    after: Mapped[dict | list | str | int | None] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
    undo: Mapped[dict | None] = mapped_column(JSON)
    undone_by: Mapped[int | None] = mapped_column(Integer)


class MustNotLinkRow(Base):
    """Two reports an analyst said tell different events (migration 0008): no merge may join them."""

    __tablename__ = "must_not_link"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_a: Mapped[str] = mapped_column(String(200), index=True)
    report_b: Mapped[str] = mapped_column(String(200), index=True)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime]

    __table_args__ = (UniqueConstraint("report_a", "report_b", name="uq_must_not_link_pair"),)


def search_text(*parts: str | None) -> str:
    """The search_text column: what a free-text query is matched against, lower-cased."""
    return " | ".join(part for part in parts if part).lower()
