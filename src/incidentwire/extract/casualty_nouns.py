"""Who a counted noun is and how many it names: attackers or victims, "four people", "two of the militants"."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from ..export.codebooks import gtd_countries
from ..nlp import GROUP_KIND_WORDS, GROUP_LABEL
from .casualty_words import NUMBER_DEPS, SINGLE_DETS, SUBSET_PREPS, _is_measure, cue_field, load_cues
from .numbers import Quantity
from .toll_background import LONG_SENTENCE_TOKENS, near_tokens

# ---------------------------------------------------------------- nouns, classes and values


def is_perpetrator(noun: Token) -> bool:
    """True for nouns naming attackers: "militants", "the suicide bomber", "13 Taliban"."""
    cues = load_cues()
    if noun.lower_ in cues.perpetrator_nouns:
        return not _someones_guard(noun)
    if noun.lower_ in cues.people_nouns and _did_the_deed(noun):
        return True
    if noun.lower_ in cues.group_member_nouns:
        return any(t.ent_type_ == GROUP_LABEL for t in noun.subtree if t.i < noun.i)
    if noun.ent_type_ == GROUP_LABEL and noun.pos_ in ("PROPN", "NOUN"):
        return not any(c.dep_ == "prep" for c in noun.children) and noun.dep_ != "compound"
    pobj = _of_object(noun)
    return pobj is not None and pobj.lower_ in cues.perpetrator_nouns


# the pipeline has no lemmatizer: the verbs as written
_CARRY_VERBS = frozenset({"carry", "carries", "carried", "carrying"})
_DEED_VERBS = _CARRY_VERBS | {"perpetrated", "perpetrating", "committed", "committing", "staged", "staging"}


def _did_the_deed(noun: Token) -> bool:
    """ "The two men carrying it out were killed", "the men who carried out the attack", "the men behind the
    attack", "four people suspected of involvement": people described by the attack are its attackers."""
    for child in noun.children:
        carried_out = child.lower_ not in _CARRY_VERBS or any(
            c.dep_ == "prt" and c.lower_ == "out" for c in child.children
        )
        if child.dep_ in ("acl", "relcl") and child.lower_ in _DEED_VERBS and carried_out:
            return True
        if child.dep_ == "acl" and child.lower_ == "suspected" and any(c.lower_ == "of" for c in child.children):
            return True  # "four people suspected of being involved in the attack"
        if child.dep_ == "prep" and child.lower_ == "behind":
            return any(o.lower_ in load_cues().event_words | {"it", "attack", "attacks"} for o in child.children)
    return False


def _someones_guard(noun: Token) -> bool:
    """ "the officer and his gunman were martyred": in South Asian English an official's gunman is his
    bodyguard, one of the dead, not an attacker."""
    return noun.lower_ in ("gunman", "gunmen") and any(
        c.dep_ == "poss" and c.lower_ in ("his", "her", "their") for c in noun.children
    )


def shot_by_security_forces(cue: Token, noun: Token) -> bool:
    """ "Police shot him dead", "Rezgui was shot dead by police", "commandos stormed in and killed him":
    one man killed by the security forces is the attacker, not a victim. Counted groups ("soldiers
    killed five civilians") stay victims."""
    named = noun.ent_type_ == "PERSON" or (noun.pos_ == "PROPN" and not noun.ent_type_)
    if noun.pos_ != "PRON" and not named:
        return False
    verb = cue.head if cue.dep_ in ("oprd", "acomp", "xcomp") else cue
    killers = _subjects_and_agents(verb)
    if not killers and verb.dep_ == "conj":  # "police blasted through a wall and killed him"
        shared = _subjects_and_agents(verb.head) if verb.head.pos_ in ("VERB", "AUX") else []
        killers = shared or _nearest_subject_before(verb)
    forces = load_cues().security_forces
    return any(k.lower_ in forces for k in killers)


def lost_by_the_attackers(cue: Token) -> bool:
    """ "The rebels had lost eight of their own fighters": the attackers' own dead."""
    return cue.lower_ in load_cues().life_verbs and any(is_perpetrator(c) for c in cue.children if c.dep_ == "nsubj")


def _nearest_subject_before(verb: Token) -> list[Token]:
    """The subject told last before a conjoined verb the parser hung on the wrong word."""
    for token in reversed(verb.doc[verb.sent.start : verb.i]):
        if token.dep_ == "nsubj":
            return [token]
    return []


def _subjects_and_agents(verb: Token) -> list[Token]:
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    agents = [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    return subjects + agents


def _of_object(noun: Token) -> Token | None:
    """ "two of the attackers" → attackers."""
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
    approximate: bool = False  # "nearly two dozen", "about 30"
    qualifier: str = ""  # the number's bound word as written: "at least", "nearly"


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
    approximate: bool = False  # "nearly two dozen injured": 24, but not exactly
    lone: bool = False  # "police shot him dead": one attacker, told as "he", killed
    qualifier: str = ""  # the number's bound word as written: "at least", "nearly"
    gross: int | None = None  # the total told with the attackers in it ("five, including two bombers"): 5


def figure_of(field_name: str, count: Headcount) -> Figure:
    """One noun phrase's headcount, stated as a figure of `field_name`."""
    return Figure(
        field_name,
        count.value or 0,
        count.low or 0,
        count.high or 0,
        count.span,
        approximate=count.approximate,
        qualifier=count.qualifier,
    )


def headcount(noun: Token, quantities: dict[int, Quantity]) -> Headcount | None:
    """The number of people a noun phrase names, or None when it names no people."""
    cues = load_cues()
    if noun.lower_ in cues.not_people or _names_a_place(noun):
        return None
    span = (noun.left_edge.idx, noun.idx + len(noun.text))
    if noun.i in quantities and noun.like_num or noun.pos_ == "NUM":
        return _numeric_headcount(noun, quantities, span)
    number = _number_of(noun, quantities)
    if number is not None:
        q = quantities[number.i]
        return Headcount(
            q.best, q.low, q.high, (min(q.start, span[0]), span[1]), approximate=q.approximate, qualifier=q.qualifier
        )
    if any(c.dep_ in ("amod", "det", "nummod", "quantmod") and c.lower_ in cues.vague for c in noun.children):
        return Headcount(None, None, None, span)
    if noun.lower_ in ("another", "one"):
        return Headcount(1, 1, 1, span, explicit=False)  # "one was killed and another injured"
    if noun.lower_ in PAIR_NOUNS and any(c.lower_ in ("a", "an", "the") for c in noun.children):
        return Headcount(2, 2, 2, span)  # "a married couple", "the pair"
    if noun.pos_ == "PRON":
        return _pronoun_headcount(noun, span)
    if _names_one_person(noun):
        return Headcount(1, 1, 1, span, explicit=False)
    return Headcount(None, None, None, span)


def _names_a_place(noun: Token) -> bool:
    """ "Italy had been wounded": a country is nobody. Only a country's name counts: the tagger also
    calls many victims' names places ("Minsu was killed")."""
    return noun.pos_ == "PROPN" and noun.ent_type_ == "GPE" and noun.text in _country_names()


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    return frozenset(c.name for c in gtd_countries())


PAIR_NOUNS = ("couple", "pair")


def _number_of(noun: Token, quantities: dict[int, Quantity]) -> Token | None:
    """The number token counting a noun: its nummod ("four people"), "both", or a number
    opening its phrase that the parser hung elsewhere ("Four United States soldiers")."""
    for child in noun.children:
        if child.dep_ in NUMBER_DEPS and child.i in quantities and not _is_measure(child):
            return child
    first = noun.left_edge
    while first.is_punct and first.i < noun.i:  # "Feb 15: Forty jawans": the parser hangs the colon on the noun
        first = first.nbor(1)
    if (
        first.i in quantities
        and first.i < noun.i
        and first.like_num
        and not _is_measure(first)
        and all(
            t.dep_ in ("nummod", "compound", "nmod", "amod", "punct") or t.i == noun.i
            for t in first.doc[first.i : noun.i + 1]
        )
    ):
        return first
    before = noun.doc[noun.i - 1] if noun.i > 0 else None
    if before is not None and before.i in quantities and before.is_alpha and not _is_measure(before):
        return before  # "7 July 2021 - Ten soldiers": the parser hangs the number on the date before it
    return None


def _names_one_person(noun: Token) -> bool:
    """ "the officer", "his nephew", "Shirazi's son", "Maulvi Azeem": one person, no number stated."""
    if noun.tag_ not in ("NN", "NNP") and noun.ent_type_ != "PERSON":
        return False
    if noun.tag_ == "NNP" or noun.ent_type_ == "PERSON":
        return True
    if any(c.lower_ in SINGLE_DETS or c.dep_ == "poss" for c in noun.children):
        return True
    return noun.dep_ == "conj"  # "his son and bodyguard"


def _numeric_headcount(noun: Token, quantities: dict[int, Quantity], span: tuple[int, int]) -> Headcount | None:
    """ "Six were killed", "killing 25", "two of the militants"."""
    if _is_measure(noun):
        return None
    if any(c.lower_ == "no" for c in noun.children):
        return Headcount(0, 0, 0, span)  # "no one was injured"
    pobj = _of_object(noun)
    if pobj is not None and pobj.pos_ == "PRON" and not dead_among_the_wounded(noun):
        return None  # "three of them": a part of a group counted elsewhere
    if pobj is not None and pobj.lower_ in load_cues().not_people:
        return None  # "one of the devices"
    q = quantities.get(noun.i)
    if q is None:
        return None
    return Headcount(
        q.best, q.low, q.high, (min(q.start, span[0]), span[1]), approximate=q.approximate, qualifier=q.qualifier
    )


def _pronoun_headcount(noun: Token, span: tuple[int, int]) -> Headcount | None:
    if noun.lower_ in ("he", "she", "him", "her"):
        return Headcount(1, 1, 1, span, explicit=False)
    if noun.lower_ in ("nobody", "none"):
        return Headcount(0, 0, 0, span)
    return Headcount(None, None, None, span)


def _all_of_them(noun: Token) -> bool:
    """ "The assailants", "all the attackers", "both gunmen": the whole attacking party."""
    return (
        is_perpetrator(noun) and noun.tag_ == "NNS" and any(c.lower_ in ("the", "all", "both") for c in noun.children)
    )


def _is_subset(noun: Token) -> bool:
    """A noun under "including"/"among" is a part of a total counted elsewhere."""
    if _the_total_someone_was_among(noun):
        return False
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


def _the_total_someone_was_among(noun: Token) -> bool:
    """ "A candidate was among [40 people] killed", "five children were among [the 40] dead": the people
    after 'among' are the whole toll, the one named before it a part."""
    among = noun.head
    return noun.dep_ == "pobj" and among.lower_ == "among" and among.head.lemma_ == "be"


def _is_subset_word(token: Token) -> bool:
    """ "including"/"among" as a preposition; "the dead included" as a main verb is no subset."""
    return token.lower_ in SUBSET_PREPS and (token.pos_ == "ADP" or token.dep_ in ("prep", "acl", "advcl"))


def _names_the_group(token: Token) -> bool:
    """'the militant group Boko Haram' names who did it, not attackers among the dead; 'four CPI-Maoist
    cadres' still counts people."""
    if token.ent_type_ != GROUP_LABEL or token.pos_ != "PROPN":
        return False
    if token.dep_ == "appos" and token.head.ent_type_ == GROUP_LABEL:
        return True  # 'the Arakan Army (AA)': the group's short name, nobody among the dead
    start = token.i
    while start > 0 and token.doc[start].ent_iob_ == "I":
        start -= 1
    return start > 0 and token.doc[start - 1].lower_ in GROUP_KIND_WORDS


def _perpetrators_included(noun: Token, quantities: dict[int, Quantity]) -> Headcount | None:
    """ "12 people, including two attackers", "seven dead, three attackers among them":
    the attackers within a victims' total, found in the same sentence."""
    sentence = noun.sent if len(noun.sent) <= LONG_SENTENCE_TOKENS else near_tokens(noun)
    for other in sentence:
        if other == noun or not is_perpetrator(other) or _names_the_group(other):
            continue
        # "12 people, including two attackers"; "Five people were killed, including three of the gunmen"
        under_subset = (other in noun.subtree or other in noun.head.subtree) and _is_subset(other)
        among_them = any(c.lower_ == "among" and any(o.pos_ == "PRON" for o in c.children) for c in other.children)
        if under_subset or among_them:
            count = headcount(other, quantities)
            if count is not None and count.value is not None and count.value > 0:
                return count
    return None


# ---------------------------------------------------------------- nouns counted elsewhere

HOSTAGE_HOPS = ("dobj", "nsubjpass", "nsubj", "pobj", "prep", "appos", "conj", "attr")


def _hostages_among_the_dead(cue: Token) -> bool:
    """ "Militants killed 20 hostages", "the bodies of five hostages were found", "22 were killed: 20
    hostages and two officers": hostages counted as dead are a part of the toll, not how many were held."""
    cues = load_cues()
    token = cue
    for _ in range(4):
        if token.dep_ not in HOSTAGE_HOPS or token.head == token:
            return False
        token = token.head
        if cue_field(token) == "killed" or token.lower_ in cues.body_words:
            return True
    return False


def _vague_part_of_a_list(noun: Token) -> bool:
    """ "45 soldiers and [dozens] of civilians": a part counted only vaguely, in a list with others."""
    vague = load_cues().vague
    said_vaguely = noun.lower_ in vague or any(c.lower_ in vague for c in noun.children)
    listed = noun.dep_ == "conj" or any(c.dep_ == "conj" for c in noun.children)
    return said_vaguely and listed


def _wounded_who_died(cue: Token) -> bool:
    """ "Another wounded policeman died", "a man who was gravely injured ... died in hospital":
    the wounded person is counted among the dead."""
    if cue.dep_ not in ("amod", "acl", "relcl"):
        return False
    noun = cue.head
    return cue_field(noun.head) == "killed" and (cue.dep_ == "amod" or noun.dep_ in ("nsubj", "nsubjpass"))


def dead_among_the_wounded(noun: Token) -> bool:
    """ "Four were wounded, one of whom later died", "one of them succumbed", "two of the injured died":
    deaths among the wounded, dead beyond any toll already told."""
    if _more_died_of_wounds(noun):
        return True
    if not noun.like_num or noun.dep_ not in ("nsubj", "nsubjpass") or cue_field(noun.head) != "killed":
        return False
    of = _of_object(noun)
    if of is None:
        return False
    if cue_field(of) == "wounded":
        return True  # "one of the injured"
    if of.lower_ == "whom":
        group = noun.head.head if noun.head.dep_ == "relcl" else None
        return group is not None and (cue_field(group.head) == "wounded" or _told_as_wounded(group))
    return of.lower_ == "them" and _last_figure_field_before(noun) == "wounded"


def _more_died_of_wounds(noun: Token) -> bool:
    """ "four more people later died from their wounds", "two more succumbed to their injuries"."""
    if noun.dep_ not in ("nsubj", "nsubjpass") or cue_field(noun.head) != "killed":
        return False
    counts = [noun] if noun.like_num else [c for c in noun.children if c.dep_ == "nummod"]
    if not any(c.lower_ == "more" for n in counts for c in n.children):
        return False
    return any(
        o.lower_ in ("wounds", "injuries", "wound", "injury")
        for p in noun.head.children
        if p.dep_ == "prep"
        for o in p.children
        if o.dep_ == "pobj"
    )


def _told_as_wounded(noun: Token) -> bool:
    return any(cue_field(c) == "wounded" for c in noun.children)


def _last_figure_field_before(noun: Token) -> str | None:
    """The casualty word nearest before a noun in its sentence or the one before it."""
    sentence = noun.sent
    start = sentence.start
    if start > 0:
        start = noun.doc[start - 1].sent.start
    for token in reversed(noun.doc[start : noun.i]):
        field_name = cue_field(token)
        if field_name in ("killed", "wounded"):
            return field_name
    return None
