"""Which casualty words tell of this attack and which of something else: an earlier year, a separate
attack, an attack placed where the lead never goes, another attack introduced as a new event or dated
"a week after", a war's or a period's toll, several attacks summed, and the group's own boast."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from spacy.tokens import Doc, Token

from ..doc_memo import once_per_doc_word
from ..nlp import GROUP_LABEL
from ..text import body_start
from .casualty_words import CLAIM_VERBS, cue_field, load_cues
from .date_phrases import MONTHS
from .spans import Context

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
    lead_end: int = 0  # the token index where the lead ends
    published_month: int | None = None
    lead_names_a_place: bool = True  # a lead that names none ("Explosions hit a crowd.") puts nothing elsewhere


# A dateline ("ANKARA, Turkey -") is often split off as a sentence of its own; the lead runs on
# until it has told something: a verb, in a sentence's worth of words.
LEAD_MIN_CHARS = 40


# a page's date line ('Date: 24-06-2019') and a standfirst of the group's record ('Since 2018, the group has
# carried out nine attacks') stand above the lead, but tell no part of this attack
NOT_A_LEAD = re.compile(r"\s*(?:(?:Date|Published|Updated|Posted)\s*:|Since\s+(?:19|20)\d\d\b)", re.IGNORECASE)


def scope_of(ctx: Context) -> Scope:
    lead, end, told, placed = "", 0, False, False
    sentences = 0
    start = body_start(ctx.doc.text)  # past a pasted headline or standfirst
    for sentence in ctx.doc.sents:
        if sentence.end_char <= start or NOT_A_LEAD.match(sentence.text):
            continue
        lead, end = f"{lead} {sentence.text.lower()}".strip(), sentence.end
        told = told or any(t.pos_ == "VERB" for t in sentence)
        placed = placed or any(t.ent_type_ in PLACE_ENTS for t in sentence)
        sentences += 1
        # a standfirst on the arrests or a quote comes before the sentence that tells the attack itself
        if told and len(lead) >= LEAD_MIN_CHARS and (_tells_the_attack(sentence) or sentences >= LEAD_MAX_SENTENCES):
            break
    published = ctx.published
    return Scope(published.year if published else None, lead, end, published.month if published else None, placed)


LEAD_MAX_SENTENCES = 3


def _tells_the_attack(sentence) -> bool:
    """A sentence with a casualty word or an attack verb ('killed', 'stormed'), not one about arrests."""
    attack_verbs = load_cues().attack_verbs
    return any(cue_field(t) is not None or (t.pos_ == "VERB" and t.lower_ in attack_verbs) for t in sentence)


# News sentences run to a few dozen words; walking the parse of a 20,000-token run-on line from each
# cue is quadratic, so beyond this length a cue's context is the words around it.
LONG_SENTENCE_TOKENS = 300
NEAR_TOKENS = 40


def clause_head(token: Token) -> Token:
    """The head of the clause a token stands in; a participle ("killing 20") belongs to its verb's clause."""
    head = token
    while not _heads_a_clause(head):
        head = head.head
    return head


def _heads_a_clause(token: Token) -> bool:
    return token.dep_ in ("ROOT", "relcl") or (
        token.dep_ in CLAUSE_BOUNDARIES and token.pos_ in ("VERB", "AUX") and token.tag_ != "VBG"
    )


def _own_tokens(head: Token) -> list[Token]:
    """A clause's own words, without the clauses embedded in it: the walk down the parse stops at
    every word that heads a clause of its own (one walk, where asking each word of the subtree for
    its clause head climbed the tree once per word)."""
    own, stack = set(), [head]
    while stack:
        token = stack.pop()
        own.add(token.i)
        stack.extend(child for child in token.children if not _heads_a_clause(child))
    doc = head.doc
    return [doc[i] for i in sorted(own)]  # the subtree's order: every word reached lies in it


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
        if head.head.dep_ == "pobj" and head.head.head.dep_ == "agent":
            # "a protest a year ago was attacked by bombers who killed 80": the killers' deed is dated
            # by the clause they are the agents of
            tokens += [t for t in _own_tokens(clause_head(head.head.head)) if t not in own]
    elif head.dep_ == "conj":
        tokens += _own_tokens(clause_head(head.head))
    # "the 70,000 deaths [the panel ascribed to violence during two decades]": a clause describing the count
    own = set(tokens)
    tokens += [t for c in cue.children if c.dep_ in ("relcl", "acl") for t in c.subtree if t not in own]
    return tokens


def near_tokens(cue: Token) -> list[Token]:
    """The words around a cue: a run-on 'sentence' (a page without stops) has no clause worth walking."""
    sent = cue.sent
    start, end = max(sent.start, cue.i - NEAR_TOKENS), min(sent.end, cue.i + NEAR_TOKENS + 1)
    return list(cue.doc[start:end])


def is_background(cue: Token, scope: Scope) -> bool:
    """True when a casualty word tells of another incident: an earlier year, "last year",
    "a separate attack", or an attack in a place the lead never names; or it adds, with "also", to
    the toll of another incident told in the sentence before."""
    return _background_word(cue.doc, cue.i, scope)


@once_per_doc_word
def _background_word(doc: Doc, i: int, scope: Scope) -> bool:
    cue = doc[i]
    return _tells_another_incident(cue, scope) or _adds_to_a_background_toll(cue, scope)


def _adds_to_a_background_toll(cue: Token, scope: Scope) -> bool:
    """ "A gunfight in another district left four soldiers dead. Three militants were also killed" (or "too"):
    "also" adds to the incident just told, which is not this one."""
    if cue.i < scope.lead_end or cue.sent.start == 0:
        return False
    verbs = [cue, *list(cue.ancestors)[:2]]
    if not any(c.dep_ == "advmod" and c.lower_ in ("also", "too") for v in verbs for c in v.children):
        return False
    before = cue.doc[cue.sent.start - 1].sent
    told = [t for t in before if cue_field(t) in ("killed", "wounded")]
    return bool(told) and all(_tells_another_incident(t, scope) for t in told)


def _tells_another_incident(cue: Token, scope: Scope) -> bool:
    tokens = clause_context(cue)
    sentence = list(cue.sent) if len(cue.sent) <= LONG_SENTENCE_TOKENS else near_tokens(cue)
    return (
        _dated_earlier([*tokens, *_opening_time(sentence)], scope)
        or _called_other(tokens)
        or _said_of_an_earlier_date(cue, scope)
        or _placed_elsewhere(sentence, scope)
        or _over_a_period(tokens)
        or _counted_since(sentence)
        or _a_running_total(sentence, cue)
        or _counted_since_another_event(cue)
        or (cue.i >= scope.lead_end and _opened_by_an_earlier_week(sentence))
        or _before_this_attack(sentence)
        or _dated_from_another_event(cue)
        or _in_a_groups_history(cue)
        or _in_the_attack_compared(cue)
        or (
            cue.i >= scope.lead_end
            and _introduced_as_new_event([*tokens, *cue.ancestors], cue, _the_first_count_told(cue))
        )
        or (cue.i >= scope.lead_end and _points_back_at_another_event(sentence))
    )


SUPERLATIVES = frozenset({"deadliest", "worst", "bloodiest", "biggest", "largest", "deadlier", "worse"})
COMPARED_WITH = frozenset({"since", "after", "than"})


def _in_the_attack_compared(cue: Token) -> bool:
    """ "the deadliest after the tragedy of Solhan, where 160 civilians lost their lives": the toll of the
    attack this one is measured against."""
    nodes = [cue, *cue.ancestors]
    links = [n for n in nodes if n.dep_ == "prep"] + [c for n in nodes for c in n.children if c.dep_ == "mark"]
    for link in links:  # 'the worst since the tragedy of X, where ...', 'the worst since a bomb killed 500'
        if link.lower_ in COMPARED_WITH:
            before = link.doc[max(link.sent.start, link.i - 4) : link.i]
            if any(t.lower_ in SUPERLATIVES for t in [*before, link.head]):
                return True
    return False


def is_summed_over_events(cue: Token, scope: Scope) -> bool:
    """A toll told past the lead for several attacks together: used only where the report gives no
    figure of its own (a GTD summary of one of two coordinated blasts gives only the sum)."""
    if cue.i < scope.lead_end:
        return False
    sentence = list(cue.sent) if len(cue.sent) <= LONG_SENTENCE_TOKENS else near_tokens(cue)
    return _several_events_summed(clause_context(cue), sentence)


def _dated_earlier(tokens: list[Token], scope: Scope) -> bool:
    cues = load_cues()
    for token in tokens:
        if (
            scope.published_year
            and re.fullmatch(r"(19|20)\d\d", token.text)
            and int(token.text) < scope.published_year
            and token.text not in scope.lead
        ):
            return True
    words = " ".join(t.lower_ for t in sorted(tokens, key=lambda t: t.i))
    return any(phrase in words for phrase in cues.past_phrases) or any(_an_earlier_month(t, scope) for t in tokens)


def _opening_time(sentence: list[Token]) -> list[Token]:
    """ "In August, police found 19 bodies ...": a time phrase opening the sentence dates all of it, however
    the parser hangs the rest."""
    if not sentence or sentence[0].lower_ not in ("in", "last", "since"):
        return []
    comma = next((t.i for t in sentence[:6] if t.text == ","), None)
    return [t for t in sentence if comma is not None and t.i < comma]


MONTH_PARTS = frozenset({"end", "beginning", "start", "middle", "mid", "close"})


def _an_earlier_month(token: Token, scope: Scope) -> bool:
    """ "gunmen killed 59 boys at a college in February" in a report of April: a bare month before the
    report's own is another incident's (a dated one, "on April 3", may be this attack's)."""
    if token.text not in MONTHS or scope.published_month is None or token.dep_ != "pobj":
        return False
    part_of = token.head.lower_ == "of" and token.head.head.lower_ in MONTH_PARTS  # 'at the end of May'
    if token.head.lower_ != "in" and not part_of:
        return False
    dated = any(c.like_num for c in token.children) or (token.i + 1 < len(token.doc) and token.nbor(1).like_num)
    return not dated and MONTHS.index(token.text) + 1 < scope.published_month


MEASURED_FROM = ("since", "after", "before", "until")


def _said_of_an_earlier_date(cue: Token, scope: Scope) -> bool:
    """ "since the London bombings of 7 July 2005, which killed 52 people": a relative clause about an
    earlier-dated thing is that thing's toll, even inside the lead (where a year may be this attack's)."""
    head = clause_head(cue)
    if head.dep_ != "relcl" or not scope.published_year:
        return False
    antecedent = head.head
    if antecedent.ent_type_ == "DATE" and antecedent.dep_ == "pobj" and antecedent.head.lower_ in MEASURED_FROM:
        return True  # "the first attack since 28 December, when gunmen killed 50": the day of another attack
    aside = set(head.subtree)
    years = [t for t in head.head.subtree if t not in aside and re.fullmatch(r"(19|20)\d\d", t.text)]
    return any(int(t.text) < scope.published_year for t in years)


def _called_other(tokens: list[Token]) -> bool:
    """ "a separate attack", "the previous bombing"."""
    cues = load_cues()
    return any(
        t.lower_ in cues.background_adjectives and t.dep_ == "amod" and t.head.lower_ in cues.event_words
        for t in tokens
    )


def _placed_elsewhere(tokens: list[Token], scope: Scope) -> bool:
    """An attack located ("a raid on a police station in Lakki Marwat") where the lead never goes."""
    if not scope.lead_names_a_place:
        return False
    cues = load_cues()
    for token in tokens:
        if token.ent_type_ not in PLACE_ENTS or token.ent_iob_ != "B":
            continue
        words = [w.lower_ for w in token.doc[token.i : token.i + 6] if w.ent_type_ == token.ent_type_ and w.is_alpha]
        if not words or any(len(w) > 3 and w in scope.lead for w in words):
            continue
        head, hops = token, 0
        while head.dep_ in PLACE_HOPS and hops < 5:
            head, hops = head.head, hops + 1
            if head.lower_ in cues.event_words:
                if _this_attack_by_its_article(head):
                    break  # 'injured in the attack on Sariab Road': this attack, placed more closely
                return True
    return False


def _this_attack_by_its_article(event: Token) -> bool:
    """'the attack on X' with no date of its own is the attack the report tells, wherever X lies."""
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in event.children)
    dated = any(t.ent_type_ in ("DATE", "TIME") or t.like_num for t in event.subtree)
    return definite and not dated


def _from_hospital_intake(cue: Token) -> bool:
    """ "A hospital said it had received at least 60 wounded": one hospital's share, not the toll."""
    cues = load_cues()
    if not any(t.lower_ in cues.hospital_words and t.tag_ in ("NN", "NNP") for t in cue.sent):
        return False  # one hospital: "of the 239 wounded, 130 were treated in hospitals" is no intake
    nearby = [*clause_context(cue), cue.head, cue.head.head]  # "received 25 [wounded]" hangs off the verb
    return any(t.lower_ in cues.intake_verbs for t in nearby)


def _over_a_period(tokens: list[Token]) -> bool:
    """A war's or a period's toll: "killed in three decades of insurgency", "in the first six months",
    "the rebellion has left 90,000 dead"."""
    cues = load_cues()
    for token in tokens:
        if token.lower_ in cues.period_nouns and _adjunct_of_the_count(token) and not _after_a_superlative(token):
            return True
        if token.lower_ in cues.war_words and (token.dep_ in ("nsubj", "nsubjpass") or _adjunct_of_the_count(token)):
            return True
        if _a_war_told_in_its_relative_clause(token):
            return True  # 'a rebellion which has claimed more than 5,500 lives'
        if _so_far_this_period(token):
            return True  # 'more than 130 Palestinians have been killed this year'
    return False


def _after_a_superlative(period: Token) -> bool:
    """ "one of the deadliest in the city in the past few years", "the worst attack in a decade": the period
    ranks this attack among others, it is no toll over that period."""
    doc = period.doc
    before = doc[max(period.sent.start, period.i - 8) : period.i]
    return any(t.tag_ in ("JJS", "RBS") and t.lower_ not in ("least", "most") for t in before)


THIS_PERIOD = frozenset({"year", "month", "week", "decade"})


def _so_far_this_period(token: Token) -> bool:
    """'killed this year' counts a period; 'killed ... last week' dates one attack."""
    return (
        token.lower_ in THIS_PERIOD
        and token.dep_ == "npadvmod"
        and token.head.pos_ in ("VERB", "AUX")
        and any(c.dep_ == "det" and c.lower_ == "this" for c in token.children)
    )


def _a_war_told_in_its_relative_clause(token: Token) -> bool:
    return (
        token.lower_ in ("which", "that")
        and token.dep_ == "nsubj"
        and token.head.dep_ == "relcl"
        and token.head.head.lower_ in load_cues().war_words
    )


def _before_this_attack(sentence: list[Token]) -> bool:
    """ "Before the ambush, five rebels had died in clashes": what happened before this attack."""
    return len(sentence) > 2 and sentence[0].lower_ == "before" and sentence[2].lower_ in load_cues().event_words


EARLIER_WEEKS = ("last week", "last month", "earlier this month", "earlier this year", "the week before")


def _opened_by_an_earlier_week(sentence: list[Token]) -> bool:
    """ "Last week, the government said five soldiers died in a battle": past the lead, a sentence dated
    to an earlier week tells another event."""
    opening = " ".join(t.lower_ for t in sentence[:5])
    return any(opening.startswith(phrase) for phrase in EARLIER_WEEKS)


def _counted_since_another_event(cue: Token) -> bool:
    """ "500 fighters had been killed since the military launched an offensive": a count since a start."""
    verb = cue if cue.pos_ in ("VERB", "AUX") else cue.head
    return any(
        c.lower_ == "since" or any(m.dep_ == "mark" and m.lower_ == "since" for m in c.children)
        for c in verb.children
        if c.dep_ in ("advcl", "prep")
    )


SERIES_EVENTS = frozenset({"attacks", "bombings", "blasts", "explosions", "killings", "raids", "ambushes"})


def _a_running_total(sentence: list[Token], cue: Token) -> bool:
    """ "Including Thursday's blast, the attacks have claimed 23 lives": a series' total, this attack inside
    it; "the bombings have killed 40 people since August" likewise."""
    if sentence and sentence[0].lower_ == "including":
        return True
    verb = cue if cue.pos_ in ("VERB", "AUX") else cue.head
    return any(
        c.dep_ == "nsubj" and c.lower_ in SERIES_EVENTS and any(a.lower_ in ("have", "has") for a in verb.children)
        for c in verb.children
    )


def _counted_since(sentence: list[Token]) -> bool:
    """ "Since the crisis began, more than 200 people have been killed": a count over a period."""
    return len(sentence) > 1 and sentence[0].lower_ == "since" and not sentence[1].like_num


def _adjunct_of_the_count(token: Token) -> bool:
    """ "killed [in] the conflict", "killed in three decades [of] insurgency": a phrase on the verb or on a
    period, not inside another noun ("the deadliest attack of their decades-old insurgency")."""
    if token.dep_ != "pobj" or token.head.dep_ != "prep":
        return False
    owner = token.head.head
    return (
        owner.pos_ in ("VERB", "AUX") or owner.lower_ in load_cues().period_nouns or owner.lower_ in ("toll", "number")
    )


def _dated_from_another_event(cue: Token) -> bool:
    """ "The assault came a week after a bomber killed 61", "a day after a strike killed six":
    a clause dated from this attack tells of another one."""
    clauses = [cue, *cue.ancestors]
    # "after" only: "fought for eight hours before the army said all were killed" is this attack's end
    links = [a for a in clauses[1:] if a.lower_ == "after"]
    links += [c for a in clauses for c in a.children if c.dep_ == "mark" and c.lower_ == "after"]
    return any(_dated_by_distance(link) and _dated_from_an_attack(link) for link in links)


def _dated_from_an_attack(link: Token) -> bool:
    """The clause "after" dates from tells an attack ("the assault came a week after"); one that tells an
    aftermath ("Christians prepared to bury their dead, a day after militants ambushed three buses")
    dates from this attack, which the "after" clause then tells."""
    clause = link.head if link.dep_ == "mark" else link
    main = clause.head
    if main == clause:
        return True
    cues = load_cues()
    told = [t for t in main.subtree if t.i not in range(clause.left_edge.i, clause.right_edge.i + 1)]
    return any(
        t.lower_ in cues.event_words or t.lower_ in cues.attack_verbs or cue_field(t) in ("killed", "wounded")
        for t in told
        if t.lower_ not in ("dead", "killed")  # "to bury their dead" counts nobody new
    )


def _dated_by_distance(link: Token) -> bool:
    """ "a week after", "less than three weeks after"."""
    units = load_cues().distance_units
    before = link.doc[link.i - 1] if link.i > 0 else link
    return before.lower_ in units or any(c.lower_ in units for c in link.children)


def _in_a_groups_history(cue: Token) -> bool:
    """ "The group, which claimed the August siege that left 17 dead": an attack inside a relative
    clause about the group is its record, not this attack; so are "the rebels, who hold 16 hostages"."""
    cues = load_cues()
    for ancestor in cue.ancestors:
        group = ancestor.head
        if ancestor.dep_ != "relcl":
            continue
        if cue_field(cue) == "hostages" and (group.ent_type_ == GROUP_LABEL or group.lower_ in cues.perpetrator_nouns):
            return any(
                t.lower_ in load_cues().holding_verbs for t in ancestor.subtree
            )  # "the rebels, who hold 16 hostages"
        if group.ent_type_ == GROUP_LABEL or group.lower_ in cues.group_nouns:
            told = [t for t in ancestor.subtree if t.i > ancestor.i]
            return any(t.lower_ in cues.event_words and t.pos_ == "NOUN" and t.i < cue.i for t in told)
    return False


FIRST_SENTENCES = 3


def _the_first_count_told(cue: Token) -> bool:
    """The report's first sentence with a number, among its first few: a standfirst above it ('A suicide
    bomber detonated a van at a checkpoint.') told the attack without a count, and 'A suicide car bomb attack
    ... left 18 dead' is that attack's toll, not another's."""
    first = next((s for s in islice(cue.doc.sents, FIRST_SENTENCES) if any(t.like_num for t in s)), None)
    return first is not None and first.start <= cue.i < first.end


def _introduced_as_new_event(tokens: list[Token], cue: Token | None = None, first_count: bool = False) -> bool:
    """ "Hours later a roadside bomb killed three", "a March raid in which 31 died": past the lead, an
    attack brought in with "a" or "another" is a new one; this attack is "the blast" by then. Only
    "another" makes the report's first count another attack's."""
    cues = load_cues()
    articles = ("another",) if first_count else ("a", "an", "another")
    if _the_counted_victims_again(tokens):
        return False  # "the seven soldiers were killed in an ambush on Friday": the lead's seven, told again
    return any(
        t.lower_ in cues.event_words
        and t.pos_ == "NOUN"
        and t.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj")
        and any(c.dep_ == "det" and c.lower_ in articles for c in t.children)
        and not any(c.lower_ == "such" for c in t.children)  # "another such attack": this one, told as a kind
        and not (cue is not None and _only_dates_the_toll(t, cue))
        for t in tokens
    )


def _only_dates_the_toll(event: Token, cue: Token) -> bool:
    """ "Six days after an attack in X, terror struck again, killing four": the attack this one is dated
    from, not the one the toll is of; "hours after a raid that left four dead" tells that raid's toll."""
    return event.dep_ == "pobj" and event.head.lower_ in ("after", "since") and event not in cue.ancestors


def _the_counted_victims_again(tokens: list[Token]) -> bool:
    """A counted subject with "the" ("the seven Chadian soldiers") points back at people already told."""
    return any(
        t.dep_ in ("nsubj", "nsubjpass")
        and any(c.dep_ == "nummod" and c.like_num for c in t.children)
        and any(c.dep_ == "det" and c.lower_ == "the" for c in t.children)
        for t in tokens
    )


def _points_back_at_another_event(sentence: list[Token]) -> bool:
    """ "Islamic State also claimed that attack; both assailants were shot dead": past the lead, "that
    attack" points back at another attack just told; this one is "the attack"."""
    cues = load_cues()
    return any(
        t.lower_ in cues.event_words
        and t.pos_ == "NOUN"
        and any(c.dep_ == "det" and c.lower_ == "that" for c in t.children)
        for t in sentence
    )


def _several_events_summed(tokens: list[Token], sentence: list[Token]) -> bool:
    """ "Taken together, the two bombings left 44 dead": a sum over attacks, not this one's toll."""
    cues = load_cues()
    text = " ".join(t.lower_ for t in sentence)
    if any(phrase in text for phrase in cues.combined_phrases):
        return True
    return any(
        t.lower_ in cues.event_words
        and t.tag_ == "NNS"
        and any(c.dep_ == "nummod" and c.like_num and c.lower_ not in ("one", "1") for c in t.children)
        for t in tokens
    )


def reporting_verb(cue: Token) -> Token | None:
    """The verb that reports a casualty word's clause ("police [said] 12 were killed"), if any."""
    cues = load_cues()
    below = cue
    for hops, ancestor in enumerate(cue.ancestors):
        if hops > 4:
            break
        # reached through a reported clause: "said 512 deaths had been confirmed" is reported by "said"
        reported = below.dep_ in ("ccomp", "parataxis") or ancestor.lower_ == "according"
        if reported and (ancestor.lower_ in cues.speech_verbs or ancestor.lower_ in cues.boast_verbs):
            return ancestor
        if below.dep_ == "ccomp" and ancestor.lower_ in CLAIM_VERBS:
            return ancestor  # "the group claimed that 13 were killed": a claim of a figure, not of the attack
        below = ancestor
    return None


def is_boast(cue: Token) -> bool:
    """ "The group said its fighters had killed 80 crusaders": the attackers' own figure."""
    cues = load_cues()
    if any(t.lower_ in cues.boast_victims and not _names_a_thing(t) for t in cue.sent):
        return True  # the victims named as only the group names them
    verb = reporting_verb(cue)
    if verb is None:
        return False
    if verb.lower_ in cues.boast_verbs:
        return True
    return any(_speaks_for_the_attackers(c) for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))


def _names_a_thing(word: Token) -> bool:
    """ "A Crusader fortress", "the Crusader castle": the word names a building, not the people killed
    ("80 crusader soldiers" still names people)."""
    head = word.head
    return (
        word.dep_ in ("compound", "amod", "nmod") and head.tag_ == "NN" and head.lower_ not in load_cues().people_nouns
    )


def _speaks_for_the_attackers(speaker: Token) -> bool:
    """A named armed group, "the militants", "the group" (bare: not "a rights group"), its news outlet, or the
    group's statement ("a statement from the group", "its claim")."""
    cues = load_cues()
    if speaker.ent_type_ == GROUP_LABEL or speaker.lower_ in cues.perpetrator_nouns:
        return True
    if any(c.dep_ in ("compound", "poss") and c.ent_type_ == GROUP_LABEL for c in speaker.children):
        return True  # "the IS affiliate claimed", "the Taliban's spokesman said"
    if any(t.lower_ in cues.group_media for t in speaker.subtree):
        return True  # "Amaq said", "the group's Nashir news agency said"
    bare = not any(c.dep_ in ("compound", "amod") for c in speaker.children)
    if speaker.lower_ in cues.group_nouns and bare and any(c.lower_ == "the" for c in speaker.children):
        return True
    return speaker.lower_ in cues.claim_nouns and any(
        t.ent_type_ == GROUP_LABEL or t.lower_ in (*cues.group_nouns, "its") for t in speaker.subtree if t != speaker
    )
