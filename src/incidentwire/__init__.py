"""incidentwire: news reports of terrorist attacks and political violence -> structured incidents.

>>> import incidentwire
>>> record = incidentwire.extract("Gunmen attacked a police station in Bannu ...", published="2022-12-18")
"""

from __future__ import annotations

# Load the `extract` subpackage first: importing it later would rebind `incidentwire.extract` from
# the function below to the subpackage.
from . import extract as _extract_package  # noqa: F401
from .model import Count, Evidence, Incident, Record, Report

__all__ = ["extract", "Report", "Record", "Incident", "Count", "Evidence"]


def extract(text: str, published: str | None = None, title: str | None = None, report_id: str = "") -> Record:
    """The incidents a report describes, each field with the spans of `text` that prove it."""
    from .extract.pipeline import extract_record

    return extract_record(Report(id=report_id, text=text, published=published, title=title))
