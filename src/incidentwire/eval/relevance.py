"""`incidentwire eval relevance`: false incidents and kept attacks per source, on the evaluation splits.

A text counts as kept when the whole extractor (both stages of the relevance decision, and the parse)
gives it at least one incident: what an analyst following a feed would see.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..extract.pipeline import extract_records
from ..model import Report
from .relevance_data import SOURCES, LabelledText, labelled_texts


@dataclass
class SourceCounts:
    attacks: int = 0
    others: int = 0
    attacks_kept: int = 0
    others_kept: int = 0  # false incidents

    @property
    def recall(self) -> float | None:
        return self.attacks_kept / self.attacks if self.attacks else None

    @property
    def false_positive_rate(self) -> float | None:
        return self.others_kept / self.others if self.others else None

    @property
    def precision(self) -> float | None:
        kept = self.attacks_kept + self.others_kept
        return self.attacks_kept / kept if kept else None


@dataclass
class RelevanceEvaluation:
    by_source: dict[str, SourceCounts] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # "source id: what went wrong (the reason)"


def evaluate_relevance(
    shared: Path,
    sources: tuple[str, ...] = SOURCES,
    min_relevance: float | None = None,
    progress: Callable[[int], None] | None = None,
) -> RelevanceEvaluation:
    texts = list(labelled_texts(shared, sources, split="eval"))
    reports = (Report(id=t.id, text=t.text) for t in texts)
    result = RelevanceEvaluation()
    for index, (text, record) in enumerate(zip(texts, extract_records(reports, min_relevance=min_relevance))):
        _count(result, text, bool(record.incidents), record.relevance.reason if record.relevance else "")
        if progress:
            progress(index + 1)
    return result


def count_texts(shared: Path, sources: tuple[str, ...] = SOURCES) -> int:
    return sum(1 for _ in labelled_texts(shared, sources, split="eval"))


def _count(result: RelevanceEvaluation, text: LabelledText, kept: bool, reason: str) -> None:
    counts = result.by_source.setdefault(text.source, SourceCounts())
    if text.is_attack:
        counts.attacks += 1
        counts.attacks_kept += kept
    else:
        counts.others += 1
        counts.others_kept += kept
    if kept != text.is_attack:
        what = "attack missed" if text.is_attack else "false incident"
        result.errors.append(f"{text.source} {text.id}: {what} ({reason})")
