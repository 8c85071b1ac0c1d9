"""The models of the vocab files: each names the keys its file may hold (no others: `VocabFile` forbids them).

Files whose readers keep their model beside them: clutter_cues.json (read/clutter.py), context_cues.json
(extract/context.py), relevance_cues.json (extract/relevance_topics.py), place_aliases.json (geo/aliases.py);
groups.jsonl and forces.jsonl are read line by line as `VocabEntry`. `FILES` names the model of every file.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from . import VocabEntry, VocabFile


class Entry(BaseModel):
    """An entry inside a vocab file: only the keys its model names."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class CodebookColumn(Entry):
    name: str
    type: str  # int, float or text
    unknown: str | None = None


class GtdCountry(Entry):
    code: int
    name: str
    region: int | None
    iso2: str | None  # None: a country that no longer is


class Subtype(Entry):
    code: int
    name: str
    type: str


class ActCueGroup(Entry):
    attack: str | None  # the attack type its phrases prove (None: none)
    weapon: str | None
    phrases: list[str]


class SidedPattern(Entry):
    pattern: str
    side: str


class RegionalName(Entry):
    group: str
    becomes: str
    markers: str
    counter_markers: str
    countries: list[str] = []
    counter_countries: list[str] = []


class RemoteClaimant(Entry):
    group: str
    home_markers: str


class Outlet(Entry):
    pattern: str
    group: str


class Affiliate(Entry):
    parent: str
    affiliate: str
    region: str
    countries: list[str]


class AcledColumns(VocabFile):
    """acled_columns.json"""

    columns: list[CodebookColumn]


class AcledMapping(VocabFile):
    """acled_mapping.json"""

    event_rules: list[Any]
    event_types: dict[str, Any]
    actor2_by_target: dict[str, list[str]]
    inter_codes: dict[str, str]
    inter2_by_target: dict[str, int]
    inter1: dict[str, Any]
    civilian_targeting: dict[str, Any]
    source_scale: str
    note_verbs: dict[str, str]
    regions: list[str]
    region_by_iso2: dict[str, str]
    country_names: dict[str, str]
    iso_numeric_overrides: dict[str, int]
    geo_precision: dict[str, int]
    time_precision: dict[str, int]


class CasualtyCues(VocabFile):
    """casualty_cues.json"""

    killed: list[str]
    wounded: list[str]
    hostages: list[str]
    intransitive: list[str]
    life_words: list[str]
    life_verbs: list[str]
    perpetrator_nouns: list[str]
    not_people: list[str]
    toll_verbs: list[str]
    vague_determiners: list[str]
    zero_heads: list[str]
    suicide_detonation: list[str]
    additive_openers: list[str]
    perpetrator_nouns_with_group: list[str]
    background_adjectives: list[str]
    past_phrases: list[str]
    event_words: list[str]
    hospital_words: list[str]
    intake_verbs: list[str]
    superseding_adverbs: list[str]
    unconfirmed_phrases: list[str]
    not_participants: list[str]
    not_participant_modifiers: list[str]
    one_attacker_words: list[str]
    hedges: list[str]
    speech_verbs: list[str]
    body_words: list[str]
    period_nouns: list[str]
    war_words: list[str]
    distance_units: list[str]
    combined_phrases: list[str]
    boast_verbs: list[str]
    boast_victims: list[str]
    group_nouns: list[str]
    claim_nouns: list[str]
    updating_adverbs: list[str]
    security_forces: list[str]
    group_media: list[str]
    in_hospital_words: list[str]
    hospitalised_words: list[str]
    attack_verbs: list[str]
    capture_verbs: list[str]
    people_nouns: list[str]
    taken_words: list[str]
    abduction_words: list[str]
    vehicle_bomb_phrases: list[str]
    driver_words: list[str]
    judged_to_death: list[str]
    freed_words: list[str]
    siege_words: list[str]
    paired_attack_words: dict[str, int]  # 'twin suicide bombings': two attackers
    toll_words: list[str]
    generic_people: list[str]
    hostage_nouns: list[str]
    include_verbs: list[str]
    suffer_verbs: list[str]
    holding_verbs: list[str]


class DateCuesFile(VocabFile):
    """date_cues.json"""

    attack_cues: list[str]
    background_cues: list[str]
    background_before: list[str]
    same_day_cues: list[str]
    night_cues: list[str]
    followup_cues: list[str]
    anchor_nouns: list[str]
    statement_verbs: list[str]
    statement_settings: list[str]
    vague_past: list[str]
    other_attack_before: str
    named_days: list[str]
    easter_days: dict[str, int]  # feast -> days from Western Easter Sunday
    future_before: str


class GtdCodes(VocabFile):
    """gtd_codes.json"""

    attack_types: dict[str, int]
    target_types: dict[str, int]
    weapon_types: dict[str, int]
    target_subtypes: list[Subtype]
    weapon_subtypes: list[Subtype]
    alternative: dict[str, int]
    claimmode: dict[str, int]
    propextent: dict[str, int]
    hostkidoutcome: dict[str, int]
    combatant_targets: list[str]
    property_attacks: list[str]
    specificity: dict[str, int]
    specificity_read: dict[str, str]


class GtdColumns(VocabFile):
    """gtd_columns.json"""

    columns: list[CodebookColumn]


class GtdCountries(VocabFile):
    """gtd_countries.json"""

    regions: dict[str, str]
    countries: list[GtdCountry]


class GtdSubtypeCues(VocabFile):
    """gtd_subtype_cues.json"""

    suicide_explosive: int
    target: dict[str, Any]
    weapon: dict[str, Any]


class GtdTypes(VocabFile):
    """gtd_types.json"""

    attack_hierarchy: list[str]
    act_cues: list[ActCueGroup]
    attack_weapons: dict[str, list[str]]
    damage_words: list[str]
    hostage_cues: list[str]
    barricade_context: list[str]
    siege_words: list[str]
    prominent_roles: dict[str, list[str]]
    person_proxies: list[str]
    kin_words: list[str]
    suicide_cues: list[str]
    suicide_hedges: list[str]
    target_cues: dict[str, list[str]]
    weak_targets: list[str]
    yield_to_polling: list[str]
    people_words: list[str]
    actor_verbs: list[str]
    audience_verbs: list[str]
    responder_words: list[str]
    background_markers: list[str]
    responder_actors: list[str]
    attacker_words: list[str]
    student_words: list[str]
    owner_yields_to: list[str]
    command_seats: list[str]
    force_kinds: dict[str, str]
    force_name_words: dict[str, str]
    violent_parties: list[str]
    party_sites: list[str]
    weapon_carriers: list[str]
    premature_cues: list[str]
    generic_security_sites: list[str]
    attribution_verbs: list[str]
    non_act_heads: list[str]
    public_area_words: list[str]
    found_bomb_words: list[str]
    described_nouns: list[str]
    public_venue_types: list[str]
    affiliation_words: list[str]
    owning_verbs: list[str]
    unit_words: list[str]
    response_acts: list[str]
    taking_verbs: list[str]
    site_words: list[str]


class PlaceCues(VocabFile):
    """place_cues.json"""

    settlement_words: list[str]
    area_words: list[str]
    district_words: list[str]
    province_words: list[str]
    site_heads: list[str]
    attack_words: list[str]
    background_cues: list[str]
    not_place_words: list[str]
    institution_heads: list[str]
    vicinity_cues: list[str]
    later_event_cues: list[str]
    possessive_place_heads: list[str]
    faith_words: list[str]
    name_words_keeping_a_place: list[str]
    scene_verbs: list[str]
    addressing_verbs: list[str]
    office_name_words: list[str]


class ResponderCues(VocabFile):
    """responder_cues.json"""

    responded: list[str]
    personnel_heads: list[str]
    title_heads: list[str]
    victim_predicates: str
    target_prepositions: list[str]


class ResponsibilityCues(VocabFile):
    """responsibility_cues.json"""

    no_claim: list[str]
    claimed: list[SidedPattern]
    denied: list[SidedPattern]
    blamed: list[SidedPattern]
    suspected: list[SidedPattern]
    clause_breaks: str
    background: list[str]
    anti_prefix: str
    attack_verbs: list[str]
    attack_nouns: list[str]
    regional_names: list[RegionalName]
    background_sentence: list[str]
    unclaimed: list[SidedPattern]
    descriptor_after: str
    descriptor_before: str
    attack_event_nouns: list[str]
    attacker_prepositions: list[str]
    remote_claimants: list[RemoteClaimant]
    spokesman_claim: str
    group_anaphor: str
    group_anaphor_window: int
    outlets: list[Outlet]
    affiliate_after: str
    affiliate_before: str
    affiliates: list[Affiliate]
    generic_specific: dict[str, list[str]]


class RolesPrior(VocabFile):
    """roles_prior.json: role -> mention -> [train reports where it filled the role, share of attack reports]"""

    PerpInd: dict[str, Any]
    PerpOrg: dict[str, Any]
    Target: dict[str, Any]
    Victim: dict[str, Any]
    Weapon: dict[str, Any]


class SiteWords(VocabFile):
    """site_words.json"""

    landmark_heads: list[str]
    generic_heads: list[str]
    distinguishing_modifiers: list[str]
    descriptive_names: list[str]
    elsewhere_before: list[str]
    same_head: dict[str, str]


class Muc4IncidentTypes(VocabFile):
    """muc4_incident_types.json: GTD attack type -> MUC-4 incident type"""

    incident_types: dict[str, str]


class TypeWords(VocabFile):
    """type_words.json: the words the type extractors read beside gtd_types.json's cue phrases"""

    phrase_markers: frozenset[str]
    adverb_only_markers: frozenset[str]
    fire_verbs: frozenset[str]
    setting_fire_words: frozenset[str]
    act_nouns: frozenset[str]
    sequence_verbs: frozenset[str]
    followed_verbs: frozenset[str]
    other_day_counts: frozenset[str]
    other_day_units: frozenset[str]
    other_day_links: frozenset[str]
    other_event_openings: tuple[str, ...]
    group_nouns: frozenset[str]
    carry_verbs: frozenset[str]
    supply_verbs: frozenset[str]
    not_real: frozenset[str]
    drive_verbs: frozenset[str]
    vehicle_words: frozenset[str]
    bomb_words: tuple[str, ...]
    remembrance_words: frozenset[str]
    reaction_verbs: frozenset[str]
    fire_words: frozenset[str]
    attack_nouns: frozenset[str]
    not_harm_words: frozenset[str]
    person_harm_words: frozenset[str]
    targeting_verbs: frozenset[str]
    targeting_nouns: frozenset[str]
    blast_verbs: frozenset[str]
    attacker_pronouns: frozenset[str]
    meant_for: frozenset[str]
    addressing_nouns: frozenset[str]
    care_places: frozenset[str]
    care_verbs: frozenset[str]
    carrier_heads: frozenset[str]


# the files whose model is here, by file name
FILES: dict[str, type[VocabFile]] = {
    "acled_columns.json": AcledColumns,
    "acled_mapping.json": AcledMapping,
    "casualty_cues.json": CasualtyCues,
    "date_cues.json": DateCuesFile,
    "gtd_codes.json": GtdCodes,
    "gtd_columns.json": GtdColumns,
    "gtd_countries.json": GtdCountries,
    "gtd_subtype_cues.json": GtdSubtypeCues,
    "gtd_types.json": GtdTypes,
    "place_cues.json": PlaceCues,
    "responder_cues.json": ResponderCues,
    "responsibility_cues.json": ResponsibilityCues,
    "roles_prior.json": RolesPrior,
    "site_words.json": SiteWords,
    "muc4_incident_types.json": Muc4IncidentTypes,
    "type_words.json": TypeWords,
}


def all_models() -> dict[str, type[BaseModel]]:
    """Every vocab file's model, by file name, those kept beside their readers included."""
    from ..extract.context import ContextCues
    from ..extract.motives import MotiveCues
    from ..extract.relevance_topics import RelevanceCues
    from ..geo.aliases import PlaceAliases
    from ..read.clutter import ClutterCues

    return FILES | {
        "clutter_cues.json": ClutterCues,
        "context_cues.json": ContextCues,
        "motive_cues.json": MotiveCues,
        "relevance_cues.json": RelevanceCues,
        "place_aliases.json": PlaceAliases,
        "groups.jsonl": VocabEntry,
        "forces.jsonl": VocabEntry,
    }
