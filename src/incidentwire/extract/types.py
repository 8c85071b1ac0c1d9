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
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..nlp import FORCE_LABEL, GROUP_LABEL, get_nlp
from .spans import Context, Found, span_of
from .type_acts import (REACTION_VERBS, UNARMED_ASSAULT, VEHICLE, earlier_when_clauses, hostages_held_at_site,
                        in_bombing_sentence, is_firearm_fired, is_not_real_weapon, is_only_remembered,
                        is_weapon_carried, is_weapon_supplied, other_time_sentences, sequence_background,
                        vehicle_rammings)

UNKNOWN = "Unknown"
ASSASSINATION = "Assassination"
KIDNAPPING = "Hostage Taking (Kidnapping)"
BARRICADE = "Hostage Taking (Barricade Incident)"
PRIVATE_CITIZENS = "Private Citizens & Property"
EDUCATION = "Educational Institution"
GOVERNMENT = "Government (General)"
MILITIA = "Terrorists/Non-State Militia"
BOMBING = "Bombing/Explosion"
FACILITY = "Facility/Infrastructure Attack"
ARMED_ASSAULT = "Armed Assault"
FIREARMS = "Firearms"
# GTD codes an attack told only as "attacked X" with people killed or hurt as an armed assault,
# and an armed assault or hostage taking with no weapon named as done with firearms.
WEAPON_BY_CONVENTION = {ARMED_ASSAULT: FIREARMS, KIDNAPPING: FIREARMS, BARRICADE: FIREARMS}
HARM_WORDS = {"killed", "wounded", "injured", "died", "dead", "injuring", "killing", "wounding", "martyred"}
# Attacks that can be aimed at one person: a prominent person so attacked makes an assassination.
PERSONAL_ATTACKS = {ARMED_ASSAULT, ASSASSINATION, UNKNOWN, BOMBING, "Unarmed Assault"}
PERSON_HARM_WORDS = {"harmed", "unharmed", "unhurt", "escaped", "survived"}
TARGETING_WORDS = {"targeted", "targeting", "target", "targets", "hit", "struck"}
ROLE_NAME_WINDOW = 8  # tokens between a person's name and the role told of them
MAX_TARGET_TYPES = 3
HEDGE_WINDOW = 4  # tokens before a suicide cue that may hedge it
OBJECT_DEPS = {"dobj", "pobj", "nsubjpass", "attr", "oprd", "dative", "npadvmod"}
NOUN_LINK_DEPS = {"compound", "amod", "appos", "flat", "nmod", "poss", "nummod", "det", "case"}
CASUALTY_WORDS = {"killed", "killing", "wounded", "injured", "injuring", "wounding", "died", "dead",
                  "targeted", "targeting", "hit", "struck", "martyred"}


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


@dataclass(frozen=True)
class ActCue:
    """A matched phrase and the attack and weapon types it proves (None: nothing of that kind)."""

    span: Span
    attack: str | None
    weapon: str | None


@dataclass(frozen=True)
class TargetCandidate:
    span: Span
    type: str
    weak: bool
    attack_linked: bool
    sentence: int


@dataclass(frozen=True)
class TypeVocab:
    hierarchy: tuple[str, ...]
    act_groups: tuple[tuple[str | None, str | None], ...]
    attack_weapons: dict[str, list[str]]
    target_types: tuple[str, ...]
    weak_targets: frozenset[tuple[str, str]]
    people_words: frozenset[str]
    actor_verbs: frozenset[str]
    responder_words: frozenset[str]
    force_kinds: dict[str, str]
    hedges: tuple[str, ...]
    person_proxies: frozenset[str]
    damage_words: frozenset[str]
    yield_to_polling: frozenset[str]
    responder_actors: frozenset[str]
    attacker_words: frozenset[str]
    student_words: frozenset[str]
    owner_yields_to: frozenset[str]
    command_seats: frozenset[str]
    party_sites: frozenset[str]
    weapon_carriers: frozenset[str]
    generic_security_sites: frozenset[str]
    attribution_verbs: frozenset[str]
    public_area_words: frozenset[str]
    found_bomb_words: frozenset[str]
    kin_words: frozenset[str]
    audience_verbs: frozenset[str]


@lru_cache(maxsize=1)
def _raw_vocab() -> dict:
    path = resources.files("incidentwire.vocab").joinpath("gtd_types.json")
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def load_type_vocab() -> TypeVocab:
    raw = _raw_vocab()
    weak = set()
    for entry in raw["weak_targets"]:
        kind, _, phrase = entry.rpartition(":")
        weak.add((kind, phrase))
    return TypeVocab(
        hierarchy=tuple(raw["attack_hierarchy"]),
        act_groups=tuple((g["attack"], g["weapon"]) for g in raw["act_cues"]),
        attack_weapons=raw["attack_weapons"],
        target_types=tuple(raw["target_cues"]),
        weak_targets=frozenset(weak),
        people_words=frozenset(raw["people_words"]),
        actor_verbs=frozenset(raw["actor_verbs"]),
        responder_words=frozenset(raw["responder_words"]),
        force_kinds=raw["force_kinds"],
        hedges=tuple(raw["suicide_hedges"]),
        person_proxies=frozenset(raw["person_proxies"]),
        damage_words=frozenset(raw["damage_words"]),
        yield_to_polling=frozenset(raw["yield_to_polling"]),
        responder_actors=frozenset(raw["responder_actors"]),
        attacker_words=frozenset(raw["attacker_words"]),
        student_words=frozenset(raw["student_words"]),
        owner_yields_to=frozenset(raw["owner_yields_to"]),
        command_seats=frozenset(raw["command_seats"]),
        party_sites=frozenset(raw["party_sites"]),
        weapon_carriers=frozenset(raw["weapon_carriers"]),
        generic_security_sites=frozenset(raw["generic_security_sites"]),
        attribution_verbs=frozenset(raw["attribution_verbs"]),
        public_area_words=frozenset(raw["public_area_words"]),
        found_bomb_words=frozenset(raw["found_bomb_words"]),
        kin_words=frozenset(raw["kin_words"]),
        audience_verbs=frozenset(raw["audience_verbs"]),
    )


# --- cue phrases ------------------------------------------------------------------------------
# The cue lists are matched in one pass of plain Python over each doc's lower-cased words, shared by
# every caller: spaCy's Matcher ran each starred word's regex on every token, once per list and call.

CUE_LISTS = ("acts", "hostage", "barricade", "roles", "suicide", "targets", "background", "parties", "premature")
EXACT, PREFIX, GAP = "exact", "prefix", "gap"
MAX_GAP = 10  # words a '...' in a cue phrase may stand for


@dataclass(frozen=True)
class CuePattern:
    """One cue phrase as token tests: (EXACT, word), (PREFIX, start of word) or (GAP, '')."""

    cue_list: str
    label: str
    tests: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class CueIndex:
    """Every cue phrase, in the order the lists were written, indexed by what its first token must be."""

    patterns: tuple[CuePattern, ...]
    by_word: dict[str, tuple[int, ...]]
    by_prefix: dict[str, tuple[int, ...]]


def _token_tests(nlp: Language, phrase: str) -> tuple[tuple[str, str], ...]:
    """Token tests for a phrase; a trailing '*' on a word makes its last token a prefix match, and
    '...' stands for a few words of any kind, none starting a sentence ('set ... on fire': 'set two vehicles on fire')."""
    tests: list[tuple[str, str]] = []
    for word in phrase.split():
        if word == "...":
            tests.append((GAP, ""))
            continue
        prefix = word.endswith("*")
        pieces = [t.lower_ for t in nlp.make_doc(word.rstrip("*"))]
        tests += [(PREFIX if prefix and i == len(pieces) - 1 else EXACT, piece) for i, piece in enumerate(pieces)]
    return tuple(tests)


def _labelled_phrases(raw: dict) -> dict[str, list[tuple[str, str]]]:
    return {
        "acts": [(str(i), p) for i, g in enumerate(raw["act_cues"]) for p in g["phrases"]],
        "hostage": [("hostage", p) for p in raw["hostage_cues"]],
        "barricade": [("barricade", p) for p in raw["barricade_context"]],
        "roles": [(kind, p) for kind, phrases in raw["prominent_roles"].items() for p in phrases],
        "suicide": [("suicide", p) for p in raw["suicide_cues"]],
        "targets": [(f"{kind}:{p}", p) for kind, phrases in raw["target_cues"].items() for p in phrases],
        "background": [("background", p) for p in raw["background_markers"]],
        "parties": [("party", p) for p in raw["violent_parties"]],
        "premature": [("premature", p) for p in raw["premature_cues"]],
    }


@lru_cache(maxsize=1)
def cue_index() -> CueIndex:
    """Every cue list compiled once, tokenized by the shared pipeline's tokenizer."""
    nlp = get_nlp()
    patterns: list[CuePattern] = []
    for cue_list, labelled in _labelled_phrases(_raw_vocab()).items():
        by_label: dict[str, list[str]] = {}  # a label's phrases together: ties between labels go to the first
        for label, phrase in labelled:
            by_label.setdefault(label, []).append(phrase)
        patterns += [CuePattern(cue_list, label, _token_tests(nlp, p)) for label, ps in by_label.items() for p in ps]
    by_word: dict[str, list[int]] = {}
    by_prefix: dict[str, list[int]] = {}
    for i, pattern in enumerate(patterns):
        kind, text = pattern.tests[0]
        (by_prefix if kind == PREFIX else by_word).setdefault(text, []).append(i)
    return CueIndex(
        patterns=tuple(patterns),
        by_word={w: tuple(ids) for w, ids in by_word.items()},
        by_prefix={w: tuple(ids) for w, ids in by_prefix.items()},
    )


@lru_cache(maxsize=65536)
def _patterns_starting_with(word: str) -> tuple[int, ...]:
    """Indexes of the cue patterns whose first token test this lower-cased word passes, in order."""
    index = cue_index()
    found = list(index.by_word.get(word, ()))
    for end in range(1, len(word) + 1):
        found += index.by_prefix.get(word[:end], ())
    return tuple(sorted(found))


def _match_ends(tests: tuple[tuple[str, str], ...], at: int, start: int, lowers: list[str],
                sent_starts: list[bool]) -> set[int]:
    """Ends of every way tests[at:] match from token `start` on."""
    if at == len(tests):
        return {start}
    kind, text = tests[at]
    if kind == GAP:
        ends: set[int] = set()
        for skip in range(MAX_GAP + 1):
            if skip and (start + skip > len(lowers) or sent_starts[start + skip - 1]):
                break
            ends |= _match_ends(tests, at + 1, start + skip, lowers, sent_starts)
        return ends
    if start >= len(lowers):
        return set()
    word = lowers[start]
    if word == text or (kind == PREFIX and word.startswith(text)):
        return _match_ends(tests, at + 1, start + 1, lowers, sent_starts)
    return set()


def _all_cue_spans(doc: Doc) -> dict[str, list[Span]]:
    """Per cue list, the longest non-overlapping matches in text order, labelled with the match label."""
    patterns = cue_index().patterns
    lowers = [t.lower_ for t in doc]
    sent_starts = [bool(t.is_sent_start) for t in doc]
    found: dict[str, list[Span]] = {name: [] for name in CUE_LISTS}
    for start, word in enumerate(lowers):
        seen: set[tuple[str, str, int]] = set()
        for i in _patterns_starting_with(word):
            pattern = patterns[i]
            for end in sorted(_match_ends(pattern.tests, 1, start + 1, lowers, sent_starts)):
                key = (pattern.cue_list, pattern.label, end)
                if key not in seen:
                    seen.add(key)
                    found[pattern.cue_list].append(Span(doc, start, end, label=pattern.label))
    return {name: sorted(filter_spans(spans), key=lambda sp: sp.start) for name, spans in found.items()}


# The callers of one classification (and places.py's background_tokens) ask for the same doc's cues
# several times: the last doc's are kept, holding the doc so that it cannot be another one with its id.
_last_cues: tuple[Doc | None, int, dict[str, list[Span]]] = (None, 0, {})


def cue_spans(doc: Doc, cue_list: str) -> list[Span]:
    """Longest non-overlapping matches of one cue list (see CUE_LISTS) in the doc, in text order."""
    global _last_cues
    last_doc, last_len, spans = _last_cues
    if last_doc is not doc or last_len != len(doc):
        spans = _all_cue_spans(doc)
        _last_cues = (doc, len(doc), spans)
    return list(spans[cue_list])  # a copy: callers may not change what the next caller reads


# --- which phrases tell this attack -----------------------------------------------------------

YEAR = re.compile(r"^(19|20)\d\d$")
# Links a background marker climbs to reach the phrase it dates ("a 2009 attack", "last year, X claimed").
MODIFIER_DEPS = {"nummod", "compound", "amod", "poss", "nmod", "npadvmod", "quantmod", "det", "advmod", "case"}
# Markers whose own phrase is the other event: "in retaliation for the shootings at mosques".
PHRASE_MARKERS = {"retaliation", "revenge", "reprisal", "reminder", "since"}
ADVERB_ONLY_MARKERS = {"before", "ago"}
FIRE_VERBS = {"fire", "fired", "firing", "shot", "shots", "shooting", "gunfire", "stormed", "raided", "blasted"}


def background_tokens(doc: Doc, published: datetime.date | None) -> set[int]:
    """Tokens of phrases telling other events: earlier attacks, a group's history, reprisals.

    The lead sentence tells this attack, so only an earlier year ('the deadliest since a 2009 bombing')
    marks background there, and never the whole lead clause."""
    lead = next(doc.sents, None)
    markers = [doc[t.i:t.i + 1] for t in doc if _is_earlier_year(t, published)]
    markers += [m for m in cue_spans(doc, "background")
                if lead is None or m.start >= lead.end]
    tokens: set[int] = set()
    for marker in markers:
        if marker.root.lower_ in ADVERB_ONLY_MARKERS and marker.root.dep_ != "advmod":
            continue  # 'beaten before being rescued' tells this attack's sequence
        anchor = _background_anchor(marker.root)
        if lead is not None and anchor.i == lead.root.i:
            continue
        tokens.update(t.i for t in anchor.subtree)
    return tokens


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
        if token.dep_ in MODIFIER_DEPS or (dateish and token.dep_ == "pobj"):
            token = token.head
        elif token.dep_ == "prep" and token.pos_ == "ADP":
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
    head = _noun_head(token)
    return head.ent_type_ == FORCE_LABEL or head.lower_ in load_type_vocab().responder_actors \
        or token.ent_type_ == FORCE_LABEL


def _is_attacker(token: Token | None) -> bool:
    if token is None:
        return False
    return token.lower_ in load_type_vocab().attacker_words or token.ent_type_ == GROUP_LABEL \
        or token.lower_ in {"they", "he", "she"}


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
    aimed += [g for t in (root, *span) for c in t.children if c.lower_ in {"on", "at", "upon"}
              for g in c.children if g.dep_ == "pobj"]
    return any(a.lower_ in load_type_vocab().attacker_words for a in aimed if a.i not in range(span.start, span.end))


def _is_fire_from_blast(cue: ActCue) -> bool:
    """'setting vehicles ablaze', 'bodies burned by the fireball': fire told as the blast's consequence,
    not set by the attackers (GTD codes incendiary and facility attacks only when burning is the aim)."""
    return cue.attack == FACILITY and not _is_attacker(_clause_subject(cue.span.root))


def is_told_of_this_attack(cue: ActCue, background: set[int]) -> bool:
    return cue.span.root.i not in background and not _is_negated(cue.span) and not _is_response(cue.span)


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
    cues += [ActCue(s, UNARMED_ASSAULT, VEHICLE) for s in vehicle_rammings(doc)
             if s.root.i not in background and not _overlaps(s, [c.span for c in cues])]
    bombs = [c.span for c in cues if c.attack == BOMBING]
    cues = [c for c in cues if c.weapon != VEHICLE or not in_bombing_sentence(c.span, bombs)]
    if any(c.attack == BOMBING for c in cues):
        cues = [c for c in cues if not _is_fire_from_blast(c)]
    hostage_spans = [s for s in cue_spans(doc, "hostage") if s.root.i not in background]
    if hostage_spans:
        kidnapped = any(c.attack == KIDNAPPING for c in cues)
        held_place = bool(cue_spans(doc, "barricade")) or \
            (not kidnapped and hostages_held_at_site(hostage_spans, cue_spans(doc, "targets")))
        kind = BARRICADE if held_place else KIDNAPPING
        cues.extend(ActCue(span, kind, None) for span in hostage_spans)
    cues.extend(_assassination_cue(p, cues) for p in find_prominent_targets(doc, cues, background))
    return sorted(cues, key=lambda c: c.span.start)


def _weapons_as_used(cues: list[ActCue]) -> list[ActCue]:
    """A fake weapon proves nothing. Weapons only carried ('armed with rifles and explosives') prove their
    kind; the act told with one of them ('opened fire') is the attack, not an attack by each weapon."""
    cues = [c for c in cues if not (c.weapon and is_not_real_weapon(c.span))
            and not (c.weapon and not c.attack and is_weapon_supplied(c.span))]
    carried = [c for c in cues if c.weapon and is_weapon_carried(c.span)]
    kept = []
    for cue in cues:
        if cue in carried and cue.attack and _other_weapon_used(cue, carried, cues):
            cue = ActCue(cue.span, None, cue.weapon)
        elif cue.weapon == FIREARMS and cue.attack is None and is_firearm_fired(cue.span):
            cue = ActCue(cue.span, ARMED_ASSAULT, FIREARMS)
        kept.append(cue)
    return kept


def _other_weapon_used(cue: ActCue, carried: list[ActCue], cues: list[ActCue]) -> bool:
    """Whether, in the cue's sentence, another carried weapon is the one an act cue tells used."""
    sent = cue.span.sent.start
    carried_weapons = {c.weapon for c in carried if c.span.sent.start == sent and c.weapon != cue.weapon}
    return any(c.span.sent.start == sent and c not in carried and c.attack not in {None, cue.attack}
               and c.weapon in carried_weapons for c in cues)


def _assassination_cue(target: ProminentTarget, cues: list[ActCue]) -> ActCue:
    """An assassination is proven by the act aimed at the prominent person, never by their title alone:
    the evidence is the nearest personal attack ("shot dead"), not "minister"."""
    acts = [c for c in cues if c.attack in PERSONAL_ATTACKS]
    nearest = min(acts, key=lambda c: abs(c.span.start - target.span.start))
    return ActCue(nearest.span, ASSASSINATION, None)


def _noun_head(token: Token) -> Token:
    """The head noun of the phrase a token belongs to (climbing compounds, appositions, conjuncts)."""
    seen = 0
    while token.dep_ in NOUN_LINK_DEPS | {"conj"} and token.head is not token and seen < 6:
        token, seen = token.head, seen + 1
    return token


def _attack_ancestor(token: Token, attack_tokens: set[int]) -> bool:
    """Whether the token hangs (within its sentence) from an attack cue or a casualty word."""
    for ancestor in token.ancestors:
        if ancestor.i in attack_tokens or ancestor.lower_ in CASUALTY_WORDS:
            return True
    return False


@dataclass(frozen=True)
class ProminentTarget:
    """A prominent person attacked: the role words (and linked name) and the sector the role gives."""

    span: Span
    type: str


def _role_spans(doc: Doc) -> list[Span]:
    """Role phrases, each labelled with its sector; a name word ('Munawar Imam') is no role, a leading
    title ('Maulana X', 'Governor X') is, and a sector word in the role's phrase decides its sector."""
    targets = cue_spans(doc, "targets")
    roles = []
    for role in cue_spans(doc, "roles"):
        person = next((e for e in doc.ents if e.label_ == "PERSON" and e.start <= role.start < e.end), None)
        if person is not None and person.start != role.start:
            continue
        if _names_a_place(role):
            continue
        roles.append(Span(doc, role.start, role.end, label=_role_sector(role, targets)))
    return roles


def _names_a_place(role: Span) -> bool:
    """'Sheikh Mohammadi village', 'Governor's Camp area': a title inside a place's name is no person."""
    if any(t.ent_type_ in {"GPE", "LOC", "FAC"} for t in role):
        return True
    token, places = role.root, load_type_vocab().public_area_words
    for _ in range(4):
        if token.dep_ not in {"compound", "amod", "poss"} or token.head is token:
            break
        token = token.head
        if token.lower_ in places:
            return True
    return False


def _apposed_tokens(role: Span) -> set[int]:
    """Words of the phrase a role's holder is set beside: 'one police officer, Lieutenant Colonel X' -> police officer."""
    holder = role.root
    while holder.dep_ in {"compound", "flat"} and holder.head is not holder:
        holder = holder.head
    partners = [holder.head] if holder.dep_ == "appos" else []
    partners += [c for c in holder.children if c.dep_ == "appos"]
    return {t.i for p in partners for t in (p, *p.children) if t.dep_ in {"compound", "amod"} or t is p}


def _role_sector(role: Span, targets: list[Span]) -> str:
    """'police colonel' -> Police, 'Sahwa Council member' -> militia, 'vice president of X university'."""
    phrase = {t.i for t in role.root.subtree if t.dep_ not in {"relcl", "acl", "appos"}}
    phrase |= _apposed_tokens(role)
    phrase -= {t.i for t in role}
    for cue in targets:
        kind = cue.label_.split(":", 1)[0]
        if phrase & set(range(cue.start, cue.end)) and (kind, cue.label_.split(":", 1)[1]) \
                not in load_type_vocab().weak_targets and kind != PRIVATE_CITIZENS:
            return kind
    return role.label_


def _names_role(ent: Span, roles: list[Span]) -> Span | None:
    """The role told of a person in the same phrase: 'mayor Rene Cordero', 'Hakimi, the District Attorney'."""
    for role in roles:
        if role.sent != ent.sent or abs(role.start - ent.start) > ROLE_NAME_WINDOW:
            continue
        lo, hi = (role.end, ent.start) if role.end <= ent.start else (ent.end, role.start)
        if all(t.pos_ not in {"VERB", "AUX"} for t in ent.doc[lo:hi]):
            return role
    return None


def _target_holder(token: Token) -> Token | None:
    """The noun a person hangs from as owner or apposition: 'the vehicle of X', "X's convoy" -> vehicle/convoy;
    None when the person only names whose kin, guard or rally was hit ('the brother of a leader')."""
    proxies = load_type_vocab().person_proxies
    for _ in range(8):
        if token.dep_ in {"poss", "compound"} and token.head.lower_ in proxies:
            return None
        if token.dep_ in NOUN_LINK_DEPS | {"conj"} and token.head is not token:
            token = token.head
        elif token.dep_ == "pobj" and token.head.lower_ in {"of", "for"} \
                and token.head.head.pos_ in {"NOUN", "PROPN"}:
            if token.head.head.lower_ in proxies:
                return None
            token = token.head.head
        else:
            break
    return token


def _is_attacked(token: Token, attack_tokens: set[int], harm_counts: bool) -> bool:
    """Whether the person (or what they own) is the object of the attack, or (harm_counts) harmed by it."""
    if _is_addressee(_noun_head(token)):
        return False
    holder = _target_holder(token)
    if holder is None or holder.dep_ not in OBJECT_DEPS or _is_agent_or_source(holder) or _is_addressee(holder):
        return False
    return any(_tells_attack(a, attack_tokens, harm_counts) for a in holder.ancestors)


def _is_addressee(holder: Token) -> bool:
    """'in a message to President X', 'a letter to the mayor': who was written or spoken to."""
    prep = holder.head
    if holder.dep_ == "pobj" and prep.lower_ == "for" and prep.head.lower_ not in MEANT_FOR:
        return True  # 'carried out the attack for X': on X's behalf
    return holder.dep_ == "pobj" and prep.lower_ == "to" and prep.head.pos_ == "NOUN" \
        and prep.head.lower_ in ADDRESSING_NOUNS


MEANT_FOR = {"meant", "intended", "aimed", "destined"}


ADDRESSING_NOUNS = {"message", "messages", "letter", "letters", "call", "condolences", "telegram", "statement", "speech"}


def _tells_attack(verb: Token, attack_tokens: set[int], harm_counts: bool) -> bool:
    """A word telling the attack or its harm: a cue, a harm word, or a verb whose subject or object is a
    weapon cue ('an explosive device detonated near ...', 'threw two explosive devices at ...')."""
    if verb.i in attack_tokens or verb.lower_ in TARGETING_WORDS:
        return True
    if harm_counts and verb.lower_ in CASUALTY_WORDS | PERSON_HARM_WORDS:
        return True
    if verb.lower_ in REACTION_VERBS:
        return False  # 'condemned the bombing in a message to X': X was told, not attacked
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass", "dobj"} and \
                any(t.i in attack_tokens for t in (child, *child.children) if t.dep_ != "prep"):
            return True
    return False


def _linked_names(doc: Doc, roles: list[Span]) -> dict[str, str]:
    """Name words of people a role is told of, mapped to the role's sector."""
    names: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ == "PERSON" and (role := _names_role(ent, roles)) is not None:
            names.update({t.lower_: role.label_ for t in ent if t.is_alpha})
    for role in roles:
        root = role.root
        partners = [root.head] if root.dep_ == "appos" else []
        partners += [c for c in root.children if c.dep_ == "appos"]
        for partner in partners:
            if partner.pos_ == "PROPN":
                words = [partner, *(c for c in partner.children if c.dep_ in {"compound", "flat"})]
                names.update({t.lower_: role.label_ for t in words if t.is_alpha and t.pos_ == "PROPN"})
    return names


def _is_command_seat(role: Span) -> bool:
    """'the office of the police chief', "the army commander's headquarters": the force's seat."""
    if role.label_ not in {"Police", "Military"}:
        return False
    token = role.root
    if token.dep_ == "poss" or (token.dep_ == "pobj" and token.head.lower_ == "of"):
        seat = token.head if token.dep_ == "poss" else token.head.head
        return seat.lower_ in load_type_vocab().command_seats
    return False


def find_prominent_targets(doc: Doc, cues: list[ActCue], background: set[int] | None = None) -> list[ProminentTarget]:
    """Prominent people attacked: role holders, and named people linked to a role, in text order; none
    told of another event (a leader killed in an earlier strike)."""
    background = background or set()
    attack_tokens = {t for c in cues if c.attack in PERSONAL_ATTACKS for t in range(c.span.start, c.span.end)}
    if not attack_tokens:
        return []
    roles = _role_spans(doc)
    # an unnamed role holder counts when attacked, not when merely listed among the dead
    found = [ProminentTarget(r, r.label_) for r in roles
             if not _is_actor(r.root) and not _is_command_seat(r) and not is_only_remembered(r.root)
             and r.root.i not in background
             and _is_attacked(r.root, attack_tokens, harm_counts=False)]
    named = _linked_names(doc, roles)
    for ent in doc.ents:
        if ent.label_ != "PERSON" or _is_actor(ent.root) or is_only_remembered(ent.root) or ent.root.i in background \
                or not _is_attacked(ent.root, attack_tokens, harm_counts=True):
            continue
        kind = next((named[t.lower_] for t in ent if t.lower_ in named), None)
        if kind is not None:
            found.append(ProminentTarget(ent, kind))
    return sorted(found, key=lambda p: p.span.start)


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
    hierarchy = load_type_vocab().hierarchy
    types = sorted(spans, key=hierarchy.index)
    return types, spans


def _damage_words(doc: Doc) -> list[tuple[int, int]]:
    damage = load_type_vocab().damage_words
    return [span_of(doc[t.i:t.i + 1]) for t in doc if t.lower_ in damage]


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
    if not ordered and attack_types and attack_types[0] in WEAPON_BY_CONVENTION:
        weapon = WEAPON_BY_CONVENTION[attack_types[0]]
        spans[weapon] = [span_of(c.span) for c in cues if c.attack == attack_types[0]]
        ordered = [weapon]
    return ordered, spans


# --- targets ----------------------------------------------------------------------------------

def _is_agent_or_source(head: Token) -> bool:
    """'by police', 'according to officials', 'told Dawn': who acts or speaks, not who is hit."""
    if head.dep_ in {"pobj", "pcomp"}:
        prep = head.head
        if prep.lower_ in {"by", "from"} or (prep.lower_ == "to" and prep.head.lower_ == "according"):
            return True
        blamed = load_type_vocab().attribution_verbs
        # the pipeline has no lemmatizer: a verb's stem is matched as a prefix ('attributed', 'blaming')
        if prep.lower_ in {"to", "on"} and any(v.lower_.startswith(tuple(blamed)) for v in (prep.head, prep.head.head)):
            return True  # 'attributed the attack to X', 'blamed it on X': who is blamed
    return head.dep_ == "agent"


def _is_told_or_attackers_kin(head: Token) -> bool:
    """'told parliament': who was told; 'one of the gunmen was the son of an official': whose kin an
    attacker is. Neither is what the attack hit (GTD does code an attack on an official's kin as on the
    official, so kin of anyone but the attacker stays a target)."""
    vocab = load_type_vocab()
    if head.dep_ in {"dobj", "dative"} and head.head.lower_ in vocab.audience_verbs:
        return True
    if head.dep_ != "pobj" or head.head.lower_ != "of" or head.head.head.lower_ not in vocab.kin_words:
        return False
    kin = head.head.head
    subject = next((c for c in kin.head.children if c.dep_ == "nsubj"), None) if kin.dep_ == "attr" else None
    return subject is not None and any(t.lower_ in vocab.attacker_words for t in subject.subtree)


def _is_actor(token: Token) -> bool:
    """Subject of a verb of acting or speaking ('police said', 'soldiers returned fire'), an agent, or
    someone only told of (an audience, an attacker's relation)."""
    head = _noun_head(token)
    if _is_agent_or_source(head) or _is_responder(head) or _is_told_or_attackers_kin(head):
        return True
    if head.dep_ not in {"nsubj", "csubj"}:
        return False
    verb = head.head
    actor_verbs = load_type_vocab().actor_verbs
    return verb.lower_ in actor_verbs or any(c.lower_ in actor_verbs for c in verb.conjuncts)


def _is_responder(head: Token) -> bool:
    """'the operation involved Rangers, army and police': the responders, not the target."""
    responder_words = load_type_vocab().responder_words
    return any(a.lower_ in responder_words for a in list(head.ancestors)[:3])


def _force_type(ent: Span) -> str | None:
    kinds = {e.name: e.kind for e in _forces()}
    return load_type_vocab().force_kinds.get(kinds.get(ent.ent_id_) or "")


@lru_cache(maxsize=1)
def _forces():
    from .. import vocab

    return vocab.load_forces()


def find_target_candidates(doc: Doc, cues: list[ActCue], background: set[int] | None = None) -> list[TargetCandidate]:
    """Every named target that is not an actor nor told of another event, with whether its sentence
    tells the attack."""
    background = background or set()
    vocab = load_type_vocab()
    sentences = {s.start: i for i, s in enumerate(doc.sents)}
    attack_sentences = {c.span.sent.start for c in cues if c.attack}
    attack_tokens = {t for c in cues if c.attack for t in range(c.span.start, c.span.end)}
    spans = cue_spans(doc, "targets")
    labelled = [(s, *s.label_.split(":", 1)) for s in spans]
    for ent in doc.ents:
        if ent.label_ == FORCE_LABEL and (kind := _force_type(ent)) and not _overlaps(ent, spans):
            labelled.append((ent, kind, ent.text.lower()))
        elif ent.label_ == GROUP_LABEL and _noun_head(ent.root).dep_ in OBJECT_DEPS \
                and _attack_ancestor(_noun_head(ent.root), attack_tokens):
            labelled.append((ent, MILITIA, ""))
    act_spans = [c.span for c in cues if c.weapon]  # weapon phrases only: a role's own words stay targets
    candidates = []
    for span, kind, phrase in labelled:
        if _is_actor(span.root) or _inside_group(span, doc) or _inside_place_name(span) \
                or span.root.i in background or _is_weapon_carrier(span) or _inside_act_cue(span, act_spans):
            continue
        candidates.append(TargetCandidate(
            span=span, type=kind, weak=(kind, phrase) in vocab.weak_targets,
            attack_linked=span.sent.start in attack_sentences, sentence=sentences[span.sent.start],
        ))
    return _drop_yielding_targets(candidates)


# Modifiers that make a carrier of the bomb: 'explosives-laden vehicle'; a head 'bomb' does too: 'car bomb'.
CARRIER_HEADS = {"bomb", "bombs", "bombing", "bombings"}


def _is_weapon_carrier(span: Span) -> bool:
    """'an explosives-laden vehicle', 'two car bombs', 'a booby-trapped car': the vehicle is the weapon."""
    carriers = load_type_vocab().weapon_carriers - CARRIER_HEADS
    root = span.root
    if root.dep_ in {"compound", "nmod", "amod"} and root.head.lower_ in CARRIER_HEADS:
        return True
    before = [t for t in span.doc[max(span.sent.start, span.start - 4):span.start] if t.text != "-"]
    return any(t.lower_ in carriers for t in before[-2:]) or \
        any(c.dep_ in {"amod", "compound"} and c.lower_ in carriers for c in root.children)


def _inside_act_cue(span: Span, act_spans: list[Span]) -> bool:
    """'land mine' tells the weapon; the 'mine' in it is no mining business."""
    return any(a.start <= span.start and span.end <= a.end for a in act_spans)


def _drop_yielding_targets(candidates: list[TargetCandidate]) -> list[TargetCandidate]:
    """A cue modifying another target's noun names whose it is ('army-run school', 'Army Public School'
    -> the school); pupils of a school that is also named are coded as the school."""
    owner = {i: c for c in candidates for i in range(c.span.start, c.span.end)}
    students, yields = load_type_vocab().student_words, load_type_vocab().owner_yields_to
    has_school = any(c.type == EDUCATION and c.attack_linked for c in candidates)
    kept = []
    for c in candidates:
        head = _modified_noun(c.span)
        if head is not None and head.i in owner and owner[head.i].type != c.type \
                and owner[head.i].type in yields and not owner[head.i].weak:
            continue
        if has_school and c.type == PRIVATE_CITIZENS and c.span.text.lower() in students:
            continue
        kept.append(c)
    return kept


def _modified_noun(span: Span) -> Token | None:
    """The noun a cue modifies, outside the cue: 'army' in 'army-run school' -> school."""
    token = span.root
    for _ in range(3):
        if token.dep_ not in {"compound", "amod", "nmod", "npadvmod", "poss"} or token.head is token:
            break
        token = token.head
    return None if token.i in range(span.start, span.end) else token


def _inside_place_name(span: Span) -> bool:
    """'Police Lines area' or 'Army Public School' aside, a cue inside a town's name is no target."""
    return any(t.ent_type_ in {"GPE", "LOC"} for t in span)


def _overlaps(ent: Span, spans: list[Span]) -> bool:
    return any(s.start < ent.end and ent.start < s.end for s in spans)


def _inside_group(span: Span, doc: Doc) -> bool:
    """Words inside an armed group's name ('Pakistan Army' aside) name the attacker, not the target."""
    return any(doc[i].ent_type_ == GROUP_LABEL for i in range(span.start, span.end)) and not any(
        e.label_ == GROUP_LABEL and e.start == span.start and e.end == span.end for e in doc.ents)


def _victim_people(doc: Doc, cues: list[ActCue], background: set[int]) -> list[Span]:
    """'people', 'civilians' ... in sentences telling the attack or its toll: unnamed victims."""
    people = load_type_vocab().people_words
    told = {c.span.sent.start for c in cues if c.attack}
    told |= {t.sent.start for t in doc if t.lower_ in HARM_WORDS}
    return [doc[t.i:t.i + 1] for t in doc
            if t.lower_ in people and t.sent.start in told and not _is_actor(t) and t.i not in background]


def order_target_types(
    doc: Doc, cues: list[ActCue], background: set[int] | None = None
) -> tuple[list[str], dict[str, list[tuple[int, int]]]]:
    """Primary target first: strong before weak cues, attack sentences first, then text order."""
    background = background or set()
    candidates = find_target_candidates(doc, cues, background)
    spans: dict[str, list[tuple[int, int]]] = {}
    prominent = find_prominent_targets(doc, cues, background)
    if prominent:
        # an assassination's target is the attacked person's sector (GTD codes the person, not the place)
        first = prominent[0]
        candidates = [TargetCandidate(first.span, first.type, False, True, -1)] + candidates
    for c in candidates:
        spans.setdefault(c.type, []).append(span_of(c.span))
    if not candidates:
        return _untargeted_types(doc, cues, background)
    ranked = sorted(candidates, key=lambda c: (c.weak, not c.attack_linked, c.sentence, c.span.start))
    if ranked[0].weak and not ranked[0].attack_linked and (victims := _victim_people(doc, cues, background)):
        # only passing mentions ('the government's figure'): the people killed are the target
        return [PRIVATE_CITIZENS], {PRIVATE_CITIZENS: [span_of(v) for v in victims]}
    ranked = _polling_site_first(ranked)
    ranked = _victims_force_first(ranked)
    party = _violent_party_of(doc, ranked[0], background)
    if party is not None:
        spans.setdefault(party.type, []).append(span_of(party.span))
        ranked = [party] + ranked
    primary = ranked[0]
    others = [c.type for c in ranked[1:]
              if not c.weak and c.attack_linked and c.sentence == primary.sentence]
    types = list(dict.fromkeys([primary.type, *others]))[:MAX_TARGET_TYPES]
    return types, {t: spans[t] for t in types}


def _untargeted_types(
    doc: Doc, cues: list[ActCue], background: set[int]
) -> tuple[list[str], dict[str, list[tuple[int, int]]]]:
    """No target named: the unnamed victims' class; a bomb that went off on its makers is Unknown; one
    that went off in a town or area is a public-area (Private Citizens & Property) attack."""
    premature = [m for m in cue_spans(doc, "premature") if m.root.i not in background]
    if premature:
        return [UNKNOWN], {}
    victims = _victim_people(doc, cues, background)
    if victims:
        return [PRIVATE_CITIZENS], {PRIVATE_CITIZENS: [span_of(v) for v in victims]}
    area = _bomb_site_area(doc, cues, background)
    if area is not None:
        return [PRIVATE_CITIZENS], {PRIVATE_CITIZENS: [span_of(area)]}
    return [UNKNOWN], {}


def _bomb_site_area(doc: Doc, cues: list[ActCue], background: set[int]) -> Span | None:
    """'An explosive device detonated in the Latifiya area': the area word of a bomb that went off, when
    its sentence tells no bomb found or defused."""
    vocab = load_type_vocab()
    for cue in cues:
        if cue.attack != BOMBING or cue.span.root.i in background:
            continue
        sent = cue.span.sent
        if any(t.lower_ in vocab.found_bomb_words for t in sent):
            continue
        area = next((t for t in sent if t.lower_ in vocab.public_area_words and t.i not in background), None)
        if area is not None:
            return doc[area.i:area.i + 1]
    return None


def _victims_force_first(ranked: list[TargetCandidate]) -> list[TargetCandidate]:
    """A security site naming no force ('an outpost', 'a convoy') belongs to the force whose members
    the attack killed or hurt: 'attacked an outpost ... Three policemen were killed' -> Police."""
    primary = ranked[0] if ranked else None
    if primary is None or primary.type not in {"Police", "Military"} \
            or primary.span.text.lower() not in load_type_vocab().generic_security_sites:
        return ranked
    victims = [c for c in ranked[1:] if c.type in {"Police", "Military"} and c.type != primary.type
               and not c.weak and c.attack_linked
               and c.span.text.lower() not in load_type_vocab().generic_security_sites]
    if not victims or any(c.type == primary.type and not c.weak and c.attack_linked and c is not primary
                          for c in ranked):
        return ranked
    return [victims[0]] + [c for c in ranked if c is not victims[0]]


def _violent_party_of(doc: Doc, primary: TargetCandidate, background: set[int]) -> TargetCandidate | None:
    """A violent party's rally, office, convoy, home or candidate is that party's target: the party's name
    told in a sentence of the attack or its harm, not as the actor, with a party-site primary target."""
    party_person = primary.sentence < 0 and primary.type == PRIVATE_CITIZENS  # a named candidate or leader
    if primary.type not in {PRIVATE_CITIZENS, GOVERNMENT} \
            or not (party_person or primary.span.text.lower() in load_type_vocab().party_sites):
        return None
    told = {t.sent.start for t in doc if t.lower_ in HARM_WORDS | TARGETING_WORDS}
    told.add(primary.span.sent.start)
    for party in cue_spans(doc, "parties"):
        if party.root.i in background or _is_actor(party.root) or party.sent.start not in told:
            continue
        return TargetCandidate(party, "Violent Political Party", False, True, primary.sentence)
    return None


def _polling_site_first(ranked: list[TargetCandidate]) -> list[TargetCandidate]:
    """A school or shop serving as a polling site is coded as the election target (Government)."""
    if not ranked or ranked[0].type not in load_type_vocab().yield_to_polling or ranked[0].sentence < 0:
        return ranked
    polling = [c for c in ranked if c.type == GOVERNMENT and c.span.text.lower().startswith("polling")]
    return polling[:1] + [c for c in ranked if c not in polling[:1]] if polling else ranked


# --- suicide ----------------------------------------------------------------------------------

def _is_hedged(span: Span) -> bool:
    """'suspected suicide bomber', 'not a suicide attack': the cue is reported as uncertain."""
    start = max(span.sent.start, span.start - HEDGE_WINDOW)
    before = " " + " ".join(t.lower_ for t in span.doc[start:span.start]) + " "
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


def classify_types(ctx: Context) -> Types:
    """Attack, target and weapon types in GTD's vocabulary (primary first) and the suicide flag."""
    doc = ctx.doc
    background = background_tokens(doc, ctx.published) | sequence_background(doc) \
        | other_time_sentences(doc, ctx.published) | earlier_when_clauses(doc)
    cues = find_act_cues(doc, background)
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
