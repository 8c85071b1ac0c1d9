"""The casualty vocabulary and the casualty words' arguments: which nouns "were killed", "died", "were injured".

A figure is a number attached to a noun that is an argument of a casualty word; the readers here find
those nouns, from the plainest grammar to the repairs of common misparses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from .. import vocab
from ..model import COUNT_FIELDS
from ..text import MONTH_NAMES, match_dateline
from ..vocab.models import CasualtyCues
from .numbers import Quantity, find_quantities
from .spans import doc_text

FIELDS = COUNT_FIELDS
ALL_ATTACKERS = "all_attackers_killed"  # a figure-less "the attackers were killed"
NUMBER_DEPS = ("nummod", "det", "predet", "quantmod", "npadvmod", "amod", "advmod", "compound")
NOT_PERSON_ENTS = ("GPE", "LOC", "FAC", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL")
HOSTAGE_DEPS = ("oprd", "dobj", "advmod", "npadvmod", "acomp", "xcomp", "attr", "ccomp", "dep")
SUBSET_PREPS = ("including", "among", "included")
SINGLE_DETS = ("a", "an", "the", "one", "another", "this", "that", "his", "her", "its")


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
    unconfirmed: re.Pattern[str]  # "several reports claim", "unverified": a rumoured figure
    not_participants: frozenset[str]
    not_participant_modifiers: frozenset[str]
    one_attacker_words: frozenset[str]
    hedges: frozenset[str]
    speech_verbs: frozenset[str]
    body_words: frozenset[str]
    period_nouns: frozenset[str]
    war_words: frozenset[str]
    distance_units: frozenset[str]
    combined_phrases: tuple[str, ...]
    boast_verbs: frozenset[str]
    boast_victims: frozenset[str]
    group_nouns: frozenset[str]
    claim_nouns: frozenset[str]
    updating_adverbs: frozenset[str]
    security_forces: frozenset[str]
    group_media: frozenset[str]
    in_hospital_words: frozenset[str]
    hospitalised_words: frozenset[str]
    attack_verbs: frozenset[str]
    capture_verbs: frozenset[str]
    people_nouns: frozenset[str]
    taken_words: frozenset[str]
    abduction_words: frozenset[str]
    vehicle_bomb_phrases: tuple[str, ...]
    driver_words: frozenset[str]
    judged_to_death: frozenset[str]
    paired_attack_words: dict[str, int]
    freed_words: frozenset[str]
    siege_words: frozenset[str]
    toll_words: frozenset[str]
    generic_people: frozenset[str]
    hostage_nouns: frozenset[str]
    include_verbs: frozenset[str]
    suffer_verbs: frozenset[str]
    holding_verbs: frozenset[str]


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    data = vocab.load("casualty_cues.json", CasualtyCues).model_dump()
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
        unconfirmed=re.compile(r"\b(?:" + "|".join(map(re.escape, data["unconfirmed_phrases"])) + r")\b", re.I),
        not_participants=frozenset(data["not_participants"]),
        not_participant_modifiers=frozenset(data["not_participant_modifiers"]),
        one_attacker_words=frozenset(data["one_attacker_words"]),
        hedges=frozenset(data["hedges"]),
        speech_verbs=frozenset(data["speech_verbs"]),
        body_words=frozenset(data["body_words"]),
        period_nouns=frozenset(data["period_nouns"]),
        war_words=frozenset(data["war_words"]),
        distance_units=frozenset(data["distance_units"]),
        combined_phrases=tuple(data["combined_phrases"]),
        boast_verbs=frozenset(data["boast_verbs"]),
        boast_victims=frozenset(data["boast_victims"]),
        group_nouns=frozenset(data["group_nouns"]),
        claim_nouns=frozenset(data["claim_nouns"]),
        updating_adverbs=frozenset(data["updating_adverbs"]),
        security_forces=frozenset(data["security_forces"]),
        group_media=frozenset(data["group_media"]),
        in_hospital_words=frozenset(data["in_hospital_words"]),
        hospitalised_words=frozenset(data["hospitalised_words"]),
        attack_verbs=frozenset(data["attack_verbs"]),
        capture_verbs=frozenset(data["capture_verbs"]),
        people_nouns=frozenset(data["people_nouns"]),
        taken_words=frozenset(data["taken_words"]),
        abduction_words=frozenset(data["abduction_words"]),
        vehicle_bomb_phrases=tuple(data["vehicle_bomb_phrases"]),
        driver_words=frozenset(data["driver_words"]),
        judged_to_death=frozenset(data["judged_to_death"]),
        paired_attack_words=dict(data["paired_attack_words"]),
        freed_words=frozenset(data["freed_words"]),
        siege_words=frozenset(data["siege_words"]),
        toll_words=frozenset(data["toll_words"]),
        generic_people=frozenset(data["generic_people"]),
        hostage_nouns=frozenset(data["hostage_nouns"]),
        include_verbs=frozenset(data["include_verbs"]),
        suffer_verbs=frozenset(data["suffer_verbs"]),
        holding_verbs=frozenset(data["holding_verbs"]),
    )


# ---------------------------------------------------------------- quantities on tokens


# The last document's quantities: the casualty readers ask for them three or four times per report.
_LAST_QUANTITIES: list[tuple[Doc, dict[int, Quantity]]] = []


def _quantities_by_token(doc: Doc) -> dict[int, Quantity]:
    """Each number phrase, keyed by the index of every token it covers (a copy: callers may edit it)."""
    if _LAST_QUANTITIES and _LAST_QUANTITIES[0][0] is doc:
        return dict(_LAST_QUANTITIES[0][1])
    by_token = _read_quantities(doc)
    _LAST_QUANTITIES[:] = [(doc, by_token)]
    return dict(by_token)


def _read_quantities(doc: Doc) -> dict[int, Quantity]:
    by_token: dict[int, Quantity] = {}
    for quantity in find_quantities(doc_text(doc)):
        span = doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
        if span is None:
            continue
        for token in span:
            by_token[token.i] = quantity
    return by_token


def _is_measure(token: Token) -> bool:
    """A number glued to a unit or a clock ("25-year-old", "five-storey", "4 p.m.")."""
    cues = load_cues()
    if _a_dates_year(token):
        return True
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.text == "-" and token.i + 2 < len(token.doc):
        nxt = token.nbor(2)
    if nxt is None or nxt.lower_ not in cues.not_people:
        return False
    # "three school children": the place word only qualifies the people counted
    qualifies_people = nxt.dep_ == "compound" and nxt.head.i > nxt.i and nxt.head.lower_ not in cues.not_people
    return not (qualifies_people and nxt.head.pos_ == "NOUN" and token.dep_ == "nummod" and token.head == nxt.head)


def _a_dates_year(token: Token) -> bool:
    """ "Mar 16, 2019", "16 March 2019": the year of a date (a byline's, before the lead), never a count."""
    if not (len(token.text) == 4 and token.text.isdigit() and 1900 <= int(token.text) <= 2100):
        return False
    before = token.doc[max(0, token.i - 3) : token.i]
    return any(t.ent_type_ == "DATE" for t in (token, *before)) and any(t.lower_[:3] in _MONTH_STEMS for t in before)


_MONTH_STEMS = frozenset(name[:3] for name in MONTH_NAMES)  # 'Mar', 'March', 'Sept.'


# ---------------------------------------------------------------- casualty words


def tells_a_hospital_stay(verb: Token) -> bool:
    """ "taken to hospital", "treated in hospital", "on admission", "hospitalised"; never "died in hospital"."""
    cues = load_cues()
    if verb.lower_ in cues.hospitalised_words:
        return True
    if cue_field(verb) == "killed":
        return False  # "died in hospital"
    places = [
        o
        for p in verb.children
        if p.dep_ == "prep" and p.lower_ in ("to", "in", "on")
        for o in p.children
        if o.dep_ == "pobj"
    ]
    return verb.pos_ in ("VERB", "AUX") and any(
        o.lower_ in cues.in_hospital_words and not _names_one_hospital(o) for o in places
    )


def _names_one_hospital(place: Token) -> bool:
    """ "in the city's main hospital", "to St Mary's hospital": one hospital's patients, not the wounded."""
    return any(c.dep_ in ("det", "poss", "compound", "amod") and c.lower_ not in ("a", "the") for c in place.children)


CLAIM_VERBS = frozenset({"claimed", "claims", "claiming", "claim"})
FATAL_HURTS = frozenset({"shot", "shoots", "shooting", "stabbed", "stabbing", "wounded", "wounding", "injured"})


def cue_field(token: Token) -> str | None:
    """The field a casualty word counts ("killed", "wounded", "hostages"), or None."""
    cues = load_cues()
    word = token.lower_
    if word in cues.life_verbs and any(c.lower_ in cues.life_words or _counted_fighters(c) for c in token.children):
        return "killed"  # "lost their lives", "the army lost 12 soldiers", "lost eight of their own fighters"
    if word in ("loss", "losses") and _lives_counted(token):
        return "killed"  # "resulted in the loss of 84 lives"
    if word in CLAIM_VERBS:
        return None
    if word in FATAL_HURTS and any(c.lower_ in ("fatally", "mortally") for c in token.children):
        return "killed"  # "police fatally shot four of the assailants", "was fatally wounded"
    if word in cues.body_words:  # "recovered 19 bodies": the dead counted; "the bodies of ..." counts nobody
        return "killed" if any(c.dep_ == "nummod" for c in token.children) else None
    if word in ("held", "taken", "took", "holding", "taking") and any(
        c.lower_ in ("hostage", "captive", "hostages") for c in token.children
    ):
        return None  # the "hostage" word itself carries the cue
    return cues.field_of_word.get(word)


def _lives_counted(loss: Token) -> list[Token]:
    """ "the loss of [84 lives]": the lives a loss counts, when it counts them."""
    words = load_cues().life_words
    return [
        o
        for p in loss.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children
        if o.dep_ == "pobj" and o.lower_ in words and any(c.dep_ == "nummod" for c in o.children)
    ]


def _counted_fighters(obj: Token) -> bool:
    """The object of "lost" that is armed men counted: "12 soldiers", "eight of their own fighters"."""
    if obj.dep_ != "dobj":
        return False
    cues = load_cues()
    fighters = cues.perpetrator_nouns | cues.group_member_nouns | cues.security_forces
    of = [o for p in obj.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    counted = obj.like_num or any(c.dep_ == "nummod" for c in obj.children)
    return counted and any(n.lower_ in fighters for n in (obj, *of))


def _deed_of(cue: Token) -> list[Token]:
    """ "over the killing of [76 policemen]", "the deaths of [two guards]": the deed's "of" names the dead."""
    if cue.pos_ != "NOUN":
        return []
    # counted only: "the murder of a British soldier" recalled as a motive is no toll
    return [
        o
        for p in cue.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children
        if o.dep_ == "pobj" and (o.like_num or any(c.dep_ == "nummod" for c in o.children))
    ]


def victims_of(cue: Token) -> list[Token]:
    """The nouns a casualty word counts: "[four people] dead", "killing [44 people]", "[19 others] injured".

    Readers are tried in order, from the plainest grammar to the repairs of common misparses.
    """
    if cue.lower_ == "death" and cue.head.lower_ == "to" and cue.head.head.pos_ == "VERB":
        if cue.head.head.lower_ in load_cues().judged_to_death:
            return []  # "six members sentenced to death": a court's word, not a killing
        cue = cue.head.head  # "stabbed to death": the verb names the dead
    found: list[Token] = []
    for reader in ARGUMENT_READERS:
        found = [t for t in reader(cue) if t.lower_ not in ("who", "which", "that")]
        if found:
            break
    nouns = _with_conjuncts(_past_the_dateline(found) + (_along_with(cue) if found else []), cue)
    return [t for t in nouns if not _bodies_counted_elsewhere(t, cue) and not _ranks_the_attack(t)]


def _ranks_the_attack(noun: Token) -> bool:
    """ "killing six people, [one] of the deadliest in years": the attack ranked among others, nobody."""
    return noun.lower_ == "one" and any(
        c.dep_ == "prep" and c.lower_ == "of" and any(o.tag_ == "JJS" for o in c.children) for c in noun.children
    )


def _bodies_counted_elsewhere(noun: Token, cue: Token) -> bool:
    """ "[12 dead bodies] and more than 20 wounded": bodies are the dead, never the wounded."""
    return noun.lower_ in load_cues().body_words and cue_field(noun) not in (None, cue_field(cue))


def _followed_by_another_toll_word(noun: Token, cue: Token | None) -> bool:
    """ "12 dead bodies and [more than 20] wounded", "100 persons dead and [300] injured": a conjoined
    number with a toll word of its own counts for that word, not for the noun it is conjoined to."""
    if cue is None or not noun.like_num:
        return False
    after = noun.right_edge.i + 1
    words = [*noun.children, *([noun.doc[after]] if after < len(noun.doc) else [])]
    return any(word != cue and cue_field(word) not in (None, cue_field(cue)) for word in words)


def _along_with(cue: Token) -> list[Token]:
    """ "Khan was killed in the attack, along with [his guard]": one more of the dead."""
    return [
        o
        for along in cue.children
        if along.lower_ == "along"
        for w in along.children
        if w.lower_ == "with"
        for o in w.children
        if o.dep_ == "pobj"
    ]


def _past_the_dateline(nouns: list[Token]) -> list[Token]:
    """ "Srinagar, Feb 14: At least 30 personnel were killed": the parser makes the dateline's city the
    subject and the counted people its apposition; a place is nobody, the apposition is the victims."""
    out = []
    for noun in nouns:
        counted = [
            c
            for c in noun.children
            if c.dep_ == "appos"
            and c.pos_ in ("NOUN", "NUM")
            and (c.pos_ == "NUM" or any(g.dep_ == "nummod" for g in c.children))
        ]
        if noun.ent_type_ in ("GPE", "LOC") and noun.pos_ == "PROPN" and (counted or _in_the_dateline(noun)):
            out.extend(counted)
        else:
            out.append(noun)
    return out


def _in_the_dateline(noun: Token) -> bool:
    """ "New Delhi, Feb 15: ...": a place opening the report, in the dateline the pipeline splits off."""
    dateline = match_dateline(noun.doc.text)
    return dateline is not None and dateline.start() <= noun.idx < dateline.end()


def _the_whole_after_of(cue: Token) -> list[Token]:
    """ "16 of [the 84 dead] are unidentified", "8 of [the 30 wounded] are critical": the part names a
    subset; the toll is the whole the "of" phrase counts."""
    if cue.dep_ == "pobj" and cue.head.lower_ == "of" and any(c.dep_ == "nummod" for c in cue.children):
        return [cue]
    if cue.dep_ in ("acl", "amod"):  # the parser hangs "wounded" on the part: "eight of the 30 [wounded]"
        return [
            o
            for p in cue.head.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for o in p.children
            if o.dep_ == "pobj" and o.pos_ == "NUM"
        ]
    # "Of [the 239 people] wounded, 130 ...": "of" heads the cue, or hangs before it
    ofs = [cue.head] if cue.dep_ in ("dep", "acl") and cue.head.lower_ == "of" else []
    ofs += [p for p in cue.children if p.dep_ == "prep" and p.lower_ == "of" and p.i < cue.i]
    return [o for p in ofs for o in p.children if o.dep_ == "pobj" and any(c.dep_ == "nummod" for c in o.children)]


def _who_lost_lives(cue: Token) -> list[Token]:
    """ "[Forty jawans] lost their lives", "the blast claimed [40 lives]", "the loss of [84 lives]": the lives
    counted, else the subject."""
    cues = load_cues()
    if cue.lower_ in ("loss", "losses"):
        return _lives_counted(cue)
    if cue.lower_ not in cues.life_verbs:
        return []
    lives = [c for c in cue.children if c.lower_ in cues.life_words]
    if any(g.dep_ == "nummod" for life in lives for g in life.children):
        return lives
    whose = [o for life in lives for o in _counted_after_of(life)]
    if whose:
        return whose  # "the ambush claimed the lives of [14 soldiers]": the lives are theirs
    return [c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")] if lives else []


def _counted_after_of(noun: Token) -> list[Token]:
    return [
        o
        for p in noun.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children
        if o.dep_ == "pobj" and any(c.dep_ == "nummod" for c in o.children)
    ]


def _raised_subject(cue: Token) -> list[Token]:
    """ "[31 worshippers] are now known to have died", "[two men] are believed to have died"."""
    if cue.dep_ == "xcomp" and cue.lower_ in load_cues().intransitive:
        return [c for c in cue.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return []


def _copula_subject(cue: Token) -> list[Token]:
    """ "[Seventy people] were dead", "[two others] were wounded" hung on the copula."""
    if cue.dep_ in ("acomp", "attr") and cue.head.lower_ in COPULAS:
        return [c for c in cue.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return []


COPULAS = ("was", "were", "is", "are", "been", "be", "remain", "remained", "remains")


def _object_or_passive_subject(cue: Token) -> list[Token]:
    """ "killing [44 people]", "[two soldiers] were killed"; in "killed 13 troops and 170 Afghans"
    the parser hangs the second counted noun on the verb, so it is taken back as an object."""
    found = [c for c in cue.children if c.dep_ in ("nsubjpass", "dobj")]
    if found and cue.pos_ == "VERB":
        found += [
            c
            for c in cue.children
            if c.dep_ == "conj"
            and c.pos_ in ("NOUN", "PROPN")
            and any(g.dep_ == "nummod" for g in c.children)
            and not _has_its_own_casualty_word(c, cue)
        ]
    return _names_of_the_counted_dropped(found)


def _subject_of_an_elided_passive(cue: Token) -> list[Token]:
    """ "a civilian was killed and [three officers] wounded": the second verb shares the first's "was", so its
    subject is the wounded, not who wounded them."""
    if cue.dep_ != "conj" or any(c.dep_ == "dobj" for c in cue.children):
        return []
    if not any(c.dep_ == "auxpass" for c in cue.head.children) or cue_field(cue.head) is None:
        return []
    return [c for c in cue.children if c.dep_ == "nsubj" and any(g.dep_ == "nummod" for g in c.children)]


def _has_its_own_casualty_word(noun: Token, cue: Token) -> bool:
    """ "a civilian was killed and [four officers wounded]": the second noun has its own word, of another
    field."""
    field_name = cue_field(cue)
    return any(g.dep_ in ("acl", "amod") and cue_field(g) not in (None, field_name) for g in noun.children)


def _names_of_the_counted_dropped(nouns: list[Token]) -> list[Token]:
    """ "[Two jawans], Upendra Sahu and Devendra Singh, were killed": the names after a counted noun are the
    counted men themselves, not more dead."""
    counted = [n for n in nouns if any(c.dep_ == "nummod" for c in n.children)]
    if not counted:
        return nouns
    first = min(n.i for n in counted)
    return [n for n in nouns if not (n.ent_type_ == "PERSON" and n.i > first and n not in counted)]


def _held_as_hostage(cue: Token) -> list[Token]:
    """ "took [ten people] hostage", "[nine policemen] were taken hostage"."""
    if cue.lower_ not in load_cues().hostage_nouns or cue.dep_ not in HOSTAGE_DEPS:
        return []
    return [c for c in cue.head.children if c.dep_ in ("dobj", "nsubjpass") and c != cue]


def _intransitive_subject(cue: Token) -> list[Token]:
    """ "[63 people] died", "[three people] killed in blast"."""
    if cue.lower_ in load_cues().intransitive or _is_bare_participle(cue):
        return [c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")]
    return []


def _number_on_the_cue(cue: Token) -> list[Token]:
    """ "...were killed and [nearly three dozen] injured", "leaving [90] dead": a bare count hung on the cue."""
    own = [c for c in cue.children if c.dep_ in ("npadvmod", "nummod") and c.pos_ == "NUM"]
    previous = cue.doc[cue.i - 1] if cue.i > 0 else cue
    if not own and cue.dep_ == "conj" and previous.pos_ == "NUM" and previous.dep_ == "conj":
        return [previous]  # "90 dead and [400] injured": the parser conjoins the number with the first cue
    return own


def _first_verb_arguments(cue: Token) -> list[Token]:
    """ "[two civilians] were shot and killed": the victims hang on the first verb."""
    if cue.dep_ == "conj" and cue.head.pos_ in ("VERB", "AUX"):
        # "leaving 25 jawans dead and [a dozen others] wounded": the second verb's own counted subject
        own = [c for c in cue.children if c.dep_ == "nsubj" and any(g.dep_ == "nummod" for g in c.children)]
        return own or _more_just_before(cue) or [c for c in cue.head.children if c.dep_ in ("nsubjpass", "dobj")]
    return []


def _more_just_before(cue: Token) -> list[Token]:
    """ "nine were killed and at least [30] more were wounded": the parser loses "30 more" as a subject."""
    i = cue.i - 1
    while i > cue.sent.start and cue.doc[i].dep_ in ("auxpass", "aux", "neg"):
        i -= 1
    more = cue.doc[i]
    if more.lower_ not in ("more", "others", "other"):
        return []
    # "and [many more] injured": a vague count of its own, not the first verb's people
    return [c for c in more.children if c.dep_ == "nummod" and c.like_num] or [more]


def _modified_noun(cue: Token) -> list[Token]:
    """ "seven [wounded] people", "people [killed] in the blast", "people who were killed"."""
    if cue.dep_ in ("amod", "acl", "relcl") and cue.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        return [cue.head]
    return []


def _counted_right_after_the_verb(cue: Token) -> list[Token]:
    """ "An ambush ... killed [at least 14 soldiers], the minister said": the parser makes the counted
    soldiers the subject of "said" and leaves the active verb without an object; the counted noun
    standing right after it is still what it killed."""
    if cue.tag_ not in ("VBD", "VBG") or cue.lower_ in load_cues().intransitive:
        return []
    if any(c.dep_ in ("dobj", "nsubjpass") for c in cue.children):
        return []
    for token in cue.doc[cue.i + 1 : min(cue.i + 6, cue.sent.end)]:
        if token.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "nummod" and c.i > cue.i for c in token.children):
            return [token]
        if (
            token.pos_ not in ("ADV", "ADJ", "NUM", "ADP", "DET")
            or token.lower_ in ("in", "on", "at")
            and token.i > cue.i + 2
        ):
            return []
    return []


def _subject_from_head(cue: Token) -> list[Token]:
    """For "left [four people] dead" or "[19 others] injured" hung on another word."""
    if cue.dep_ not in ("oprd", "ccomp", "xcomp", "acomp", "advcl", "conj"):
        return []
    own = [c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")]
    if cue.tag_ == "VBD" and cue.lower_ not in load_cues().intransitive:
        own = [c for c in own if c.dep_ == "nsubjpass"]  # "an ambush killed ...": the active subject did it
    if own or cue.dep_ == "conj":
        return own
    deps = ("dobj", "nsubjpass") if cue.dep_ == "oprd" else ("dobj",)  # "[two] were shot dead"
    found = [c for c in cue.head.children if c.dep_ in deps]
    if not found and cue.dep_ == "oprd" and cue.head.dep_ == "acl" and cue.head.head.pos_ in ("NOUN", "NUM"):
        return [cue.head.head]  # "the 35 [people] shot dead at the market"
    if not found and cue.dep_ == "oprd":
        return _whole_of_a_counted_subject(cue.head)
    return found


def _whole_of_a_counted_subject(verb: Token) -> list[Token]:
    """ "Thirty of [the 38 people] shot dead ... were British": the parser makes the part the subject of
    "shot"; the dead are the whole."""
    parts = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "NUM"]
    return [
        o
        for part in parts
        for p in part.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children
        if o.dep_ == "pobj" and any(c.dep_ == "nummod" for c in o.children)
    ]


def _what_the_dead_included(cue: Token) -> list[Token]:
    """ "the dead included [three militants]"."""
    if cue.dep_ in ("nsubj", "nsubjpass") and cue.head.lower_ in load_cues().include_verbs:
        return [c for c in cue.head.children if c.dep_ in ("dobj", "attr")]
    return []


def _who_suffered(cue: Token) -> list[Token]:
    """ "[27 people] suffered injuries", "[18 others] sustained various degrees of injuries"."""
    if cue.pos_ != "NOUN":
        return []
    if (
        cue.dep_ == "pobj"
        and cue.head.lower_ == "of"
        and cue.head.head.lower_ in ("degrees", "kinds", "types", "forms")
    ):
        cue = cue.head.head  # the kinds of injury stand where the injury would
    if cue.dep_ == "dobj" and cue.head.lower_ in load_cues().suffer_verbs:
        return [c for c in cue.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return []


def _put_at(cue: Token) -> list[Token]:
    """ "put the dead at [a police officer] and [two attackers]"."""
    if cue.dep_ != "dobj":
        return []
    head = cue.head
    ats = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "at"]
    if not ats:
        return []
    objects = [o for at in ats for o in at.children if o.dep_ == "pobj"]
    return objects + [c for c in head.children if c.dep_ == "dobj" and c != cue]


def _counted_noun_itself(cue: Token) -> list[Token]:
    """ "[two fatalities]", "[three deaths]"."""
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


def _subject_of_the_deed_before(cue: Token) -> list[Token]:
    """ "the assailant attacked an officer before being shot and killed by police": a "being" passive
    with no subject of its own tells of the subject of the verb it hangs on."""
    verb = cue.head if cue.dep_ == "conj" else cue
    if not any(c.dep_ == "auxpass" and c.lower_ == "being" for c in verb.children):
        return []
    for ancestor in list(verb.ancestors)[:3]:
        subjects = [c for c in ancestor.children if c.dep_ == "nsubj"]
        if subjects:
            return subjects
    return []


def _is_bare_participle(cue: Token) -> bool:
    """ "three people killed in blast": a participle without "have", whose subject is the victim."""
    return cue.tag_ == "VBN" and not any(c.lower_ in ("have", "has", "had") for c in cue.children)


ARGUMENT_READERS = (
    _the_whole_after_of,
    _who_lost_lives,
    _object_or_passive_subject,
    _subject_of_an_elided_passive,
    _deed_of,
    _held_as_hostage,
    _intransitive_subject,
    _number_on_the_cue,
    _first_verb_arguments,
    _modified_noun,
    _counted_right_after_the_verb,
    _subject_from_head,
    _what_the_dead_included,
    _who_suffered,
    _put_at,
    _raised_subject,
    _copula_subject,
    _counted_noun_itself,
    _relative_head,
    _noun_just_before,
    _subject_of_the_deed_before,
)


def _armed_men(noun: Token) -> bool:
    cues = load_cues()
    return noun.lower_ in cues.perpetrator_nouns or noun.lower_ in cues.security_forces


def _with_conjuncts(nouns: list[Token], cue: Token | None = None) -> list[Token]:
    out: list[Token] = []
    stack = list(nouns)
    while stack:
        noun = stack.pop(0)
        if noun in out:
            continue
        out.append(noun)
        # a place or date conjoined by a misparse ("Waheed in Karachi city, Sindh province") is nobody; the
        # tagger's "nine [assailants]" as a quantity is still people
        stack.extend(
            c
            for c in noun.children
            if c.dep_ == "conj"
            and (c.ent_type_ not in NOT_PERSON_ENTS or _armed_men(c))
            and not _followed_by_another_toll_word(c, cue)
        )
    return out
