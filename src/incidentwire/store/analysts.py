"""Repository functions for the analyst's hand: analysts, the audit log, must-not-link pairs, and moving a
report's observations between incidents. Like watch.py, each takes a Store (its own transaction) or a
Transaction (joins it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import CursorResult, or_, select, update

from .repository import Store
from .tables import AnalystRow, AuditRow, CountObservationRow, EvidenceRow, MustNotLinkRow, ObservationRow
from .transaction import Transaction
from .watch import _session, now_utc


@dataclass
class StoredAnalyst:
    name: str
    key_id: str
    salt: str
    token_hash: str
    created_at: datetime
    revoked_at: datetime | None


@dataclass
class AuditEntry:
    id: int
    at: datetime
    analyst: str
    incident_id: str | None
    action: str
    field: str | None
    before: object
    after: object
    note: str | None
    undo: dict | None
    undone_by: int | None


def _analyst_of(row: AnalystRow) -> StoredAnalyst:
    return StoredAnalyst(row.name, row.key_id, row.salt, row.token_hash, row.created_at, row.revoked_at)


def insert_analyst(target: Store | Transaction, name: str, key_id: str, salt: str, token_hash: str) -> bool:
    """False when an analyst of that name exists (revoked or not)."""
    with _session(target) as session:
        if session.scalar(select(AnalystRow.id).where(AnalystRow.name == name)) is not None:
            return False
        session.add(AnalystRow(name=name, key_id=key_id, salt=salt, token_hash=token_hash, created_at=now_utc()))
        session.flush()
        return True


def analysts(target: Store | Transaction) -> list[StoredAnalyst]:
    with _session(target) as session:
        return [_analyst_of(r) for r in session.scalars(select(AnalystRow).order_by(AnalystRow.name))]


def analyst_by_key(target: Store | Transaction, key_id: str) -> StoredAnalyst | None:
    with _session(target) as session:
        row = session.scalar(select(AnalystRow).where(AnalystRow.key_id == key_id))
        return _analyst_of(row) if row else None


def revoke_analyst(target: Store | Transaction, name: str) -> bool:
    """False when there is no such analyst, or it was revoked before."""
    with _session(target) as session:
        # an UPDATE without RETURNING gives a CursorResult, though Session.execute is typed as giving a Result
        # (sqlalchemy/sqlalchemy#12913: the maintainers' answer is to cast)
        done = cast(
            CursorResult,
            session.execute(
                update(AnalystRow)
                .where(AnalystRow.name == name, AnalystRow.revoked_at.is_(None))
                .values(revoked_at=now_utc())
            ),
        )
        return done.rowcount > 0


def insert_audit(
    tx: Transaction,
    analyst: str,
    incident_id: str | None,
    action: str,
    field: str | None = None,
    before=None,
    after=None,
    note: str | None = None,
    undo: dict | None = None,
) -> int:
    row = AuditRow(
        at=now_utc(),
        analyst=analyst,
        incident_id=incident_id,
        action=action,
        field=field,
        before=before,
        after=after,
        note=note,
        undo=undo,
    )
    tx.session.add(row)
    tx.session.flush()
    return row.id


def _entry_of(row: AuditRow) -> AuditEntry:
    return AuditEntry(
        row.id,
        row.at,
        row.analyst,
        row.incident_id,
        row.action,
        row.field,
        row.before,
        row.after,
        row.note,
        row.undo,
        row.undone_by,
    )


def audit_entries(
    target: Store | Transaction,
    incident_id: str | None = None,
    analyst: str | None = None,
    limit: int = 100,
    before_id: int | None = None,
) -> list[AuditEntry]:
    """Newest first; `incident_id` also finds entries that name it in their undo data (merges)."""
    query = select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)
    if incident_id:
        query = query.where(AuditRow.incident_id == incident_id)
    if analyst:
        query = query.where(AuditRow.analyst == analyst)
    if before_id:
        query = query.where(AuditRow.id < before_id)
    with _session(target) as session:
        return [_entry_of(r) for r in session.scalars(query)]


def audit_entry(tx: Transaction, entry_id: int) -> AuditEntry | None:
    row = tx.session.get(AuditRow, entry_id)
    return _entry_of(row) if row else None


def mark_undone(tx: Transaction, entry_id: int, by_entry: int) -> None:
    tx.session.execute(update(AuditRow).where(AuditRow.id == entry_id).values(undone_by=by_entry))


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def add_must_not_link(tx: Transaction, reports: list[str], others: list[str], analyst: str) -> list[list[str]]:
    """Every report of `reports` must never share an incident with one of `others`; returns the new pairs."""
    added = []
    for a in reports:
        for b in others:
            first, second = _pair(a, b)
            if first == second or _linked(tx, first, second):
                continue
            tx.session.add(MustNotLinkRow(report_a=first, report_b=second, created_by=analyst, created_at=now_utc()))
            added.append([first, second])
    tx.session.flush()
    return added


def _linked(tx: Transaction, a: str, b: str) -> bool:
    return (
        tx.session.scalar(select(MustNotLinkRow.id).where(MustNotLinkRow.report_a == a, MustNotLinkRow.report_b == b))
        is not None
    )


def remove_must_not_link(tx: Transaction, pairs: list[list[str]]) -> None:
    for a, b in pairs:
        tx.session.query(MustNotLinkRow).filter(MustNotLinkRow.report_a == a, MustNotLinkRow.report_b == b).delete()


def separating_pairs(tx: Transaction, reports_a: list[str], reports_b: list[str]) -> list[list[str]]:
    """The must-not-link pairs between two sets of reports: none, or why the two must stay apart."""
    if not reports_a or not reports_b:
        return []
    rows = tx.session.execute(
        select(MustNotLinkRow.report_a, MustNotLinkRow.report_b).where(
            or_(MustNotLinkRow.report_a.in_(reports_a), MustNotLinkRow.report_b.in_(reports_a))
        )
    ).all()
    left, right = set(reports_a), set(reports_b)
    return [[a, b] for a, b in rows if (a in left and b in right) or (a in right and b in left)]


def incident_reports(tx: Transaction, incident_id: str) -> list[str]:
    return list(
        dict.fromkeys(
            tx.session.scalars(
                select(ObservationRow.report_id)
                .where(ObservationRow.incident_id == incident_id)
                .order_by(ObservationRow.sequence)
            )
        )
    )


def may_merge(tx: Transaction, a: str, b: str) -> bool:
    """False when an analyst split a report of one from a report of the other."""
    return not separating_pairs(tx, incident_reports(tx, a), incident_reports(tx, b))


def move_reports(tx: Transaction, from_id: str, into_id: str, report_ids: list[str]) -> None:
    """Moves these reports' observations, figures and evidence from one incident to another."""
    tx.session.flush()
    for table in (ObservationRow, EvidenceRow, CountObservationRow):
        tx.session.execute(
            update(table)
            .where(table.incident_id == from_id, table.report_id.in_(report_ids))
            .values(incident_id=into_id)
        )
    tx.session.expire_all()
    tx.forget(into_id, from_id)


def merge_scores(target: Store | Transaction, incident_ids: list[str]) -> dict[str, list[tuple[bool, float]]]:
    """Each incident's merge decisions: (joined?, score), one per observation."""
    found: dict[str, list[tuple[bool, float]]] = {}
    with _session(target) as session:
        for start in range(0, len(incident_ids), 500):
            rows = session.execute(
                select(ObservationRow.incident_id, ObservationRow.merge).where(
                    ObservationRow.incident_id.in_(incident_ids[start : start + 500])
                )
            )
            for incident_id, decision in rows:
                score = (decision or {}).get("score")
                if isinstance(score, (int, float)):
                    found.setdefault(incident_id, []).append((bool(decision.get("same")), float(score)))
    return found


def corrected_incident_ids(target: Store | Transaction) -> list[str]:
    """Incidents an analyst corrected a field of, or marked not an attack."""
    from .tables import IncidentRow

    with _session(target) as session:
        return list(
            session.scalars(
                select(IncidentRow.id)
                .where(or_(IncidentRow.overrides.is_not(None), IncidentRow.status == "not_attack"))
                .order_by(IncidentRow.id)
            )
        )


def machine_record(store: Store, incident_id: str):
    """The machine's reconciled record of one stored incident, before the analyst's corrections (a read)."""
    with store._sessions() as session:
        return Transaction(session).machine_record(incident_id)


def analyst_state(store: Store, incident_id: str):
    """The analyst's state of one stored incident (a read)."""
    with store._sessions() as session:
        return Transaction(session).analyst_state(incident_id)
