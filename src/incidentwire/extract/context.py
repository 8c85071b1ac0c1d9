"""One reading of a report before its fields: which sentences tell THIS attack, which are background.

A report tells its attack in the lead and the sentences that follow it, and then recalls other things:
last year's bombing, the war's running toll, another attack the same week. Each sentence is marked
"anchor" or "background" once per document (the parse's sentences, the publication year, and the cue
lists in vocab/context_cues.json), and stored on the Doc as `doc._.context`. Evidence spans say which part
they came from (`Evidence.context`), and a figure whose only evidence is background does not become the
attack's toll: it is kept in `conflicts` for an analyst to see.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict
from spacy.tokens import Doc

from ..model import EvidenceContext
from ..vocab import load_json

ANCHOR: Literal["anchor"] = "anchor"
BACKGROUND: Literal["background"] = "background"
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_WORDS = re.compile(r"[a-z']+")
ASIDE_DEPS = ("relcl", "appos")
LEAD_MIN_WORDS = 6  # a dateline ("DUBAI, Jan 3 (Reuters) -") parsed as a sentence is not the lead


class ContextCues(BaseModel):
    model_config = ConfigDict(extra="forbid")

    about: str
    past_phrases: list[str]
    other_event_phrases: list[str]
    cumulative_phrases: list[str]
    this_attack_phrases: list[str]
    comparison_phrases: list[str]
    reporting_verbs: list[str]


@lru_cache(maxsize=1)
def _cues() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    cues = load_json("context_cues.json", ContextCues)
    background = tuple(f" {p} " for p in cues.past_phrases + cues.other_event_phrases + cues.cumulative_phrases)
    return (
        background,
        tuple(f" {p} " for p in cues.this_attack_phrases),
        tuple(f" {p} " for p in cues.comparison_phrases),
    )


@dataclass(frozen=True)
class DocumentContext:
    """Each sentence's start offset and its part; ask `at(char)` for the part of any offset."""

    starts: tuple[int, ...]
    parts: tuple[EvidenceContext, ...]

    def at(self, char: int) -> EvidenceContext:
        index = bisect.bisect_right(self.starts, char) - 1
        return self.parts[index] if index >= 0 else ANCHOR

    @property
    def background_share(self) -> float:
        return sum(p == BACKGROUND for p in self.parts) / len(self.parts) if self.parts else 0.0


if not Doc.has_extension("context"):
    Doc.set_extension("context", default=None)


def read_context(doc: Doc, published: date | None) -> DocumentContext:
    """Marks every sentence of a parsed report; the lead sentence (and a dateline before it) is the anchor."""
    sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    lead = next((i for i, s in enumerate(sentences) if sum(t.is_alpha for t in s) >= LEAD_MIN_WORDS), 0)
    parts = [
        ANCHOR if index <= lead else sentence_part(_main_clauses(s), published) for index, s in enumerate(sentences)
    ]
    context = DocumentContext(tuple(s.start_char for s in sentences), tuple(parts))
    doc._.context = context
    return context


def _main_clauses(sentence) -> str:
    """The sentence without its relative clauses and appositions: "X, which bombed a market in 2013,
    claimed the attack" tells of this attack; only the clause about 2013 is background. A time phrase on
    a reporting verb goes too: it dates the telling."""
    aside = {t.i for token in sentence if token.dep_ in ASIDE_DEPS or _dates_the_telling(token) for t in token.subtree}
    return " ".join(t.text for t in sentence if t.i not in aside)


def _dates_the_telling(token) -> bool:
    """ "Police said last week that 276 girls were taken": "last week" dates the report, not the event."""
    return token.dep_ == "npadvmod" and token.head.lower_ in _reporting_verbs()


@lru_cache(maxsize=1)
def _reporting_verbs() -> frozenset[str]:
    return frozenset(load_json("context_cues.json", ContextCues).reporting_verbs)


def sentence_part(text: str, published: date | None) -> EvidenceContext:
    """'background' when the sentence dates itself earlier, names another event or gives a running total."""
    lowered = f" {' '.join(_WORDS.findall(text.lower()))} "
    background, this_attack, comparison = _cues()
    if any(p in lowered for p in comparison):
        return ANCHOR
    if any(p in lowered for p in this_attack) and not _names_an_earlier_year(text, published):
        return ANCHOR
    if any(p in lowered for p in background) or _names_an_earlier_year(text, published):
        return BACKGROUND
    return ANCHOR


def _names_an_earlier_year(text: str, published: date | None) -> bool:
    if published is None:
        return False
    return any(int(year) < published.year for year in _YEAR.findall(text))
