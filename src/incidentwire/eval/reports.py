"""Per-field accuracy of single-report extraction against per-report `expected` records.

Reads the shared clusters format (one JSON file per event: `gold` and `reports[].expected`) and JSONL
report batches that carry an `expected` key. A report whose `expected` is null describes no attack:
it is right when no incident is extracted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..extract.pipeline import extract_records
from ..geo import Gazetteer, similar_names
from ..model import COUNT_FIELDS, Incident, Report
from ..vocab import load_groups
from .gtd import FieldScore

TYPE_FIELDS = ("attack_types", "target_types", "weapon_types")
# Lenient rows beside the exact ones: every expected type is among those extracted (extra types are not
# counted against; the exact rows count them). GTD codes up to three attack and target types, and a
# report often names one more than its gold record keeps.
INCLUDE_FIELDS = {"attack_types_include": "attack_types", "target_types_include": "target_types"}
FIELDS = (
    "is_attack",
    "date",
    "country",
    "admin1",
    "city",
    "perpetrator",
    "claimed",
    *TYPE_FIELDS,
    *INCLUDE_FIELDS,
    "suicide",
    *COUNT_FIELDS,
    "perpetrator_count",
    "duration_hours",
)


@dataclass
class LabelledReport:
    report: Report
    expected: dict | None
    aliases: list[str] = field(default_factory=list)  # other names of the expected perpetrator


@dataclass
class ReportsEvaluation:
    scores: dict[str, FieldScore] = field(default_factory=lambda: {f: FieldScore() for f in FIELDS})
    mismatches: list[str] = field(default_factory=list)
    reports: int = 0


def load_labelled(path: Path) -> list[LabelledReport]:
    """A clusters JSON file, a folder of them, or a JSONL batch with `expected` on each line."""
    if path.is_dir():
        return [item for child in sorted(path.glob("*.json")) for item in load_labelled(child)]
    if path.suffix == ".jsonl":
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        return [
            LabelledReport(_report(row), row.get("expected"), _aliases_of(row)) for row in rows if "expected" in row
        ]
    cluster = json.loads(path.read_text(encoding="utf-8"))
    aliases = list((cluster.get("gold") or {}).get("perpetrator_aliases") or [])
    return [LabelledReport(_report(row), row.get("expected"), aliases) for row in cluster["reports"]]


def _aliases_of(row: dict) -> list[str]:
    """A batch line may name the group's other names beside its `expected` record or inside it."""
    expected = row.get("expected") or {}
    return list(row.get("perpetrator_aliases") or expected.get("perpetrator_aliases") or [])


def _report(row: dict) -> Report:
    return Report(
        id=row.get("id") or row.get("report_id", ""),
        text=row["text"],
        published=row.get("published"),
        title=row.get("title"),
        url=row.get("url") or row.get("source_url"),
    )


def _group_key(name: str | None) -> str:
    return re.sub(r"[^a-z0-9]", "", re.sub(r"\([^)]*\)", "", (name or "").lower()).replace("tehreek", "tehrik"))


def _names_of_group(name: str) -> set[str]:
    """The canonical name and every alias the vocabulary knows for it."""
    keys = {_group_key(name)}
    for group in load_groups():
        if _group_key(group.name) in keys:
            keys |= {_group_key(a) for a in group.aliases} | {_group_key(a) for a in group.acronyms}
    return keys


def same_perpetrator(expected: str | None, aliases: list[str], incident: Incident) -> bool:
    predicted = incident.perpetrators[0].name if incident.perpetrators else None
    if expected is None or predicted is None:
        return expected is None and predicted is None
    wanted = {_group_key(expected)} | {_group_key(a) for a in aliases}
    return bool(_names_of_group(predicted) & wanted)


def _types(values: list[str] | None) -> set[str]:
    return {v for v in values or [] if v != "Unknown"}


def expected_key(name: str) -> str:
    """The expected record's key a field is scored against ('attack_types_include' -> 'attack_types')."""
    return INCLUDE_FIELDS.get(name, name)


def _includes_expected(expected: list[str] | None, predicted: list[str] | None) -> bool | None:
    """Whether every expected type was extracted; None (not scored) when no type is expected."""
    wanted = _types(expected)
    return (wanted <= _types(predicted)) if wanted else None


def _place(expected: str | None, predicted: str | None) -> bool:
    if expected is None or predicted is None:
        return expected is None and predicted is None
    return similar_names(expected, predicted)


FieldCheck = Callable[[dict, list[str], Incident], tuple[bool | None, object]]


def field_checks(gazetteer: Gazetteer) -> dict[str, FieldCheck]:
    """Per field: (expected record, perpetrator aliases, incident) -> (right? or None to skip, predicted)."""

    def country(want, _aliases, inc):
        wanted, got = gazetteer.country(want["country"] or ""), gazetteer.country(inc.country or "")
        return (wanted is not None and got is not None and wanted.country_code == got.country_code), inc.country

    checks: dict[str, FieldCheck] = {
        "date": lambda want, _a, inc: (inc.date == want["date"], inc.date),
        "country": country,
        "admin1": lambda want, _a, inc: (_place(want.get("admin1"), inc.admin1), inc.admin1),
        "city": lambda want, _a, inc: (_place(want.get("city"), inc.city), inc.city),
        "perpetrator": lambda want, aliases, inc: (
            same_perpetrator(want.get("perpetrator"), aliases, inc),
            inc.perpetrators[0].name if inc.perpetrators else None,
        ),
        "claimed": lambda want, _a, inc: (
            None if want.get("claimed") is None else any(p.claimed for p in inc.perpetrators) == want["claimed"],
            [p.claimed for p in inc.perpetrators],
        ),
        "suicide": lambda want, _a, inc: (
            None if want.get("suicide") is None else bool(inc.suicide) == want["suicide"],
            inc.suicide,
        ),
        "perpetrator_count": lambda want, _a, inc: (
            inc.perpetrator_count == want.get("perpetrator_count"),
            inc.perpetrator_count,
        ),
        "duration_hours": lambda want, _a, inc: (inc.duration_hours == want.get("duration_hours"), inc.duration_hours),
    }
    for name in TYPE_FIELDS:
        checks[name] = (
            lambda n: lambda want, _a, inc: (_types(getattr(inc, n)) == _types(want.get(n)), getattr(inc, n))
        )(name)
    for name, base in INCLUDE_FIELDS.items():
        checks[name] = (
            lambda n: lambda want, _a, inc: (_includes_expected(want.get(n), getattr(inc, n)), getattr(inc, n))
        )(base)
    for name in COUNT_FIELDS:
        checks[name] = (lambda n: lambda want, _a, inc: (getattr(inc, n).best == want.get(n), getattr(inc, n).best))(
            name
        )
    return checks


def evaluate_reports(items: list[LabelledReport], progress: Callable[[int], None] | None = None) -> ReportsEvaluation:
    """Extract every report on its own and compare each field with its `expected` value."""
    result = ReportsEvaluation(reports=len(items))
    checks = field_checks(Gazetteer.load())
    for index, (item, record) in enumerate(zip(items, extract_records(i.report for i in items))):
        found = bool(record.incidents)
        _tally(result, "is_attack", found == (item.expected is not None), item, found)
        if item.expected is not None and found:
            for name, check in checks.items():
                if item.expected.get(expected_key(name), ...) is ...:
                    continue
                ok, predicted = check(item.expected, item.aliases, record.incidents[0])
                if ok is not None:
                    _tally(result, name, ok, item, predicted)
        if progress:
            progress(index + 1)
    return result


def _tally(result: ReportsEvaluation, name: str, ok: bool, item: LabelledReport, predicted) -> None:
    tally = result.scores[name]
    tally.total += 1
    tally.correct += ok
    if not ok:
        expected = item.expected.get(expected_key(name)) if item.expected else None
        want = expected if name != "is_attack" else item.expected is not None
        result.mismatches.append(f"{item.report.id}\t{name}\texpected={want}\tpredicted={predicted}")


def iter_mismatches(evaluation: ReportsEvaluation) -> Iterator[str]:
    yield from evaluation.mismatches
