"""Spreadsheet-safe CSV cells.

Report text is untrusted: a cell such as `=HYPERLINK(...)` would run as a formula when an analyst opens the
export in a spreadsheet. Text cells starting with a formula character get a leading apostrophe (OWASP's
advice); a leading apostrophe is itself doubled, so `unguard_cell` restores every value exactly.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from typing import TextIO

from ..model import Incident

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def guard_cell(text: str | None) -> str:
    """A text value made safe for spreadsheets ('' for None)."""
    if not text:
        return ""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def unguard_cell(cell: str) -> str:
    """The value `guard_cell` was given."""
    if cell.startswith("'") and cell[1:].startswith(_FORMULA_STARTS):
        return cell[1:]
    return cell


def number_cell(value: float | None, missing: str = "") -> str:
    """A number as GTD/ACLED write it: integers bare, floats in full precision, `missing` for None."""
    if value is None:
        return missing
    if isinstance(value, float):
        return repr(value)
    return str(value)


def write_table(
    incidents: Iterable[Incident], out: TextIO, columns: Sequence[str], row_of: Callable[[Incident], dict[str, str]]
) -> int:
    """A CSV header and one row per incident, in `columns` order; returns the number of rows."""
    writer = csv.writer(out)
    writer.writerow(columns)
    rows = 0
    for incident in incidents:
        row = row_of(incident)
        writer.writerow([row[c] for c in columns])
        rows += 1
    return rows
