"""Incident type, date and location against MUC-4's original answer keys (`eval muc4 --keys`).

The modern CEAF-REE benchmark scores only role fillers. The original keys (muc34-original.tar.gz) also
say what happened, when and where, which are the fields our users read first. We run the whole
extractor on the original texts (upper case, with datelines that give the publication date) and ask,
per document with at least one keyed incident:

- type: is our primary attack type, mapped to MUC-4's vocabulary, among the keyed incident types?
- date: does our incident date fall in the keyed date (a day, a range, or "on or before") of any incident?
- country / place: is our country, and our city or province, named in any keyed incident location?

Documents keyed as irrelevant score relevance only. A missed incident counts as wrong on every field.
"""

from __future__ import annotations

import re
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz
from rich.table import Table

from .. import vocab
from ..extract.pipeline import extract_records
from ..model import Incident, Report
from ..vocab.models import Muc4IncidentTypes
from .gtd import FieldScore

# Which original files make each split of the modern benchmark (GRIT's dev = TST1+TST2, test = TST3+TST4).
SPLIT_FILES = {
    "dev": [("tst1/tst1-muc3", "tst1/key-tst1.v7"), ("tst2/tst2-muc4", "tst2/key-tst2.v4")],
    "test": [("tst3/tst3-muc4", "tst3/key-tst3.v2"), ("tst4/tst4-muc4", "tst4/key-tst4.v2")],
}
CORPORA = "muc34/TASK/CORPORA/"
DOC_HEADER = re.compile(r"^(?:DEV|TST\d)-MUC\d-\d{4}\b.*$", re.M)
DATELINE_DATE = re.compile(r"\b(\d{1,2}) (JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]* (\d{2})\b")
KEY_DATE = re.compile(r"(\d{2}) ([A-Z]{3}) (\d{2})")
SLOT_LINE = re.compile(r"^(\d+)\.\s+([A-Z][A-Z :]+?)\s{2,}(.*)$")
PLACE_NAME = re.compile(
    r"([A-Z][A-Z .'-]+?)\s*\((?:CITY|DEPARTMENT|TOWN|VILLAGE|PROVINCE|DISTRICT|REGION|"
    r"MUNICIPALITY|NEIGHBORHOOD|STATE|AREA|HAMLET|CANTON|JURISDICTION)\)"
)
NAME_SCORE = 85


@dataclass(frozen=True)
class DateRange:
    earliest: date | None
    latest: date | None

    def holds(self, day: date) -> bool:
        return (self.earliest is None or day >= self.earliest) and (self.latest is None or day <= self.latest)


@dataclass
class KeyedIncident:
    incident_type: str
    dates: list[DateRange]
    location: str


@dataclass
class KeyedDocument:
    docid: str
    text: str
    published: date | None
    incidents: list[KeyedIncident] = field(default_factory=list)


@dataclass
class KeysResult:
    split: str
    documents: int
    relevant: int
    predicted_relevant: int
    true_positive: int
    fields: dict[str, FieldScore]

    @property
    def relevance_precision(self) -> float:
        return self.true_positive / self.predicted_relevant if self.predicted_relevant else 0.0

    @property
    def relevance_recall(self) -> float:
        return self.true_positive / self.relevant if self.relevant else 0.0


# --- reading the original files ----------------------------------------------------------------


def read_split(archive: Path, split: str) -> list[KeyedDocument]:
    """The documents of one split with their keyed incidents, straight from the original tarball."""
    if split not in SPLIT_FILES:
        raise ValueError(f"no original keys for split {split!r}: use dev or test")
    with tarfile.open(archive) as tar:
        documents: list[KeyedDocument] = []
        for text_name, key_name in SPLIT_FILES[split]:
            texts = split_documents(_member_text(tar, CORPORA + text_name))
            keys = parse_keys(_member_text(tar, CORPORA + key_name))
            for docid, text in texts:
                documents.append(KeyedDocument(docid, text, dateline_date(text), keys.get(docid, [])))
    return documents


def _member_text(tar: tarfile.TarFile, name: str) -> str:
    handle = tar.extractfile(name)
    if handle is None:
        raise ValueError(f"{name} is missing from the MUC-4 archive")
    return handle.read().decode("latin-1")


def split_documents(raw: str) -> Iterator[tuple[str, str]]:
    headers = list(DOC_HEADER.finditer(raw))
    for here, after in zip(headers, [*headers[1:], None]):
        docid = here.group(0).split()[0]
        yield docid, raw[here.end() : after.start() if after else len(raw)].strip()


def dateline_date(text: str) -> date | None:
    """'SAN SALVADOR, 3 JAN 90 (RADIO ...) -- [TEXT] ...': the publication date before the '--'."""
    head = text.split("--", 1)[0]
    found = DATELINE_DATE.search(head)
    if not found:
        return None
    day, month, year = found.groups()
    try:
        return datetime.strptime(f"{int(day):02d} {month} {year}", "%d %b %y").date()
    except ValueError:
        return None


def parse_keys(raw: str) -> dict[str, list[KeyedIncident]]:
    """Key file -> keyed incidents per document id ('*' templates, the irrelevant ones, are dropped)."""
    keyed: dict[str, list[KeyedIncident]] = {}
    for slots in _templates(raw):
        docid = slots.get("MESSAGE: ID", "").split()[0] if slots.get("MESSAGE: ID") else ""
        if not docid:
            continue
        keyed.setdefault(docid, [])
        if slots.get("MESSAGE: TEMPLATE", "*").strip() == "*":
            continue
        keyed[docid].append(
            KeyedIncident(
                incident_type=_first_type(slots.get("INCIDENT: TYPE", "")),
                dates=parse_key_dates(slots.get("INCIDENT: DATE", "")),
                location=slots.get("INCIDENT: LOCATION", ""),
            )
        )
    return keyed


def _templates(raw: str) -> Iterator[dict[str, str]]:
    slots: dict[str, str] = {}
    last = ""
    for line in raw.splitlines():
        found = SLOT_LINE.match(line)
        if found:
            number, name, value = found.groups()
            if number == "0" and slots:
                yield slots
                slots = {}
            last = name.strip()
            slots[last] = value.strip()
        elif line.strip() and last:
            slots[last] += " " + line.strip()
    if slots:
        yield slots


def _first_type(value: str) -> str:
    return value.split("/")[0].strip().strip("?").strip()


def parse_key_dates(value: str) -> list[DateRange]:
    """'16 NOV 89', '- 29 DEC 89' (on or before), '31 MAR 90 - 01 APR 90', alternatives joined by '/'."""
    ranges = []
    for alternative in value.split("/"):
        alternative = alternative.strip().strip("()").strip()
        days = [_key_day(*m) for m in KEY_DATE.findall(alternative)]
        days = [d for d in days if d]
        if not days:
            continue
        if alternative.startswith("-"):
            ranges.append(DateRange(None, days[-1]))
        elif len(days) == 2:
            ranges.append(DateRange(days[0], days[1]))
        else:
            ranges.append(DateRange(days[0], days[0]))
    return ranges


def _key_day(day: str, month: str, year: str) -> date | None:
    try:
        return datetime.strptime(f"{day} {month} {year}", "%d %b %y").date()
    except ValueError:
        return None


# --- scoring ------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def gtd_to_muc4_types() -> dict[str, str]:
    return dict(vocab.load("muc4_incident_types.json", Muc4IncidentTypes).incident_types)


def score_document(keyed: KeyedDocument, incident: Incident | None, fields: dict[str, FieldScore]) -> None:
    for tally in fields.values():
        tally.total += 1
    if incident is None:
        return
    checks = {
        "type": _type_right(incident, keyed.incidents),
        "date": _date_right(incident, keyed.incidents),
        "country": _country_right(incident, keyed.incidents),
        "place": _place_right(incident, keyed.incidents),
    }
    for name, right in checks.items():
        fields[name].correct += int(right)


def _type_right(incident: Incident, keyed: list[KeyedIncident]) -> bool:
    if not incident.attack_types:
        return False
    ours = gtd_to_muc4_types().get(incident.attack_types[0])
    return any(ours == k.incident_type for k in keyed)


def _date_right(incident: Incident, keyed: list[KeyedIncident]) -> bool:
    if not incident.date:
        return False
    day = date.fromisoformat(incident.date)
    return any(r.holds(day) for k in keyed for r in k.dates)


def _country_right(incident: Incident, keyed: list[KeyedIncident]) -> bool:
    if not incident.country:
        return False
    return any(_same_name(incident.country, k.location.split(":")[0]) for k in keyed)


def _place_right(incident: Incident, keyed: list[KeyedIncident]) -> bool:
    """Our city or province is one of the places the key names below the country."""
    ours = [name for name in (incident.city, incident.admin1) if name]
    keyed_places = [p for k in keyed for p in PLACE_NAME.findall(k.location)]
    return any(_same_name(a, b) for a in ours for b in keyed_places)


def _same_name(ours: str, keyed: str) -> bool:
    return fuzz.ratio(ours.casefold(), keyed.strip().casefold()) >= NAME_SCORE


def evaluate_keys(split: str, shared_dir: Path, casing: str = "sentence") -> KeysResult:
    """Runs the full extractor over the original texts of a split and scores incident fields."""
    documents = read_split(shared_dir / "data" / "muc4" / "muc34-original.tar.gz", split)
    reports = [
        Report(id=d.docid, text=recase(d.text, casing), published=str(d.published) if d.published else None)
        for d in documents
    ]
    fields = {name: FieldScore() for name in ("type", "date", "country", "place")}
    relevant = predicted = hits = 0
    for keyed, record in zip(documents, extract_records(reports)):
        incident = record.incidents[0] if record.incidents else None
        predicted += incident is not None
        if keyed.incidents:
            relevant += 1
            hits += incident is not None
            score_document(keyed, incident, fields)
    return KeysResult(split, len(documents), relevant, predicted, hits, fields)


def recase(text: str, casing: str) -> str:
    """The texts are upper case; 'sentence' lower-cases them and capitalises each sentence's first letter."""
    if casing == "original":
        return text
    lowered = text.lower()
    return re.sub(r"(^|[.!?]\s+|\n\s*)([a-z])", lambda m: m.group(1) + m.group(2).upper(), lowered)


def keys_table(result: KeysResult) -> Table:
    """Relevance, then each incident field's accuracy over the documents the keys say hold an incident."""
    table = Table(
        title=f"MUC-4 {result.split}: incident fields against the original keys "
        f"({result.documents} documents, {result.relevant} with keyed incidents)"
    )
    table.add_column("field")
    table.add_column("accuracy", justify="right")
    table.add_column("right / of", justify="right")
    table.add_row(
        "relevance precision",
        f"{100 * result.relevance_precision:.1f}",
        f"{result.true_positive} / {result.predicted_relevant}",
    )
    table.add_row(
        "relevance recall", f"{100 * result.relevance_recall:.1f}", f"{result.true_positive} / {result.relevant}"
    )
    for name, tally in result.fields.items():
        table.add_row(f"incident {name}", f"{100 * tally.accuracy:.1f}", f"{tally.correct} / {tally.total}")
    return table
