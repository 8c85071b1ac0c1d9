"""Target types: the targets named where the attack is told, primary first, or the unnamed victims."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..nlp import FORCE_LABEL, GROUP_LABEL
from .spans import span_of
from .type_base import (
    BOMBING,
    EDUCATION,
    GOVERNMENT,
    HARM_WORDS,
    MAX_TARGET_TYPES,
    MILITIA,
    OBJECT_DEPS,
    PRIVATE_CITIZENS,
    TARGETING_WORDS,
    UNKNOWN,
    ActCue,
    TargetCandidate,
    attack_ancestor,
    is_actor,
    noun_head,
    overlaps,
)
from .type_persons import find_prominent_targets
from .type_vocab import cue_spans, load_type_vocab, type_words

WORDS = type_words()  # vocab/type_words.json


def _force_type(ent: Span) -> str | None:
    """A force's target type by its kind; a force whose own name says it is police ('Central Reserve
    Police Force') is coded as police whatever its kind (GTD)."""
    vocab = load_type_vocab()
    name_words = set((ent.ent_id_ or "").lower().split())
    named = next((kind for word, kind in vocab.force_name_words.items() if word in name_words), None)
    kinds = {e.name: e.kind for e in _forces()}
    return named or vocab.force_kinds.get(kinds.get(ent.ent_id_) or "")


@lru_cache(maxsize=1)
def _forces():
    from .. import vocab

    return vocab.load_forces()


def _kind_and_phrase(span: Span) -> tuple[str, str]:
    """A target cue's label is 'KIND:phrase'."""
    kind, _, phrase = span.label_.partition(":")
    return kind, phrase


def find_target_candidates(doc: Doc, cues: list[ActCue], background: set[int] | None = None) -> list[TargetCandidate]:
    """Every named target that is not an actor nor told of another event, with whether its sentence
    tells the attack."""
    background = background or set()
    vocab = load_type_vocab()
    sentences = {s.start: i for i, s in enumerate(doc.sents)}
    attack_sentences = {c.span.sent.start for c in cues if c.attack}
    attack_tokens = {t for c in cues if c.attack for t in range(c.span.start, c.span.end)}
    spans = cue_spans(doc, "targets")
    labelled: list[tuple[Span, str, str]] = [(s, *_kind_and_phrase(s)) for s in spans]
    for ent in doc.ents:
        if ent.label_ == FORCE_LABEL and (kind := _force_type(ent)) and not overlaps(ent, spans):
            labelled.append((ent, kind, ent.text.lower()))
        elif (
            ent.label_ == GROUP_LABEL
            and noun_head(ent.root).dep_ in OBJECT_DEPS
            and attack_ancestor(noun_head(ent.root), attack_tokens)
            and not _group_only_named(ent)
        ):
            labelled.append((ent, MILITIA, ""))
    act_spans = [c.span for c in cues if c.weapon]  # weapon phrases only: a role's own words stay targets
    candidates = []
    for span, kind, phrase in labelled:
        if (
            is_actor(span.root)
            or _inside_group(span, doc)
            or _inside_place_name(span)
            or span.root.i in background
            or _is_weapon_carrier(span)
            or _inside_act_cue(span, act_spans)
            or _is_place_of_care(span)
            or _inside_area_name(span)
            or _describes_a_noun(span)
            or _is_affiliation(span)
            or _aimed_by_responders(span)
        ):
            continue
        candidates.append(
            TargetCandidate(
                span=span,
                type=kind,
                weak=(kind, phrase) in vocab.weak_targets,
                attack_linked=span.sent.start in attack_sentences,
                sentence=sentences[span.sent.start],
            )
        )
    return _drop_yielding_targets(candidates)


# 'the marks of Islamic State', 'an offshoot of the PKK', 'for the leader of X', 'in North Sinai province'
GROUP_NAMING_PREPS = {"of", "for", "in"}


def _group_only_named(ent: Span) -> bool:
    """A group told as whose mark, leader or offshoot something is, or as where it lies ('a mosque in
    North Sinai province'), is not the attack's target: 'fighters attacked a base of the rebels' aside,
    a target group is told as the attack's object ('militants attacked a peace committee')."""
    root = ent.root  # the name itself, not a phrase it modifies ('the brother of an anti-Maoist leader')
    return root.dep_ == "pobj" and root.head.lower_ in GROUP_NAMING_PREPS


def _inside_area_name(span: Span) -> bool:
    """'Owo Local Government Area', 'the Police Lines Area': a cue inside a named area is part of its
    name; the area word is capitalised as a name's last word ('the Police Lines area' stays a target)."""
    token = span.root
    for _ in range(4):
        if token.dep_ not in {"compound", "amod"} or token.head is token:
            return False
        token = token.head
        if token.lower_ in load_type_vocab().public_area_words and token.text[:1].isupper():
            return True
    return False


def _describes_a_noun(span: Span) -> bool:
    """'the official toll', 'a legitimate military target', 'the diplomatic quarter': a cue used as an
    adjective of a toll, an area or a kind of target names no one attacked."""
    root = span.root
    return (
        len(span) == 1
        and root.pos_ == "ADJ"
        and root.dep_ == "amod"
        and root.head.lower_ in load_type_vocab().described_nouns
    )


def _is_affiliation(span: Span) -> bool:
    """'a student at the University of X', 'educated at elite schools', 'whose father runs a garment
    business': where a victim or attacker studies, works or trades, not what was attacked."""
    root, vocab = span.root, load_type_vocab()
    if root.dep_ == "dobj":
        return root.head.lower_ in vocab.owning_verbs
    if root.dep_ == "pobj" and root.head.lower_ in {"at", "of"}:
        return root.head.head.lower_ in vocab.affiliation_words
    return False


def _aimed_by_responders(span: Span) -> bool:
    """'the army announced air strikes on militant hideouts': a strike or raid whose clause's subject
    is a security force is the response, and what it hits is not this attack's target."""
    responders, response_acts = load_type_vocab().responder_actors, load_type_vocab().response_acts
    for ancestor in span.root.ancestors:
        if ancestor.lower_ not in response_acts:
            continue
        verb = ancestor if ancestor.pos_ == "VERB" else ancestor.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.ent_type_ == GROUP_LABEL:  # 'the National Liberation Army' attacks
            return False
        return subject.ent_type_ == FORCE_LABEL or subject.lower_ in responders
    return False


CARE_PLACES = WORDS.care_places
# verbs telling the wounded were taken to or treated at a hospital (a place of care, not a target)
CARE_VERBS = WORDS.care_verbs


def _is_place_of_care(span: Span) -> bool:
    """'died in hospital', 'were rushed to hospitals', 'under police guard in hospital': where the
    wounded were cared for; a hospital attacked is told with the attack ('a bomb at the hospital')."""
    root = span.root
    if root.lower_ not in CARE_PLACES or root.dep_ != "pobj" or root.head.lower_ not in {"in", "to", "at"}:
        return False
    if not any(c.dep_ == "det" for c in root.children):
        return True  # 'in hospital', 'to hospitals': care, not a named building
    governor = root.head.head
    return governor.lower_ in CARE_VERBS or (governor.pos_ == "NOUN" and governor.head.lower_ in CARE_VERBS)


# Modifiers that make a carrier of the bomb: 'explosives-laden vehicle'; a head 'bomb' does too: 'car bomb'.
CARRIER_HEADS = WORDS.carrier_heads


def _is_weapon_carrier(span: Span) -> bool:
    """'an explosives-laden vehicle', 'two car bombs', 'a booby-trapped car': the vehicle is the weapon."""
    carriers = load_type_vocab().weapon_carriers - CARRIER_HEADS
    root = span.root
    if root.dep_ in {"compound", "nmod", "amod"} and root.head.lower_ in CARRIER_HEADS:
        return True
    before = [t for t in span.doc[max(span.sent.start, span.start - 4) : span.start] if t.text != "-"]
    return any(t.lower_ in carriers for t in before[-2:]) or any(
        c.dep_ in {"amod", "compound"} and c.lower_ in carriers for c in root.children
    )


def _inside_act_cue(span: Span, act_spans: list[Span]) -> bool:
    """'land mine' tells the weapon; the 'mine' in it is no mining business."""
    return any(a.start <= span.start and span.end <= a.end for a in act_spans)


def _drop_yielding_targets(candidates: list[TargetCandidate]) -> list[TargetCandidate]:
    """A cue modifying another target's noun names whose it is ('army-run school', 'Army Public School'
    -> the school), unless it names a site the place lies in ('the Police Lines mosque': both); pupils
    of a school that is also named are coded as the school; a unit of a force is the force."""
    owner = {i: c for c in candidates for i in range(c.span.start, c.span.end)}
    students, yields = load_type_vocab().student_words, load_type_vocab().owner_yields_to
    has_school = any(c.type == EDUCATION and c.attack_linked for c in candidates)
    kept = []
    for c in candidates:
        head = _modified_noun(c.span)
        if (
            head is not None
            and head.i in owner
            and owner[head.i].type != c.type
            and owner[head.i].type in yields
            and not owner[head.i].weak
            and not _is_coordinated(c.span)
            and c.span.root.lower_ not in load_type_vocab().site_words
        ):
            continue
        if has_school and c.type == PRIVATE_CITIZENS and c.span.text.lower() in students:
            continue
        if _is_unit_of_a_force(c, owner):
            continue
        kept.append(c)
    return kept


FORCE_TYPES = {"Police", "Military"}


def _is_unit_of_a_force(candidate: TargetCandidate, owner: dict[int, TargetCandidate]) -> bool:
    """'a company of the Central Reserve Police Force', 'a patrol of paramilitary police': the unit is
    the force's, coded as the force."""
    if candidate.span.root.lower_ not in load_type_vocab().unit_words:
        return False
    for prep in candidate.span.root.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            force = next((owner.get(g.i) for g in prep.children if g.dep_ == "pobj"), None)
            return force is not None and force.type in FORCE_TYPES and force.type != candidate.type
    return False


def _is_coordinated(span: Span) -> bool:
    """'a joint military and police checkpoint': coordinated modifiers name two owners, both targets."""
    root = span.root
    return root.dep_ == "conj" or any(c.dep_ == "conj" for c in root.children)


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


def _inside_group(span: Span, doc: Doc) -> bool:
    """Words inside an armed group's name ('Pakistan Army' aside) name the attacker, not the target."""
    return any(doc[i].ent_type_ == GROUP_LABEL for i in range(span.start, span.end)) and not any(
        e.label_ == GROUP_LABEL and e.start == span.start and e.end == span.end for e in doc.ents
    )


def _victim_people(doc: Doc, cues: list[ActCue], background: set[int]) -> list[Span]:
    """'people', 'civilians' ... in sentences telling the attack or its toll: unnamed victims."""
    people = load_type_vocab().people_words
    told = {c.span.sent.start for c in cues if c.attack}
    told |= {t.sent.start for t in doc if t.lower_ in HARM_WORDS}
    return [
        doc[t.i : t.i + 1]
        for t in doc
        if t.lower_ in people and t.sent.start in told and not is_actor(t) and t.i not in background
    ]


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
    if not ranked[0].attack_linked:
        linked = [c for c in ranked if c.attack_linked]
        if not linked and (victims := _victim_people(doc, cues, background)):
            # only passing mentions ('the government's figure', 'the police chief said'): the people
            # killed are the target
            return [PRIVATE_CITIZENS], {PRIVATE_CITIZENS: [span_of(v) for v in victims]}
    ranked = _polling_site_first(ranked)
    ranked = _victims_force_first(ranked)
    party = _violent_party_of(doc, ranked[0], background)
    if party is not None:
        spans.setdefault(party.type, []).append(span_of(party.span))
        ranked = [party] + ranked
    primary = ranked[0]
    others = [c.type for c in ranked[1:] if not c.weak and c.attack_linked and c.sentence == primary.sentence]
    types = list(dict.fromkeys([primary.type, *others]))[:MAX_TARGET_TYPES]
    types = _with_public_victims(types, spans, doc, cues, background)
    return types, {t: spans[t] for t in types}


def _with_public_victims(
    types: list[str], spans: dict[str, list[tuple[int, int]]], doc: Doc, cues: list[ActCue], background: set[int]
) -> list[str]:
    """'A gunman opened fire inside a nightclub, killing 49 people': GTD codes an attack on a public
    venue that killed or hurt the people in it as on the venue and on private citizens."""
    if (
        types[0] not in load_type_vocab().public_venue_types
        or PRIVATE_CITIZENS in types
        or len(types) >= MAX_TARGET_TYPES
    ):
        return types
    victims = _victim_people(doc, cues, background)
    if not victims:
        return types
    spans[PRIVATE_CITIZENS] = [span_of(v) for v in victims]
    return [*types, PRIVATE_CITIZENS]


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
            return doc[area.i : area.i + 1]
    return None


def _victims_force_first(ranked: list[TargetCandidate]) -> list[TargetCandidate]:
    """A security site naming no force ('an outpost', 'a convoy') belongs to the force whose members
    the attack killed or hurt: 'attacked an outpost ... Three policemen were killed' -> Police."""
    primary = ranked[0] if ranked else None
    if (
        primary is None
        or primary.type not in {"Police", "Military"}
        or primary.span.text.lower() not in load_type_vocab().generic_security_sites
    ):
        return ranked
    victims = [
        c
        for c in ranked[1:]
        if c.type in {"Police", "Military"}
        and c.type != primary.type
        and not c.weak
        and c.attack_linked
        and c.span.text.lower() not in load_type_vocab().generic_security_sites
    ]
    if not victims or any(
        c.type == primary.type and not c.weak and c.attack_linked and c is not primary for c in ranked
    ):
        return ranked
    return [victims[0]] + [c for c in ranked if c is not victims[0]]


def _violent_party_of(doc: Doc, primary: TargetCandidate, background: set[int]) -> TargetCandidate | None:
    """A violent party's rally, office, convoy, home or candidate is that party's target: the party's name
    told in a sentence of the attack or its harm, not as the actor, with a party-site primary target."""
    party_person = primary.sentence < 0 and primary.type == PRIVATE_CITIZENS  # a named candidate or leader
    if primary.type not in {PRIVATE_CITIZENS, GOVERNMENT} or not (
        party_person or primary.span.text.lower() in load_type_vocab().party_sites
    ):
        return None
    told = {t.sent.start for t in doc if t.lower_ in HARM_WORDS | TARGETING_WORDS}
    told.add(primary.span.sent.start)
    for party in cue_spans(doc, "parties"):
        if party.root.i in background or is_actor(party.root) or party.sent.start not in told:
            continue
        return TargetCandidate(party, "Violent Political Party", False, True, primary.sentence)
    return None


def _polling_site_first(ranked: list[TargetCandidate]) -> list[TargetCandidate]:
    """A school or shop serving as a polling site is coded as the election target (Government)."""
    if not ranked or ranked[0].type not in load_type_vocab().yield_to_polling or ranked[0].sentence < 0:
        return ranked
    polling = [c for c in ranked if c.type == GOVERNMENT and c.span.text.lower().startswith("polling")]
    return polling[:1] + [c for c in ranked if c not in polling[:1]] if polling else ranked
