"""ACLED's codes for an incident: event and sub-event type, the actors and their inter codes, interaction.

The rules and tables are vocab/acled_mapping.json (ACLED Codebook 2023); this module only applies them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..model import Incident
from ..vocab import load_groups
from .codebooks import vocab_table
from .subtypes import weapon_subtypes


@dataclass(frozen=True)
class AcledEventType:
    event_type: str
    sub_event_type: str

    @property
    def disorder_type(self) -> str:
        return acled_mapping()["event_types"][self.event_type]["disorder_type"]


def acled_mapping() -> dict:
    """The rules of vocab/acled_mapping.json."""
    return vocab_table("acled_mapping.json")


def acled_event_type(incident: Incident) -> AcledEventType:
    """ACLED's event and sub-event type for an incident: the first mapping rule that holds."""
    subtypes = set(weapon_subtypes(incident))
    for rule in acled_mapping()["event_rules"]:
        if _rule_holds(rule, incident, subtypes):
            return AcledEventType(rule["event_type"], rule["sub_event_type"])
    raise LookupError("acled_mapping.json needs a final rule without conditions")


def _rule_holds(rule: dict, incident: Incident, weapon_subtype_codes: set) -> bool:
    primary = incident.attack_types[0] if incident.attack_types else "Unknown"
    if "attack" in rule and rule["attack"] != primary:
        return False
    if "suicide" in rule and bool(incident.suicide) != rule["suicide"]:
        return False
    if "targets_any" in rule and not set(rule["targets_any"]) & set(incident.target_types):
        return False
    if "weapon_subtypes_any" in rule and not set(rule["weapon_subtypes_any"]) & weapon_subtype_codes:
        return False
    return "weapons_any" not in rule or bool(set(rule["weapons_any"]) & set(incident.weapon_types))


def unidentified_actor(country: str | None) -> str:
    """ACLED's name for an unknown perpetrator."""
    return f"Unidentified Armed Group ({country})" if country else "Unidentified Armed Group"


def acled_actor1(incident: Incident) -> str:
    return incident.perpetrators[0].name if incident.perpetrators else unidentified_actor(incident.country)


def acled_actor2(incident: Incident) -> str:
    """ACLED's actor2 from the first target type: 'Police Forces of Pakistan', 'Civilians (Iraq)', …"""
    if not incident.target_types:
        return ""
    target = incident.target_types[0]
    templates = acled_mapping()["actor2_by_target"].get(target)
    if templates is None:
        return target
    with_country, without = templates
    return with_country.format(country=incident.country) if incident.country else without


def acled_inter1(incident: Incident) -> int:
    """The perpetrator's ACLED actor type: rebel group, political or identity militia."""
    rules = acled_mapping()["inter1"]
    if not incident.perpetrators:
        return rules["unidentified"]
    name = incident.perpetrators[0].name
    if set(name.lower().replace("(", " ").replace(")", " ").split()) & set(rules["identity_words"]):
        return rules["identity"]
    return rules["generic"] if name in _generic_group_names() else rules["named"]


@lru_cache(maxsize=1)
def _generic_group_names() -> frozenset[str]:
    return frozenset(group.name for group in load_groups() if group.kind == "generic")


def acled_inter2(incident: Incident) -> int:
    """The target side's ACLED actor type (0: no second actor)."""
    if not incident.target_types:
        return 0
    return acled_mapping()["inter2_by_target"].get(incident.target_types[0], 7)


def acled_interaction(inter1: int, inter2: int) -> int:
    """ACLED's interaction: the two inter codes, lower first (2 and 7 -> 27); a lone actor's is X0."""
    if inter2 == 0 or inter1 == 0:
        return max(inter1, inter2) * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def civilian_targeting(kind: AcledEventType, inter2: int) -> str:
    rule = acled_mapping()["civilian_targeting"]
    return rule["value"] if inter2 == rule["inter2"] and kind.event_type in rule["event_types"] else ""


def acled_fatalities(incident: Incident) -> int:
    """Every death: victims and attackers (ACLED writes 0 when none is reported)."""
    return (incident.killed.best or 0) + (incident.killed_perpetrators.best or 0)
