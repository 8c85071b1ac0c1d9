"""What a report's lead is about, when it is not a new attack: an accident, a court, a remembrance.

The relevance scorer weighs every word of a report, and a verdict or a tanker blast carries most of an
attack report's words ("killed", "bomb", "wounded"). A lead sentence settles what the report is about, so
for reports the scorer keeps without conviction the lead's topic decides. A lead that names attackers is
about an attack whatever else it names ("gunmen stormed a court"). The cue lists are in
vocab/relevance_cues.json.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, ConfigDict

from .. import vocab

LEAD_CHARS = 400
_WORDS = re.compile(r"[a-z]+(?:[-'][a-z]+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'“])|\n+")


class TopicCues(BaseModel):
    model_config = ConfigDict(extra="forbid")

    words: list[str]
    unless: list[str]
    caseless: bool
    decides_below: float
    outweighs_attackers: list[str] = []


class RelevanceCues(BaseModel):
    model_config = ConfigDict(extra="forbid")

    about: str
    attacker_words: list[str]
    topics: dict[str, TopicCues]


@dataclass(frozen=True)
class _Topic:
    name: str
    words: _Phrases
    unless: _Phrases
    caseless: bool
    decides_below: float
    outweighs_attackers: _Phrases


@dataclass(frozen=True)
class _Phrases:
    words: frozenset[str]
    phrases: tuple[str, ...]

    def found_in(self, words: list[str], joined: str) -> str | None:
        hit = next((w for w in words if w in self.words), None)
        return hit or next((p for p in self.phrases if f" {p} " in joined), None)


@lru_cache(maxsize=1)
def _cues() -> tuple[_Phrases, list[_Topic]]:
    cues = vocab.load("relevance_cues.json", RelevanceCues)
    topics = [
        _Topic(
            name, _phrases(t.words), _phrases(t.unless), t.caseless, t.decides_below, _phrases(t.outweighs_attackers)
        )
        for name, t in cues.topics.items()
    ]
    return _phrases(cues.attacker_words), topics


def _phrases(entries: list[str]) -> _Phrases:
    return _Phrases(frozenset(e for e in entries if " " not in e), tuple(e for e in entries if " " in e))


def lead_of(text: str) -> str:
    """The first two sentences (or lines) of the text's prose, at most LEAD_CHARS characters."""
    sentences = [s for s in _SENTENCE_END.split(text.strip()[: LEAD_CHARS * 2]) if len(s.split()) > 3]
    return " ".join(sentences[:2])[:LEAD_CHARS]


def other_topic(text: str, score: float = 0.0) -> tuple[str, str, bool] | None:
    """(topic, the word that shows it, whether the lead names attackers) when the lead is about something other
    than an attack, for a report the scorer gave P(attack) `score`."""
    lead = lead_of(text)
    caseless = lead.islower()
    words = _WORDS.findall(lead.lower())
    joined = f" {' '.join(words)} "
    attackers, topics = _cues()
    names_attackers = attackers.found_in(words, joined) is not None
    for topic in topics:
        if (caseless and not topic.caseless) or score >= topic.decides_below:
            continue
        # 'the death sentences against six militants': the attackers named are the ones judged
        word = (
            topic.outweighs_attackers.found_in(words, joined)
            if names_attackers
            else topic.words.found_in(words, joined)
        )
        if word and not topic.unless.found_in(*_without_responders(words, joined)):
            return topic.name, word, names_attackers
    return None


# 'bomb and gas experts were deployed': the experts who come to any blast, no word of an attack
_RESPONDERS = re.compile(r"\bbomb (?:and \w+ )?(?:squads?|disposal|experts?|technicians?|specialists?)\b")


def _without_responders(words: list[str], joined: str) -> tuple[list[str], str]:
    kept = _RESPONDERS.sub(" ", joined)
    return kept.split(), kept


# 'Gunmen ambushed a convoy ..., killing nine people': attackers and a toll in the lead
_KILLING_A_COUNT = re.compile(
    r"\b(?:killed|killing|kills|shot dead|massacred|slaughtered|wounding|injuring|kidnapping|abducting)\s+"
    r"(?:at least\s+|more than\s+|nearly\s+|about\s+|some\s+|up to\s+)?"
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|twenty|thirty|forty|fifty"
    r"|dozens|scores|hundreds)\b"
)
_ONE_ATTACKER = frozenset({"attacker"})  # 'the attacker scored twice': football's word as well


def lead_tells_an_attack(text: str) -> str | None:
    """The lead names attackers and what they did to a number of people: the words that show it, else None.
    A short brief of a real attack may score low on its words alone ('on Monday' is everyday news's)."""
    lead = lead_of(text)
    words = _WORDS.findall(lead.lower())
    joined = f" {' '.join(words)} "
    attackers, _ = _cues()
    named = next((w for w in words if w in attackers.words and w not in _ONE_ATTACKER), None)
    named = named or next((p for p in attackers.phrases if f" {p} " in joined), None)
    toll = _KILLING_A_COUNT.search(joined)
    return f"{named} ... {toll.group(0).strip()}" if named and toll else None
