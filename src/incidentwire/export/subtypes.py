"""GTD target and weapon subtypes read from what the reports say about an incident (vocab/gtd_subtype_cues.json).

An Incident holds GTD types but not subtypes; the words that tell them apart (a police *checkpoint*, a *car*
bomb) are in its site, its MUC-4 role mentions and the evidence spans for the type.
"""

from __future__ import annotations

import re
from functools import cache

from ..model import Incident
from .codebooks import vocab_table


def target_subtypes(incident: Incident) -> list[int | None]:
    """One GTD targsubtype code (or None) per target type, in order."""
    text = _words_about(incident, roles=("Target", "Victim"), fields=("target_types", "site"), site=True)
    return [_subtype("target", kind, text) for kind in incident.target_types]


def weapon_subtypes(incident: Incident) -> list[int | None]:
    """One GTD weapsubtype code (or None) per weapon type, in order."""
    text = _words_about(incident, roles=("Weapon",), fields=("weapon_types", "attack_types", "suicide"), site=False)
    codes = []
    for kind in incident.weapon_types:
        code = _subtype("weapon", kind, text, use_default=not (kind == "Explosives" and incident.suicide))
        if code is None and kind == "Explosives" and incident.suicide:
            code = vocab_table("gtd_subtype_cues.json")["suicide_explosive"]
        codes.append(code)
    return codes


def _words_about(incident: Incident, roles: tuple[str, ...], fields: tuple[str, ...], site: bool) -> str:
    parts = [incident.site or ""] if site else []
    for role in roles:
        parts += [mention for entity in incident.roles.get(role, []) for mention in entity]
    for field in fields:
        parts += [span.text for span in incident.evidence.get(field, [])]
    return " ".join(parts).lower()


def _subtype(kind: str, type_name: str, text: str, use_default: bool = True) -> int | None:
    entry = vocab_table("gtd_subtype_cues.json")[kind].get(type_name)
    if entry is None:
        return None
    for cue in entry["cues"]:
        if any(_cue_pattern(word).search(text) for word in cue["words"]):
            return cue["code"]
    return entry["default"] if use_default else None


@cache
def _cue_pattern(word: str) -> re.Pattern:
    return re.compile(r"(?<![\w-])" + re.escape(word.lower()) + r"(?![\w-])")
