"""Exports of stored incidents: GTD CSV, ACLED CSV, GeoJSON and Parquet.

`export_incidents(store, fmt, out, filters)` is the one way in (the CLI's `export` and the API's downloads
call it); it streams the store page by page, so memory stays flat however many incidents match.
Each format's writer also takes any iterable of Incident, and each has a reader for round trips.
A path is written through a temporary file renamed over it at the end (atomic.py): a killed export
leaves the old file or none, never a truncated one.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, BinaryIO, Literal, TextIO, cast

from ..errors import IncidentwireError
from ..model import Incident
from ..store.repository import IncidentFilters, Store
from .acled_csv import read_acled_csv, write_acled_csv
from .atomic import replaced_atomically
from .geojson import read_geojson, write_geojson
from .gtd_csv import incident_from_gtd_row, read_gtd_csv, write_gtd_csv
from .parquet import read_parquet, write_parquet

ExportFormat = Literal["gtd-csv", "acled-csv", "geojson", "parquet"]
PAGE_SIZE = 500

_TEXT_WRITERS: dict[str, Callable[[Iterable[Incident], TextIO], int]] = {
    "gtd-csv": write_gtd_csv,
    "acled-csv": write_acled_csv,
    "geojson": write_geojson,
}
FORMATS: tuple[str, ...] = (*_TEXT_WRITERS, "parquet")
MEDIA_TYPES = {
    "gtd-csv": "text/csv",
    "acled-csv": "text/csv",
    "geojson": "application/geo+json",
    "parquet": "application/vnd.apache.parquet",
}


class UnknownFormat(IncidentwireError):
    """An export format other than those in FORMATS."""


def stored_incidents(
    store: Store, filters: IncidentFilters | None = None, page_size: int = PAGE_SIZE
) -> Iterator[Incident]:
    """Every incident matching `filters`, newest first, read one page at a time."""
    return store.iter_incidents(filters, page_size=page_size)


def write_incidents(incidents: Iterable[Incident], fmt: ExportFormat, out: Path | str | IO) -> int:
    """Writes incidents in a format to a path or an open file; returns the rows written."""
    if fmt not in FORMATS:
        raise UnknownFormat(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if isinstance(out, (str, Path)):  # a crash mid-export must not leave a truncated file at the path
        with replaced_atomically(out, binary=fmt == "parquet") as stream:
            return write_incidents(incidents, fmt, stream)
    if fmt == "parquet":
        return write_parquet(incidents, cast(BinaryIO, out))  # a binary stream, as the caller was told
    with _text_output(out) as stream:
        return _TEXT_WRITERS[fmt](incidents, stream)


def export_incidents(
    store: Store, fmt: ExportFormat, out: Path | str | IO, filters: IncidentFilters | None = None
) -> int:
    """Exports the stored incidents matching `filters`; returns the rows written."""
    return write_incidents(stored_incidents(store, filters), fmt, out)


@contextmanager
def _text_output(out: IO) -> Iterator[TextIO]:
    """UTF-8 text with CSV's own newlines, over a text stream or a binary stream."""
    if isinstance(out, io.TextIOBase):
        yield cast(TextIO, out)
    else:
        stream = io.TextIOWrapper(out, encoding="utf-8", newline="")
        try:
            yield stream
        finally:
            stream.flush()
            stream.detach()  # leave the caller's binary stream open


__all__ = [
    "FORMATS",
    "MEDIA_TYPES",
    "ExportFormat",
    "UnknownFormat",
    "export_incidents",
    "incident_from_gtd_row",
    "read_acled_csv",
    "read_geojson",
    "read_gtd_csv",
    "read_parquet",
    "stored_incidents",
    "write_acled_csv",
    "write_geojson",
    "write_gtd_csv",
    "write_incidents",
    "write_parquet",
]
