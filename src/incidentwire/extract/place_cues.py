"""The cue words of vocab/place_cues.json, compiled once into the patterns the place readers use."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import vocab
from ..geo import fold
from ..vocab.models import PlaceCues

LOCATIVE = r"(?:at|in|inside|into|from|on|onto|across|outside)"
# a word may end in a stop only as a short abbreviation before another name ('St. Petersburg'): a sentence's
# stop must not join the next sentence's first word ('Khasavyurt. He')
# 'the coastal area of Ahwar Tuesday night': a weekday or month ends the name
_NOT_A_NAME_WORD = r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
NAME = (
    r"(?:[A-Z][a-z]{0,2}\.(?= [A-Z])|[A-Z][\w'’\-]*)"
    r"(?:[ \-](?:(?:al|el|ad|as|an|ar|e|i|ul|ud|de|del|da|do)[ \-])?" + _NOT_A_NAME_WORD + r"[A-Z][\w'’\-]*)*"
)
# words that follow 'town' or 'village' in the name of a body or a building, not of a town ('the town Council')
BARE_NAME_NOT_A_TOWN = (
    "Hall|Council|Centre|Center|Square|Chief|Chiefs|Head|Heads|Mayor|Police|Market|Elders|Guard|Guards"
)
STRUCTURAL_NAME = NAME + r"(?:\sand\s[A-Z][\w'’\-]*)?"


@dataclass
class Cues:
    hint_of_word: dict[str, str]
    structural_after: re.Pattern
    structural_before: re.Pattern
    structural_bare: re.Pattern  # 'the western Niger town Inates': a town's name straight after its kind word
    structural_apposed: re.Pattern  # 'Ogossagou, a village of Fulani herders': the kind word in an apposition
    capitalised_run: re.Pattern
    site_phrase: re.Pattern
    site_head: re.Pattern
    acronym_definition: re.Pattern
    attack: re.Pattern
    background: re.Pattern
    not_place: frozenset[str]
    institution_after: re.Pattern
    vicinity_before: re.Pattern
    attack_place_before: re.Pattern
    later_event_before: re.Pattern
    possessive_place_heads: frozenset[str]
    faith_words: frozenset[str]
    keeps_place: frozenset[str]  # words after a place name that leave it a place ('Swat Valley')
    office_words: frozenset[str]  # 'the State Emergency Management Agency' names an office, not a district


ATTACKER_WORDS = frozenset({"gunmen", "gunman", "assailants", "militants"})


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    raw = vocab.load("place_cues.json", PlaceCues)
    hint_of_word = {}
    for hint, key in (
        ("province", "province_words"),
        ("district", "district_words"),
        ("area", "area_words"),
        ("settlement", "settlement_words"),
    ):
        hint_of_word.update({w.lower(): hint for w in getattr(raw, key)})
    words = "|".join(sorted(map(re.escape, hint_of_word), key=len, reverse=True))
    heads = "|".join(sorted(map(re.escape, raw.site_heads), key=len, reverse=True))
    return Cues(
        hint_of_word=hint_of_word,
        # 'Buthidaung and Maungdaw townships': a plural kind word names each
        structural_after=re.compile(rf"(?:\bthe\s+)?(?P<name>{STRUCTURAL_NAME})\s+(?P<word>(?i:{words}))s?\b"),
        # 'the villages of Yoro and Gangafani': a plural kind word names each, after it too; 'a village named X'
        structural_before=re.compile(
            rf"\b(?P<word>(?i:{words}))s?\s+(?:of|named|called)\s+(?:the\s+)?(?P<name>{STRUCTURAL_NAME})"
        ),
        structural_bare=re.compile(
            rf"\b[A-Z][\w'’\-]+(?:\s+[a-z]+)?\s+(?P<word>town|village)\s+(?!(?:{BARE_NAME_NOT_A_TOWN})\b)(?P<name>{NAME})"
        ),
        structural_apposed=re.compile(
            # 'Zabarmari, a Borno community known for rice': a region's name may stand before the kind word
            rf"\b(?P<name>{STRUCTURAL_NAME}),\s+an?\s+(?:[A-Za-z][\w-]*\s+){{0,2}}?(?P<word>village|town|hamlet|community)\b"
            r"(?=\s*(?:[,.;]|in\b|of\b|known\b|near\b|where\b|that\b|which\b|about\b|some\b|on\b|located\b|$))"
        ),
        capitalised_run=re.compile(NAME),
        site_phrase=re.compile(rf"\b(?P<site>(?:[A-Z][\w'’\-]*\s+){{1,5}}(?:{heads}))\b"),
        site_head=re.compile(rf"\b(?:{heads})$"),
        acronym_definition=re.compile(
            rf"\b(?:{heads.lower()}|building|premises)\b[^.()]{{0,60}}\((?P<acr>[A-Z]{{2,6}})\)", re.IGNORECASE
        ),
        attack=re.compile(r"\b(?:" + "|".join(map(re.escape, raw.attack_words)) + r")\b", re.IGNORECASE),
        background=re.compile(r"\b(?:" + "|".join(map(re.escape, raw.background_cues)) + r")\b", re.IGNORECASE),
        not_place=frozenset(fold(w) for w in raw.not_place_words),
        institution_after=re.compile(
            r"^\s+(?:" + "|".join(map(re.escape, raw.institution_heads)) + r")\b", re.IGNORECASE
        ),
        vicinity_before=re.compile(
            # 'near the capital, Dushanbe': the capital named after its kind word is beside the attack too
            r"\b(?:" + "|".join(map(re.escape, raw.vicinity_cues)) + r")\s+(?:the\s+)?(?:(?:capital|city),?\s+)?$",
            re.IGNORECASE,
        ),
        # 'attack at X', 'abduction of schoolgirls from X', 'exploded inside a mosque in the X'
        attack_place_before=re.compile(
            r"\b(?:"
            # the acts only: 'fighting its militants in Syria' places militants, not an attack
            + "|".join(map(re.escape, [w for w in raw.attack_words if w not in ATTACKER_WORDS]))
            + r")\b[^.;,]{0,60}?\b"
            + LOCATIVE
            + r"\s+(?:the\s+)?$",
            re.IGNORECASE,
        ),
        # 'were caught in the X region', 'taken to hospital in X', 'funerals in X'
        later_event_before=re.compile(
            r"\b(?:" + "|".join(map(re.escape, raw.later_event_cues)) + r")\b"
            r"(?:\s+[\w'’\-]+){0,5}?\s+(?:in|at|near|to)\s+(?:the\s+)?$",
            re.IGNORECASE,
        ),
        possessive_place_heads=frozenset(w.lower() for w in raw.possessive_place_heads),
        faith_words=frozenset(w.lower() for w in raw.faith_words),
        keeps_place=frozenset(
            w.lower()
            for key in ("name_words_keeping_a_place", "site_heads", "institution_heads", "not_place_words")
            for w in getattr(raw, key)
        )
        | frozenset(hint_of_word)
        | frozenset(vocab.load_site_words().landmark_heads),
        office_words=frozenset(fold(w) for w in raw.office_name_words),
    )


def without_article(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name
