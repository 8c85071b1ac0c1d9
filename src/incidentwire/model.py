"""The typed shapes that travel between stages, and the contract's JSON shapes.

This module imports nothing of the package; every other module may import it.
"""

from __future__ import annotations

import hashlib
from typing import Literal, TypedDict

from pydantic import BaseModel, ConfigDict, Field

ROLE_NAMES = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")

DatePrecision = Literal["day", "inferred", "month", "year"]
GeoPrecision = Literal["site", "city", "district", "province", "country"]
Responsibility = Literal["claimed", "blamed", "suspected", "denied"]
EvidenceContext = Literal["anchor", "background"]
IncidentStatus = Literal["active", "not_attack"]
FieldSource = Literal["machine", "analyst"]
COUNT_FIELDS = ("killed", "killed_perpetrators", "wounded", "hostages")  # the Incident's Count fields
# The words a toll's figure is qualified by in the toll history, with the sign a chart shows for each
# ("at least 30" -> "≥ 30"); extraction's own bound words (numbers.py) decide best/low/high.
QUALIFIER_MARKS: dict[str, str] = {
    "at least": "≥",
    "more than": ">",
    "over": ">",
    "nearly": "≈",
    "about": "≈",
    "around": "≈",
    "almost": "≈",
    "up to": "≤",
    "some": "≈",
}


class Relevance(BaseModel):
    """Why a report was kept or dropped: P(attack) and the words that weighed most."""

    score: float
    reason: str = ""


class Report(BaseModel):
    """One news report: the unit of input. Only `text` is required."""

    model_config = ConfigDict(extra="ignore")

    id: str = ""
    published: str | None = None  # YYYY-MM-DD
    title: str | None = None
    text: str
    url: str | None = None
    source: str | None = None

    def model_post_init(self, __context) -> None:
        if not self.id:
            self.id = "r-" + content_hash(self.text)[:16]


class StoredReport(Report):
    """A report as the store keeps it: with the relevance decision it was given when ingested."""

    relevance: Relevance | None = None


def content_hash(text: str) -> str:
    """Hash of the text with whitespace normalised: the same text from two URLs hashes the same."""
    normalised = " ".join(text.split()).lower()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


class Evidence(BaseModel):
    """A span of a report's text that supports a field: text == report.text[start:end]."""

    start: int
    end: int
    text: str
    report_id: str = ""
    # "anchor": a sentence telling this attack; "background": other events, the past (extract/context.py)
    context: EvidenceContext = "anchor"


class Count(BaseModel):
    best: int | None = None
    low: int | None = None
    high: int | None = None
    # the report only approximates the figure ("nearly two dozen", "about 30"); False so old data loads
    approximate: bool = False
    # the report's own bound word for the figure ("at least", "more than"), for the toll history
    qualifier: str | None = None

    @classmethod
    def of(cls, value: int | None, low: int | None = None, high: int | None = None, approximate: bool = False) -> Count:
        if value is None:
            return cls()
        return cls(
            best=value, low=value if low is None else low, high=value if high is None else high, approximate=approximate
        )


class Counts(TypedDict):
    """An incident's four counts by field name (the COUNT_FIELDS), as `Incident(**counts)` takes them."""

    killed: Count
    killed_perpetrators: Count
    wounded: Count
    hostages: Count


class Conflict(BaseModel):
    field: str
    values: list = Field(default_factory=list)
    note: str = ""


class Perpetrator(BaseModel):
    name: str
    claimed: bool = False
    responsibility: Responsibility | None = None
    mentions: list[str] = Field(default_factory=list)


def _no_roles() -> dict[str, list[list[str]]]:
    return {r: [] for r in ROLE_NAMES}


class Incident(BaseModel):
    id: str = ""
    date: str | None = None
    date_precision: DatePrecision | None = None
    country: str | None = None
    admin1: str | None = None
    city: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: GeoPrecision | None = None
    site: str | None = None
    perpetrators: list[Perpetrator] = Field(default_factory=list)
    attack_types: list[str] = Field(default_factory=list)
    suicide: bool | None = None
    target_types: list[str] = Field(default_factory=list)
    weapon_types: list[str] = Field(default_factory=list)
    killed: Count = Field(default_factory=Count)
    killed_perpetrators: Count = Field(default_factory=Count)
    wounded: Count = Field(default_factory=Count)
    hostages: Count = Field(default_factory=Count)
    perpetrator_count: int | None = None
    duration_hours: float | None = None
    responders: list[str] = Field(default_factory=list)
    roles: dict[str, list[list[str]]] = Field(default_factory=_no_roles)
    evidence: dict[str, list[Evidence]] = Field(default_factory=dict)
    conflicts: list[Conflict] = Field(default_factory=list)
    reports: list[str] = Field(default_factory=list)
    # the earliest publication date among its reports (YYYY-MM-DD): when the world first heard of it
    first_reported: str | None = None
    # the analyst's hand (stored incidents): their verdict, the version a write sends back (409 when stale),
    # whether a person reviewed it, and whose value each field holds
    status: IncidentStatus = "active"
    version: int = 1
    reviewed: bool = False
    reviewed_by: str | None = None
    field_sources: dict[str, FieldSource] = Field(default_factory=dict)


class Record(BaseModel):
    """What `extract` returns for one report."""

    report: Report
    relevance: Relevance | None = None
    incidents: list[Incident] = Field(default_factory=list)
    error: str | None = None  # set when extraction failed for this report; the batch went on
