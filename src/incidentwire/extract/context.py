"""One reading of a report before its fields: which sentences tell THIS attack, which are background.

A report tells its attack in the lead and the sentences that follow it, and then recalls other things:
last year's bombing, the war's running toll, another attack the same week. Each sentence is marked
"anchor" or "background" once per document (the parse's sentences, the publication year, and the cue
lists in vocab/context_cues.json), and stored on the Doc as `doc._.context`. Evidence spans say which part
they came from (`Evidence.context`), and a figure whose only evidence is background does not become the
attack's toll: it is kept in `conflicts` for an analyst to see.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict
from spacy.tokens import Doc, Span

from ..model import EvidenceContext
from ..nlp import has_a_verb, lead_sentence
from ..vocab import load_json

ANCHOR: Literal["anchor"] = "anchor"
BACKGROUND: Literal["background"] = "background"
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_WORDS = re.compile(r"[a-z']+")
ASIDE_DEPS = ("relcl", "appos")
LEAD_MIN_WORDS = 6  # a dateline ("DUBAI, Jan 3 (Reuters) -") parsed as a sentence is not the lead


class ContextCues(BaseModel):
    model_config = ConfigDict(extra="forbid")

    about: str
    past_phrases: list[str]
    other_event_phrases: list[str]
    cumulative_phrases: list[str]
    this_attack_phrases: list[str]
    comparison_phrases: list[str]
    reporting_verbs: list[str]
    not_past_phrases: list[str]


@lru_cache(maxsize=1)
def _cue_lists() -> ContextCues:
    return load_json("context_cues.json", ContextCues)


@lru_cache(maxsize=1)
def _cues() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    cues = _cue_lists()
    background = tuple(f" {p} " for p in cues.past_phrases + cues.other_event_phrases + cues.cumulative_phrases)
    return (
        background,
        tuple(f" {p} " for p in cues.this_attack_phrases),
        tuple(f" {p} " for p in cues.comparison_phrases),
    )


@dataclass(frozen=True)
class DocumentContext:
    """Each sentence's start offset and its part, and the clauses of anchor sentences that tell of something
    else (background asides); ask `at(char)` for the part of any offset."""

    starts: tuple[int, ...]
    parts: tuple[EvidenceContext, ...]
    asides: tuple[tuple[int, int], ...] = ()  # character ranges

    def at(self, char: int) -> EvidenceContext:
        if any(start <= char < end for start, end in self.asides):
            return BACKGROUND
        index = bisect.bisect_right(self.starts, char) - 1
        return self.parts[index] if index >= 0 else ANCHOR

    @property
    def background_share(self) -> float:
        return sum(p == BACKGROUND for p in self.parts) / len(self.parts) if self.parts else 0.0


if not Doc.has_extension("context"):
    Doc.set_extension("context", default=None)


def in_background(doc: Doc, char: int) -> bool:
    """The document's reading puts this offset in the background (False before the reading is made)."""
    context = doc._.context
    return context is not None and context.at(char) == BACKGROUND


def read_context(doc: Doc, published: date | None) -> DocumentContext:
    """Marks every sentence of a parsed report; the lead sentence (and a dateline before it) is the anchor."""
    sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    lead = next(
        (i for i, s in enumerate(sentences) if sum(t.is_alpha for t in s) >= LEAD_MIN_WORDS and has_a_verb(s)),
        0,
    )  # a menu line above the lead has many words and no verb
    body_lead = lead_sentence(doc)  # past a headline line, where the lead tells its day
    lead_day = _weekday_of(body_lead.text) if body_lead is not None else None
    if body_lead is not None and lead_day is None:
        lead_day = day_of_the_next_sentence(sentences, body_lead)
    lead_days = {lead_day} if lead_day else set()
    told_today = body_lead is not None and TOLD_AS_JUST_HAPPENED.search(body_lead.text) is not None
    if lead_day is None and published is not None and told_today:
        # 'Bombers have struck a market': the day it is published, or the night before
        lead_days = {WEEKDAYS[published.weekday()], WEEKDAYS[(published.weekday() - 1) % 7]}
    if body_lead is not None:  # a headline above the lead is anchor too, and so is the lead below it
        lead = max(lead, max((i for i, s in enumerate(sentences) if s.start < body_lead.end), default=lead))
    other_attacks = {
        index
        for index, s in enumerate(sentences)
        if index > lead
        and (
            _another_days_attack(_first_clause(s.text), lead_days)
            or _opens_on_an_earlier_date(s.text, published)
            or _dated_to_an_earlier_month(_first_clause(s.text), published)
        )
    }
    parts = [
        ANCHOR
        if index <= lead
        else BACKGROUND
        if index in other_attacks
        else sentence_part(_first_clause(_main_clauses(s)), published)
        for index, s in enumerate(sentences)
    ]
    for index in range(lead + 1, len(sentences)):  # 'Shortly afterward, X claimed it': the story just told
        if parts[index - 1] == BACKGROUND and _OPENS_AS_A_SEQUEL.match(sentences[index].text):
            parts[index] = BACKGROUND
        elif (index - 1 in other_attacks or parts[index - 1] == BACKGROUND) and _goes_on_about_it(
            sentences[index - 1], sentences[index], lead_days, published
        ):
            parts[index] = BACKGROUND  # '... a helicopter was shot down. Twelve officers were killed in the attack.'
            other_attacks.add(index)
    # past the lead: the lead's own clauses tell this attack, however they date it ("the gunmen who killed
    # 148 people last week", in a follow-up report)
    asides = tuple(
        aside
        for index, (s, part) in enumerate(zip(sentences, parts))
        if part == ANCHOR and index > lead
        for aside in _background_asides(s, published)
    )
    context = DocumentContext(tuple(s.start_char for s in sentences), tuple(parts), asides)
    doc._.context = context
    return context


# the lead tells the attack in the present perfect, as a web page does on the day
TOLD_AS_JUST_HAPPENED = re.compile(
    r"\b(?:has|have)\s+(?:been\s+)?(?:\w+ly\s+)?(?:killed|shot|wounded|injured|attacked|stabbed|kidnapped|abducted"
    r"|died|stormed|bombed|blown\s+(?:(?:themselves|himself|herself)\s+)?up|opened\s+fire|hacked|beheaded|struck|exploded)\b",
    re.IGNORECASE,
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY = re.compile(r"\b(?i:on|last|this past)\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
# the lead's own day, unless it dates a statement ('the government said Friday that ...')
_LEAD_WEEKDAY = re.compile(
    r"(?<!said )(?<!says )(?<!told )(?<!announced )(?<!reported )(?<!confirmed )(?<!said on )(?<!told reporters on )"
    r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?!['’]s)"
)
_OPENS_EARLIER_THAT_DAY = re.compile(
    r"\s*(?:(?:Earlier|Separately)\s+(?:today|in the day|this week|on the same day|the same day|that day)"
    r"|(?:Hours|Minutes|A few hours)\s+(?:earlier|before))\b",
    re.I,
)
_OPENS_AS_A_SEQUEL = re.compile(
    r"\s*(?:Shortly|Soon|Immediately|Hours|Days)\s+(?:after|afterwards?|later)\b|\s*Afterwards?\b", re.I
)
_OPENS_WITH_LAST_WEEKDAY = re.compile(
    r"\s*(?:Last|Earlier last)\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
# the acts of an attack: a sentence dating one of these to another weekday than the lead's tells another attack
_ACT = re.compile(
    r"\b(?:attack(?:ed|s)?|bomb(?:ed|ing|ings|ers?)?|blasts?|explo(?:ded|sion|sions)|detonat\w*|stormed|struck|"
    r"rammed|stabbed|gunmen|shot\s+down|killed\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+(?:attackers|militants|insurgents|gunmen)|"
    r"ambush(?:ed)?|opened fire|raid(?:ed)?|abduct(?:ed|ion)|kidnapp(?:ed|ing))\b",
    re.IGNORECASE,
)


# a lead that tells a later turn of an earlier attack (a toll revised, a funeral, charges): its day is the turn's
LEAD_LOOKS_BACK = re.compile(
    r"\b(?:toll|last (?:week|month)|revised|rose|risen|climbed|funerals?|mourn\w*)\b"
    r"|['’]s (?:attacks?|bombings?|blasts?|assault|siege|shooting|massacre)\b",
    re.IGNORECASE,
)


_THE_EVENT = re.compile(
    r"\b(?:the|that) (?:attack|blast|explosion|ambush|bombing|raid|incident|downing|shooting)\b", re.I
)


_OPENS_ON_A_WEEKDAY = re.compile(r"\s*On\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_OPENS_ON_A_DATE = re.compile(
    r"\s*On\s+(?:(?P<month>[A-Z][a-z]+)\.?\s+(?P<day>\d{1,2})|(?P<day2>\d{1,2})\s+(?P<month2>[A-Z][a-z]+))\b(?!,?\s+\d{4})"
)
EARLIER_DATE_DAYS = 7  # a sentence opening on a date over a week before the page tells an older event


def _opens_on_an_earlier_date(text: str, published: date | None) -> bool:
    """ "On March 11, 12 soldiers were killed near X" in a report published on April 24: an older attack."""
    found = _OPENS_ON_A_DATE.match(text)
    if found is None or published is None:
        return False
    month_name = (found.group("month") or found.group("month2")).lower().rstrip(".")
    month = next((i + 1 for i, m in enumerate(_MONTHS) if m.startswith(month_name) and len(month_name) >= 3), None)
    if month is None:
        return False
    try:
        told = date(published.year, month, int(found.group("day") or found.group("day2")))
    except ValueError:
        return False
    if told > published:
        told = told.replace(year=told.year - 1) if not (told.month == 2 and told.day == 29) else told
    return (published - told).days > EARLIER_DATE_DAYS


_IN_A_MONTH = re.compile(
    r"\bin\s+(January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"(?!\s*,?\s*\d)"
)
EARLIER_MONTHS = 2  # 'in March' told in a February report: eleven months back, another event


def _dated_to_an_earlier_month(text: str, published: date | None) -> bool:
    """ "In the attack on Ogossagou in March, militiamen killed 150" in a report of February: last year's."""
    if published is None:
        return False
    for found in _IN_A_MONTH.finditer(text):
        month = _MONTHS.index(found.group(1).lower()) + 1
        if (published.month - month) % 12 >= EARLIER_MONTHS:
            return True
    return False


def _goes_on_about_it(told: Span, sentence: Span, lead_days: set[str], published: date | None = None) -> bool:
    """The sentence right after one that opens on another attack's time ('Earlier the same day, a helicopter
    was shot down', 'In 2002, a truck bomb killed 20'), in its paragraph, telling 'the attack' with no day
    of its own: more of that attack."""
    if not (_opens_at_another_time(told.text, lead_days) or _opens_in_an_earlier_year(told.text, published)):
        return False
    between = told.doc.text[told.end_char : sentence.start_char]
    text = sentence.text
    return "\n\n" not in told.text.rstrip() + between and bool(_THE_EVENT.search(text)) and not _WEEKDAY.search(text)


_OPENS_IN_A_YEAR = re.compile(r"\s*(?:In|By)\s+(?:early\s+|late\s+|mid-?)?((?:19|20)\d\d)\b")


def _opens_in_an_earlier_year(text: str, published: date | None) -> bool:
    opening = _OPENS_IN_A_YEAR.match(text)
    return opening is not None and published is not None and int(opening.group(1)) < published.year


def _opens_at_another_time(text: str, lead_days: set[str]) -> bool:
    if _OPENS_EARLIER_THAT_DAY.match(text) or _OPENS_AS_A_SEQUEL.match(text):
        return True
    opening = _OPENS_WITH_LAST_WEEKDAY.match(text) or _OPENS_ON_A_WEEKDAY.match(text)
    return opening is not None and bool(lead_days) and opening.group(1) not in lead_days


def day_of_the_next_sentence(sentences: list[Span], lead: Span) -> str | None:
    """A lead without a day ("Five people have been beheaded ...") is often dated by the sentence after it
    ("they were attacked ... on Tuesday"): the day of this attack, when that sentence tells an act."""
    after = next((s for s in sentences if s.start >= lead.end), None)
    if after is None or LEAD_LOOKS_BACK.search(lead.text) or not _ACT.search(after.text):
        return None
    found = _WEEKDAY.search(after.text)
    return found.group(1) if found and not after.text.lstrip().lower().startswith("last") else None


def _weekday_of(text: str) -> str | None:
    """The weekday the lead dates its attack to (none for a lead that looks back at an earlier attack)."""
    if LEAD_LOOKS_BACK.search(text):
        return None
    found = _LEAD_WEEKDAY.search(text)
    return found.group(1) if found else None


def _another_days_attack(text: str, lead_days: set[str]) -> bool:
    """ "Daesh claimed an attack on a mosque in Kabul on Thursday" in a report of Sunday's attack: an attack
    dated to another weekday than the lead's (`lead_days`: one, or two for a lead told as just happened) is
    another attack (a toll or claim told on a later day, without an act, is not)."""
    if _OPENS_EARLIER_THAT_DAY.match(text) and _ACT.search(text):
        return True  # "Earlier today, security forces attacked Maoists in Abujhmad and killed five": another event
    if not lead_days:
        return False
    opening = _OPENS_WITH_LAST_WEEKDAY.match(text)
    if opening is not None and opening.group(1) not in lead_days:
        return True  # "Last Friday, the insurgents killed two people" in a report of Tuesday's attack
    days = {m.group(1) for m in _WEEKDAY.finditer(text)}
    if not days or days & lead_days or not _ACT.search(text):
        return False
    _, this_attack, _ = _cues()
    return not any(p in f" {' '.join(_WORDS.findall(text.lower()))} " for p in this_attack)


def _first_clause(text: str) -> str:
    """The sentence up to its first semicolon: what follows is a clause of its own ('TTP said it carried out
    the raid; over the past months the group has ...'), judged as an aside."""
    return text.split(";", 1)[0]


def _background_asides(sentence, published: date | None) -> list[tuple[int, int]]:
    """ "Saturday's attack hit the market where a truck bomber killed 28 last month": the sentence tells this
    attack, its relative or adverbial clause (or a clause after a semicolon) an older one."""
    found = []
    semicolon = next((t for t in sentence if t.text == ";"), None)
    if semicolon is not None:
        rest = sentence.doc[semicolon.i + 1 : sentence.end]
        if len(rest) and sentence_part(rest.text, published) == BACKGROUND:
            found.append((rest.start_char, rest.end_char))
    for token in sentence:
        if token.dep_ not in ("relcl", "advcl", "appos"):
            continue
        words = list(token.subtree)
        if sentence_part(" ".join(t.text for t in words), published) == BACKGROUND:
            found.append((words[0].idx, words[-1].idx + len(words[-1].text)))
    return found


def _main_clauses(sentence) -> str:
    """The sentence without its relative clauses and appositions: "X, which bombed a market in 2013,
    claimed the attack" tells of this attack; only the clause about 2013 is background. A time phrase on
    a reporting verb goes too: it dates the telling."""
    aside = {t.i for token in sentence if token.dep_ in ASIDE_DEPS or _dates_the_telling(token) for t in token.subtree}
    return " ".join(t.text for t in sentence if t.i not in aside)


def _dates_the_telling(token) -> bool:
    """ "Police said last week that 276 girls were taken": "last week" dates the report, not the event."""
    return token.dep_ == "npadvmod" and token.head.lower_ in _reporting_verbs()


@lru_cache(maxsize=1)
def _reporting_verbs() -> frozenset[str]:
    return frozenset(_cue_lists().reporting_verbs)


def sentence_part(text: str, published: date | None) -> EvidenceContext:
    """'background' when the sentence dates itself earlier, names another event or gives a running total."""
    lowered = f" {' '.join(_WORDS.findall(text.lower()))} "
    background, this_attack, comparison = _cues()
    if _happened_in_an_earlier_year(text, published) or _THE_LAST_ONE_WAS_ON.search(text):
        return BACKGROUND  # "the country's deadliest attack occurred in 2002, when ...": that one, not this
    if _OPENS_SEPARATELY.match(text):
        return BACKGROUND  # "Separately, gunmen killed ...", not "bombers separately attacking a wedding"
    if any(p in lowered for p in comparison):
        return ANCHOR
    if any(p in lowered for p in this_attack) and not _names_an_earlier_year(text, published):
        return ANCHOR
    plain = lowered.replace("'s ", " ")  # "last week's bombing" dates it as "last week" does
    for idiom in _cue_lists().not_past_phrases:  # "a previously unknown group" dates nothing
        plain = plain.replace(f" {idiom} ", " ")
        lowered = lowered.replace(f" {idiom} ", " ")
    if any(p in lowered or p in plain for p in background) or _names_an_earlier_year(text, published):
        return BACKGROUND
    return ANCHOR


_OPENS_SEPARATELY = re.compile(r"\s*(?:(?:also|and|but)\s+)?separately\b", re.IGNORECASE)
# "The most recent major attack claimed by IS was on January 2": the one before this
_THE_LAST_ONE_WAS_ON = re.compile(
    r"\b(?:most recent|last|previous|latest)\s+(?:[\w-]+\s+){0,2}(?:attack|bombing|blast|assault|massacre)\b"
    r"[^.]{0,60}?\b(?:was|came|occurred|happened|took place)\s+(?:on|in)\b",
    re.IGNORECASE,
)
_HAPPENED_IN_A_YEAR = re.compile(
    r"\b(?:occurred|happened|took place|came|struck)\s+in\s+(?:[A-Z][a-z]+\s+)?((?:19|20)\d\d)\b"
)


def _happened_in_an_earlier_year(text: str, published: date | None) -> bool:
    found = _HAPPENED_IN_A_YEAR.search(text)
    return published is not None and found is not None and int(found.group(1)) < published.year


def _names_an_earlier_year(text: str, published: date | None) -> bool:
    if published is None:
        return False
    return any(int(year) < published.year for year in _YEAR.findall(text))
