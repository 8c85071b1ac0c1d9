"""Sources → Reports: the one way in for files (.txt, .html/.htm, .json, .jsonl) and report objects.

    read_report(path, published=None) -> Report          one report from a file
    iter_reports(path, published=None) -> Iterator[Report | BadLine]   every report of a file or batch
    report_from_dict(obj, origin) -> Report               one JSON report object
    report_from_html(html, origin, **meta) -> Report      a page's main text
    looks_english(text) -> bool

Everything a user can get wrong raises UnreadableInput or BadReport with a one-line message.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from incidentwire.errors import BadReport, UnreadableInput
from incidentwire.model import Report
from incidentwire.read.dates import normalise_published
from incidentwire.read.decode import read_head, read_text_file
from incidentwire.read.html import report_from_html
from incidentwire.read.jsonl import BadLine, iter_jsonl
from incidentwire.read.language import looks_english
from incidentwire.read.report_json import parse_json_report, report_from_dict
from incidentwire.read.text import report_from_text_file

__all__ = [
    "BadLine",
    "BadReport",
    "ReportKind",
    "UnreadableInput",
    "detect_kind",
    "iter_reports",
    "looks_english",
    "normalise_published",
    "read_report",
    "report_from_dict",
    "report_from_html",
]

ReportKind = Literal["text", "html", "json", "jsonl", "feed"]
KIND_BY_SUFFIX: dict[str, ReportKind] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
_HTML_MARKERS = (b"<!doctype html", b"<html")


def detect_kind(path: Path) -> ReportKind:
    """What a file holds, by its suffix; an unknown suffix is HTML when it starts like a page, else text."""
    kind = KIND_BY_SUFFIX.get(path.suffix.lower())
    if kind is not None:
        return kind
    try:
        head = read_head(path, 1024).lstrip().lower()
    except UnreadableInput:
        return "text"  # the reader will name the real problem
    return "html" if head.lstrip(b"\xef\xbb\xbf").startswith(_HTML_MARKERS) else "text"


def read_report(path: Path, published: str | None = None) -> Report:
    """The one report a file holds; `published` ("YYYY-MM-DD" or any date string) sets its date.

    Raises UnreadableInput (cannot be read, or not one report) or BadReport (an invalid report object)."""
    path = Path(path)
    kind = detect_kind(path)
    if kind == "text":
        return report_from_text_file(path, published)
    if kind == "html":
        return report_from_html_file(path, published)
    if kind == "json":
        return parse_json_report(read_text_file(path), path.name, published)
    if kind == "jsonl":
        return only_report_of_batch(path, published)
    raise UnreadableInput.at(path.name, "an RSS/Atom feed, not a report; use `incidentwire ingest`")


def iter_reports(path: Path, published: str | None = None) -> Iterator[Report | BadLine]:
    """Every report in a file: each line of a .jsonl batch (a bad line comes as a BadLine and the
    batch goes on), or the single report of any other file. File-level problems raise at once."""
    path = Path(path)
    if detect_kind(path) == "jsonl":
        return iter_jsonl(path, published)
    return iter([read_report(path, published)])


def report_from_html_file(path: Path, published: str | None = None) -> Report:
    html = read_text_file(path, html=True)
    date = normalise_published(published, path.name)
    return report_from_html(html, path.name, **({"published": date} if date else {}))


def only_report_of_batch(path: Path, published: str | None) -> Report:
    """The report of a one-line batch; a longer batch is refused, since the caller expects one."""
    items = list(iter_jsonl(path, published))
    if len(items) != 1:
        raise UnreadableInput.at(path.name, f"a batch of {len(items)} lines, expected one report")
    if isinstance(items[0], BadLine):
        raise BadReport.at(f"{path.name} line {items[0].line_no}", items[0].reason)
    return items[0]
