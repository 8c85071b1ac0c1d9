"""Watch areas and alerts: tell an analyst when an incident happens near what they protect.

A watch area is a point and radius or a polygon, with optional filters. After every ingest,
`check_alerts(store, summary.touched)` records one alert per (area, incident) the first time the
incident matches: a later report that raises the toll or corrects the place can make it match then.
`deliver_webhooks` POSTs alerts not yet delivered to their area's webhook, with retries.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, NamedTuple

import httpx
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .model import Incident
from .store import watch as repo
from .store.repository import Store
from .store.transaction import Transaction

EARTH_RADIUS_KM = 6371.0088
# Coordinates of a country or province are its centroid, not where the attack happened: too coarse to
# say an incident was inside a watch area.
TOO_COARSE = {"country", "province"}
USER_AGENT = "incidentwire-alerts/0.1 (+https://github.com/incidentwire)"


class LatLon(BaseModel):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)

    @model_validator(mode="before")
    @classmethod
    def _from_pair(cls, value):
        """Also accepts [lat, lon]."""
        if isinstance(value, (list, tuple)) and len(value) == 2:
            return {"lat": value[0], "lon": value[1]}
        return value


Longitude = Annotated[float, Field(ge=-180, le=180)]
Latitude = Annotated[float, Field(ge=-90, le=90)]


class WatchArea(BaseModel):
    """A point (lat, lon) and radius, or a polygon of [lon, lat] vertices (GeoJSON order), plus filters.

    Filters all must hold; within one list, any entry may match (case-insensitive).
    """

    # The schema says what the validators enforce, so a client generated from it knows: one shape or the other.
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "oneOf": [
                {"required": ["point", "radius_km"], "not": {"required": ["polygon"]}},
                {"required": ["polygon"], "not": {"anyOf": [{"required": ["point"]}, {"required": ["radius_km"]}]}},
            ]
        },
    )

    id: int | None = None  # set once stored
    name: str = Field(min_length=1, max_length=200)
    point: LatLon | None = None
    radius_km: float | None = Field(default=None, gt=0)
    polygon: list[tuple[Longitude, Latitude]] | None = Field(default=None, min_length=3)
    min_killed: int | None = Field(default=None, ge=0)
    groups: list[str] = Field(default_factory=list)  # substrings of perpetrator names
    attack_types: list[str] = Field(default_factory=list)
    target_types: list[str] = Field(default_factory=list)
    webhook: str | None = Field(default=None, pattern=r"^https?://", max_length=2000)

    @field_validator("polygon")
    @classmethod
    def _valid_polygon(cls, polygon):
        if polygon is None:
            return None
        for lon, lat in polygon:
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                raise ValueError(f"polygon vertex {[lon, lat]} is not [lon, lat] in range")
        if len(polygon) > 1 and polygon[0] == polygon[-1]:
            polygon = polygon[:-1]  # a closed GeoJSON ring repeats its first vertex
        if len(polygon) < 3:
            raise ValueError("a polygon needs at least three distinct vertices")
        return polygon

    @field_validator("webhook")
    @classmethod
    def _valid_webhook(cls, url):
        if url is not None and not url.startswith(("http://", "https://")):
            raise ValueError("webhook must be an http:// or https:// URL")
        return url

    @model_validator(mode="after")
    def _one_shape(self):
        has_circle = self.point is not None or self.radius_km is not None
        if has_circle == (self.polygon is not None):
            raise ValueError("give either a point and radius_km, or a polygon")
        if has_circle and (self.point is None or self.radius_km is None):
            raise ValueError("a point needs a radius_km, and a radius_km a point")
        return self


class Alert(BaseModel):
    id: int
    watch_area_id: int
    watch_area: str
    incident_id: str
    reason: str
    created_at: datetime
    delivered_at: datetime | None = None


# --- geometry --------------------------------------------------------------------------------------


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two WGS84 points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def inside_polygon(lon: float, lat: float, polygon: list[tuple[float, float]]) -> bool:
    """Ray casting on [lon, lat] vertices (planar; fine for areas that do not cross the antimeridian)."""
    inside = False
    j = len(polygon) - 1
    for i, (xi, yi) in enumerate(polygon):
        xj, yj = polygon[j]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


# --- matching --------------------------------------------------------------------------------------


class Verdict(NamedTuple):
    holds: bool
    why: str = ""  # empty when the condition was not asked for


def place_verdict(area: WatchArea, incident: Incident) -> Verdict:
    if incident.latitude is None or incident.longitude is None or incident.geo_precision in TOO_COARSE:
        return Verdict(False)
    coarse = f", {incident.geo_precision}-level location" if incident.geo_precision not in (None, "site") else ""
    if area.polygon is not None:
        inside = inside_polygon(incident.longitude, incident.latitude, area.polygon)
        return Verdict(inside, f"inside {area.name}" + (f" ({coarse[2:]})" if coarse else ""))
    assert area.point is not None and area.radius_km is not None  # no polygon: a point and radius (_one_shape)
    distance = haversine_km(area.point.lat, area.point.lon, incident.latitude, incident.longitude)
    return Verdict(distance <= area.radius_km, f"inside {area.name} ({distance:.1f} km from centre{coarse})")


def killed_verdict(area: WatchArea, incident: Incident) -> Verdict:
    if area.min_killed is None:
        return Verdict(True)
    killed = incident.killed.best
    return Verdict(killed is not None and killed >= area.min_killed, f"killed {killed} ≥ {area.min_killed}")


def group_verdict(area: WatchArea, incident: Incident) -> Verdict:
    if not area.groups:
        return Verdict(True)
    wanted = [g.lower() for g in area.groups]
    names = [p.name for p in incident.perpetrators if any(w in p.name.lower() for w in wanted)]
    return Verdict(bool(names), "group " + ", ".join(names))


def _types_verdict(wanted: list[str], found: list[str], label: str) -> Verdict:
    if not wanted:
        return Verdict(True)
    lowered = {w.lower() for w in wanted}
    hits = [t for t in found if t.lower() in lowered]
    return Verdict(bool(hits), f"{label} " + ", ".join(hits))


def attack_verdict(area: WatchArea, incident: Incident) -> Verdict:
    return _types_verdict(area.attack_types, incident.attack_types, "attack type")


def target_verdict(area: WatchArea, incident: Incident) -> Verdict:
    return _types_verdict(area.target_types, incident.target_types, "target type")


CONDITIONS = (place_verdict, killed_verdict, group_verdict, attack_verdict, target_verdict)


def alert_reason(area: WatchArea, incident: Incident) -> str | None:
    """Why the incident matches the area ("inside X (3.2 km from centre), killed 4 ≥ 1"), or None."""
    reasons = []
    for condition in CONDITIONS:
        verdict = condition(area, incident)
        if not verdict.holds:
            return None
        if verdict.why:
            reasons.append(verdict.why)
    return ", ".join(reasons)


# --- the watch areas and alerts of a store -----------------------------------------------------------


def _area_of(stored: repo.StoredWatchArea) -> WatchArea:
    return WatchArea.model_validate({**stored.definition, "id": stored.id, "name": stored.name})


def add_watch_area(store: Store | Transaction, area: WatchArea) -> int:
    definition = area.model_dump(mode="json", exclude={"id", "name"})
    return repo.insert_watch_area(store, area.name, definition)


def list_watch_areas(store: Store | Transaction) -> list[WatchArea]:
    return [_area_of(a) for a in repo.watch_areas(store)]


def remove_watch_area(store: Store | Transaction, area_id: int) -> bool:
    """Removes the area and its alerts; False when no area has this id."""
    return repo.delete_watch_area(store, area_id)


def check_alerts(store: Store | Transaction, incident_ids: Iterable[str] | None = None) -> list[Alert]:
    """Records and returns the alerts these incidents newly raise (every incident when None).

    An (area, incident) pair alerts once: re-checking, or a later update that still matches, adds nothing.
    """
    with repo.in_transaction(store) as tx:
        areas = repo.watch_areas(tx)
        if not areas:
            return []
        # an incident an analyst marked "not an attack" alerts no one
        incidents = [i for i in repo.incidents_by_id(tx, incident_ids) if i.status != "not_attack"]
        already = repo.alerted_pairs(tx, [i.id for i in incidents])
        raised = []
        for stored in areas:
            area = _area_of(stored)
            for incident in incidents:
                if (stored.id, incident.id) in already:
                    continue
                reason = alert_reason(area, incident)
                inserted = repo.insert_alert(tx, stored, incident.id, reason) if reason is not None else None
                if inserted is not None:  # None: another process raised this alert first
                    raised.append(_alert_of(inserted))
        return raised


def list_alerts(store: Store | Transaction, since: datetime | str | None = None, limit: int = 100) -> list[Alert]:
    """Alerts newest first, created at or after `since` (a datetime or ISO string, UTC)."""
    if isinstance(since, str):
        since = datetime.fromisoformat(since).replace(tzinfo=None)
    return [_alert_of(a) for a in repo.alerts(store, since=since, limit=limit)]


def _alert_of(stored: repo.StoredAlert) -> Alert:
    return Alert.model_validate(stored, from_attributes=True)


# --- webhooks --------------------------------------------------------------------------------------


@dataclass
class Delivery:
    delivered: list[int] = field(default_factory=list)  # alert ids
    failed: dict[int, str] = field(default_factory=dict)  # alert id → last error; stays pending


def deliver_webhooks(
    store: Store, timeout: float = 5, retries: int = 3, backoff_s: float = 0.5, limit: int = 1000
) -> Delivery:
    """POSTs each pending alert of an area with a webhook, oldest first, as JSON
    `{"alert": Alert, "watch_area": WatchArea, "incident": Incident}`; marks it delivered on a 2xx.

    Retries `retries` times after the first try, waiting backoff_s, 2·backoff_s, 4·backoff_s …
    No database transaction is held while waiting on the network.
    """
    areas = {a.id: a for a in list_watch_areas(store)}
    pending = [
        a
        for a in reversed(repo.alerts(store, limit=limit, pending_only=True))
        if areas.get(a.watch_area_id) and areas[a.watch_area_id].webhook
    ]
    delivery = Delivery()
    with httpx.Client(timeout=timeout, headers={"User-Agent": USER_AGENT}, follow_redirects=False) as client:
        for stored in pending:
            area = areas[stored.watch_area_id]
            if not area.webhook:  # never: `pending` holds the alerts of areas with a webhook
                continue
            incident = store.incident(stored.incident_id)
            payload = {
                "alert": _alert_of(stored).model_dump(mode="json"),
                "watch_area": area.model_dump(mode="json"),
                "incident": incident.model_dump(mode="json") if incident else None,
            }
            error = post_with_retries(client, area.webhook, payload, retries, backoff_s)
            if error is None:
                repo.mark_delivered(store, stored.id)
                delivery.delivered.append(stored.id)
            else:
                delivery.failed[stored.id] = error
    return delivery


def post_with_retries(client: httpx.Client, url: str, payload: dict, retries: int, backoff_s: float) -> str | None:
    """None once the server answers 2xx; else the last error. A 4xx other than 408/429 is not retried."""
    error = "not tried"
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(backoff_s * 2 ** (attempt - 1))
        try:
            response = client.post(url, json=payload)
        except httpx.HTTPError as failure:  # timeouts, refused connections, broken responses
            error = f"{type(failure).__name__}: {failure}"
            continue
        if response.is_success:
            return None
        error = f"HTTP {response.status_code}"
        if response.status_code < 500 and response.status_code not in (408, 429):
            return error
    return error
