"""Who a counted noun is and how many it names: attackers or victims, "four people", "two of the militants"."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..nlp import GROUP_LABEL
from .casualty_words import NUMBER_DEPS, SINGLE_DETS, SUBSET_PREPS, _is_measure, load_cues
from .numbers import Quantity
from .toll_background import LONG_SENTENCE_TOKENS, near_tokens

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
    while first.is_punct and first.i < noun.i:  # "Feb 15: Forty jawans": the parser hangs the colon on the noun
        first = first.nbor(1)
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
    # an apposition names a part ("four people, two policemen"), unless it follows a dateline's city
    return _is_subset_word(noun.head) or (noun.dep_ == "appos" and noun.head.ent_type_ not in ("GPE", "LOC"))


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
