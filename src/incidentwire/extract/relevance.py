"""Does a report describe a specific attack? Decided in two stages, so everyday news costs almost nothing.

1. Before any parse: the page's clutter is blanked (read/clutter.py) and a trained linear scorer
   (relevance_model.py) reads the words. A report below the threshold is dropped here; nothing else runs.
   A report kept without conviction whose lead is about an accident, a court, a remembrance or police
   work, with no attacker named, is dropped too (relevance_topics.py). A report scored below the
   threshold is kept after all when its lead names attackers and what they did to a number of people
   (a short brief of a real attack carries few of the scorer's words).
2. After the parse, for the reports the scorer kept without conviction (P(attack) below UNSURE_BELOW):
   the incident must rest on an act. A report whose extractors find no attack type, and no one killed,
   wounded or taken hostage, describes no attack (pipeline.py asks `needs_an_act` and `has_an_act`).
   Above that score the scorer's word is kept: short summaries of real attacks often name acts the
   field extractors do not read.

Every decision carries its score and a reason an analyst can read: the words that weighed most.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from ..model import Incident, Relevance
from ..read.clutter import mask_clutter
from ..read.language import looks_english
from .relevance_model import LEAD, NUMBER, load_relevance_model, score_text
from .relevance_topics import lead_tells_an_attack, other_topic

REASON_WORDS = 4
# Below this P(attack) a kept report must also show an act after the parse. Chosen on the development
# splits: it costs 5 of ~3,300 attack reports and drops 77 of the false ones (mostly police news).
UNSURE_BELOW = 0.3
EXPLAIN_FEATURES = 24  # read this many of the strongest features to find REASON_WORDS telling ones


@dataclass(frozen=True)
class RelevanceDecision:
    kept: bool
    score: float
    reason: str
    text: str  # the text with its clutter blanked: what the extractors read

    @property
    def needs_an_act(self) -> bool:
        return self.kept and self.score < UNSURE_BELOW

    def as_relevance(self) -> Relevance:
        return Relevance(score=round(self.score, 4), reason=self.reason)


PAST_ATTACKERS = "the attackers it names are judged, caught or remembered"


def default_threshold() -> float:
    return load_relevance_model().threshold


def decide_relevance(text: str, min_relevance: float | None = None) -> RelevanceDecision:
    """Stage 1: is this text worth parsing? min_relevance overrides the tuned threshold (0 to 1)."""
    threshold = default_threshold() if min_relevance is None else min_relevance
    if not text.strip():
        return RelevanceDecision(False, 0.0, "dropped: empty text", text)
    if not looks_english(text):
        return RelevanceDecision(False, 0.0, "dropped: not in English", text)
    body = mask_clutter(text)
    score = score_text(body, explain=EXPLAIN_FEATURES)
    kept = score.probability >= threshold
    if not kept and min_relevance is None and (told := lead_tells_an_attack(body)) and not other_topic(body):
        reason = (
            f"kept: the lead tells an attack ('{told}'), though P(attack) {score.probability:.2f} < {threshold:.2f}"
        )
        return RelevanceDecision(True, score.probability, reason, body)
    if kept and (topic := other_topic(body, score.probability)):
        return RelevanceDecision(
            False,
            score.probability,
            f"dropped: the lead is about {topic[0]} "
            f"('{topic[1]}', {PAST_ATTACKERS if topic[2] else 'no attacker named'}); "
            f"P(attack) {score.probability:.2f}",
            body,
        )
    strongest = _telling(score.top_for if kept else score.top_against)
    words = ", ".join(f"'{feature}'" for feature in strongest) or "no known words"
    verdict = "kept" if kept else "dropped"
    relation = ">=" if kept else "<"
    reason = (
        f"{verdict}: P(attack) {score.probability:.2f} {relation} {threshold:.2f}; "
        f"words weighing most {'for' if kept else 'against'} an attack: {words}"
    )
    return RelevanceDecision(kept, score.probability, reason, body)


def _telling(weighed: tuple[tuple[str, float], ...]) -> list[str]:
    """The strongest features an analyst can read as a reason: not function words, each named once."""
    named: list[str] = []
    for feature, _ in weighed:
        words = feature.lstrip(LEAD).split()
        phrase = " ".join(words)
        if phrase not in named and not all(w in STOP_WORDS or w == NUMBER for w in words):
            named.append(phrase)
    return named[:REASON_WORDS]


def has_an_act(incident: Incident) -> bool:
    """Stage 2, after the parse: an attack report names an act (with the words that prove it), or a toll.

    A named group alone is not enough: peace talks and trials name groups too.
    """
    named_act = any(t != "Unknown" for t in incident.attack_types) and bool(incident.evidence.get("attack_types"))
    return named_act or any(
        count.best for count in (incident.killed, incident.wounded, incident.hostages, incident.killed_perpetrators)
    )


def describes_attack(text: str) -> bool:
    """Stage 1 alone, at the tuned threshold: a quick yes/no for callers that will not parse."""
    return decide_relevance(text).kept
