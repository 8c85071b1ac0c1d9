"""A plain-text file → a Report of its text."""

from __future__ import annotations

from pathlib import Path

from incidentwire.model import Report
from incidentwire.read.dates import normalise_published
from incidentwire.read.decode import read_text_file


def report_from_text_file(path: Path, published: str | None = None) -> Report:
    """The file's whole text as one report.

    The id is left for Report to derive from the text, not taken from the file name: many reports
    arrive as "report.txt", and the same text saved twice should be the same report."""
    text = read_text_file(path)
    return Report(text=text, published=normalise_published(published, path.name))
