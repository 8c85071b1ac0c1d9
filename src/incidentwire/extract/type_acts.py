"""Rules on how an act phrase stands in its sentence: whether it tells this attack's act, only a weapon
carried or found, or another event; and acts told without a cue phrase (a vehicle driven into a crowd).

Kept apart from types.py, which matches the cue phrases and orders the types.
"""

from __future__ import annotations

import datetime

from spacy.tokens import Doc, Span, Token

from ..nlp import lead_sentence, report_sentences
from .other_times import MONTHS
from .type_vocab import type_words

WORDS = type_words()  # vocab/type_words.json

UNARMED_ASSAULT = "Unarmed Assault"
VEHICLE = "Vehicle (not to include vehicle-borne explosives, i.e., car or truck bombs)"

# --- other events told beside this one -----------------------------------------------------------

# 'The raid came a week after gunmen killed 129 in Paris': what the attack 'came after' is another event.
SEQUENCE_VERBS = WORDS.sequence_verbs
FOLLOWED_VERBS = WORDS.followed_verbs
# 'A day after the shooting, in France, a man stabbed ...', 'Six months earlier, a couple killed 14':
# a sentence opening on days or more from this attack tells another event.
OTHER_DAY_COUNTS = WORDS.other_day_counts
OTHER_DAY_UNITS = WORDS.other_day_units
OTHER_DAY_LINKS = WORDS.other_day_links
# 'On the same day, a bomber killed 27 elsewhere': a second event set beside this one.
OTHER_EVENT_OPENINGS = WORDS.other_event_openings


def sequence_background(doc: Doc) -> set[int]:
    """Tokens of the event an attack is said to have come after ('came three weeks after X struck'),
    or to have been followed by ('was followed 12 days later by the killing of a priest')."""
    tokens: set[int] = set()
    for token in doc:
        if token.lower_ == "after" and token.head is not token:
            clause = token.head if token.dep_ == "mark" else token  # 'after a bomber struck' / 'after a strike'
            if clause.head.lower_ in SEQUENCE_VERBS and clause.head is not clause:
                tokens.update(t.i for t in clause.subtree)
                tokens.update(_rest_of_clause(token))
        elif token.dep_ == "agent" and token.head.lower_ in FOLLOWED_VERBS:
            tokens.update(t.i for t in token.subtree)
    return tokens


def _rest_of_clause(token: Token) -> range:
    """The words from a token to its sentence's end or next semicolon: 'came a week after the bishop was
    abducted by gunmen' tells the abduction, however the parse hangs 'was abducted'."""
    end = next((t.i for t in token.sent if t.i > token.i and t.text == ";"), token.sent.end)
    return range(token.i, end)


TIME_PREPS = {"after", "since", "before"}


def earlier_when_clauses(doc: Doc) -> set[int]:
    """'the second this year after March, when a man drove into ...': the clause a 'when' hangs from
    a time the attack came after is that time's event."""
    tokens: set[int] = set()
    for token in doc:
        if token.lower_ != "when" or token.head.dep_ not in {"relcl", "advcl"}:
            continue
        clause, time = token.head, token.head.head
        if time.head.lower_ in TIME_PREPS and (time.lower_ in MONTHS or time.ent_type_ == "DATE"):
            tokens.update(t.i for t in clause.subtree)
    return tokens


GROUP_NOUNS = WORDS.group_nouns


def group_history_clauses(doc: Doc, group_label: str) -> set[int]:
    """'The group, which claimed church bombings in April, ...': a relative clause on the group after the
    lead tells its history, not this attack."""
    lead = lead_sentence(doc)
    tokens: set[int] = set()
    for token in doc:
        if token.dep_ != "relcl" or (lead is not None and token.i < lead.end):
            continue
        head = token.head
        if head.ent_type_ == group_label or head.lower_ in GROUP_NOUNS:
            tokens.update(t.i for t in token.subtree)
    return tokens


def other_time_sentences(doc: Doc, published: datetime.date | None) -> set[int]:
    """Tokens of sentences that open on another month than the report's ('In March, gunmen killed 21')
    or on a second event ('On the same day, ...'): they tell another attack, not this one."""
    tokens: set[int] = set()
    for sent in report_sentences(doc)[1:]:  # the lead tells this attack
        opening = " ".join(t.lower_ for t in sent[:5])
        if opening.startswith(OTHER_EVENT_OPENINGS) or _opens_on_other_month(sent, published):
            tokens.update(range(sent.start, sent.end))
        elif _opens_days_away(sent):
            tokens.update(set(range(sent.start, sent.end)) - _this_attack_reckoned_from(sent))
    return tokens


def _this_attack_reckoned_from(sent: Span) -> set[int]:
    """'A day after the Orlando shooting, ...': the phrase the days are counted from is this attack."""
    link = next((t for t in sent[:5] if t.lower_ in {"after", "before"}), None)
    if link is None:
        return set()
    return {t.i for c in link.children if c.dep_ == "pobj" for t in c.subtree}


def _opens_days_away(sent: Span) -> bool:
    """'A day after the Orlando shooting, ...', 'Two weeks later, ...', 'Six months earlier, ...'."""
    words = [t.lower_ for t in sent[:4]]
    if len(words) > 1 and words[0] in {"barely", "just", "only", "about"}:
        words = words[1:]
    return (
        len(words) >= 3
        and (words[0] in OTHER_DAY_COUNTS or words[0].isdigit())
        and words[1] in OTHER_DAY_UNITS
        and words[2] in OTHER_DAY_LINKS
    )


def _opens_on_other_month(sent: Span, published: datetime.date | None) -> bool:
    """'In March, ...' with no day, when the report is of another month."""
    words = [t.lower_ for t in sent[:4]]
    if published is None or len(words) < 3 or words[0] != "in" or words[1] not in MONTHS or words[2] != ",":
        return False
    return MONTHS.index(words[1]) + 1 != published.month


# --- weapons carried or found, not used ---------------------------------------------------------

CARRY_VERBS = WORDS.carry_verbs
# 'accused of supplying him with a pistol': a weapon handed over, not yet one of the attack's acts
SUPPLY_VERBS = WORDS.supply_verbs
NOT_REAL = WORDS.not_real


def _governing_word(token: Token) -> Token:
    """The verb or preposition a weapon noun hangs from, across a list ('rifles and explosives'); the
    verb itself when the parse hangs the list's last noun from it ('carrying rifles and grenades')."""
    while token.dep_ in {"conj", "appos", "compound", "amod"} and token.head is not token:
        token = token.head
        if token.pos_ == "VERB":
            return token
    return token.head


def is_weapon_carried(span: Span) -> bool:
    """'gunmen armed with rifles and explosives', 'carrying a grenade' (not 'carried out an attack')."""
    if span.root.dep_ in {"nsubj", "nsubjpass"}:
        return False  # 'the gunmen used ...': who carries, not what is carried
    head = _governing_word(span.root)
    if head.lower_ == "with":
        head = head.head
    return head.lower_ in CARRY_VERBS and not any(c.dep_ == "prt" for c in head.children)


def is_weapon_supplied(span: Span) -> bool:
    head = _governing_word(span.root)
    if head.lower_ == "with":
        head = head.head
    return head.lower_ in SUPPLY_VERBS


def is_not_real_weapon(span: Span) -> bool:
    """'an inert grenade', 'replica rifles': no weapon of the attack (a bomb found unexploded still
    tells an attempted bombing, as GTD codes it)."""
    return any(c.lower_ in NOT_REAL for c in span.root.children) or any(t.lower_ in NOT_REAL for t in span)


# --- vehicle rammings ---------------------------------------------------------------------------

DRIVE_VERBS = WORDS.drive_verbs
VEHICLE_WORDS = WORDS.vehicle_words
INTO_PREPS = {"into", "through"}
BOMB_WORDS = WORDS.bomb_words


def vehicle_rammings(doc: Doc) -> list[Span]:
    """'drove a truck into the crowd', 'a van was driven through shoppers': GTD codes a vehicle used
    as the weapon as an unarmed assault with a vehicle. A vehicle carrying a bomb is no ramming."""
    found = []
    for verb in doc:
        if verb.lower_ not in DRIVE_VERBS:
            continue
        vehicle = next(
            (c for c in verb.children if c.dep_ in {"dobj", "nsubjpass", "nsubj"} and c.lower_ in VEHICLE_WORDS), None
        )
        if vehicle is None or _carries_bomb(vehicle):
            continue
        if any(c.dep_ == "prep" and c.lower_ in INTO_PREPS for c in verb.children):
            found.append(doc[verb.i : verb.i + 1])
    return found


def _carries_bomb(vehicle: Token) -> bool:
    return any(t.lower_.startswith(BOMB_WORDS) for t in vehicle.subtree)


def in_bombing_sentence(span: Span, bomb_spans: list[Span]) -> bool:
    """A vehicle told beside a bomb in one sentence is how the bomb was brought, not a ramming."""
    return any(b.sent.start == span.sent.start for b in bomb_spans)


# --- who is only remembered --------------------------------------------------------------------

# 'the anniversary of X's death', 'the shrine of X', 'an airport named after X': X is not at the scene.
REMEMBRANCE_WORDS = WORDS.remembrance_words
# 'condemned the bombing in a message to X': a verb whose object is the attack reacts to it.
REACTION_VERBS = WORDS.reaction_verbs


def is_only_remembered(person: Token) -> bool:
    """Whether the person hangs, within a few links, from a word of remembrance."""
    token = person
    for _ in range(4):
        if token.head is token:
            return False
        token = token.head
        if token.lower_ in REMEMBRANCE_WORDS:
            return True
    return False


# --- a firearm told fired ----------------------------------------------------------------------

FIRE_WORDS = WORDS.fire_words


def is_firearm_fired(span: Span) -> bool:
    """'fired a pistol at officers': the gun named as the thing fired tells an armed assault."""
    head = _governing_word(span.root)
    return span.root.dep_ in {"dobj", "conj"} and head.lower_ in FIRE_WORDS


# --- hostages held where they were seized -------------------------------------------------------

# Target kinds naming a building people can be held in.
SITE_KINDS = {
    "Business",
    "Educational Institution",
    "Religious Figures/Institutions",
    "Airports & Aircraft",
    "Government (Diplomatic)",
    "Journalists & Media",
    "Tourists",
}
HELD_AT = {"at", "inside", "in"}


def hostages_held_at_site(hostage_spans: list[Span], target_spans: list[Span]) -> bool:
    """'hostages killed by militants at a restaurant': hostages told at a building, not taken away from
    it, make a barricade incident (GTD), when no kidnapping is told."""
    sites = {i for t in target_spans if t.label_.split(":", 1)[0] in SITE_KINDS for i in range(t.start, t.end)}
    for hostage in hostage_spans:
        for token in hostage.sent:
            if token.i in sites and token.dep_ == "pobj" and token.head.lower_ in HELD_AT:
                return True
    return False


ATTACK_NOUNS = WORDS.attack_nouns


def names_an_attack_by_gun(span: Span) -> bool:
    """'a gun and suicide-bomb attack', 'the gun rampage': a firearm naming the kind of attack."""
    token = span.root
    for _ in range(3):
        if token.dep_ not in {"compound", "nmod", "amod", "conj"} or token.head is token:
            return False
        token = token.head
        if token.lower_ in ATTACK_NOUNS:
            return True
    return False
