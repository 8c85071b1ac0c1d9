"""A JSON report object (the contract's Report input) → a validated Report, or BadReport."""

from __future__ import annotations

import json
from typing import Any

from incidentwire.errors import BadReport, UnreadableInput
from incidentwire.model import Report
from incidentwire.read.dates import normalise_published
from incidentwire.read.html import report_from_html

OPTIONAL_TEXT_FIELDS = ("title", "url", "source")
# Names other tools (and our cluster examples) use for the contract's fields.
FIELD_ALIASES = {"id": ("report_id",), "url": ("source_url",)}


def report_from_dict(obj: object, origin: str, published: str | None = None) -> Report:
    """A Report from one JSON object; `published`, when given, replaces the object's date.

    `text` is required, or `html` in its place (its main text is extracted). Raises BadReport."""
    if not isinstance(obj, dict):
        raise BadReport.at(origin, f"not a report (a JSON {json_type(obj)}, expected an object)")
    meta: dict[str, Any] = {  # the Report's fields but its text
        "id": report_id(obj, origin),
        "published": normalise_published(published if published else field(obj, "published"), origin),
    }
    for name in OPTIONAL_TEXT_FIELDS:
        meta[name] = optional_string(obj, name, origin)
    text = field(obj, "text")
    if text is not None and not isinstance(text, str):
        raise BadReport.at(origin, f"field 'text' must be a string, not {json_type(text)}")
    if text and text.strip():
        return Report(text=text, **meta)
    return report_from_html_field(obj, origin, meta, has_text=text is not None)


def report_from_html_field(obj: dict, origin: str, meta: dict, has_text: bool) -> Report:
    """The Report of an object that gives `html` instead of `text`."""
    html = field(obj, "html")
    if html is None:
        reason = "field 'text' is empty" if has_text else "no 'text' field (nor 'html')"
        raise BadReport.at(origin, reason)
    if not isinstance(html, str):
        raise BadReport.at(origin, f"field 'html' must be a string, not {json_type(html)}")
    try:
        return report_from_html(html, origin, **{key: value for key, value in meta.items() if value})
    except UnreadableInput as exc:
        raise BadReport.at(origin, "no main text found in field 'html'") from exc


def field(obj: dict, name: str) -> object:
    """The object's value for a contract field, under its own name or a known alias."""
    if obj.get(name) is not None:
        return obj[name]
    for alias in FIELD_ALIASES.get(name, ()):
        if obj.get(alias) is not None:
            return obj[alias]
    return None


def report_id(obj: dict, origin: str) -> str:
    """The given id as a string (numbers allowed); "" lets Report derive one from the text."""
    value = field(obj, "id")
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise BadReport.at(origin, f"field 'id' must be a string, not {json_type(value)}")
    return str(value).strip()


def optional_string(obj: dict, name: str, origin: str) -> str | None:
    value = field(obj, name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadReport.at(origin, f"field '{name}' must be a string, not {json_type(value)}")
    return value.strip() or None


def json_type(value: object) -> str:
    """The JSON name of a parsed value's type, for messages."""
    names = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def parse_json_report(text: str, origin: str, published: str | None = None) -> Report:
    """The Report in a .json file's text; invalid JSON is UnreadableInput, an invalid object BadReport."""
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UnreadableInput.at(origin, f"invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from exc
    if isinstance(obj, list):
        raise UnreadableInput.at(origin, "not a report (a JSON array; one report object per .json file, or use .jsonl)")
    return report_from_dict(obj, origin, published)
