"""Repository functions for watch areas and their alerts.

Each function takes a `Store` (it then runs in a transaction of its own) or a `Transaction` (it then
joins that transaction, so the caller can check alerts in the same commit as an ingest batch).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from ..model import Incident
from .repository import Store
from .tables import AlertRow, IncidentRow, WatchAreaRow
from .transaction import Transaction


@dataclass
class StoredWatchArea:
    id: int
    name: str
    definition: dict  # the WatchArea's JSON, less id and name
    created_at: datetime


@dataclass
class StoredAlert:
    id: int
    watch_area_id: int
    watch_area: str  # the area's name, for listings
    incident_id: str
    reason: str
    created_at: datetime
    delivered_at: datetime | None


def now_utc() -> datetime:
    """Naive UTC, as every timestamp of the schema."""
    return datetime.now(UTC).replace(tzinfo=None)


@contextmanager
def in_transaction(target: Store | Transaction) -> Iterator[Transaction]:
    """The caller's transaction, or a new one committed on leaving."""
    if isinstance(target, Transaction):
        yield target
        return
    with target.transaction() as tx:
        yield tx


@contextmanager
def _session(target: Store | Transaction) -> Iterator[Session]:
    with in_transaction(target) as tx:
        yield tx.session


def insert_watch_area(target: Store | Transaction, name: str, definition: dict) -> int:
    with _session(target) as session:
        row = WatchAreaRow(name=name, definition=definition, created_at=now_utc())
        session.add(row)
        session.flush()
        return row.id


def watch_areas(target: Store | Transaction) -> list[StoredWatchArea]:
    with _session(target) as session:
        rows = session.scalars(select(WatchAreaRow).order_by(WatchAreaRow.id)).all()
        return [StoredWatchArea(r.id, r.name, dict(r.definition), r.created_at) for r in rows]


def delete_watch_area(target: Store | Transaction, area_id: int) -> bool:
    """Deletes the area and its alerts (they mean nothing without it); False when there was none."""
    with _session(target) as session:
        if session.get(WatchAreaRow, area_id) is None:
            return False
        session.execute(delete(AlertRow).where(AlertRow.watch_area_id == area_id))
        session.execute(delete(WatchAreaRow).where(WatchAreaRow.id == area_id))
        session.flush()
        return True


def incidents_by_id(target: Store | Transaction, incident_ids: Iterable[str] | None) -> list[Incident]:
    """The stored incidents of these ids (those that exist); every incident when `incident_ids` is None."""
    query = select(IncidentRow.record).order_by(IncidentRow.id)
    if incident_ids is not None:
        ids = sorted(set(incident_ids))
        if not ids:
            return []
        query = query.where(IncidentRow.id.in_(ids))
    with _session(target) as session:
        return [Incident.model_validate(record) for record in session.scalars(query)]


def alerted_pairs(target: Store | Transaction, incident_ids: Iterable[str]) -> set[tuple[int, str]]:
    """(watch area id, incident id) of the alerts already recorded for these incidents."""
    ids = sorted(set(incident_ids))
    if not ids:
        return set()
    with _session(target) as session:
        return {
            (a, i)
            for a, i in session.execute(
                select(AlertRow.watch_area_id, AlertRow.incident_id).where(AlertRow.incident_id.in_(ids))
            )
        }


def insert_alert(
    target: Store | Transaction, area: StoredWatchArea, incident_id: str, reason: str
) -> StoredAlert | None:
    """Records the alert; None when this (area, incident) pair already has one (another process raised it)."""
    created_at = now_utc()
    statement = (
        _insert_for(target)(AlertRow)
        .values(watch_area_id=area.id, incident_id=incident_id, reason=reason, created_at=created_at, delivered_at=None)
        .on_conflict_do_nothing(index_elements=["watch_area_id", "incident_id"])
        .returning(AlertRow.id)
    )
    with _session(target) as session:
        alert_id = session.execute(statement).scalar_one_or_none()
        if alert_id is None:
            return None
        return StoredAlert(alert_id, area.id, area.name, incident_id, reason, created_at, None)


def _insert_for(target: Store | Transaction):
    """The dialect's INSERT, which knows ON CONFLICT DO NOTHING (both SQLite and PostgreSQL have it)."""
    engine = target.engine if isinstance(target, Store) else target.session.get_bind()
    return postgresql_insert if engine.dialect.name == "postgresql" else sqlite_insert


def alerts(
    target: Store | Transaction, since: datetime | None = None, limit: int = 100, pending_only: bool = False
) -> list[StoredAlert]:
    """Alerts newest first; `pending_only`: those not delivered yet."""
    query = (
        select(AlertRow, WatchAreaRow.name)
        .join(WatchAreaRow, AlertRow.watch_area_id == WatchAreaRow.id)
        .order_by(AlertRow.created_at.desc(), AlertRow.id.desc())
        .limit(limit)
    )
    if since is not None:
        query = query.where(AlertRow.created_at >= since)
    if pending_only:
        query = query.where(AlertRow.delivered_at.is_(None))
    with _session(target) as session:
        return [
            StoredAlert(r.id, r.watch_area_id, name, r.incident_id, r.reason, r.created_at, r.delivered_at)
            for r, name in session.execute(query)
        ]


def mark_delivered(target: Store | Transaction, alert_id: int, when: datetime | None = None) -> None:
    with _session(target) as session:
        session.execute(update(AlertRow).where(AlertRow.id == alert_id).values(delivered_at=when or now_utc()))


def incident_alerts(target: Store | Transaction, incident_id: str) -> list[tuple[int, int, str]]:
    """(alert id, watch area id, reason) of the alerts one incident raised."""
    with _session(target) as session:
        return [
            (alert_id, area_id, reason)
            for alert_id, area_id, reason in session.execute(
                select(AlertRow.id, AlertRow.watch_area_id, AlertRow.reason).where(AlertRow.incident_id == incident_id)
            )
        ]


def set_alert_reason(target: Store | Transaction, alert_id: int, reason: str) -> None:
    with _session(target) as session:
        session.execute(update(AlertRow).where(AlertRow.id == alert_id).values(reason=reason))
