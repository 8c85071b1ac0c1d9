"""How many attackers took part, how many died by their own bombs, and how long the attack lasted."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..model import Count
from .casualty_nouns import _is_subset, headcount, is_perpetrator
from .casualty_words import NUMBER_DEPS, _quantities_by_token, cue_field, load_cues, victims_of
from .numbers import Quantity, find_quantities, quantity_regex
from .spans import Found, doc_text
from .toll_background import Scope, is_background, is_boast

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
        if any(
            c.lower_ in ("other", "more", "another") or c.lower_ in cues.not_participant_modifiers
            for c in token.children
        ):
            continue
        if (_is_subset(token) and not _detained_party(token)) or is_background(token, scope):
            continue
        if _others_beside(token):
            continue  # 'Two bombers struck the market while others hit the entrance': a part of them
        count = headcount(token, quantities)
        if (
            count is not None
            and count.value is not None
            and any(c.dep_ in NUMBER_DEPS and c.i in quantities for c in token.children)
        ):
            return Found(count.value, [count.span])
    for reader in (_described_by_the_deed, _killed_and_captured, _counted_bombers):
        found = reader(doc, quantities, scope)
        if found.value is not None:
            return found
    return _lone_attacker(doc, casualty_nouns, scope)


def _others_beside(token: Token) -> bool:
    """'others' doing something of their own ('while others hit the entrance'); 'several others injured'
    are victims, told with a casualty word."""
    return any(
        t.lower_ in ("others", "rest")
        and t.dep_ == "nsubj"
        and t.head != token.head
        and t.head.tag_ != "VBN"
        and cue_field(t.head) is None
        for t in token.sent
    )


def _described_by_the_deed(doc: Doc, quantities: dict[int, Quantity], scope: Scope) -> Found[int | None]:
    """ "The three men who attacked the airport", "the man who killed 49 people": people told by what they
    did are the attackers; "the man" is one."""
    cues = load_cues()
    for verb in doc:
        if verb.dep_ != "relcl" or verb.lower_ not in cues.attack_verbs or verb.head.lower_ not in cues.people_nouns:
            continue
        if not any(c.dep_ == "nsubj" and c.lower_ in ("who", "that") for c in verb.children) or is_background(
            verb, scope
        ):
            continue
        noun = verb.head
        count = headcount(noun, quantities)
        definite = any(c.lower_ == "the" for c in noun.children)
        if count is not None and count.value is not None and definite:
            return Found(count.value, [count.span])
    return Found(None)


def _counted_bombers(doc: Doc, quantities: dict[int, Quantity], scope: Scope) -> Found[int | None]:
    """ "Two of its members had detonated explosive belts", "a couple who blew themselves up": the
    people who set off their own bombs, counted."""
    for start, end in suicide_perpetrators(doc_text(doc)):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or is_background(span.root, scope) or is_boast(span.root):
            continue  # "the group said two of its members had detonated belts": its claim, not a count
        paired = _bombings_counted(span, quantities)
        if paired is not None:
            return paired
        verb = span.root if span.root.pos_ in ("VERB", "AUX") else span.root.head
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            if subject.lower_ in ("who", "that") and verb.dep_ == "relcl":
                subject = verb.head
            count = headcount(subject, quantities)
            if count is not None and count.value and count.explicit:
                return Found(count.value, [count.span])
    return Found(None)


def _bombings_counted(span, quantities: dict[int, Quantity]) -> Found[int | None] | None:
    """ "Wednesday's twin suicide bombings", "two suicide bombings": one bomber to each."""
    if not span.text.lower().endswith("bombings") or span.start == 0:
        return None
    before = span.doc[span.start - 1]
    count = load_cues().paired_attack_words.get(before.lower_)
    if count is None and before.i in quantities and before.like_num:
        count = quantities[before.i].best
    return Found(count, [(before.idx, span.end_char)]) if count else None


def _killed_and_captured(doc: Doc, quantities: dict[int, Quantity], scope: Scope) -> Found[int | None]:
    """ "Nine gunmen were killed and one was captured": every attacker accounted for, nine and one."""
    cues = load_cues()
    for captured in doc:
        killed = captured.head
        if captured.lower_ not in cues.capture_verbs or captured.dep_ != "conj" or cue_field(killed) != "killed":
            continue
        dead = [headcount(n, quantities) for n in victims_of(killed) if is_perpetrator(n)]
        caught = [
            headcount(c, quantities)
            for c in captured.children
            if c.dep_ in ("nsubjpass", "nsubj") and c.lower_ not in cues.not_participants
        ]  # "nine suspects arrested" took no part
        counts = [c for c in dead + caught if c is not None and c.value]
        if dead and caught and len(counts) == len(dead) + len(caught) and not is_background(killed, scope):
            return Found(sum(c.value or 0 for c in counts), [c.span for c in counts])
    return Found(None)


def _whole_party(noun: Token) -> bool:
    """ "the four attackers", "all seven attackers": every attacker, even when counted dead."""
    return any(c.lower_ in ("the", "all") for c in noun.children) and any(c.like_num for c in noun.children)


def _detained_party(noun: Token) -> bool:
    """ "11 people were detained, including the four suspected gunmen": gunmen caught took part."""
    return any(t.lower_ in load_cues().capture_verbs for t in noun.sent) and _whole_party(noun)


def _lone_attacker(doc: Doc, casualty_nouns: set[int], scope: Scope) -> Found[int | None]:
    """ "A lone gunman opened fire", "only one suicide bomber", "a single bomber": one attacker.
    A plain "a suicide bomber" tells what the attack was, not how many took part."""
    cues = load_cues()
    for token in doc:
        if token.tag_ != "NN" or token.i in casualty_nouns or token.lower_ not in cues.perpetrator_nouns:
            continue
        before = [t.lower_ for t in doc[max(token.left_edge.i, token.i - 4) : token.i]]
        if any(w in cues.one_attacker_words for w in before) and not is_background(token, scope):
            return Found(1, [(token.left_edge.idx, token.idx + len(token.text))])
    return Found(None)


@lru_cache(maxsize=1)
def _duration_regex() -> re.Pattern[str]:
    number = quantity_regex().pattern
    event = (
        r"(?:operation|siege|battle|gun\s?battle|gunfight|gun\s?fight|firefight|stand-?off|clash|encounter"
        r"|fighting|exchange of fire|attack|assault|ordeal|hostage crisis|crisis)"
    )
    unit = r"(?P<unit>hours?|hrs?|days?|minutes?)"
    return re.compile(
        rf"(?:(?P<n1>{_plain(number)})[\s-]+{unit}[\s-]+long"
        rf"|(?P<n2>{_plain(number)})-{unit.replace('unit', 'unit2')}\s+{event}"
        rf"|\b(?:lasted|lasting|lasts)\s+(?:for\s+)?(?P<n3>{_plain(number)})\s+{unit.replace('unit', 'unit3')}"
        rf"|{event}\s+(?:of|that\s+lasted|which\s+lasted)\s+"
        rf"(?P<n4>{_plain(number)})\s+{unit.replace('unit', 'unit4')})",
        re.IGNORECASE,
    )


def _plain(pattern: str) -> str:
    """The quantity regex without its named groups, to embed it inside another pattern."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


_DURATION_UNIT = re.compile(r"(?<![^\s-])(?:hours?|hrs?|days?|minutes?)", re.IGNORECASE)
HOURS_PER_UNIT = {"h": 1.0, "d": 24.0, "m": 1 / 60}


def duration_hours(text: str) -> Found[float | None]:
    """How long the attack lasted, only where the report states it ("after a 4-hour long operation")."""
    if not _DURATION_UNIT.search(text):
        return Found(None)  # every form names its unit: most reports need no pass of the long pattern
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


PLURAL_SUICIDE = re.compile(r"bombers|attackers|themselves|their|belts|vests", re.IGNORECASE)


def _suicide_dead(doc: Doc, scope: Scope, attackers: Found[int | None]) -> Found[Count]:
    """Attackers who died by their own bombs: one for "a suicide bomber blew himself up", all the
    attackers for "nine bombers" in a suicide bombing, unknown for a plain "suicide bombers".
    Mentions in background sentences or in doubt ("whether a suicide bomber was involved") don't count."""
    cues = load_cues()
    spans = []
    for start, end in suicide_perpetrators(doc_text(doc)):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or is_background(span.root, scope):
            continue
        if any(t.lower_ in cues.hedges for t in span.sent):
            continue
        spans.append((start, end))
    if not spans:
        return Found(Count())
    bombers = attackers.value is not None and any("bomb" in doc_text(doc)[s:e].lower() for s, e in attackers.spans)
    plural = all(PLURAL_SUICIDE.search(doc_text(doc)[s:e]) for s, e in spans)
    if bombers or (plural and attackers.value):
        # "Three attackers opened fire and then blew themselves up": every counted attacker died
        return Found(Count.of(attackers.value), spans[:1] + attackers.spans)
    if plural:
        return Found(Count())
    return Found(Count.of(1), spans[:1])


# ---------------------------------------------------------------- attackers who lived

SURVIVAL_VERBS = frozenset({"surrendered", "fled", "escaped"})
SUSPECT_NOUNS = frozenset({"suspect", "suspects", "shooter", "shooters", "driver", "he", "she"})


def attackers_who_lived(doc: Doc, scope: Scope) -> Found[Count]:
    """ "One suspect was arrested", "he surrendered to police", "the gunman fled": the attackers lived, so none
    of them died in the attack (GTD's nkillter 0). Only asked when no attacker is told dead."""
    cues = load_cues()
    for token in doc:
        if token.lower_ not in cues.capture_verbs | SURVIVAL_VERBS or is_background(token, scope):
            continue
        if any(c.dep_ == "neg" for c in token.children):
            continue  # 'the gunmen have not been detained'
        # caught: told in the passive ('was arrested'); 'militants seized the building' caught nobody
        role = "nsubj" if token.lower_ in SURVIVAL_VERBS else "nsubjpass"
        for subject in (c for c in token.children if c.dep_ == role):
            if _is_subset(subject) or any(c.dep_ == "prep" and c.lower_ == "of" for c in subject.children):
                continue  # 'two of the raiders were captured': the others may have died
            if is_perpetrator(subject) or subject.lower_ in SUSPECT_NOUNS:
                return Found(Count.of(0), [(subject.left_edge.idx, token.idx + len(token.text))])
    return Found(Count())
