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
A figure the report only approximates ("nearly two dozen") keeps its value and is marked approximate.
Where the report gives no figure of its own, casualty_fallbacks reads one told another way (people
taken to hospital, people taken in an abduction or freed from a siege).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from ..model import Conflict, Count
from .casualty_attackers import _suicide_dead, attackers_who_lived, duration_hours, perpetrator_count
from .casualty_fallbacks import given_up_for_a_vague_figure, in_hospital, taken_in_an_abduction
from .casualty_nouns import (
    Figure,
    Headcount,
    _all_of_them,
    _hostages_among_the_dead,
    _is_subset,
    _of_object,
    _perpetrators_included,
    _vague_part_of_a_list,
    _wounded_who_died,
    dead_among_the_wounded,
    headcount,
    is_perpetrator,
    lost_by_the_attackers,
    shot_by_security_forces,
)
from .casualty_words import (
    ALL_ATTACKERS,
    FIELDS,
    Cues,
    _is_measure,
    _quantities_by_token,
    _with_conjuncts,
    cue_field,
    load_cues,
    victims_of,
)
from .context import in_background
from .numbers import Quantity
from .spans import Context, Found, doc_text
from .toll_background import (
    Scope,
    _from_hospital_intake,
    is_background,
    is_boast,
    is_summed_over_events,
    reporting_verb,
    scope_of,
)


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


# ---------------------------------------------------------------- figures


def casualty_figures(
    doc: Doc, scope: Scope | None = None, boasts: list[Figure] | None = None, sums: list[Figure] | None = None
) -> list[Figure]:
    """Every casualty figure the report states about this incident, in text order: figures about
    other incidents (see is_background) and one hospital's intake are left out; the attackers' own
    figures go to `boasts`, to be told as conflicts, never as the toll; tolls of several attacks
    together go to `sums`, a fallback where the report has no figure of its own."""
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
            found = _toll_figures(token, quantities)
        else:
            found = [_timed(f, token) for f in _figures_of_cue(token, field_name, quantities)]
        target = boasts if is_boast(token) else sums if is_summed_over_events(token, scope) else figures
        if target is not None:
            target.extend(found)
    return _unique(figures)


def _timed(figure: Figure, cue: Token) -> Figure:
    """A figure told as older ("the chief had said 30 were killed", "officials first said eight") loses
    to the others; one told as current ("officials later said", "45 have now died") wins."""
    cues = load_cues()
    verb = reporting_verb(cue)
    told_by = [c for c in cue.children if c.dep_ == "acl"]  # "the 27 bodies reported earlier"
    adverbs = {c.lower_ for v in (cue, verb, *told_by) if v is not None for c in v.children if c.dep_ == "advmod"}
    if (
        adverbs & cues.superseding_adverbs
        or (verb is not None and _past_perfect(verb))
        or _called_earlier(cue)
        or cues.unconfirmed.search(cue.sent.text)  # "several reports claim that over 100 were killed"
    ):
        return replace(figure, stale=True)
    if adverbs & cues.updating_adverbs and (verb is not None or "now" in adverbs):
        return replace(figure, update=True)
    return figure


def _past_perfect(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children)


def _called_earlier(cue: Token) -> bool:
    """ "an earlier figure of 39 dead", "the initial toll of 12 killed"."""
    cues = load_cues()
    return any(
        a.lower_ in ("figure", "toll", "count", "estimate")
        and any(c.lower_ in cues.superseding_adverbs or c.lower_ == "initial" for c in a.children)
        for a in list(cue.ancestors)[:3]
    )


def _is_toll_noun(token: Token) -> bool:
    """ "the number of people killed", "the number of dead": a toll said another way."""
    obj = _of_object(token)
    if obj is None:
        return False
    if token.dep_ in ("nsubj", "nsubjpass") and cue_field(token.head) in ("killed", "wounded"):
        return True  # "the number of Afghans killed had risen": the parser makes "number" the subject
    if obj.lower_ in DEAD_NOUNS and token.head.lower_ in RAISING_VERBS:
        return True  # "bringing to four the number of victims"
    return cue_field(obj) in ("killed", "wounded") or any(cue_field(c) in ("killed", "wounded") for c in obj.children)


DEAD_NOUNS = frozenset({"victims", "dead", "deaths", "fatalities"})


def _figures_of_cue(cue: Token, field_name: str, quantities: dict[int, Quantity]) -> list[Figure]:
    totals: dict[str, list[Headcount]] = {}
    labels: dict[str, list[str]] = {}
    lone = False  # "police shot him dead": the attacker told as "he", one man
    gross: int | None = None
    unknown: set[str] = set()
    if any(c.dep_ == "neg" for c in cue.children):
        return []  # "was not injured": a stated zero, read by stated_zeros
    if field_name == "wounded" and _wounded_who_died(cue):
        return []  # "another wounded policeman died": counted among the dead
    if _dead_and_wounded_together(cue, field_name):
        return []  # "killing and wounding more than 100 people": the casualties, neither toll
    if _counted_with_other_fates(cue):
        return []  # "100 militants have been killed, captured or have repented": a tally of outcomes
    if field_name == "hostages" and _hostages_among_the_dead(cue):
        return []
    for noun in victims_of(cue):
        if _is_subset(noun):
            continue
        count = headcount(noun, quantities)
        if count is not None and count.value is None and field_name == "killed" and _all_of_them(noun):
            totals.setdefault(ALL_ATTACKERS, []).append(Headcount(0, 0, 0, count.span))
            continue
        if count is not None and count.value is None and _vague_part_of_a_list(noun):
            unknown.add(field_name)  # "wounded 45 soldiers and dozens of civilians": no exact total
        if count is None or count.value is None:
            continue
        target = field_name
        shot_by_forces = field_name == "killed" and shot_by_security_forces(cue, noun)
        if is_perpetrator(noun) or shot_by_forces or lost_by_the_attackers(cue) or _the_bombs_driver(noun):
            if field_name != "killed":
                continue  # wounded or captured attackers are not victims
            target = "killed_perpetrators"
            lone = lone or (shot_by_forces and noun.pos_ == "PRON")
        elif field_name == "killed":
            inside = _perpetrators_included(noun, quantities)
            if inside is not None:
                gross = count.value
                totals.setdefault("killed_perpetrators", []).append(inside)
                within = inside.value or 0
                count = Headcount(
                    None if count.value is None else count.value - within,
                    (count.low or 0) - within,
                    (count.high or 0) - within,
                    count.span,
                )
        totals.setdefault(target, []).append(count)
        labels.setdefault(target, []).append(_group_label(noun))
    figures = [
        _summed(name, counts, cue, labels.get(name, [])) for name, counts in totals.items() if name not in unknown
    ]
    if gross is not None:
        figures = [replace(f, gross=gross) if f.field == "killed" else f for f in figures]
    if field_name == "killed" and any(dead_among_the_wounded(n) for n in victims_of(cue)):
        figures = [replace(f, additive=True) for f in figures]  # dead beyond the toll told before
    return [replace(f, lone=lone) if f.field == "killed_perpetrators" else f for f in figures]


def _dead_and_wounded_together(cue: Token, field_name: str) -> bool:
    """ "killing and wounding more than 100", "left 100 people dead and wounded": the dead and the wounded
    counted by one number, which says neither how many died nor how many were hurt."""
    if field_name not in ("killed", "wounded"):
        return False
    other = "wounded" if field_name == "killed" else "killed"
    counted = {t.i for t in victims_of(cue)}
    if not counted or _counts_its_own(cue, counted):
        return False
    linked = [c for c in cue.children if c.dep_ == "conj"] + ([cue.head] if cue.dep_ == "conj" else [])
    return any(
        t is not cue
        and cue_field(t) == other
        and (t in linked or not _one_phrase(cue, t))  # "beaten to death" is one deed, not two counts
        and not _counts_its_own(t, counted)
        # "five were killed ... and a dozen were wounded": two clauses, two counts
        and not (_has_its_own_clause(cue) and _has_its_own_clause(t))
        # the same people, or none of its own where the two words are joined ("killing and wounding 100")
        and ({v.i for v in victims_of(t)} == counted or (t in linked and not _counts_anyone_itself(t)))
        for t in cue.sent
    )


OTHER_FATES = frozenset(
    {"captured", "arrested", "detained", "repented", "surrendered", "neutralised", "neutralized", "caught", "held"}
)


def _counted_with_other_fates(cue: Token) -> bool:
    """One number for the killed and the caught: it says neither how many died nor how many were held."""
    linked = [c for c in cue.children if c.dep_ == "conj"] + ([cue.head] if cue.dep_ == "conj" else [])
    # 'killed, captured or repented' is one tally; 'six were killed and one captured' two counts
    alternatives = any(c.dep_ == "cc" and c.lower_ == "or" for t in [cue, *linked] for c in t.children)
    return alternatives and any(t.lower_ in OTHER_FATES for t in linked)


def _counts_anyone_itself(cue: Token) -> bool:
    """The word's people hang on it, or carry a number of their own ("90 dead and 400 injured"); not people
    borrowed, uncounted, from another verb ("struck worshippers, killing and wounding more than 100")."""
    return any(v.head == cue or v.like_num or any(c.dep_ == "nummod" for c in v.children) for v in victims_of(cue))


def _one_phrase(a: Token, b: Token) -> bool:
    return a in b.ancestors or b in a.ancestors


def _counts_its_own(cue: Token, counted: set[int]) -> bool:
    """ "six were killed and [several] injured", "11 were killed and [many more] injured": the second word has
    a count of its own, however vague."""
    return any(
        (c.dep_ in ("nsubj", "nsubjpass", "amod", "nummod") or c.lower_ in ("more", "others")) and c.i not in counted
        for c in cue.children
    )


def _has_its_own_clause(cue: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") for c in cue.children)


def _group_label(noun: Token) -> str:
    """The words naming a counted group ("13 [US troops]", "60 [Afghans]"), to match a later group toll."""
    words = [c.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "nmod")]
    return " ".join([*words, noun.lower_])


def _summed(field_name: str, counts: list[Headcount], cue: Token, labels: list[str] | None = None) -> Figure:
    """Conjoined nouns of one casualty word add up: "two sepoys and an officer were martyred" → 3;
    a total told with its parts ("11 people, nine guests and two guards, were killed") is the total."""
    counts = _total_without_its_parts(counts)
    best = sum(c.value or 0 for c in counts)
    low = sum(c.low or 0 for c in counts)
    high = sum(c.high or 0 for c in counts)
    start = min([c.span[0] for c in counts] + [cue.idx])
    end = max([c.span[1] for c in counts] + [cue.idx + len(cue.text)])
    opener = cue.sent.text.lower().lstrip(" :")
    additive = any(opener.startswith(word) for word in load_cues().additive_openers) and not _what_is_added_to(cue)
    parts = tuple(zip(labels, (c.value or 0 for c in counts))) if labels and len(labels) == len(counts) else ()
    return Figure(
        field_name,
        best,
        low,
        high,
        (start, end),
        explicit=any(c.explicit for c in counts),
        additive=additive,
        parts=parts if len(parts) > 1 else (),
        approximate=any(c.approximate for c in counts),
        qualifier=counts[0].qualifier if len(counts) == 1 else "",
    )


def _what_is_added_to(cue: Token) -> bool:
    """ "In addition to [the six people killed], 53 were wounded": the toll added to, told again."""
    return any(a.lower_ == "to" and a.head.lower_ == "addition" for a in cue.ancestors)


def _total_without_its_parts(counts: list[Headcount]) -> list[Headcount]:
    """The parser conjoins "11 people" with its breakdown "nine guests and two guards": when one count is
    the sum of all the others, it is the total and the others its parts."""
    values = [c.value or 0 for c in counts]
    if len(counts) < 3 or not all(c.explicit for c in counts):
        return counts  # "two policemen, a Rangers official and a citizen": four people, no total
    first = min(counts, key=lambda c: c.span[0])
    return [first] if first.value and first.value * 2 == sum(values) else counts


def _toll_figures(toll: Token, quantities: dict[int, Quantity]) -> list[Figure]:
    """ "the death toll rose to 84", "put the toll at 20", "the number of people killed rose to 100":
    a figure that supersedes earlier ones, unless it is itself told as an earlier figure."""
    sentence = toll.sent
    field_name = "wounded" if any(t.lower_ in ("injury", "injured", "wounded") for t in toll.subtree) else "killed"
    fronted = _figure_fronted_before(toll, quantities)
    for token in [*fronted, *sentence]:
        if token.i > toll.i and token.lower_ in ("toll", "number", "tally"):
            return []  # "confirmed the toll and put the number of wounded at 16": the figure is the other noun's
        if (token.i <= toll.i and token not in fronted) or token.i not in quantities or _is_measure(token):
            continue
        first = doc_token_at(toll.doc, quantities[token.i].start)
        previous = first.nbor(-1).lower_ if first.i > 0 else ""
        right_after = token.i - toll.i <= 3 and previous in ("of", "is", "was", "stood", "reached", "hit", "at", "to")
        if token in fronted or right_after or previous in ("to", "at", "above"):
            q = quantities[token.i]
            field_name = _field_named_after(token, q) or field_name
            extra, _ = _in_addition_to(sentence, quantities)
            stale = _is_stale(toll) or _put_in_an_older_aside(token)
            group = _toll_group(toll)
            if field_name == "killed" and _uncounted_attackers_among(sentence, quantities):
                return []  # "about 28 dead, including attackers": the victims' share is not told
            attackers = _attackers_among_the_toll(sentence, quantities) if field_name == "killed" else None
            less = (attackers.value or 0) if attackers is not None else 0
            figure = Figure(
                field_name,
                q.best + extra - less,
                q.low + extra - less,
                q.high + extra - less,
                (min(toll.idx, q.start), max(q.end, toll.idx + len(toll))),
                update=not stale,
                group="" if extra else group,
                stale=stale,
                approximate=q.approximate,
                qualifier=q.qualifier,
            )
            figures = [
                figure,
                *(_wounded_after_the_toll(sentence, token, quantities, stale) if field_name == "killed" else []),
            ]
            if attackers is None or field_name != "killed":
                return figures
            return [
                *figures,
                Figure("killed_perpetrators", less, less, less, attackers.span, update=not stale, stale=stale),
            ]
    return []


RAISING_VERBS = frozenset({"bringing", "brought", "brings", "bring", "taking", "took", "takes", "raising", "raised"})


def _figure_fronted_before(toll: Token, quantities: dict[int, Quantity]) -> list[Token]:
    """ "bringing to four the number of victims": the figure told before the toll it raises."""
    verb = toll.head
    if toll.dep_ != "dobj" or verb.lower_ not in RAISING_VERBS:
        return []
    return [
        number
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ == "to" and prep.i < toll.i
        for number in prep.children
        if number.dep_ == "pobj" and number.i in quantities
    ]


def _wounded_after_the_toll(sentence, number: Token, quantities: dict[int, Quantity], stale: bool) -> list[Figure]:
    """ "put the toll at 20 dead - 14 civilians and six soldiers - and 111 wounded": the wounded figure
    the toll's sentence gives after its breakdown, a number right before a wounded word."""
    for token in sentence:
        if token.i <= number.i or token.i not in quantities or quantities[token.i] is quantities.get(number.i):
            continue
        q = quantities[token.i]
        after = doc_token_at(token.doc, q.end - 1).i + 1
        if after < sentence.end and cue_field(token.doc[after]) == "wounded":
            cue = token.doc[after]
            return [
                Figure(
                    "wounded",
                    q.best,
                    q.low,
                    q.high,
                    (q.start, cue.idx + len(cue.text)),
                    update=not stale,
                    stale=stale,
                    approximate=q.approximate,
                    qualifier=q.qualifier,
                )
            ]
    return []


def _field_named_after(number: Token, quantity: Quantity) -> str | None:
    """ "the toll stands at 21 dead ... and 68 wounded": the word after the figure says what it counts."""
    doc = number.doc
    after = doc_token_at(doc, quantity.end - 1).i + 1
    if after < len(doc):
        named = cue_field(doc[after])
        if named in ("killed", "wounded"):
            return named
    return None


def _attackers_among_the_toll(sentence, quantities: dict[int, Quantity]) -> Headcount | None:
    """ "The toll stands at 21 dead, the attacker among them", "a toll of 10, a figure that included the
    driver" (of a car bomb): the toll counts the attacker too."""
    for token in sentence:
        among_them = any(
            c.lower_ in ("among", "including") and any(o.pos_ == "PRON" for o in c.children) for c in token.children
        ) or _after_among_them(token)
        included = token.dep_ == "dobj" and token.head.lower_ in ("included", "includes", "including")
        if (among_them or included) and (is_perpetrator(token) or _the_bombs_driver(token)):
            count = headcount(token, quantities)
            if count is not None and count.value:
                return count
    return None


def _after_among_them(noun: Token) -> bool:
    """ "21 dead, among them the driver": the parser hangs "among them" and the noun apart."""
    start = noun.left_edge.i
    return start >= 2 and [t.lower_ for t in noun.doc[start - 2 : start]] == ["among", "them"]


def _the_bombs_driver(noun: Token) -> bool:
    """ "the driver" in a report of a car or truck bomb: the bomber ("the bus driver" is not)."""
    cues = load_cues()
    if noun.lower_ not in cues.driver_words or any(
        c.dep_ in ("compound", "amod", "poss") or c.lower_ == "of" for c in noun.children
    ):
        return False
    text = doc_text(noun.doc).lower()
    return any(phrase in text for phrase in cues.vehicle_bomb_phrases)


def _uncounted_attackers_among(sentence, quantities: dict[int, Quantity]) -> bool:
    """ "put the number of dead at about 28, including attackers": attackers inside, but how many?"""
    for token in sentence:
        if token.lower_ in ("including", "among") and token.dep_ == "prep":
            for noun in (c for c in token.children if c.dep_ == "pobj" and is_perpetrator(c)):
                count = headcount(noun, quantities)
                if count is not None and count.value is None:
                    return True
    return False


def _toll_group(toll: Token) -> str:
    """Whose toll it is when only part of the dead are counted: "the Afghan toll", "the number of Afghans killed"."""
    words = [
        c.lower_ for c in toll.children if c.dep_ in ("amod", "compound") and c.lower_ not in load_cues().toll_words
    ]
    obj = _of_object(toll)
    if obj is not None and obj.lower_ not in load_cues().generic_people and cue_field(obj) is None:
        words.append(obj.lower_)
    return words[0] if words else ""


def _in_addition_to(sentence, quantities: dict[int, Quantity]) -> tuple[int, list[tuple[int, int]]]:
    """ "... risen to about 170, in addition to the 13 American service members": people to add."""
    total, spans = 0, []
    for token in sentence:
        if token.lower_ == "addition" and token.head.lower_ == "in":
            for prep in token.children:
                for noun in (c for c in prep.children if prep.lower_ == "to" and c.dep_ == "pobj"):
                    count = headcount(noun, quantities)
                    if is_perpetrator(noun):
                        continue  # "in addition to the attacker who was killed": not among the victims
                    if count is not None and count.value:
                        total += count.value
                        spans.append(count.span)
    return total, spans


def _is_stale(toll: Token) -> bool:
    """ "The toll had stood at 59", "the committee first put the toll at 512": an older figure.
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


def _put_in_an_older_aside(number: Token) -> bool:
    """ "raising the toll, which the ministry had put at 90 dead": a figure in a past-perfect relative
    clause is the older one."""
    verb = number.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
        verb = verb.head
    return verb.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children)


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
        update = (
            span is not None
            and sentence_of[id(figure)] not in with_own_update
            and any(t.lower_ in cues.toll_verbs and any(c.lower_ == "to" for c in t.children) for t in span.sent)
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


def _without_gross_totals(figures: list[Figure]) -> list[Figure]:
    """ "5 killed" in the headline, "killing five people including two suicide bombers" in the lead: the
    headline's five is the same total with the bombers in it; the victims are the lead's three."""
    grosses = {f.gross for f in figures if f.gross is not None}
    return [f for f in figures if f.gross is not None or f.best not in grosses]


def _combined(figures: list[Figure]) -> Found[Count]:
    """Latest toll update, else the largest figure, is best; low/high span every figure read."""
    if not figures:
        return Found(Count())
    updates = [f for f in figures if f.update and not f.additive]  # "one of the injured later died" adds
    current = [f for f in figures if not f.stale] or figures
    main = [f for f in current if not f.additive] or current[:1]
    best = _with_group_update(updates[-1], figures) if updates else _with_additions(current, main)
    chosen = updates[-1] if updates else max(main, key=lambda f: f.best)
    # "a sweeper lost his life" is one of the stated dead, not a rival figure
    ranged = [f for f in figures if f.explicit] or figures
    low, high = min(min(f.low for f in ranged), best), max(max(f.high for f in ranged), best)
    count = Count(best=best, low=low, high=high, approximate=chosen.approximate, qualifier=chosen.qualifier or None)
    return Found(count, [f.span for f in figures])


def _with_additions(current: list[Figure], main: list[Figure]) -> int:
    """An added figure ("In addition, five policemen died", "four more later died of their wounds") adds to
    the figure told just before it: "15 dead ... four more later died" is the 19 the lead already gave."""
    best = max(f.best for f in main)
    total = 0
    for figure in sorted(current, key=lambda f: f.span):
        total = total + figure.best if figure.additive and figure not in main else figure.best
        best = max(best, total)
    return best


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
    """ "afghans" and "afghan", "us troops" and "us": a shared word stem."""
    return any(word[:5] == group[:5] for word in label.split())


def count_casualties(ctx: Context) -> Casualties:
    """Killed, attackers killed, wounded, hostages, attackers, duration and disagreements of one report."""
    doc = ctx.doc
    scope = scope_of(ctx)
    boasts: list[Figure] = []
    sums: list[Figure] = []
    figures = _updates_in_sentence(doc, casualty_figures(doc, scope, boasts, sums))
    figures, recalled = _anchor_figures_first(doc, figures)
    by_field = {name: [f for f in figures if f.field == name and f.best >= 0] for name in FIELDS}
    by_field["killed"] = _without_gross_totals(by_field["killed"])
    for name in FIELDS:
        by_field[name] = by_field[name] or [f for f in sums if f.field == name and f.best >= 0]
    for name in ("killed", "wounded"):
        if given_up_for_a_vague_figure(doc, by_field[name], name, scope):
            by_field[name] = []
    zeros = stated_zeros(doc, scope)
    if "wounded" not in zeros:  # "No injuries were reported; six were taken to hospital as a precaution"
        by_field["wounded"] = by_field["wounded"] or in_hospital(doc, scope)
    by_field["hostages"] = by_field["hostages"] or taken_in_an_abduction(doc, scope)
    found = {name: _combined(by_field[name]) for name in FIELDS}
    for name, span in zeros.items():
        if found[name].value.best is None:
            found[name] = Found(Count.of(0), [span])
    attackers = perpetrator_count(doc, scope)
    if attackers.value is None and _one_attacker_killed(by_field["killed_perpetrators"]):
        attackers = Found(1, [f.span for f in by_field["killed_perpetrators"]])
    all_killed = [f.span for f in figures if f.field == ALL_ATTACKERS]
    if found["killed_perpetrators"].value.best is None and all_killed and attackers.value:
        # "The assailants were killed": every attacker counted, however many there were (more than
        # "a suicide bomber" says)
        found["killed_perpetrators"] = Found(Count.of(attackers.value), all_killed + attackers.spans)
    if found["killed_perpetrators"].value.best is None:
        found["killed_perpetrators"] = _suicide_dead(doc, scope, attackers)
    if found["killed_perpetrators"].value.best is None and not all_killed:
        found["killed_perpetrators"] = attackers_who_lived(doc, scope)
    conflicts = (
        _conflicts(by_field, found, attackers)
        + _set_apart(boasts, found, "the attackers' own figure differs", with_ours=True)
        + _set_apart(recalled, found, "figures in background sentences, not this attack's")
    )
    return Casualties(
        killed=found["killed"],
        killed_perpetrators=found["killed_perpetrators"],
        wounded=found["wounded"],
        hostages=found["hostages"],
        perpetrator_count=attackers,
        duration_hours=duration_hours(ctx.text),
        conflicts=conflicts,
    )


def _anchor_figures_first(doc: Doc, figures: list[Figure]) -> tuple[list[Figure], list[Figure]]:
    """A field's figures in background sentences ("last week's train bombing killed 26") give way to its
    figures in the sentences that tell this attack; with no anchor figure they stand, and the pipeline
    moves them to conflicts. Returns the figures kept and the ones set aside."""
    told_here = {f.field for f in figures if not in_background(doc, f.span[0])}
    kept = [f for f in figures if f.field not in told_here or not in_background(doc, f.span[0])]
    return kept, [f for f in figures if f not in kept]


def _one_attacker_killed(figures: list[Figure]) -> bool:
    """ "Police shot him dead": the attacker is "he", one man, and he died."""
    return any(f.lone for f in figures) and all(f.best == 1 for f in figures)


def _set_apart(
    figures: list[Figure], found: dict[str, Found[Count]], note: str, with_ours: bool = False
) -> list[Conflict]:
    """Figures kept out of the toll (the attackers' boast, a background sentence's) that differ from it: an
    analyst still sees them, beside the report's own figure when `with_ours`."""
    conflicts = []
    for name in FIELDS:
        ours = found[name].value.best
        theirs = {f.best for f in figures if f.field == name and f.best != ours}
        if theirs:
            values = sorted(theirs | ({ours} if with_ours and ours is not None else set()))
            conflicts.append(Conflict(field=name, values=values, note=note))
    return conflicts


def _conflicts(
    by_field: dict[str, list[Figure]], found: dict[str, Found[Count]], attackers: Found[int | None]
) -> list[Conflict]:
    conflicts = []
    for name in FIELDS:
        values = sorted({f.best for f in by_field[name] if not f.update and f.explicit})
        if len(values) > 1:
            conflicts.append(Conflict(field=name, values=values, note="the report states different figures"))
    killed_attackers = found["killed_perpetrators"].value.best
    if attackers.value is not None and killed_attackers is not None and killed_attackers > attackers.value:
        conflicts.append(
            Conflict(
                field="killed_perpetrators",
                values=[attackers.value, killed_attackers],
                note=f"{attackers.value} attackers reported taking part but {killed_attackers} reported killed",
            )
        )
    return conflicts
