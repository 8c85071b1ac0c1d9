"""Per-field accuracy of extraction against GTD's own coding of its incident summaries.

Each GTD row's `summary` is read as a report published on the incident's date; the extracted
incident is compared with the row's codes. Names are compared after normalisation and, for places,
with a transliteration tolerance (Qaisar/Qaysar), since GTD and GeoNames spell places differently.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..extract.pipeline import extract_records
from ..geo import Gazetteer, similar_names
from ..model import Incident, Report

PLACE_MATCH_SCORE = 85


@dataclass
class FieldScore:
    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass
class Mismatch:
    row: int
    field: str
    gold: str
    predicted: str
    summary: str


@dataclass
class GtdEvaluation:
    scores: dict[str, FieldScore] = field(default_factory=dict)
    mismatches: list[Mismatch] = field(default_factory=list)
    rows: int = 0

    def add(self, row_no: int, name: str, ok: bool | None, gold, predicted, summary: str) -> None:
        if ok is None:  # GTD leaves this field blank: nothing to compare
            return
        score = self.scores.setdefault(name, FieldScore())
        score.total += 1
        score.correct += ok
        if not ok:
            self.mismatches.append(Mismatch(row_no, name, str(gold), str(predicted), summary))


def read_gtd_rows(path: Path, limit: int | None = None) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return rows[:limit] if limit else rows


def report_of_row(row: dict[str, str], index: int) -> Report:
    year, month, day = int(row["iyear"]), max(int(row["imonth"] or 1), 1), max(int(row["iday"] or 1), 1)
    return Report(
        id=f"gtd-{row.get('eventid') or index}-{index}",
        text=row["summary"],
        published=f"{year:04d}-{month:02d}-{day:02d}",
        source="GTD summary",
    )


def same_country(gold: str, predicted: str | None, gazetteer: Gazetteer) -> bool:
    """By country code: GTD's 'West Bank and Gaza Strip' is GeoNames' 'Palestinian Territory'."""
    gold_place, predicted_place = gazetteer.country(gold), gazetteer.country(predicted or "")
    if gold_place is None or predicted_place is None:
        return similar_names(gold, predicted or "", PLACE_MATCH_SCORE)
    return gold_place.country_code == predicted_place.country_code


def same_place(gold: str, predicted: str | None, gazetteer: Gazetteer, country: str, admin: bool) -> bool | None:
    """Same spelling up to transliteration, or GTD's name resolves to the predicted GeoNames place.

    GTD writes 'Unknown' where the summary names no place: then naming none is right.
    """
    if gold == "":
        return None
    if gold == "Unknown":
        return predicted is None
    if not predicted:
        return False
    if similar_names(gold, predicted, PLACE_MATCH_SCORE):
        return True
    country_place = gazetteer.country(country)
    code = country_place.country_code if country_place else None
    resolved = gazetteer.admin1(gold, code) if admin else next(iter(gazetteer.lookup(gold, code)), None)
    return resolved is not None and similar_names(resolved.name, predicted, PLACE_MATCH_SCORE)


def _int_or_none(value: str) -> int | None:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def _sum_counts(*values: int | None) -> int | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def _count_matches(gold: int | None, predicted: int | None) -> bool | None:
    """An unstated figure counts as 0 only when GTD codes 0 (the summary reports no casualties)."""
    if gold is None or gold < 0:
        return None
    return (predicted or 0) == gold


FieldCheck = Callable[[dict[str, str], Incident], tuple[bool | None, object, object]]


def _checks(gazetteer: Gazetteer) -> dict[str, FieldCheck]:
    def attack(row, inc):
        gold = row["attacktype1_txt"]
        return gold in inc.attack_types, gold, inc.attack_types

    def first_of(column: str, attribute: str) -> FieldCheck:
        def check(row, inc):
            predicted = getattr(inc, attribute)
            return (predicted[:1] == [row[column]]), row[column], predicted

        return check

    def gname(row, inc):
        gold = row["gname"]
        predicted = inc.perpetrators[0].name if inc.perpetrators else "Unknown"
        return predicted == gold, gold, predicted

    def claimed(row, inc):
        gold = row["claimed"] == "1"
        predicted = any(p.claimed for p in inc.perpetrators)
        return (predicted == gold) if row["claimed"] in ("0", "1") else None, gold, predicted

    def suicide(row, inc):
        gold = row["suicide"] == "1"
        return bool(inc.suicide) == gold, gold, inc.suicide

    def nkill(row, inc):
        gold, predicted = _int_or_none(row["nkill"]), _sum_counts(inc.killed.best, inc.killed_perpetrators.best)
        return _count_matches(gold, predicted), gold, predicted

    def nwound(row, inc):
        gold = _int_or_none(row["nwound"])
        return _count_matches(gold, inc.wounded.best), gold, inc.wounded.best

    def nkillter(row, inc):
        gold = _int_or_none(row["nkillter"])
        return _count_matches(gold, inc.killed_perpetrators.best), gold, inc.killed_perpetrators.best

    return {
        "country": lambda row, inc: (
            same_country(row["country_txt"], inc.country, gazetteer),
            row["country_txt"],
            inc.country,
        ),
        "provstate": lambda row, inc: (
            same_place(row["provstate"], inc.admin1, gazetteer, row["country_txt"], admin=True),
            row["provstate"],
            inc.admin1,
        ),
        "city": lambda row, inc: (
            same_place(row["city"], inc.city, gazetteer, row["country_txt"], admin=False),
            row["city"],
            inc.city,
        ),
        "attacktype1": attack,
        "targtype1": first_of("targtype1_txt", "target_types"),
        "weaptype1": first_of("weaptype1_txt", "weapon_types"),
        "gname": gname,
        "claimed": claimed,
        "suicide": suicide,
        "nkill": nkill,
        "nwound": nwound,
        "nkillter": nkillter,
    }


FIELDS = (
    "country",
    "provstate",
    "city",
    "attacktype1",
    "targtype1",
    "weaptype1",
    "gname",
    "claimed",
    "suicide",
    "nkill",
    "nwound",
    "nkillter",
)


def evaluate_gtd(rows: list[dict[str, str]], progress: Callable[[int], None] | None = None) -> GtdEvaluation:
    """Extract each row's summary and score every field against the row's codes."""
    result = GtdEvaluation(rows=len(rows))
    checks = _checks(Gazetteer.load())
    reports = [report_of_row(row, i) for i, row in enumerate(rows)]
    for index, (row, record) in enumerate(zip(rows, extract_records(reports))):
        incident = record.incidents[0] if record.incidents else Incident()
        for name, check in checks.items():
            ok, gold, predicted = check(row, incident)
            result.add(index, name, ok, gold, predicted, row["summary"])
        if progress:
            progress(index + 1)
    return result


def iter_mismatch_lines(evaluation: GtdEvaluation, fields: Iterable[str] | None = None) -> Iterator[str]:
    wanted = set(fields or FIELDS)
    for m in evaluation.mismatches:
        if m.field in wanted:
            yield f"row {m.row}\t{m.field}\tgold={m.gold}\tpredicted={m.predicted}\t{m.summary}"
