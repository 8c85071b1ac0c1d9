"""GTD attack, target and weapon types of a report, primary type first, and whether it was a suicide attack.

Cue phrases live in vocab/gtd_types.json. Attack types are ordered by the GTD codebook's hierarchy
(Assassination, Hijacking, Kidnapping, Barricade, Bombing, Armed Assault, Unarmed Assault,
Facility/Infrastructure, Unknown); the primary weapon is the one that carries out the primary attack;
the primary target is the first non-actor target named where the attack is told.

Suicide: True on an unhedged cue ("suicide bomber", "blew himself up", "suicide vest"); None when
every cue is hedged ("suspected suicide bomber", "not a suicide attack") or no attack is described;
False when an attack is described with no cue. "Suicide" in other senses ("committed suicide") is no cue.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..doc_memo import once_per_doc
from ..nlp import FORCE_LABEL, GROUP_LABEL, lead_sentence
from .spans import Context, Found, span_of
from .type_acts import (
    UNARMED_ASSAULT,
    VEHICLE,
    earlier_when_clauses,
    group_history_clauses,
    hostages_held_at_site,
    in_bombing_sentence,
    is_firearm_fired,
    is_not_real_weapon,
    is_weapon_carried,
    is_weapon_supplied,
    names_an_attack_by_gun,
    other_time_sentences,
    sequence_background,
    vehicle_rammings,
)
from .type_base import (
    ARMED_ASSAULT,
    ASSASSINATION,
    BARRICADE,
    BOMBING,
    FACILITY,
    FIREARMS,
    HARM_WORDS,
    HEDGE_WINDOW,
    KIDNAPPING,
    PERSONAL_ATTACKS,
    UNKNOWN,
    WEAPON_BY_CONVENTION,
    ActCue,
    noun_head,
    overlaps,
)
from .type_persons import ProminentTarget, find_prominent_targets
from .type_targets import order_target_types

# the cue matcher's names are read through this module by its callers (tests, sites' background)
from .type_vocab import CUE_LISTS, EXACT, GAP, PREFIX, cue_index, cue_spans, load_type_vocab, type_words  # noqa: F401

WORDS = type_words()  # vocab/type_words.json


@dataclass
class Types:
    """The GTD types found, each list primary first, with the spans proving each type."""

    attack_types: Found[list[str]]
    target_types: Found[list[str]]
    weapon_types: Found[list[str]]
    suicide: Found[bool | None]
    attack_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    target_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    weapon_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


# --- which phrases tell this attack -----------------------------------------------------------

YEAR = re.compile(r"^(19|20)\d\d$")
# Links a background marker climbs to reach the phrase it dates ("a 2009 attack", "last year, X claimed").
MODIFIER_DEPS = {"nummod", "compound", "amod", "poss", "nmod", "npadvmod", "quantmod", "det", "advmod", "case"}
# Markers whose own phrase is the other event: "in retaliation for the shootings at mosques".
PHRASE_MARKERS = WORDS.phrase_markers
ADVERB_ONLY_MARKERS = WORDS.adverb_only_markers
FIRE_VERBS = WORDS.fire_verbs


@once_per_doc
def background_tokens(doc: Doc, published: datetime.date | None) -> frozenset[int]:
    """Tokens of phrases telling other events: earlier attacks, a group's history, reprisals.

    The lead sentence tells this attack, so only an earlier year ('the deadliest since a 2009 bombing')
    marks background there, and never the whole lead clause."""
    lead = lead_sentence(doc)
    markers = [doc[t.i : t.i + 1] for t in doc if _is_earlier_year(t, published)]
    markers += [m for m in cue_spans(doc, "background") if lead is None or m.start >= lead.end]
    tokens: set[int] = set()
    for marker in markers:
        if marker.root.lower_ in ADVERB_ONLY_MARKERS and marker.root.dep_ != "advmod":
            continue  # 'beaten before being rescued' tells this attack's sequence
        anchor = _background_anchor(marker.root)
        if lead is not None and anchor.i == lead.root.i:
            continue
        tokens.update(t.i for t in anchor.subtree)
    return frozenset(tokens)


def _is_earlier_year(token: Token, published: datetime.date | None) -> bool:
    return published is not None and bool(YEAR.match(token.text)) and int(token.text) < published.year


def _background_anchor(token: Token) -> Token:
    """The phrase a marker dates: climb modifiers, and a date's preposition, to the noun or verb it tells."""
    if token.lower_ in PHRASE_MARKERS:
        return token.head if token.dep_ == "mark" else token
    for _ in range(6):
        if token.dep_ == "pobj" and token.head.lower_ == "since":
            return token.head
        dateish = token.like_num or token.ent_type_ in {"DATE", "TIME"}
        climbs = token.dep_ in MODIFIER_DEPS or (dateish and token.dep_ == "pobj")
        if climbs or (token.dep_ == "prep" and token.pos_ == "ADP"):
            token = token.head
        else:
            break
    return token


def _is_negated(span: Span) -> bool:
    """'there was no second explosion', 'found no gunmen', 'did not detonate'."""
    root = span.root
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in root.children)


def _clause_subject(token: Token) -> Token | None:
    """Who does the act a cue tells: its verb's subject or 'by' agent, climbing coordinated and
    dependent clauses ('The attackers arrived ..., set fire to buildings'); a relative clause's noun."""
    for _ in range(4):
        for child in token.children:
            if child.dep_ in {"nsubj", "csubj"}:
                return child
            if child.dep_ == "agent":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
        if token.dep_ == "relcl":
            return token.head
        if token.dep_ in {"conj", "xcomp", "advcl", "acl", "pcomp"} and token.head is not token:
            token = token.head
        else:
            return None
    return None


def _is_security_force(token: Token | None) -> bool:
    if token is None:
        return False
    head = noun_head(token)
    return (
        head.ent_type_ == FORCE_LABEL
        or head.lower_ in load_type_vocab().responder_actors
        or token.ent_type_ == FORCE_LABEL
    )


def _is_attacker(token: Token | None) -> bool:
    if token is None:
        return False
    return (
        token.lower_ in load_type_vocab().attacker_words
        or token.ent_type_ == GROUP_LABEL
        or token.lower_ in {"they", "he", "she"}
    )


def _is_response(span: Span) -> bool:
    """Fire told of the security forces ('troops stormed the building', 'Marines who fired', 'police
    firing') or aimed at the attackers ('opened fire on the militants', 'the gunmen were shot')."""
    if not any(t.lower_ in FIRE_VERBS for t in span):
        return False
    root = span.root
    if root.pos_ in {"NOUN", "PROPN"}:
        owners = [c for c in root.children if c.dep_ in {"compound", "amod", "poss"}]
        owners += [g for c in root.children if c.lower_ in {"by", "from"} for g in c.children if g.dep_ == "pobj"]
        if any(_is_security_force(o) or o.ent_type_ in {"GPE", "NORP"} for o in owners):
            return True
        root = root.head if root.dep_ == "dobj" else root
    if _is_security_force(_clause_subject(root)):
        return True
    aimed = [c for t in (root, *span) for c in t.children if c.dep_ in {"dobj", "nsubjpass"}]
    aimed += [
        g
        for t in (root, *span)
        for c in t.children
        if c.lower_ in {"on", "at", "upon"}
        for g in c.children
        if g.dep_ == "pobj"
    ]
    return any(a.lower_ in load_type_vocab().attacker_words for a in aimed if a.i not in range(span.start, span.end))


def _is_fire_from_blast(cue: ActCue) -> bool:
    """'setting vehicles ablaze', 'bodies burned by the fireball': fire told as the blast's consequence,
    not set by the attackers (GTD codes incendiary and facility attacks only when burning is the aim)."""
    if cue.attack != FACILITY:
        return False
    subject = _clause_subject(cue.span.root)
    if cue.span[0].lower_ in SETTING_FIRE_WORDS and subject is None:
        return False  # 'cars were set alight', 'a church was torched': someone set it, and not the blast
    return not _is_attacker(subject)


# words that tell fire set on purpose; 'ablaze', 'burning', 'in flames' may tell the blast's fire
SETTING_FIRE_WORDS = WORDS.setting_fire_words


def is_told_of_this_attack(cue: ActCue, background: set[int]) -> bool:
    return (
        cue.span.root.i not in background
        and not _is_negated(cue.span)
        and not _is_response(cue.span)
        and not _only_describes_a_noun(cue.span)
    )


def _only_describes_a_noun(span: Span) -> bool:
    """'hand-held bomb detectors', 'a bomb disposal squad': the act word names a kind of thing, no act."""
    root = span.root
    for _ in range(2):
        if root.dep_ != "compound" or root.head is root:
            return False
        root = root.head
        if root.lower_ in load_type_vocab().non_act_heads:
            return True
    return False


# --- attack and weapon cues -------------------------------------------------------------------


def find_act_cues(doc: Doc, background: set[int] | None = None) -> list[ActCue]:
    """Every attack or weapon phrase telling this attack (not other events, not the security response),
    hostage phrases resolved to kidnap or barricade."""
    vocab = load_type_vocab()
    background = background or set()
    cues = []
    for span in cue_spans(doc, "acts"):
        attack, weapon = vocab.act_groups[int(span.label_)]
        cues.append(ActCue(span, attack, weapon))
    cues = [c for c in cues if is_told_of_this_attack(c, background)]
    cues = _weapons_as_used(cues)
    cues += [
        ActCue(s, UNARMED_ASSAULT, VEHICLE)
        for s in vehicle_rammings(doc)
        if s.root.i not in background and not overlaps(s, [c.span for c in cues])
    ]
    bombs = [c.span for c in cues if c.attack == BOMBING]
    cues = [c for c in cues if c.weapon != VEHICLE or not in_bombing_sentence(c.span, bombs)]
    if any(c.attack == BOMBING for c in cues):
        cues = [c for c in cues if not _is_fire_from_blast(c)]
    hostage_spans = [s for s in cue_spans(doc, "hostage") if s.root.i not in background]
    if hostage_spans:
        kidnapped = any(c.attack == KIDNAPPING for c in cues)
        held_place = bool(cue_spans(doc, "barricade")) or (
            not kidnapped and hostages_held_at_site(hostage_spans, cue_spans(doc, "targets"))
        )
        kind = BARRICADE if held_place else KIDNAPPING
        cues.extend(ActCue(span, kind, None) for span in hostage_spans)
    elif any(c.attack for c in cues):
        cues.extend(ActCue(span, BARRICADE, None) for span in _sieges_told(doc, background))
    cues.extend(_assassination_cue(p, cues) for p in find_prominent_targets(doc, cues, background))
    return sorted(cues, key=lambda c: c.span.start)


def _sieges_told(doc: Doc, background: set[int]) -> list[Span]:
    """'During the standoff early Sunday', 'freed the guests after a nine-hour siege': attackers holding a
    place make a barricade incident (GTD) even when no word says 'hostage'."""
    words = load_type_vocab().siege_words
    return [
        s
        for s in cue_spans(doc, "barricade")
        if s.text.lower() in words and s.root.i not in background and not _is_negated(s)
    ]


def _weapons_as_used(cues: list[ActCue]) -> list[ActCue]:
    """A fake weapon proves nothing. Weapons only carried ('armed with rifles and explosives') prove their
    kind; the act told with one of them ('opened fire') is the attack, not an attack by each weapon."""
    cues = [
        c
        for c in cues
        if not (c.weapon and is_not_real_weapon(c.span))
        and not (c.weapon and not c.attack and is_weapon_supplied(c.span))
    ]
    carried = [c for c in cues if c.weapon and is_weapon_carried(c.span)]
    kept = []
    for cue in cues:
        if cue in carried and cue.attack and _other_weapon_used(cue, carried, cues):
            cue = ActCue(cue.span, None, cue.weapon)
        elif (
            cue.weapon == FIREARMS
            and cue.attack is None
            and (is_firearm_fired(cue.span) or names_an_attack_by_gun(cue.span))
        ):
            cue = ActCue(cue.span, ARMED_ASSAULT, FIREARMS)
        kept.append(cue)
    return kept


def _other_weapon_used(cue: ActCue, carried: list[ActCue], cues: list[ActCue]) -> bool:
    """Whether, in the cue's sentence, another carried weapon is the one an act tells used ('opened fire');
    the carrier's name ('gunmen armed with rifles and grenades attacked') tells no act of its own."""
    sent = cue.span.sent.start
    carried_weapons = {c.weapon for c in carried if c.span.sent.start == sent and c.weapon != cue.weapon}
    return any(
        c.span.sent.start == sent
        and c not in carried
        and c.attack not in {None, cue.attack}
        and c.weapon in carried_weapons
        and _tells_an_act(c.span)
        for c in cues
    )


# nouns that name the act itself, not who did it ('the shooting', not 'the gunmen')
ACT_NOUNS = WORDS.act_nouns


def _tells_an_act(span: Span) -> bool:
    return span.root.pos_ == "VERB" or span.root.lower_ in ACT_NOUNS


def _assassination_cue(target: ProminentTarget, cues: list[ActCue]) -> ActCue:
    """An assassination is proven by the act aimed at the prominent person, never by their title alone:
    the evidence is the nearest personal attack ("shot dead"), not "minister"."""
    acts = [c for c in cues if c.attack in PERSONAL_ATTACKS]
    nearest = min(acts, key=lambda c: abs(c.span.start - target.span.start))
    return ActCue(nearest.span, ASSASSINATION, None)


def order_attack_types(cues: list[ActCue]) -> tuple[list[str], dict[str, list[tuple[int, int]]]]:
    """Attack types in GTD hierarchy order; Unknown only when nothing more specific is found."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for cue in cues:
        if cue.attack:
            spans.setdefault(cue.attack, []).append(span_of(cue.span))
    if len(spans) > 1:
        unknown = spans.pop(UNKNOWN, None)
        if unknown and set(spans) == {FACILITY} and _harm_told(cues[0].span.doc):
            # people hurt in an attack that also burned property: an armed assault as well
            spans[ARMED_ASSAULT] = unknown
    elif UNKNOWN in spans and cues and _harm_told(cues[0].span.doc):
        spans = {ARMED_ASSAULT: spans[UNKNOWN]}
    elif UNKNOWN in spans and cues and (damage := _damage_words(cues[0].span.doc)):
        # GTD: an attack with no method told that only damaged or destroyed property is a facility attack.
        spans = {FACILITY: spans[UNKNOWN] + damage}
    if FACILITY in spans and spans.keys() & {BOMBING, ARMED_ASSAULT} and cues and _harm_told(cues[0].span.doc):
        # fire set during an attack that killed or hurt people is its means (incendiary), not its aim
        spans.pop(FACILITY)
    hierarchy = load_type_vocab().hierarchy
    types = sorted(spans, key=hierarchy.index)
    return types, spans


def _damage_words(doc: Doc) -> list[tuple[int, int]]:
    damage = load_type_vocab().damage_words
    return [span_of(doc[t.i : t.i + 1]) for t in doc if t.lower_ in damage]


def _harm_told(doc: Doc) -> bool:
    return any(t.lower_ in HARM_WORDS for t in doc)


def order_weapon_types(
    cues: list[ActCue], attack_types: list[str]
) -> tuple[list[str], dict[str, list[tuple[int, int]]]]:
    """Weapons found, those that carry out the primary attack type first, then by first mention."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for cue in cues:
        if cue.weapon:
            spans.setdefault(cue.weapon, []).append(span_of(cue.span))
    preferred = [w for a in attack_types for w in load_type_vocab().attack_weapons.get(a, [])]
    ordered = [w for w in dict.fromkeys(preferred) if w in spans]
    ordered += [w for w in spans if w not in ordered]
    # "assailants abducted a district official": an assassination told only as a kidnapping was carried
    # out with the kidnapping's conventional weapon
    conventional = next((a for a in attack_types if a in WEAPON_BY_CONVENTION), None)
    if not ordered and conventional is not None:
        weapon = WEAPON_BY_CONVENTION[conventional]
        spans[weapon] = [span_of(c.span) for c in cues if c.attack == conventional]
        ordered = [weapon]
    return ordered, spans


# --- suicide ----------------------------------------------------------------------------------


def _is_hedged(span: Span) -> bool:
    """'suspected suicide bomber', 'not a suicide attack': the cue is reported as uncertain."""
    start = max(span.sent.start, span.start - HEDGE_WINDOW)
    before = " " + " ".join(t.lower_ for t in span.doc[start : span.start]) + " "
    return any(f" {hedge} " in before for hedge in load_type_vocab().hedges)


def find_suicide(doc: Doc, cues: list[ActCue], background: set[int] | None = None) -> Found[bool | None]:
    background = background or set()
    matches = [m for m in cue_spans(doc, "suicide") if m.root.i not in background]
    sure = [m for m in matches if not _is_hedged(m)]
    if sure:
        return Found(True, [span_of(m) for m in sure])
    if matches:
        return Found(None, [span_of(m) for m in matches])
    return Found(False if any(c.attack for c in cues) else None, [])


# --- entry point ------------------------------------------------------------------------------


def _flat(spans: dict[str, list[tuple[int, int]]]) -> list[tuple[int, int]]:
    return sorted({s for v in spans.values() for s in v})


HOAX_WORDS = frozenset({"hoax", "fake", "imitation", "replica", "dummy"})
# found after the attack, in a search ('explosive devices were recovered'); not 'found and defused' before
# it went off, which GTD codes as an attempted bombing
RECOVERED_WORDS = frozenset({"recovered", "seized", "confiscated"})


def _without_bombs_that_never_went_off(cues: list[ActCue]) -> list[ActCue]:
    """'Firearms and explosive devices were recovered', 'wearing a hoax explosive device': beside another
    act, a bomb recovered after it or a fake one is no bombing; a recovered one is still a weapon carried."""
    bombs = [c for c in cues if c.attack == BOMBING]
    if not bombs or not any(c.attack not in (BOMBING, None, UNKNOWN) for c in cues):
        return cues
    never = {id(c): _never_went_off(c.span) for c in bombs}
    if not all(never.values()):
        return cues
    return [
        c if c.attack != BOMBING else ActCue(c.span, None, None if never[id(c)] == "fake" else c.weapon) for c in cues
    ]


def _never_went_off(span: Span) -> str | None:
    window = span.doc[max(span.sent.start, span.start - 3) : span.end]
    if any(t.lower_ in HOAX_WORDS for t in window):
        return "fake"
    heads = [span.root, *list(span.root.ancestors)[:3]]
    return "recovered" if any(t.lower_ in RECOVERED_WORDS for t in heads) else None


def classify_types(ctx: Context) -> Types:
    """Attack, target and weapon types in GTD's vocabulary (primary first) and the suicide flag."""
    doc = ctx.doc
    background = (
        set(background_tokens(doc, ctx.published))
        | sequence_background(doc)
        | other_time_sentences(doc, ctx.published)
        | earlier_when_clauses(doc)
        | group_history_clauses(doc, GROUP_LABEL)
    )
    cues = _without_bombs_that_never_went_off(find_act_cues(doc, background))
    attacks, attack_spans = order_attack_types(cues)
    if not attacks:
        attacks = [UNKNOWN]
    weapons, weapon_spans = order_weapon_types(cues, attacks)
    if not weapons:
        weapons = [UNKNOWN]
    targets, target_spans = order_target_types(doc, cues, background)
    return Types(
        attack_types=Found(attacks, _flat(attack_spans)),
        target_types=Found(targets, _flat(target_spans)),
        weapon_types=Found(weapons, _flat(weapon_spans)),
        suicide=find_suicide(doc, cues, background),
        attack_spans=attack_spans,
        target_spans=target_spans,
        weapon_spans=weapon_spans,
    )
