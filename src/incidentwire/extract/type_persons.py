"""Prominent people attacked: a role holder (named or not) the attack is aimed at makes an assassination,
and the role's sector is the target (GTD)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .type_acts import REACTION_VERBS, is_only_remembered
from .type_base import (
    CASUALTY_WORDS,
    NOUN_LINK_DEPS,
    OBJECT_DEPS,
    PERSON_HARM_WORDS,
    PERSONAL_ATTACKS,
    PRIVATE_CITIZENS,
    ROLE_NAME_WINDOW,
    TARGETING_WORDS,
    ActCue,
    is_actor,
    is_agent_or_source,
    noun_head,
)
from .type_vocab import cue_spans, load_type_vocab, type_words

WORDS = type_words()  # vocab/type_words.json


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
    """Words of the phrase a role's holder is set beside:
    'one police officer, Lieutenant Colonel X' -> police officer."""
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
        if (
            phrase & set(range(cue.start, cue.end))
            and (kind, cue.label_.split(":", 1)[1]) not in load_type_vocab().weak_targets
            and kind != PRIVATE_CITIZENS
        ):
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


# 'Davao, the home city of X': an apposition that says what a place is
PLACE_NOUNS = frozenset({"city", "town", "village", "hometown", "capital", "province", "district", "region"})


def _target_holder(token: Token) -> Token | None:
    """The noun a person hangs from as owner or apposition: 'the vehicle of X', "X's convoy" -> vehicle/convoy;
    None when the person only names whose kin, guard or rally was hit ('the brother of a leader')."""
    proxies = load_type_vocab().person_proxies
    for _ in range(8):
        if token.dep_ in {"poss", "compound"} and token.head.lower_ in proxies:
            return None
        if token.dep_ == "appos" and (token.head.ent_type_ in ("GPE", "LOC") or token.lower_ in PLACE_NOUNS):
            return None  # 'Davao, the home city of President X': the person tells what the place is
        if token.dep_ in NOUN_LINK_DEPS | {"conj"} and token.head is not token:
            token = token.head
        elif token.dep_ == "pobj" and token.head.lower_ in {"of", "for"} and token.head.head.pos_ in {"NOUN", "PROPN"}:
            if token.head.head.lower_ in proxies:
                return None
            token = token.head.head
        else:
            break
    return token


def _is_attacked(token: Token, attack_tokens: set[int], harm_counts: bool) -> bool:
    """Whether the person (or what they own) is the object of the attack, or (harm_counts) harmed by it."""
    if _is_addressee(noun_head(token)):
        return False
    holder = _target_holder(token)
    if holder is None or holder.dep_ not in OBJECT_DEPS or is_agent_or_source(holder) or _is_addressee(holder):
        return False
    return any(_tells_attack(a, attack_tokens, harm_counts) for a in _governing_words(holder))


# clause links past which a word no longer tells what was done to the holder
CLAUSE_BOUNDARIES = frozenset({"advcl", "relcl", "ccomp", "xcomp", "conj", "parataxis", "appos"})


def _governing_words(holder: Token) -> list[Token]:
    """The holder's heads up to its own clause's verb: 'attacked worshippers as they were commemorating the
    birth of the Prophet' does not attack the Prophet; 'a convoy carrying the minister' is still hit."""
    found, token = [], holder
    while token.head.i != token.i:  # a Token is made anew at each access: compare indexes
        crossed = token.dep_ in CLAUSE_BOUNDARIES
        token = token.head
        if crossed:
            break
        found.append(token)
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "acl":
            while token.dep_ == "conj" and token.head.i != token.i:  # 'shot and killed X': X is shot too
                token = token.head
                found.append(token)
            break
    return found


def _is_addressee(holder: Token) -> bool:
    """'in a message to President X', 'a letter to the mayor': who was written or spoken to."""
    prep = holder.head
    if holder.dep_ == "pobj" and prep.lower_ == "for" and prep.head.lower_ not in MEANT_FOR:
        return True  # 'carried out the attack for X': on X's behalf
    return (
        holder.dep_ == "pobj"
        and prep.lower_ == "to"
        and prep.head.pos_ == "NOUN"
        and prep.head.lower_ in ADDRESSING_NOUNS
    )


MEANT_FOR = WORDS.meant_for


ADDRESSING_NOUNS = WORDS.addressing_nouns


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
        if child.dep_ in {"nsubj", "nsubjpass", "dobj"} and any(
            t.i in attack_tokens for t in (child, *child.children) if t.dep_ != "prep"
        ):
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


def _names_a_country(name: str) -> bool:
    """'Mali began three days of mourning': a country the parser took for a person."""
    from ..geo import Gazetteer  # the gazetteer loads once, on the first report naming a person attacked

    return Gazetteer.load().country(name) is not None


def _names_a_thing(ent: Span) -> bool:
    """'the attack on al-Rawda mosque', 'the Obama administration': a name modifying a noun names that
    mosque or office, not a person attacked ("the mayor's car" is a possessive, not a modifier)."""
    root = ent.root
    return root.dep_ == "compound" and root.head.pos_ == "NOUN" and root.head.i >= ent.end


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
    found = [
        ProminentTarget(r, r.label_)
        for r in roles
        if not is_actor(r.root)
        and not _is_command_seat(r)
        and not is_only_remembered(r.root)
        and r.root.i not in background
        and _is_attacked(r.root, attack_tokens, harm_counts=False)
    ]
    named = _linked_names(doc, roles)
    for ent in doc.ents:
        if (
            ent.label_ != "PERSON"
            or _names_a_thing(ent)
            or _told_as_a_place(ent.root)
            or not _is_person_attacked(ent.root, ent.text, attack_tokens, background)
        ):
            continue
        kind = next((named[t.lower_] for t in ent if t.lower_ in named), None)
        if kind is not None:
            found.append(ProminentTarget(ent, kind))
    found += _untagged_names_attacked(doc, named, found, attack_tokens, background)
    return sorted(found, key=lambda p: p.span.start)


def _untagged_names_attacked(
    doc: Doc, named: dict[str, str], found: list[ProminentTarget], attack_tokens: set[int], background: set[int]
) -> list[ProminentTarget]:
    """'a bomb went off at the residence of Celso Ramos ... Ramos, a village chairman, was unhurt': a
    name the report links to a role, attacked where the parser tagged no person or took it for a place
    or an organisation (its last word)."""
    taken = {i for p in found for i in range(p.span.start, p.span.end)}
    return [
        ProminentTarget(doc[t.i : t.i + 1], named[t.lower_])
        for t in doc
        if t.pos_ == "PROPN"
        and t.lower_ in named
        and t.i not in taken
        and t.ent_type_ != "PERSON"
        and t.dep_ not in {"compound", "flat"}
        and _is_person_attacked(t, t.text, attack_tokens, background)
    ]


def _told_as_a_place(token: Token) -> bool:
    """'a market in Davao': the parser's person after 'in' is a town."""
    return token.dep_ == "pobj" and token.head.lower_ in ("in", "near", "outside")


def _is_person_attacked(token: Token, name: str, attack_tokens: set[int], background: set[int]) -> bool:
    """A person attacked or harmed in this attack: not acting, not only remembered or told of another
    event, and no country the parser took for a person."""
    return (
        token.i not in background
        and not is_actor(token)
        and not is_only_remembered(token)
        and _is_attacked(token, attack_tokens, harm_counts=True)
        and not _names_a_country(name)
    )
