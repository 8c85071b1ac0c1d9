"""A WARC file (.warc / .warc.gz) → a Report per HTML page it archives; every other record is passed over.

    iter_warc(path) -> Iterator[Report | SkippedRecord]

A `response` (or `resource`) record whose payload is an HTML page becomes a Report:
id = the WARC-Record-ID (without its angle brackets), else the target URI; url = WARC-Target-URI;
source = the URL's host; text = the page's main text (read/html.py, trafilatura); published = the
page's own date, else the day of WARC-Date (the crawl). A page that cannot be read (not HTML, an HTTP
error, empty, binary, no main text) comes as a SkippedRecord, and the file goes on; a file broken part
way (truncated gzip, garbage) ends with one SkippedRecord naming where. `request`, `warcinfo`,
`metadata` and other non-page records are not pages at all and are left out silently.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from incidentwire.errors import IncidentwireError, UnreadableInput
from incidentwire.model import Report
from incidentwire.read.dates import parse_day
from incidentwire.read.decode import check_regular_file, decode_text
from incidentwire.read.html import report_from_html

WARC_SUFFIXES = (".warc", ".warc.gz")
PAGE_RECORD_TYPES = ("response", "resource")
HTML_TYPES = ("text/html", "application/xhtml+xml")
# A news page is far smaller; a bigger payload is a download, not an article.
MAX_PAGE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class SkippedRecord:
    """A record of a WARC file that holds no readable page, and why."""

    source: str
    offset: int | None  # byte offset of the record in the (compressed) file
    reason: str

    def __str__(self) -> str:
        where = f" record at offset {self.offset}" if self.offset is not None else ""
        return f"{self.source}{where}: {self.reason}"


def is_warc(path: Path) -> bool:
    """True for a path named like a WARC file."""
    return path.name.lower().endswith(WARC_SUFFIXES)


def iter_warc(path: Path) -> Iterator[Report | SkippedRecord]:
    """Each HTML page's Report, or a SkippedRecord; a file that cannot be opened raises UnreadableInput
    at once, before the first page."""
    path = Path(path)
    name = check_regular_file(path)
    try:
        stream = path.open("rb")
    except OSError as error:
        raise UnreadableInput.at(name, f"cannot be read ({error.strerror or error})") from error
    return pages_of_open_file(stream, name)


def pages_of_open_file(stream, name: str) -> Iterator[Report | SkippedRecord]:
    with stream:
        yield from reports_of_stream(stream, name)


def reports_of_stream(stream, name: str) -> Iterator[Report | SkippedRecord]:
    """The pages of an open WARC stream; reading stops at the first unreadable stretch of the file."""
    records = ArchiveIterator(stream)
    offset: int | None = 0
    try:
        for record in records:
            if record.format != "warc":  # warcio reads anything as ARC; ARC files are not supported
                yield SkippedRecord(
                    name, offset, "not a WARC record (an ARC file, or not an archive), rest of file skipped"
                )
                return
            if record.rec_type not in PAGE_RECORD_TYPES:
                continue
            page = page_of_record(record, name)
            offset = records.get_record_offset()  # known once the record is read (it reads to its end)
            yield page if isinstance(page, Report) else SkippedRecord(name, offset, page)
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as error:
        # zlib and gzip errors are OSError/EOFError subclasses or ValueError in warcio's parser.
        yield SkippedRecord(
            name,
            offset,
            f"unreadable WARC data, rest of file skipped ({type(error).__name__}: {str(error).strip() or 'truncated'})",
        )


def page_of_record(record, name: str) -> Report | str:
    """The Report of one page record, or the reason it holds none."""
    uri = record.rec_headers.get_header("WARC-Target-URI") or None
    reason = unusable_reason(record)
    if reason:
        return reason
    payload = record.content_stream().read(MAX_PAGE_BYTES + 1)
    if len(payload) > MAX_PAGE_BYTES:
        return f"page larger than {MAX_PAGE_BYTES // 2**20} MB"
    if getattr(record.raw_stream, "limit", 0) > 0:  # fewer bytes than its Content-Length: the file is cut short
        return "record truncated (the file ends inside it)"
    origin = f"{name} record {uri or record_id(record)}"
    try:
        html = decode_text(payload, origin, html=True)
        report = report_from_html(html, origin, id=record_id(record) or uri, url=uri, source=host_of(uri))
    except IncidentwireError as error:
        return error.reason
    if report.published is None:
        report = report.model_copy(update={"published": crawl_day(record)})
    return report


def unusable_reason(record) -> str | None:
    """Why a page record holds no HTML page (not HTML, an HTTP error), or None when it does."""
    content_type = record.rec_headers.get_header("Content-Type") or ""
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return f"HTTP status {status or 'missing'}, not a page"
        content_type = record.http_headers.get_header("Content-Type") or ""
    media_type = content_type.split(";")[0].strip().lower()
    if media_type not in HTML_TYPES:
        return f"not an HTML page ({media_type or 'no content type'})"
    return None


def record_id(record) -> str | None:
    value = record.rec_headers.get_header("WARC-Record-ID") or ""
    return value.strip().strip("<>") or None


def host_of(uri: str | None) -> str | None:
    return (urlsplit(uri).hostname or None) if uri else None


def crawl_day(record) -> str | None:
    """The day the page was archived (WARC-Date), as YYYY-MM-DD."""
    value = record.rec_headers.get_header("WARC-Date")
    day = parse_day(value) if value else None
    return day.isoformat() if day else None
