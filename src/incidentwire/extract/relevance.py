"""Does a report describe an attack at all? A cheap gate before the field extractors.

A cricket report ("death bowling", "Malik blasted eight fours") or a court story about an old attack
uses the same words as an attack report; we weigh violence cues against sport, court and arrest contexts.

Caseless wire text (MUC-4's lower-cased radio and wire reports of 1989-91) follows MUC-4's broader idea of
relevance: a trial, an arrest or a speech that tells of a specific attack is about that attack. There the gate
only rules out what certainly is no attack: a text that names no violent act at all.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

WORD = re.compile(r"[a-z]+")
LEAD_CHARS = 400
BRIEF_REPORT_WORDS = 60
SHORT_REPORT_WORDS = 120


@dataclass(frozen=True)
class RelevanceCues:
    violence: re.Pattern
    harm: re.Pattern
    strong: tuple[str, ...]
    strong_patterns: tuple[re.Pattern, ...]
    sport: frozenset[str]
    court: frozenset[str]
    attackers: frozenset[str]
    judicial: frozenset[str]
    arrests: frozenset[str]
    lead_attack_verbs: frozenset[str]
    wire_acts: re.Pattern


@dataclass(frozen=True)
class Relevance:
    is_attack: bool
    violence: int
    strong: int
    sport: int
    court: int


@lru_cache(maxsize=1)
def load_cues() -> RelevanceCues:
    raw = json.loads(resources.files("incidentwire.vocab").joinpath("relevance_cues.json").read_text())
    return RelevanceCues(
        violence=_stems(raw["violence_stems"]),
        harm=_stems(raw["harm_stems"]),
        strong=tuple(raw["strong_phrases"]),
        strong_patterns=tuple(re.compile(p) for p in raw["strong_patterns"]),
        sport=frozenset(raw["sport_words"]),
        court=frozenset(raw["court_words"]),
        attackers=frozenset(raw["attacker_words"]),
        judicial=frozenset(raw["judicial_actions"]),
        arrests=frozenset(raw["arrest_words"]),
        lead_attack_verbs=frozenset(raw["lead_attack_verbs"]),
        wire_acts=_stems([s for s in raw["violence_stems"] if s not in set(raw["actor_stems"])]
                         + raw["wire_act_stems"]),
    )


def _stems(stems: list[str]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(map(re.escape, stems)) + r")")


def judge_relevance(text: str) -> Relevance:
    """Counts cues in the text; an attack report has violence cues that outweigh sport or court talk."""
    cues = load_cues()
    if is_caseless(text):
        return _judge_caseless_wire(text, cues)
    lowered = text.lower()
    words = WORD.findall(lowered)
    acts = len(cues.violence.findall(lowered))
    violence = acts + len(cues.harm.findall(lowered))
    sport = sum(w in cues.sport for w in words)
    court = sum(w in cues.court for w in words)
    normalised = " ".join(words)
    strong = sum(normalised.count(p) for p in cues.strong) + sum(
        len(p.findall(lowered)) for p in cues.strong_patterns)
    # A short summary ("Assailants kidnapped a fishing captain ...") has few words to spare.
    needed = 1 if len(words) < BRIEF_REPORT_WORDS else 2 if len(words) < SHORT_REPORT_WORDS else 3
    evidence_of_attack = acts >= 1 and (strong >= 1 or violence >= needed)
    distracted = sport > violence + 2 * strong or court > 2 * (violence + strong) + 1
    return Relevance(
        evidence_of_attack and not distracted and (strong > 0 or not _lead_is_about(lowered, cues)),
        violence, strong, sport, court
    )


def is_caseless(text: str) -> bool:
    """Wire text that lost its capitals: no lead, names or sentence case to read contexts from."""
    return text.islower()


def _judge_caseless_wire(text: str, cues: RelevanceCues) -> Relevance:
    """Any named act (not merely "guerrillas" or "terrorists") lets the report through, unless it is sport."""
    words = WORD.findall(text)
    violence = len(cues.violence.findall(text)) + len(cues.harm.findall(text))
    sport = sum(w in cues.sport for w in words)
    court = sum(w in cues.court for w in words)
    names_an_act = cues.wire_acts.search(text) is not None
    return Relevance(names_an_act and sport <= violence + 1, violence, 0, sport, court)


def _lead_is_about(lowered: str, cues: RelevanceCues) -> bool:
    """A lead sentence about a trial or a match makes the report about that, whatever it recalls.

    A court named in a lead about gunmen ("Gunmen shot a lawyer of the Sindh High Court") stays an attack.
    """
    lead = WORD.findall(lowered[:LEAD_CHARS].split(". ")[0])
    tells_of_attack = any(w in cues.attackers for w in lead) and any(w in cues.lead_attack_verbs for w in lead)
    about_court = any(w in cues.judicial for w in lead) and not tells_of_attack
    names_attackers = any(w in cues.attackers for w in lead)
    about_sport = sum(w in cues.sport for w in lead) >= 2 and not names_attackers
    about_arrest = any(w in cues.arrests for w in lead) and not any(w in cues.lead_attack_verbs for w in lead)
    return about_court or about_sport or about_arrest


def describes_attack(text: str) -> bool:
    return judge_relevance(text).is_attack
