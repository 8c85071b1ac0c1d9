"""GeoJSON: a FeatureCollection (RFC 7946), one Point feature per incident, the full Incident as properties.

Incidents without coordinates are kept, with `"geometry": null` (allowed by RFC 7946 §3.2): the export then
holds every incident the filters matched, and map clients simply skip those features.
Features are written one at a time, so a large export never sits in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from ..model import Incident


def incident_feature(incident: Incident) -> dict:
    """One incident as a GeoJSON Feature ([longitude, latitude], as GeoJSON orders them)."""
    geometry = None
    if incident.latitude is not None and incident.longitude is not None:
        geometry = {"type": "Point", "coordinates": [incident.longitude, incident.latitude]}
    return {"type": "Feature", "id": incident.id, "geometry": geometry, "properties": incident.model_dump(mode="json")}


def write_geojson(incidents: Iterable[Incident], out: TextIO) -> int:
    """Writes a FeatureCollection; returns the number of features."""
    out.write('{"type": "FeatureCollection", "features": [')
    rows = 0
    for incident in incidents:
        out.write(",\n" if rows else "\n")
        out.write(json.dumps(incident_feature(incident), ensure_ascii=False))
        rows += 1
    out.write("\n]}\n")
    return rows


def read_geojson(source: TextIO) -> list[Incident]:
    """The incidents of a FeatureCollection written by `write_geojson`."""
    collection = json.load(source)
    if collection.get("type") != "FeatureCollection":
        raise ValueError("not a GeoJSON FeatureCollection")
    return [Incident.model_validate(feature["properties"]) for feature in collection["features"]]
