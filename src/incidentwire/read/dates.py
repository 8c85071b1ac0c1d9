"""A report's `published` value → "YYYY-MM-DD", or BadReport naming the field."""

from __future__ import annotations

import datetime as dt
import re

from incidentwire.errors import BadReport, one_line

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# Absolute dates only: "yesterday" in a stored report would drift with the clock.
_DATEPARSER_SETTINGS = {
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def normalise_published(value: object, origin: str, field: str = "published") -> str | None:
    """ "YYYY-MM-DD" for a date string (ISO day, ISO timestamp, or a common written date); None for empty."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadReport.at(origin, f"field '{field}' must be a date string, not {type(value).__name__}")
    text = value.strip()
    if not text:
        return None
    day = parse_day(text)
    if day is None:
        raise BadReport.at(origin, f"field '{field}' is not a date: {one_line(repr(text), 60)}")
    return day.isoformat()


def parse_day(text: str) -> dt.date | None:
    """The calendar day a date string names, or None when it names none."""
    if _ISO_DAY.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    return parse_written_day(text)


def parse_written_day(text: str) -> dt.date | None:
    """A written date ("18 February 2023", "Feb 18, 2023", "Sat, 18 Feb 2023 10:00:00 GMT") via dateparser."""
    import dateparser  # slow to import; only needed for non-ISO dates

    parsed = dateparser.parse(text, settings=_DATEPARSER_SETTINGS)
    return parsed.date() if parsed else None
