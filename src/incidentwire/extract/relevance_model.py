"""The trained relevance scorer: a linear model over the words of a report, read before any parse.

Features are lower-cased words and word pairs (numbers folded to one token), so the score does not
depend on casing: MUC-4 and the BBC archive come lower-cased, web pages do not. Each report's features
are weighted 1/sqrt(how many distinct features it has), so a long page does not score higher for its
length. The weights are learnt by scripts/train_relevance.py (logistic regression) and shipped as JSON
in models/relevance/, where every weight can be read: the reason given for a score names the words that
weighed most.
"""

from __future__ import annotations

import heapq
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field

from ..vocab import validated

MODEL_FILE = "relevance.json"
# Attack reports say what happened in the opening paragraphs; the rest of a long page adds cost, not signal.
MAX_CHARS = 6000
LEAD_WORDS = 40
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+")
MIN_FEATURES = 60
NUMBER = "<n>"
LEAD = "^"  # prefix of a lead word's feature: a word in the lead weighs differently than deep in the text


class RelevanceModelFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    about: str = ""
    bias: float
    threshold: float  # P(attack) at or above which a report is kept: tuned by the training script
    weights: dict[str, float]
    trained_on: dict[str, int] = Field(default_factory=dict)  # texts per source and label
    validation: dict[str, float] = Field(default_factory=dict)  # figures on the training script's held-out fold


@dataclass(frozen=True)
class Score:
    probability: float
    top_for: tuple[tuple[str, float], ...]  # the features that pushed towards an attack, strongest first
    top_against: tuple[tuple[str, float], ...]


def tokens(text: str) -> list[str]:
    return [NUMBER if t[0].isdigit() else t for t in _TOKEN.findall(text[:MAX_CHARS].lower())]


def features(text: str) -> list[str]:
    """The distinct features of a text: words, adjacent word pairs and the lead's words."""
    words = tokens(text)
    found = dict.fromkeys(words)
    found.update(dict.fromkeys(f"{a} {b}" for a, b in zip(words, words[1:])))
    found.update(dict.fromkeys(LEAD + w for w in words[:LEAD_WORDS]))
    return list(found)


@lru_cache(maxsize=1)
def load_relevance_model() -> RelevanceModelFile:
    return validated(resources.files("incidentwire").joinpath("models", "relevance", MODEL_FILE), RelevanceModelFile)


def score_text(text: str, model: RelevanceModelFile | None = None, explain: int = 0) -> Score:
    """P(the text reports an attack), and with explain=k the k features that weighed most each way."""
    model = model or load_relevance_model()
    found = features(text)
    if not found:
        return Score(_sigmoid(model.bias), (), ())
    scale = feature_scale(len(found))
    weights = model.weights
    total = model.bias + scale * sum(weights.get(f, 0.0) for f in found)
    if not explain:
        return Score(_sigmoid(total), (), ())
    weighed = [(f, weights[f] * scale) for f in found if f in weights]
    strongest_for = heapq.nlargest(explain, weighed, key=lambda item: item[1])
    strongest_against = heapq.nsmallest(explain, weighed, key=lambda item: item[1])
    return Score(_sigmoid(total), tuple(strongest_for), tuple(strongest_against))


def feature_scale(distinct_features: int) -> float:
    """1/sqrt(n), but no larger than for a short summary: a two-line brief must not shout."""
    return 1.0 / math.sqrt(max(distinct_features, MIN_FEATURES))


def _sigmoid(x: float) -> float:
    if x < -60:
        return 0.0
    return 1.0 / (1.0 + math.exp(-x))
