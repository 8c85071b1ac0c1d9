"""Labelled texts for the relevance decision: is this a report of a specific attack?

One reader per source, each with a split fixed here so that training (scripts/train_relevance.py) and
`incidentwire eval relevance` never disagree about which text is which:

- MUC-4: train.json trains, dev.json evaluates (test is never read). Relevant = the document has a template.
- GTD (May 2013 summaries): every row is an attack; even rows train, odd rows evaluate.
- SATP (Maoist insurgency summaries): an attack when SATP codes an armed assault, bombing, attack on
  infrastructure or abduction; an arrest, surrender or seizure alone is police work. Even rows train.
- general news (`../shared/data/news`, BBC politics and sport): no attacks; even article numbers train.
- the project's own corpus (`examples/corpus`) and the shared clusters: train.
- everyday news written for this project (`examples/everyday`): even lines train, odd lines evaluate.
- the hard set (`examples/hard`): evaluation only; it exists to measure what tuning never saw.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
SATP_ATTACK_ACTIONS = ("armed_assault", "bombing", "infrastructure", "abduction")
SOURCES = ("muc4", "gtd", "satp", "news", "corpus", "everyday", "hard")


@dataclass(frozen=True)
class LabelledText:
    id: str
    text: str
    is_attack: bool
    source: str
    split: str  # "train" or "eval"


class MissingData(Exception):
    """A dataset the caller asked for is not where the shared setting points."""


def labelled_texts(
    shared: Path, sources: tuple[str, ...] = SOURCES, repo: Path = REPO_ROOT, split: str | None = None
) -> Iterator[LabelledText]:
    """Every labelled text of the named sources (one split, or both); missing shared data is skipped."""
    readers = {
        "muc4": lambda: _muc4(shared / "data" / "muc4"),
        "gtd": lambda: _gtd(shared / "data" / "gtd" / "gtd-2013-05.csv"),
        "satp": lambda: _satp(shared / "data" / "satp" / "satp-maoist-2005-2016.jsonl"),
        "news": lambda: _news(shared / "data" / "news" / "bbc-sport-politics-dev.jsonl"),
        "corpus": lambda: _corpus(
            repo / "examples" / "corpus" / "reports.jsonl", shared / "data" / "examples" / "clusters"
        ),
        "everyday": lambda: _jsonl_by_parity(sorted((repo / "examples" / "everyday").glob("*.jsonl")), "everyday"),
        "hard": lambda: _jsonl_all(sorted((repo / "examples" / "hard").glob("reports*.jsonl")), "hard", "eval"),
    }
    for source in sources:
        for item in readers[source]():
            if split is None or item.split == split:
                yield item


def missing_sources(shared: Path, repo: Path = REPO_ROOT) -> dict[str, Path]:
    """The sources whose files are absent, with the path each was looked for at."""
    paths = {
        "muc4": shared / "data" / "muc4" / "train.json",
        "gtd": shared / "data" / "gtd" / "gtd-2013-05.csv",
        "satp": shared / "data" / "satp" / "satp-maoist-2005-2016.jsonl",
        "news": shared / "data" / "news" / "bbc-sport-politics-dev.jsonl",
        "corpus": repo / "examples" / "corpus" / "reports.jsonl",
        "everyday": repo / "examples" / "everyday",
        "hard": repo / "examples" / "hard",
    }
    return {name: path for name, path in paths.items() if not path.exists()}


def _muc4(folder: Path) -> Iterator[LabelledText]:
    for split_file, split in (("train.json", "train"), ("dev.json", "eval")):
        path = folder / split_file
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                yield LabelledText(f"muc4-{row['docid']}", row["doctext"], bool(row["templates"]), "muc4", split)


def _gtd(path: Path) -> Iterator[LabelledText]:
    if not path.exists():
        return
    with path.open(encoding="utf-8", newline="") as handle:
        for index, row in enumerate(csv.DictReader(handle)):
            if (row.get("summary") or "").strip():
                yield LabelledText(f"gtd-{row['eventid']}", row["summary"], True, "gtd", _parity(index))


def _satp(path: Path) -> Iterator[LabelledText]:
    if not path.exists():
        return
    for index, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        row = json.loads(line)
        actions = row.get("action_type") or {}
        is_attack = any(str(actions.get(name)) == "1" for name in SATP_ATTACK_ACTIONS)
        yield LabelledText(f"satp-{index}", row["summary"], is_attack, "satp", _parity(index))


def _news(path: Path) -> Iterator[LabelledText]:
    if not path.exists():
        return
    for index, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        row = json.loads(line)
        yield LabelledText(row.get("id") or f"news-{index}", row["text"], False, "news", _parity(index))


def _corpus(reports: Path, clusters: Path) -> Iterator[LabelledText]:
    yield from _jsonl_all([reports], "corpus", "train")
    for path in sorted(clusters.glob("*.json")) if clusters.exists() else []:
        cluster = json.loads(path.read_text(encoding="utf-8"))
        for row in cluster["reports"]:
            yield LabelledText(row["report_id"], row["text"], row.get("expected") is not None, "corpus", "train")


def _jsonl_by_parity(paths: list[Path], source: str) -> Iterator[LabelledText]:
    return _jsonl(paths, source, _parity)


def _jsonl_all(paths: list[Path], source: str, split: str) -> Iterator[LabelledText]:
    return _jsonl(paths, source, lambda _: split)


def _jsonl(paths: list[Path], source: str, split_of: Callable[[int], str]) -> Iterator[LabelledText]:
    for path in paths:
        if not path.exists():
            continue
        for index, row in enumerate(_rows(path)):
            yield LabelledText(
                row.get("id") or f"{path.stem}-{index}", row["text"], _row_is_attack(row), source, split_of(index)
            )


def _rows(path: Path) -> Iterator[dict]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            yield json.loads(line)


def _row_is_attack(row: dict) -> bool:
    """`is_attack` where the file says it; otherwise a report with an `expected` record is an attack."""
    if "is_attack" in row:
        return bool(row["is_attack"])
    return row.get("expected") is not None


def _parity(index: int) -> str:
    return "train" if index % 2 == 0 else "eval"
