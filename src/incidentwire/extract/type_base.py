"""What the type rules share: GTD type names, the act and target records, and who in a sentence acts
or is only told of (an actor is no target)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from .type_vocab import harm_words, load_type_vocab, type_words

WORDS = type_words()  # vocab/type_words.json

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
HARM_WORDS = harm_words()  # casualty_cues.json's words of killing and wounding
# Attacks that can be aimed at one person: a prominent person so attacked makes an assassination.
PERSONAL_ATTACKS = {ARMED_ASSAULT, ASSASSINATION, UNKNOWN, BOMBING, "Unarmed Assault"}
PERSON_HARM_WORDS = WORDS.person_harm_words
TARGETING_WORDS = WORDS.targeting_verbs | WORDS.targeting_nouns
ROLE_NAME_WINDOW = 8  # tokens between a person's name and the role told of them
MAX_TARGET_TYPES = 3
HEDGE_WINDOW = 4  # tokens before a suicide cue that may hedge it
OBJECT_DEPS = {"dobj", "pobj", "nsubjpass", "attr", "oprd", "dative", "npadvmod"}
NOUN_LINK_DEPS = {"compound", "amod", "appos", "flat", "nmod", "poss", "nummod", "det", "case"}
CASUALTY_WORDS = HARM_WORDS | WORDS.targeting_verbs


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


def noun_head(token: Token) -> Token:
    """The head noun of the phrase a token belongs to (climbing compounds, appositions, conjuncts)."""
    seen = 0
    while token.dep_ in NOUN_LINK_DEPS | {"conj"} and token.head is not token and seen < 6:
        token, seen = token.head, seen + 1
    return token


def attack_ancestor(token: Token, attack_tokens: set[int]) -> bool:
    """Whether the token hangs (within its sentence) from an attack cue or a casualty word."""
    return any(ancestor.i in attack_tokens or ancestor.lower_ in CASUALTY_WORDS for ancestor in token.ancestors)


# 'a bomb detonated by a power pole': GTD summaries use 'by' for 'beside' after a blast verb
BLAST_VERBS = WORDS.blast_verbs


def _beside_a_blast(head: Token) -> bool:
    """'An explosive device detonated by a power pole': the pole is where, not who, unless the 'by'
    names a person or an armed party ('detonated by a suicide bomber', 'by police')."""
    prep = head.head
    if prep.lower_ != "by" or prep.head.lower_ not in BLAST_VERBS or head.ent_type_:
        return False
    vocab = load_type_vocab()
    return head.lower_ not in vocab.attacker_words | vocab.responder_actors | ATTACKER_PRONOUNS and head.pos_ == "NOUN"


def _taken_from(prep: Token) -> bool:
    """'abducted more than 100 girls from a secondary school': where the victims were taken from is
    a place attacked, not a source."""
    taking = load_type_vocab().taking_verbs
    return prep.head.lower_ in taking or (prep.head.pos_ == "NOUN" and prep.head.head.lower_ in taking)


def is_agent_or_source(head: Token) -> bool:
    """'by police', 'according to officials', 'told Dawn': who acts or speaks, not who is hit."""
    if head.dep_ in {"pobj", "pcomp"} and not _beside_a_blast(head):
        prep = head.head
        if prep.lower_ == "from" and _taken_from(prep):
            return False
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
    if head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.head.lower_ in vocab.audience_verbs:
        return True  # 'the warning had not been passed to the prime minister'
    if head.dep_ != "pobj" or head.head.lower_ != "of" or head.head.head.lower_ not in vocab.kin_words:
        return False
    kin = head.head.head
    subject = next((c for c in kin.head.children if c.dep_ == "nsubj"), None) if kin.dep_ == "attr" else None
    return subject is not None and any(t.lower_ in vocab.attacker_words for t in subject.subtree)


# who a predicate may name as the attacker ('the man ... was one of its soldiers', 'called him a soldier')
ATTACKER_PRONOUNS = WORDS.attacker_pronouns


def _names_the_attacker(head: Token) -> bool:
    """'the man who drove the truck was one of its soldiers', 'called him a soldier of the caliphate':
    a word the group or the report gives the attacker, not someone attacked."""
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ == "one":
        head = head.head.head
    if _identified_as_the_attacker(head):
        return True
    if head.dep_ not in {"attr", "oprd"}:
        return False
    named = [
        c for c in head.head.children if c.dep_ in ({"nsubj", "csubj"} if head.dep_ == "attr" else {"dobj", "nsubj"})
    ]
    words = load_type_vocab().attacker_words | ATTACKER_PRONOUNS
    return any(t.lower_ in words for n in named for t in n.subtree)


def _identified_as_the_attacker(head: Token) -> bool:
    """'officials identified the attacker as Ali Omar, 23, an electronics student': who the attacker is."""
    prep = head.head
    if head.dep_ != "pobj" or prep.lower_ != "as" or prep.head is prep:
        return False
    named = [c for c in prep.head.children if c.dep_ in {"dobj", "nsubjpass"}]
    words = load_type_vocab().attacker_words | ATTACKER_PRONOUNS
    return any(t.lower_ in words for n in named for t in n.subtree)


def is_actor(token: Token) -> bool:
    """Subject of a verb of acting or speaking ('police said', 'soldiers returned fire'), an agent, or
    someone only told of (an audience, an attacker's relation); the force a speaker belongs to ('the
    Chief Constable of the city's police said'); a responder's gear ('police broke in with an armored
    vehicle')."""
    head = noun_head(token)
    if (
        is_agent_or_source(head)
        or _is_responder(head)
        or _is_told_or_attackers_kin(head)
        or _names_the_attacker(head)
        or _is_responders_gear(head)
    ):
        return True
    owner = _member_of(head)
    return _acts(head) or (owner is not None and (_acts(owner) or is_agent_or_source(owner)))


def _acts(head: Token) -> bool:
    """Whether a phrase's head is the subject of a verb of acting or speaking."""
    if head.dep_ not in {"nsubj", "csubj"}:
        return False
    verb = head.head
    actor_verbs = load_type_vocab().actor_verbs
    return verb.lower_ in actor_verbs or any(c.lower_ in actor_verbs for c in verb.conjuncts)


def _member_of(head: Token) -> Token | None:
    """'Chief Constable of Greater Manchester Police' -> the constable's phrase: whose member speaks."""
    prep = head.head
    if head.dep_ == "pobj" and prep.lower_ == "of" and prep.head.pos_ in {"NOUN", "PROPN"}:
        return noun_head(prep.head)
    return None


def _is_responders_gear(head: Token) -> bool:
    """'before police blasted through a wall with an armored vehicle': the responders' means."""
    prep = head.head
    if head.dep_ != "pobj" or prep.lower_ != "with" or prep.head.pos_ != "VERB":
        return False
    subject = next((c for c in prep.head.children if c.dep_ == "nsubj"), None)
    return subject is not None and noun_head(subject).lower_ in load_type_vocab().responder_actors


def _is_responder(head: Token) -> bool:
    """'the operation involved Rangers, army and police': the responders, not the target."""
    responder_words = load_type_vocab().responder_words
    return any(a.lower_ in responder_words for a in list(head.ancestors)[:3])


def overlaps(ent: Span, spans: list[Span]) -> bool:
    return any(s.start < ent.end and ent.start < s.end for s in spans)
