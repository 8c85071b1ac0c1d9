"""Alerts after an analyst's change: one that brings an incident into a watch area (or past its toll)
alerts as an ingest would; one that takes it out, or marks it not an attack, says so in the alert's history
(its reason gains the withdrawal: who, when, why)."""

from __future__ import annotations

from datetime import UTC, datetime

from ..alerts import Alert, _area_of, alert_reason, check_alerts
from ..store import watch as repo
from ..store.repository import Store

WITHDRAWN = " | withdrawn"


def after_change(store: Store, incident_id: str, analyst: str) -> list[Alert]:
    """The alerts the change raises; the alerts it no longer justifies are marked withdrawn."""
    raised = check_alerts(store, [incident_id])
    incident = store.incident(incident_id)
    if incident is None:
        return raised
    areas = {a.id: _area_of(a) for a in repo.watch_areas(store)}
    for alert_id, area_id, reason in repo.incident_alerts(store, incident_id):
        area = areas.get(area_id)
        if area is None or WITHDRAWN in reason:
            continue
        why = (
            "marked not an attack"
            if incident.status == "not_attack"
            else None
            if alert_reason(area, incident) is not None
            else "no longer matches the area"
        )
        if why:
            when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
            repo.set_alert_reason(store, alert_id, f"{reason}{WITHDRAWN} {when} by {analyst}: {why}")
    return raised
