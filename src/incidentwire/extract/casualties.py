"""Casualty figures from the dependency parse: who was killed, wounded or taken hostage, and how many.

A figure is a number attached (nummod) to a noun that is an argument of a casualty word
("were killed", "killing", "dead", "injured", "kidnapped"). The noun's class decides the field:
attackers ("militants", "suicide bomber") go to killed_perpetrators, anyone else is a victim.
Numbers that are not arguments of a casualty word ("five-storey building", "up to 30 officers
were present") are never read. Within one report the best figure is the latest toll update
("the death toll rose to 84") or else the largest figure, plus figures a sentence opening
"In addition" adds; low/high span every stated figure. A range's best is its lower end (the
figure every source agrees on), for casualties and attackers alike. A figure stated "across
this attack and two others" is kept whole: splitting it is the merger's business, not ours.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from ..model import Conflict, Count
from ..nlp import GROUP_LABEL
from .numbers import Quantity, find_quantities, quantity_regex
from .spans import Context, Found

FIELDS = ("killed", "killed_perpetrators", "wounded", "hostages")
ALL_ATTACKERS = "all_attackers_killed"  # a figure-less "the attackers were killed"
NUMBER_DEPS = ("nummod", "det", "predet", "quantmod", "npadvmod", "amod", "advmod", "compound")
NOT_PERSON_ENTS = ("GPE", "LOC", "FAC", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL")
HOSTAGE_WORDS = ("hostage", "hostages", "captive", "captives")
HOSTAGE_DEPS = ("oprd", "dobj", "advmod", "npadvmod", "acomp", "xcomp", "attr", "ccomp", "dep")
INCLUDE_VERBS = ("included", "include", "includes", "were", "are", "was")
SUFFER_VERBS = ("suffered", "sustained", "received", "suffer", "sustain", "suffering", "sustaining")
SUBSET_PREPS = ("including", "among", "included")
SINGLE_DETS = ("a", "an", "the", "one", "another", "this", "that", "his", "her", "its")


@dataclass
class Casualties:
    """Every casualty field of one report, each with the phrases that prove it."""

    killed: Found[Count]
    killed_perpetrators: Found[Count]
    wounded: Found[Count]
    hostages: Found[Count]
    perpetrator_count: Found[int | None]
    duration_hours: Found[float | None]
    conflicts: list[Conflict] = field(default_factory=list)


@dataclass(frozen=True)
class Figure:
    """One stated casualty figure: its field, value and range, and the phrase that states it."""

    field: str
    best: int
    low: int
    high: int
    span: tuple[int, int]
    update: bool = False  # a toll update ("rose to 84") supersedes earlier figures
    explicit: bool = True  # stated as a number, not read off "a policeman was killed"
    additive: bool = False  # "In addition, ... killing a civilian": more dead, not a rival figure
    group: str = ""  # a toll of one group only ("the Afghan toll"): it replaces that group's part
    parts: tuple[tuple[str, int], ...] = ()  # "13 US troops and 60 Afghans": each group's share
    stale: bool = False  # an update told as older than the report ("the toll had stood at 59")


@dataclass(frozen=True)
class Cues:
    """The casualty vocabulary, loaded once from vocab/casualty_cues.json."""

    field_of_word: dict[str, str]
    intransitive: frozenset[str]
    life_words: frozenset[str]
    life_verbs: frozenset[str]
    perpetrator_nouns: frozenset[str]
    group_member_nouns: frozenset[str]
    not_people: frozenset[str]
    toll_verbs: frozenset[str]
    vague: frozenset[str]
    zero_heads: frozenset[str]
    additive_openers: tuple[str, ...]
    suicide: re.Pattern[str]
    background_adjectives: frozenset[str]
    past_phrases: tuple[str, ...]
    event_words: frozenset[str]
    hospital_words: frozenset[str]
    intake_verbs: frozenset[str]
    superseding_adverbs: frozenset[str]
    not_participants: frozenset[str]
    not_participant_modifiers: frozenset[str]
    one_attacker_words: frozenset[str]
    hedges: frozenset[str]
    speech_verbs: frozenset[str]


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    path = resources.files("incidentwire.vocab").joinpath("casualty_cues.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    field_of_word = {w: f for f in ("killed", "wounded", "hostages") for w in data[f]}
    suicide = "|".join(re.escape(p) for p in sorted(data["suicide_detonation"], key=len, reverse=True))
    return Cues(
        field_of_word=field_of_word,
        intransitive=frozenset(data["intransitive"]),
        life_words=frozenset(data["life_words"]),
        life_verbs=frozenset(data["life_verbs"]),
        perpetrator_nouns=frozenset(data["perpetrator_nouns"]),
        group_member_nouns=frozenset(data["perpetrator_nouns_with_group"]),
        not_people=frozenset(data["not_people"]),
        toll_verbs=frozenset(data["toll_verbs"]),
        vague=frozenset(data["vague_determiners"]),
        zero_heads=frozenset(data["zero_heads"]),
        additive_openers=tuple(data["additive_openers"]),
        suicide=re.compile(rf"\b(?:{suicide})\b", re.IGNORECASE),
        background_adjectives=frozenset(data["background_adjectives"]),
        past_phrases=tuple(data["past_phrases"]),
        event_words=frozenset(data["event_words"]),
        hospital_words=frozenset(data["hospital_words"]),
        intake_verbs=frozenset(data["intake_verbs"]),
        superseding_adverbs=frozenset(data["superseding_adverbs"]),
        not_participants=frozenset(data["not_participants"]),
        not_participant_modifiers=frozenset(data["not_participant_modifiers"]),
        one_attacker_words=frozenset(data["one_attacker_words"]),
        hedges=frozenset(data["hedges"]),
        speech_verbs=frozenset(data["speech_verbs"]),
    )


# ---------------------------------------------------------------- quantities on tokens

def _quantities_by_token(doc: Doc) -> dict[int, Quantity]:
    """Each number phrase, keyed by the index of every token it covers."""
    by_token: dict[int, Quantity] = {}
    for quantity in find_quantities(doc.text):
        span = doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
        if span is None:
            continue
        for token in span:
            by_token[token.i] = quantity
    return by_token


def _is_measure(token: Token) -> bool:
    """A number glued to a unit or a clock ("25-year-old", "five-storey", "4 p.m.")."""
    cues = load_cues()
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.text == "-" and token.i + 2 < len(token.doc):
        nxt = token.nbor(2)
    return nxt is not None and nxt.lower_ in cues.not_people


# ---------------------------------------------------------------- casualty words

def cue_field(token: Token) -> str | None:
    """The field a casualty word counts ("killed", "wounded", "hostages"), or None."""
    cues = load_cues()
    word = token.lower_
    if word in cues.life_verbs and any(c.lower_ in cues.life_words for c in token.children):
        return "killed"
    if word in ("claimed", "claiming", "claim"):
        return None
    if word in ("held", "taken", "took", "holding", "taking") and any(
        c.lower_ in ("hostage", "captive", "hostages") for c in token.children
    ):
        return None  # the "hostage" word itself carries the cue
    return cues.field_of_word.get(word)


def victims_of(cue: Token) -> list[Token]:
    """The nouns a casualty word counts: "[four people] dead", "killing [44 people]", "[19 others] injured".

    Readers are tried in order, from the plainest grammar to the repairs of common misparses.
    """
    if cue.lower_ == "death" and cue.head.lower_ == "to" and cue.head.head.pos_ == "VERB":
        cue = cue.head.head  # "stabbed to death": the verb names the dead
    found: list[Token] = []
    for reader in ARGUMENT_READERS:
        found = [t for t in reader(cue) if t.lower_ not in ("who", "which", "that")]
        if found:
            break
    return _with_conjuncts(found)


def _object_or_passive_subject(cue: Token) -> list[Token]:
    """"killing [44 people]", "[two soldiers] were killed"; in "killed 13 troops and 170 Afghans"
    the parser hangs the second counted noun on the verb, so it is taken back as an object."""
    found = [c for c in cue.children if c.dep_ in ("nsubjpass", "dobj")]
    if found and cue.pos_ == "VERB":
        found += [c for c in cue.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")
                  and any(g.dep_ == "nummod" for g in c.children)]
    return found


def _held_as_hostage(cue: Token) -> list[Token]:
    """"took [ten people] hostage", "[nine policemen] were taken hostage"."""
    if cue.lower_ not in HOSTAGE_WORDS or cue.dep_ not in HOSTAGE_DEPS:
        return []
    return [c for c in cue.head.children if c.dep_ in ("dobj", "nsubjpass") and c != cue]


def _intransitive_subject(cue: Token) -> list[Token]:
    """"[63 people] died", "[three people] killed in blast"."""
    if cue.lower_ in load_cues().intransitive or _is_bare_participle(cue):
        return [c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")]
    return []


def _first_verb_arguments(cue: Token) -> list[Token]:
    """"[two civilians] were shot and killed": the victims hang on the first verb."""
    if cue.dep_ == "conj" and cue.head.pos_ in ("VERB", "AUX"):
        return [c for c in cue.head.children if c.dep_ in ("nsubjpass", "dobj")]
    return []


def _modified_noun(cue: Token) -> list[Token]:
    """"seven [wounded] people", "people [killed] in the blast", "people who were killed"."""
    if cue.dep_ in ("amod", "acl", "relcl") and cue.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        return [cue.head]
    return []


def _subject_from_head(cue: Token) -> list[Token]:
    """For "left [four people] dead" or "[19 others] injured" hung on another word."""
    if cue.dep_ not in ("oprd", "ccomp", "xcomp", "acomp", "advcl", "conj"):
        return []
    own = [c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")]
    if own or cue.dep_ == "conj":
        return own
    deps = ("dobj", "nsubjpass") if cue.dep_ == "oprd" else ("dobj",)  # "[two] were shot dead"
    return [c for c in cue.head.children if c.dep_ in deps]


def _what_the_dead_included(cue: Token) -> list[Token]:
    """"the dead included [three militants]"."""
    if cue.dep_ in ("nsubj", "nsubjpass") and cue.head.lower_ in INCLUDE_VERBS:
        return [c for c in cue.head.children if c.dep_ in ("dobj", "attr")]
    return []


def _who_suffered(cue: Token) -> list[Token]:
    """"[27 people] suffered injuries"."""
    if cue.dep_ == "dobj" and cue.pos_ == "NOUN" and cue.head.lower_ in SUFFER_VERBS:
        return [c for c in cue.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return []


def _put_at(cue: Token) -> list[Token]:
    """"put the dead at [a police officer] and [two attackers]"."""
    if cue.dep_ != "dobj":
        return []
    head = cue.head
    ats = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "at"]
    if not ats:
        return []
    objects = [o for at in ats for o in at.children if o.dep_ == "pobj"]
    return objects + [c for c in head.children if c.dep_ == "dobj" and c != cue]


def _counted_noun_itself(cue: Token) -> list[Token]:
    """"[two fatalities]", "[three deaths]"."""
    if cue.pos_ == "NOUN" and any(c.dep_ == "nummod" for c in cue.children):
        return [cue]
    return []


def _relative_head(cue: Token) -> list[Token]:
    """In "people who were killed", the people are the relative clause's head."""
    return [cue.head] if cue.dep_ == "relcl" else []


def _noun_just_before(cue: Token) -> list[Token]:
    """When the parser loses the subject ("Between eight and 10 people were killed"), the noun
    right before "were killed" is it."""
    i = cue.i - 1
    while i >= cue.sent.start and cue.doc[i].dep_ in ("auxpass", "aux", "advmod", "neg"):
        i -= 1
    if i < cue.sent.start or i == cue.i - 1 or cue.doc[i].pos_ not in ("NOUN", "PROPN", "NUM"):
        return []
    return [cue.doc[i]]


def _is_bare_participle(cue: Token) -> bool:
    """"three people killed in blast": a participle without "have", whose subject is the victim."""
    return cue.tag_ == "VBN" and not any(c.lower_ in ("have", "has", "had") for c in cue.children)


ARGUMENT_READERS = (
    _object_or_passive_subject, _held_as_hostage, _intransitive_subject, _first_verb_arguments,
    _modified_noun, _subject_from_head, _what_the_dead_included, _who_suffered, _put_at,
    _counted_noun_itself, _relative_head, _noun_just_before,
)


def _with_conjuncts(nouns: list[Token]) -> list[Token]:
    out: list[Token] = []
    stack = list(nouns)
    while stack:
        noun = stack.pop(0)
        if noun in out:
            continue
        out.append(noun)
        # a place or date conjoined by a misparse ("Waheed in Karachi city, Sindh province") is nobody
        stack.extend(c for c in noun.children if c.dep_ == "conj" and c.ent_type_ not in NOT_PERSON_ENTS)
    return out


# ---------------------------------------------------------------- nouns, classes and values

def is_perpetrator(noun: Token) -> bool:
    """True for nouns naming attackers: "militants", "the suicide bomber", "13 Taliban"."""
    cues = load_cues()
    if noun.lower_ in cues.perpetrator_nouns:
        return True
    if noun.lower_ in cues.group_member_nouns:
        return any(t.ent_type_ == GROUP_LABEL for t in noun.subtree if t.i < noun.i)
    if noun.ent_type_ == GROUP_LABEL and noun.pos_ in ("PROPN", "NOUN"):
        return not any(c.dep_ == "prep" for c in noun.children) and noun.dep_ != "compound"
    pobj = _of_object(noun)
    return pobj is not None and pobj.lower_ in cues.perpetrator_nouns


def _of_object(noun: Token) -> Token | None:
    """"two of the attackers" → attackers."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


@dataclass(frozen=True)
class Headcount:
    """How many people one noun phrase names (None: stated only vaguely), and its span."""

    value: int | None
    low: int | None
    high: int | None
    span: tuple[int, int]
    explicit: bool = True


def headcount(noun: Token, quantities: dict[int, Quantity]) -> Headcount | None:
    """The number of people a noun phrase names, or None when it names no people."""
    cues = load_cues()
    if noun.lower_ in cues.not_people:
        return None
    span = (noun.left_edge.idx, noun.idx + len(noun.text))
    if noun.i in quantities and noun.like_num or noun.pos_ == "NUM":
        return _numeric_headcount(noun, quantities, span)
    number = _number_of(noun, quantities)
    if number is not None:
        q = quantities[number.i]
        return Headcount(q.best, q.low, q.high, (min(q.start, span[0]), span[1]))
    if any(c.dep_ in ("amod", "det", "nummod", "quantmod") and c.lower_ in cues.vague for c in noun.children):
        return Headcount(None, None, None, span)
    if noun.pos_ == "PRON":
        return _pronoun_headcount(noun, span)
    if noun.lower_ in ("another", "one"):
        return Headcount(1, 1, 1, span, explicit=False)  # "one was killed and another injured"
    if _names_one_person(noun):
        return Headcount(1, 1, 1, span, explicit=False)
    return Headcount(None, None, None, span)


def _number_of(noun: Token, quantities: dict[int, Quantity]) -> Token | None:
    """The number token counting a noun: its nummod ("four people"), "both", or a number
    opening its phrase that the parser hung elsewhere ("Four United States soldiers")."""
    for child in noun.children:
        if child.dep_ in NUMBER_DEPS and child.i in quantities and not _is_measure(child):
            return child
    first = noun.left_edge
    if first.i in quantities and first.i < noun.i and first.like_num and not _is_measure(first):
        if all(t.dep_ in ("nummod", "compound", "nmod", "amod", "punct") or t.i == noun.i for t in first.doc[first.i:noun.i + 1]):
            return first
    return None


def _names_one_person(noun: Token) -> bool:
    """"the officer", "his nephew", "Shirazi's son", "Maulvi Azeem": one person, no number stated."""
    if noun.tag_ not in ("NN", "NNP") and noun.ent_type_ != "PERSON":
        return False
    if noun.tag_ == "NNP" or noun.ent_type_ == "PERSON":
        return True
    if any(c.lower_ in SINGLE_DETS or c.dep_ == "poss" for c in noun.children):
        return True
    return noun.dep_ == "conj"  # "his son and bodyguard"



def _numeric_headcount(noun: Token, quantities: dict[int, Quantity], span: tuple[int, int]) -> Headcount | None:
    """"Six were killed", "killing 25", "two of the militants"."""
    if _is_measure(noun):
        return None
    if any(c.lower_ == "no" for c in noun.children):
        return Headcount(0, 0, 0, span)  # "no one was injured"
    pobj = _of_object(noun)
    if pobj is not None and pobj.pos_ == "PRON":
        return None  # "three of them": a part of a group counted elsewhere
    if pobj is not None and pobj.lower_ in load_cues().not_people:
        return None  # "one of the devices"
    q = quantities.get(noun.i)
    if q is None:
        return None
    return Headcount(q.best, q.low, q.high, (min(q.start, span[0]), span[1]))


def _pronoun_headcount(noun: Token, span: tuple[int, int]) -> Headcount | None:
    if noun.lower_ in ("he", "she", "him", "her"):
        return Headcount(1, 1, 1, span, explicit=False)
    if noun.lower_ in ("nobody", "none"):
        return Headcount(0, 0, 0, span)
    return Headcount(None, None, None, span)


def _all_of_them(noun: Token) -> bool:
    """"The assailants", "all the attackers", "both gunmen": the whole attacking party."""
    return is_perpetrator(noun) and noun.tag_ == "NNS" and any(
        c.lower_ in ("the", "all", "both") for c in noun.children
    )


def _is_subset(noun: Token) -> bool:
    """A noun under "including"/"among" is a part of a total counted elsewhere."""
    head = noun.head
    hops = 0
    while head != head.head and hops < 3:
        if _is_subset_word(head):
            return True
        if head.dep_ not in ("prep", "pobj", "conj", "appos"):
            break
        head, hops = head.head, hops + 1
    return _is_subset_word(noun.head) or (noun.dep_ == "appos")


def _is_subset_word(token: Token) -> bool:
    """"including"/"among" as a preposition; "the dead included" as a main verb is no subset."""
    return token.lower_ in SUBSET_PREPS and (token.pos_ == "ADP" or token.dep_ in ("prep", "acl", "advcl"))


def _perpetrators_included(noun: Token, quantities: dict[int, Quantity]) -> Headcount | None:
    """"12 people, including two attackers", "seven dead, three attackers among them":
    the attackers within a victims' total, found in the same sentence."""
    sentence = noun.sent if len(noun.sent) <= LONG_SENTENCE_TOKENS else near_tokens(noun)
    for other in sentence:
        if other == noun or not is_perpetrator(other):
            continue
        under_subset = other in noun.subtree and _is_subset(other)
        among_them = any(c.lower_ == "among" and any(o.pos_ == "PRON" for o in c.children) for c in other.children)
        if under_subset or among_them:
            count = headcount(other, quantities)
            if count is not None and count.value is not None and count.value > 0:
                return count
    return None


# ---------------------------------------------------------------- background incidents

CLAUSE_BOUNDARIES = ("relcl", "ccomp", "parataxis", "advcl", "conj")
PLACE_ENTS = ("GPE", "LOC", "FAC")
PLACE_HOPS = ("prep", "pobj", "compound", "dobj", "appos", "nmod", "conj")


@dataclass(frozen=True)
class Scope:
    """What tells this incident from the others a report mentions: the year it was reported
    in and the report's lead (its first sentence, dateline included)."""

    published_year: int | None
    lead: str


def scope_of(ctx: Context) -> Scope:
    first = next(iter(ctx.doc.sents), None)
    lead = first.text.lower() if first is not None else ""
    return Scope(ctx.published.year if ctx.published else None, lead)


# News sentences run to a few dozen words; walking the parse of a 20,000-token run-on line from each
# cue is quadratic, so beyond this length a cue's context is the words around it.
LONG_SENTENCE_TOKENS = 300
NEAR_TOKENS = 40


def clause_head(token: Token) -> Token:
    """The head of the clause a token stands in; a participle ("killing 20") belongs to its verb's clause."""
    head = token
    while head.dep_ != "ROOT":
        if head.dep_ in CLAUSE_BOUNDARIES and head.pos_ in ("VERB", "AUX") and head.tag_ != "VBG":
            break
        if head.dep_ == "relcl":
            break
        head = head.head
    return head


def _own_tokens(head: Token) -> list[Token]:
    """A clause's own words, without the clauses embedded in it."""
    return [t for t in head.subtree if clause_head(t) == head]


def clause_context(cue: Token) -> list[Token]:
    """The words that date or place a casualty word: its own clause, the noun a relative clause
    describes ("the 1998 bombing ..., in which 200 died"), and the clause a conjoined verb shares
    its adjuncts with ("In 2006, bombs killed 180 and wounded 500")."""
    if len(cue.sent) > LONG_SENTENCE_TOKENS:
        return near_tokens(cue)
    head = clause_head(cue)
    tokens = _own_tokens(head)
    if head.dep_ == "relcl":
        own = set(tokens)
        tokens += [t for t in head.head.subtree if t not in own]
    elif head.dep_ == "conj":
        tokens += _own_tokens(clause_head(head.head))
    return tokens


def near_tokens(cue: Token) -> list[Token]:
    """The words around a cue: a run-on 'sentence' (a page without stops) has no clause worth walking."""
    sent = cue.sent
    start, end = max(sent.start, cue.i - NEAR_TOKENS), min(sent.end, cue.i + NEAR_TOKENS + 1)
    return list(cue.doc[start:end])


def is_background(cue: Token, scope: Scope) -> bool:
    """True when a casualty word tells of another incident: an earlier year, "last year",
    "a separate attack", or an attack in a place the lead never names."""
    tokens = clause_context(cue)
    sentence = list(cue.sent) if len(cue.sent) <= LONG_SENTENCE_TOKENS else near_tokens(cue)
    return (_dated_earlier(tokens, scope) or _called_other(tokens)
            or _placed_elsewhere(sentence, scope))


def _dated_earlier(tokens: list[Token], scope: Scope) -> bool:
    cues = load_cues()
    for token in tokens:
        if scope.published_year and re.fullmatch(r"(19|20)\d\d", token.text):
            if int(token.text) < scope.published_year and token.text not in scope.lead:
                return True
    words = " ".join(t.lower_ for t in sorted(tokens, key=lambda t: t.i))
    return any(phrase in words for phrase in cues.past_phrases)


def _called_other(tokens: list[Token]) -> bool:
    """"a separate attack", "the previous bombing"."""
    cues = load_cues()
    return any(t.lower_ in cues.background_adjectives and t.dep_ == "amod" and t.head.lower_ in cues.event_words
               for t in tokens)


def _placed_elsewhere(tokens: list[Token], scope: Scope) -> bool:
    """An attack located ("a raid on a police station in Lakki Marwat") where the lead never goes."""
    cues = load_cues()
    for token in tokens:
        if token.ent_type_ not in PLACE_ENTS or token.ent_iob_ != "B":
            continue
        words = [w.lower_ for w in token.doc[token.i:token.i + 6] if w.ent_type_ == token.ent_type_ and w.is_alpha]
        if not words or any(len(w) > 3 and w in scope.lead for w in words):
            continue
        head, hops = token, 0
        while head.dep_ in PLACE_HOPS and hops < 5:
            head, hops = head.head, hops + 1
            if head.lower_ in cues.event_words:
                return True
    return False


def _from_hospital_intake(cue: Token) -> bool:
    """"A hospital said it had received at least 60 wounded": one hospital's share, not the toll."""
    cues = load_cues()
    if not any(t.lower_ in cues.hospital_words for t in cue.sent):
        return False
    nearby = [*clause_context(cue), cue.head, cue.head.head]  # "received 25 [wounded]" hangs off the verb
    return any(t.lower_ in cues.intake_verbs for t in nearby)


# ---------------------------------------------------------------- figures

def casualty_figures(doc: Doc, scope: Scope | None = None) -> list[Figure]:
    """Every casualty figure the report states about this incident, in text order: figures about
    other incidents (see is_background) and one hospital's intake are left out."""
    scope = scope or Scope(None, "")
    quantities = _quantities_by_token(doc)
    figures: list[Figure] = []
    for token in doc:
        field_name = cue_field(token)
        if token.lower_ == "number" and _is_toll_noun(token):
            field_name = "killed"
        if field_name is None or is_background(token, scope) or _from_hospital_intake(token):
            continue
        if token.lower_ in ("toll", "number"):
            figures.extend(_toll_figures(token, quantities))
            continue
        figures.extend(_figures_of_cue(token, field_name, quantities))
    return _unique(figures)


def _is_toll_noun(token: Token) -> bool:
    """"the number of people killed", "the number of dead": a toll said another way."""
    obj = _of_object(token)
    if obj is None:
        return False
    if token.dep_ in ("nsubj", "nsubjpass") and cue_field(token.head) in ("killed", "wounded"):
        return True  # "the number of Afghans killed had risen": the parser makes "number" the subject
    return cue_field(obj) in ("killed", "wounded") or any(cue_field(c) in ("killed", "wounded") for c in obj.children)


def _figures_of_cue(cue: Token, field_name: str, quantities: dict[int, Quantity]) -> list[Figure]:
    totals: dict[str, list[Headcount]] = {}
    labels: dict[str, list[str]] = {}
    if any(c.dep_ == "neg" for c in cue.children):
        return []  # "was not injured": a stated zero, read by stated_zeros
    if field_name == "wounded" and cue.dep_ == "amod" and cue_field(cue.head.head) == "killed":
        return []  # "another wounded policeman died": counted among the dead
    for noun in victims_of(cue):
        if _is_subset(noun):
            continue
        count = headcount(noun, quantities)
        if count is not None and count.value is None and field_name == "killed" and _all_of_them(noun):
            totals.setdefault(ALL_ATTACKERS, []).append(Headcount(0, 0, 0, count.span))
            continue
        if count is None or count.value is None:
            continue
        target = field_name
        if is_perpetrator(noun):
            if field_name != "killed":
                continue  # wounded or captured attackers are not victims
            target = "killed_perpetrators"
        elif field_name == "killed":
            inside = _perpetrators_included(noun, quantities)
            if inside is not None:
                totals.setdefault("killed_perpetrators", []).append(inside)
                count = Headcount(count.value - inside.value, (count.low or 0) - inside.value,
                                  (count.high or 0) - inside.value, count.span)
        totals.setdefault(target, []).append(count)
        labels.setdefault(target, []).append(_group_label(noun))
    return [_summed(name, counts, cue, labels.get(name, [])) for name, counts in totals.items()]


def _group_label(noun: Token) -> str:
    """The words naming a counted group ("13 [US troops]", "60 [Afghans]"), to match a later group toll."""
    words = [c.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "nmod")]
    return " ".join([*words, noun.lower_])


def _summed(field_name: str, counts: list[Headcount], cue: Token, labels: list[str] | None = None) -> Figure:
    """Conjoined nouns of one casualty word add up: "two sepoys and an officer were martyred" → 3."""
    best = sum(c.value or 0 for c in counts)
    low = sum(c.low or 0 for c in counts)
    high = sum(c.high or 0 for c in counts)
    start = min([c.span[0] for c in counts] + [cue.idx])
    end = max([c.span[1] for c in counts] + [cue.idx + len(cue.text)])
    opener = cue.sent.text.lower().lstrip(" :")
    additive = any(opener.startswith(word) for word in load_cues().additive_openers)
    parts = tuple(zip(labels, (c.value or 0 for c in counts))) if labels and len(labels) == len(counts) else ()
    return Figure(field_name, best, low, high, (start, end), explicit=any(c.explicit for c in counts),
                  additive=additive, parts=parts if len(parts) > 1 else ())


TOLL_WORDS = ("death", "deaths", "casualty", "casualties", "injury", "injured", "wounded", "overall", "total", "final")
GENERIC_PEOPLE = ("people", "persons", "person", "victims", "dead", "those")


def _toll_figures(toll: Token, quantities: dict[int, Quantity]) -> list[Figure]:
    """"the death toll rose to 84", "put the toll at 20", "the number of people killed rose to 100":
    a figure that supersedes earlier ones, unless it is itself told as an earlier figure."""
    sentence = toll.sent
    field_name = "wounded" if any(t.lower_ in ("injury", "injured", "wounded") for t in toll.subtree) else "killed"
    for token in sentence:
        if token.i <= toll.i or token.i not in quantities or _is_measure(token):
            continue
        first = doc_token_at(toll.doc, quantities[token.i].start)
        previous = first.nbor(-1).lower_ if first.i > 0 else ""
        right_after = token.i - toll.i <= 3 and previous in ("of", "is", "was", "stood", "reached", "hit", "at", "to")
        if right_after or previous in ("to", "at", "above"):
            q = quantities[token.i]
            extra, _ = _in_addition_to(sentence, quantities)
            stale = _is_stale(toll)
            group = _toll_group(toll)
            return [Figure(field_name, q.best + extra, q.low + extra, q.high + extra, (toll.idx, q.end),
                           update=not stale, group="" if extra else group, stale=stale)]
    return []


def _toll_group(toll: Token) -> str:
    """Whose toll it is when only part of the dead are counted: "the Afghan toll", "the number of Afghans killed"."""
    words = [c.lower_ for c in toll.children if c.dep_ in ("amod", "compound") and c.lower_ not in TOLL_WORDS]
    obj = _of_object(toll)
    if obj is not None and obj.lower_ not in GENERIC_PEOPLE and cue_field(obj) is None:
        words.append(obj.lower_)
    return words[0] if words else ""


def _in_addition_to(sentence, quantities: dict[int, Quantity]) -> tuple[int, list[tuple[int, int]]]:
    """"... risen to about 170, in addition to the 13 American service members": people to add."""
    total, spans = 0, []
    for token in sentence:
        if token.lower_ == "addition" and token.head.lower_ == "in":
            for prep in token.children:
                for noun in (c for c in prep.children if prep.lower_ == "to" and c.dep_ == "pobj"):
                    count = headcount(noun, quantities)
                    if count is not None and count.value:
                        total += count.value
                        spans.append(count.span)
    return total, spans


def _is_stale(toll: Token) -> bool:
    """"The toll had stood at 59", "the committee first put the toll at 512": an older figure.
    Reported speech ("officials said the toll had reached 101") is current."""
    verb = toll.head
    while verb.pos_ not in ("VERB", "AUX") and verb.dep_ != "ROOT":
        verb = verb.head
    cues = load_cues()
    if any(c.dep_ == "advmod" and c.lower_ in cues.superseding_adverbs for c in verb.children):
        return True
    past_perfect = any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children)
    reported = verb.dep_ == "ccomp" and verb.head.lower_ in cues.speech_verbs
    return past_perfect and not reported


def doc_token_at(doc: Doc, char: int) -> Token:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else doc[0]


def _unique(figures: list[Figure]) -> list[Figure]:
    seen, out = set(), []
    for figure in figures:
        key = (figure.field, figure.span)
        if key not in seen:
            seen.add(key)
            out.append(figure)
    return out


def _updates_in_sentence(doc: Doc, figures: list[Figure]) -> list[Figure]:
    """A figure in a sentence that says a toll "rose/climbed to" N supersedes earlier ones."""
    cues = load_cues()
    out = []
    sentence_of = {}
    for figure in figures:
        span = doc.char_span(figure.span[0], figure.span[1], alignment_mode="expand")
        sentence_of[id(figure)] = span.sent.start if span is not None else None
    # "The toll rose to 19 after seven of the wounded died": the toll itself is the update, not the seven.
    with_own_update = {sentence_of[id(f)] for f in figures if f.update}
    for figure in figures:
        span = doc.char_span(figure.span[0], figure.span[1], alignment_mode="expand")
        update = span is not None and sentence_of[id(figure)] not in with_own_update and any(
            t.lower_ in cues.toll_verbs and any(c.lower_ == "to" for c in t.children) for t in span.sent
        )
        out.append(replace(figure, update=figure.update or (update and not figure.stale)))
    return out


# ---------------------------------------------------------------- stated zeros

def stated_zeros(doc: Doc, scope: Scope | None = None) -> dict[str, tuple[int, int]]:
    """Fields the report says are zero: "No injuries or deaths were reported", "nobody was hurt"."""
    cues = load_cues()
    zeros: dict[str, tuple[int, int]] = {}
    for token in doc:
        negated = _negated_cue_words(token, cues)
        if negated and scope is not None and is_background(token, scope):
            continue  # "no civilian casualties" of a separate strike
        for cue in negated:
            span = (min(token.idx, cue.idx), max(token.idx + len(token.text), cue.idx + len(cue.text)))
            fields = ["killed", "wounded"] if cue.lower_ in ("casualties", "casualty") else [cue_field(cue)]
            for name in fields:
                if name:
                    zeros.setdefault(name, span)
    return zeros


def _negated_cue_words(token: Token, cues: Cues) -> list[Token]:
    word = token.lower_
    if word in cues.zero_heads and token.dep_ in ("det", "prep", "nsubj", "nsubjpass", "neg", "dobj", "pcomp"):
        head = token if token.dep_ in ("nsubj", "nsubjpass") else token.head
        if word == "without":
            head = next((c for c in token.children if c.dep_ in ("pobj", "pcomp")), head)
        words = _with_conjuncts([head])
        if token.dep_ in ("nsubj", "nsubjpass"):
            words = [token.head]
        return [w for w in words if cue_field(w) or w.lower_ in ("casualties", "casualty")]
    if word == "one" and any(c.lower_ == "no" for c in token.children):
        return [token.head] if cue_field(token.head) else []
    if word in ("not", "n't") and token.dep_ == "neg" and cue_field(token.head):
        subject = [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        return [token.head] if subject and not any(c.like_num for s in subject for c in s.subtree) else []
    return []


# ---------------------------------------------------------------- attackers and duration

def perpetrator_count(doc: Doc, scope: Scope | None = None) -> Found[int | None]:
    """How many attackers took part: the first number on an attacker noun that is not a count of
    dead attackers, of a background attack, or of suspects arrested later. "The four attackers
    were killed" counts them all; "a suicide bomber" states no number, "a lone bomber" does."""
    scope = scope or Scope(None, "")
    cues = load_cues()
    quantities = _quantities_by_token(doc)
    casualty_nouns = {n.i for t in doc if cue_field(t) for n in victims_of(t)}
    for token in doc:
        if token.lower_ not in cues.perpetrator_nouns or token.lower_ in cues.not_participants:
            continue
        if token.i in casualty_nouns and not _whole_party(token):
            continue
        if any(c.lower_ in ("other", "more", "another") or c.lower_ in cues.not_participant_modifiers
               for c in token.children):
            continue
        if (_is_subset(token) and not _detained_party(token)) or is_background(token, scope):
            continue
        count = headcount(token, quantities)
        if count is not None and count.value is not None and any(
            c.dep_ in NUMBER_DEPS and c.i in quantities for c in token.children
        ):
            return Found(count.value, [count.span])
    return _lone_attacker(doc, casualty_nouns, scope)


def _whole_party(noun: Token) -> bool:
    """"the four attackers", "all seven attackers": every attacker, even when counted dead."""
    return any(c.lower_ in ("the", "all") for c in noun.children) and any(c.like_num for c in noun.children)


def _detained_party(noun: Token) -> bool:
    """"11 people were detained, including the four suspected gunmen": gunmen caught took part."""
    return any(t.lower_ in ("detained", "arrested", "caught", "captured") for t in noun.sent) and _whole_party(noun)


def _lone_attacker(doc: Doc, casualty_nouns: set[int], scope: Scope) -> Found[int | None]:
    """"A lone gunman opened fire", "only one suicide bomber", "a single bomber": one attacker.
    A plain "a suicide bomber" tells what the attack was, not how many took part."""
    cues = load_cues()
    for token in doc:
        if token.tag_ != "NN" or token.i in casualty_nouns or token.lower_ not in cues.perpetrator_nouns:
            continue
        before = [t.lower_ for t in doc[max(token.left_edge.i, token.i - 4):token.i]]
        if any(w in cues.one_attacker_words for w in before) and not is_background(token, scope):
            return Found(1, [(token.left_edge.idx, token.idx + len(token.text))])
    return Found(None)


@lru_cache(maxsize=1)
def _duration_regex() -> re.Pattern[str]:
    number = quantity_regex().pattern
    event = r"(?:operation|siege|battle|gun\s?battle|gunfight|gun\s?fight|firefight|stand-?off|clash|encounter|fighting|exchange of fire|attack|assault|ordeal|hostage crisis|crisis)"
    unit = r"(?P<unit>hours?|hrs?|days?|minutes?)"
    return re.compile(
        rf"(?:(?P<n1>{_plain(number)})[\s-]+{unit}[\s-]+long|(?P<n2>{_plain(number)})-{unit.replace('unit', 'unit2')}\s+{event}"
        rf"|\b(?:lasted|lasting|lasts)\s+(?:for\s+)?(?P<n3>{_plain(number)})\s+{unit.replace('unit', 'unit3')}"
        rf"|{event}\s+(?:of|that\s+lasted|which\s+lasted)\s+(?P<n4>{_plain(number)})\s+{unit.replace('unit', 'unit4')})",
        re.IGNORECASE,
    )


def _plain(pattern: str) -> str:
    """The quantity regex without its named groups, to embed it inside another pattern."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


HOURS_PER_UNIT = {"h": 1.0, "d": 24.0, "m": 1 / 60}


def duration_hours(text: str) -> Found[float | None]:
    """How long the attack lasted, only where the report states it ("after a 4-hour long operation")."""
    for match in _duration_regex().finditer(text):
        number = next(match.group(g) for g in ("n1", "n2", "n3", "n4") if match.group(g))
        unit = next(match.group(g) for g in ("unit", "unit2", "unit3", "unit4") if match.group(g))
        quantities = find_quantities(number)
        if not quantities:
            continue
        hours = quantities[0].best * HOURS_PER_UNIT[unit[0].lower()]
        return Found(round(hours, 2), [(match.start(), match.end())])
    return Found(None)


# ---------------------------------------------------------------- the report's figures together

def suicide_perpetrators(text: str) -> list[tuple[int, int]]:
    """Spans saying an attacker died by his own bomb ("a suicide bomber", "blew himself up")."""
    return [(m.start(), m.end()) for m in load_cues().suicide.finditer(text)]


PLURAL_SUICIDE = re.compile(r"bombers|attackers|themselves|their", re.IGNORECASE)


def _suicide_dead(doc: Doc, scope: Scope, attackers: Found[int | None]) -> Found[Count]:
    """Attackers who died by their own bombs: one for "a suicide bomber blew himself up", all the
    attackers for "nine bombers" in a suicide bombing, unknown for a plain "suicide bombers".
    Mentions in background sentences or in doubt ("whether a suicide bomber was involved") don't count."""
    cues = load_cues()
    spans = []
    for start, end in suicide_perpetrators(doc.text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or is_background(span.root, scope):
            continue
        if any(t.lower_ in cues.hedges for t in span.sent):
            continue
        spans.append((start, end))
    if not spans:
        return Found(Count())
    bombers = attackers.value is not None and any("bomber" in doc.text[s:e].lower() for s, e in attackers.spans)
    if bombers:
        return Found(Count.of(attackers.value), spans[:1] + attackers.spans)
    if all(PLURAL_SUICIDE.search(doc.text[s:e]) for s, e in spans):
        return Found(Count())
    return Found(Count.of(1), spans[:1])


def _combined(figures: list[Figure]) -> Found[Count]:
    """Latest toll update, else the largest figure, is best; low/high span every figure read."""
    if not figures:
        return Found(Count())
    updates = [f for f in figures if f.update]
    current = [f for f in figures if not f.stale] or figures
    main = [f for f in current if not f.additive] or current[:1]
    extra = sum(f.best for f in current if f.additive and f not in main)
    best = _with_group_update(updates[-1], figures) if updates else max(f.best for f in main) + extra
    # "a sweeper lost his life" is one of the stated dead, not a rival figure
    ranged = [f for f in figures if f.explicit] or figures
    low = min(f.low for f in ranged)
    high = max(f.high for f in ranged)
    return Found(Count(best=best, low=min(low, best), high=max(high, best)), [f.span for f in figures])


def _with_group_update(update: Figure, figures: list[Figure]) -> int:
    """A later toll of one group ("the Afghan toll rose above 90") replaces that group's share of an
    earlier split figure ("13 US troops and 60 Afghans"): 13 + 90."""
    if not update.group:
        return update.best
    for figure in reversed(figures):
        others = [value for label, value in figure.parts if not _same_group(label, update.group)]
        if figure.parts and len(others) == len(figure.parts) - 1:
            return sum(others) + update.best
    return update.best


def _same_group(label: str, group: str) -> bool:
    """"afghans" and "afghan", "us troops" and "us": a shared word stem."""
    return any(word[:5] == group[:5] for word in label.split())


def count_casualties(ctx: Context) -> Casualties:
    """Killed, attackers killed, wounded, hostages, attackers, duration and disagreements of one report."""
    doc = ctx.doc
    scope = scope_of(ctx)
    figures = _updates_in_sentence(doc, casualty_figures(doc, scope))
    by_field = {name: [f for f in figures if f.field == name and f.best >= 0] for name in FIELDS}
    found = {name: _combined(by_field[name]) for name in FIELDS}
    for name, span in stated_zeros(doc, scope).items():
        if found[name].value.best is None:
            found[name] = Found(Count.of(0), [span])
    attackers = perpetrator_count(doc, scope)
    if found["killed_perpetrators"].value.best is None:
        found["killed_perpetrators"] = _suicide_dead(doc, scope, attackers)
    all_killed = [f.span for f in figures if f.field == ALL_ATTACKERS]
    if found["killed_perpetrators"].value.best is None and all_killed and attackers.value:
        # "The assailants were killed": every attacker counted, however many there were
        found["killed_perpetrators"] = Found(Count.of(attackers.value), all_killed + attackers.spans)
    conflicts = _conflicts(by_field, found, attackers)
    return Casualties(
        killed=found["killed"],
        killed_perpetrators=found["killed_perpetrators"],
        wounded=found["wounded"],
        hostages=found["hostages"],
        perpetrator_count=attackers,
        duration_hours=duration_hours(ctx.text),
        conflicts=conflicts,
    )


def _conflicts(by_field: dict[str, list[Figure]], found: dict[str, Found[Count]], attackers: Found[int | None]) -> list[Conflict]:
    conflicts = []
    for name in FIELDS:
        values = sorted({f.best for f in by_field[name] if not f.update and f.explicit})
        if len(values) > 1:
            conflicts.append(Conflict(field=name, values=values, note="the report states different figures"))
    killed_attackers = found["killed_perpetrators"].value.best
    if attackers.value is not None and killed_attackers is not None and killed_attackers > attackers.value:
        conflicts.append(Conflict(
            field="killed_perpetrators", values=[attackers.value, killed_attackers],
            note=f"{attackers.value} attackers reported taking part but {killed_attackers} reported killed",
        ))
    return conflicts
