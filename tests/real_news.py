"""What the real-news tests share: one short report in, its first incident out."""

from incidentwire.extract.pipeline import extract_records
from incidentwire.model import Incident, Report

PUBLISHED = "2021-08-10"  # a Tuesday


def incidents_of(text: str, published: str = PUBLISHED) -> list[Incident]:
    return next(iter(extract_records([Report(id="t", text=text, published=published)]))).incidents


def incident_of(text: str, published: str = PUBLISHED) -> Incident:
    record = next(iter(extract_records([Report(id="t", text=text, published=published)])))
    assert record.incidents, record.relevance
    return record.incidents[0]


def perpetrator_names(incident: Incident) -> list[str]:
    return [p.name for p in incident.perpetrators]
