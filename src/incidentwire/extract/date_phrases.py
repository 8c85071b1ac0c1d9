"""Date phrases in a report and the days they name: the candidates `dates.py` chooses the incident's day from.

Candidate phrases are found with compiled regexes (and spaCy DATE entities the regexes missed); only those
phrases go to dateparser, which is slow per call. Weekdays, feasts, "last month" and "a week after" are
resolved against the published date here; which day is the attack's is decided in `dates.py`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, datetime, timedelta
from functools import lru_cache
from typing import Literal

import dateparser
from dateutil.easter import easter

from .. import vocab
from ..text import MONTH_NAMES
from ..vocab.models import DateCuesFile
from .context import in_background
from .spans import Context

Precision = Literal["day", "inferred", "month", "year"]

# Days before publication within which a stated day is taken to be the news itself, not history.
RECENT_DAYS = 14
# Characters around a date phrase in which a background word ("ceasefire") marks it as history.
BACKGROUND_BEFORE = 80
BACKGROUND_AFTER = 60
# Characters before a date phrase in which a follow-up verb ("released on") marks a later stage.
FOLLOWUP_BEFORE = 50

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = tuple(name.capitalize() for name in MONTH_NAMES)
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_FULL_MONTH = "(?:" + "|".join(MONTHS) + ")"
_ORDINAL = r"\d{1,2}(?:st|nd|rd|th)?"
_ON = r"(?:(?i:on|early\s+on|late\s+on)\s+)?"
_PART_OF_DAY = r"(?:\s+(?i:morning|afternoon|evening|night))?"


@dataclass
class DateCandidate:
    """One date phrase in the text, resolved, with what its sentence says about it."""

    day: date
    precision: Precision
    span: tuple[int, int]
    attack: bool = False
    background: bool = False
    followup: bool = False
    anchored: bool = False  # bound to the attack's name: "Monday's blast", "the attack on Oct. 14"
    statement: bool = False  # the day something was said: "police said on Sunday"
    later_stage: bool = False  # a day told as some time after the attack: "returned on Friday, a week after ..."


@dataclass(frozen=True)
class DateCues:
    attack: re.Pattern
    background: re.Pattern
    background_before: re.Pattern
    followup: re.Pattern
    same_day: re.Pattern
    night: re.Pattern
    anchor_after: re.Pattern
    anchor_before: re.Pattern
    statement_before: re.Pattern
    vague_past: re.Pattern
    other_attack_before: re.Pattern
    named_days: re.Pattern
    easter_days: dict[str, int]  # feast (lower case) -> days from Easter Sunday
    future_before: re.Pattern


def _phrase_pattern(phrases: list[str]) -> re.Pattern:
    longest_first = sorted(phrases, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in longest_first) + r")\b", re.I)


@lru_cache(maxsize=1)
def date_cues() -> DateCues:
    """The cue lists of vocab/date_cues.json, compiled once."""
    raw = vocab.load("date_cues.json", DateCuesFile)
    before = "|".join(re.escape(p) for p in raw.background_before)
    nouns = "|".join(re.escape(p) for p in sorted(raw.anchor_nouns, key=len, reverse=True))
    verbs = "|".join(re.escape(p) for p in sorted(raw.statement_verbs, key=len, reverse=True))
    settings = "|".join(re.escape(p) for p in raw.statement_settings)
    return DateCues(
        attack=_phrase_pattern(raw.attack_cues),
        background=_phrase_pattern(raw.background_cues),
        background_before=re.compile(r"\b(?:" + before + r")\s+(?:the\s+)?$", re.I),
        followup=_phrase_pattern(raw.followup_cues),
        same_day=_phrase_pattern(raw.same_day_cues),
        night=_phrase_pattern(raw.night_cues),
        # "Sunday's suicide bombings", "the October 14 truck bombing": up to three words between
        anchor_after=re.compile(r"(?:['’]s)?\s+(?:[\w-]+\s+){0,3}?(?:" + nouns + r")\b", re.I),
        # "the attack on Oct. 14", "the bombings of April 21"
        anchor_before=re.compile(r"\b(?:" + nouns + r")\s+(?:(?:on|of)\s+)?(?:the\s+)?$", re.I),
        # "said on Sunday", "told reporters late on Friday", "said in a televised interview on Sunday"
        statement_before=re.compile(
            r"\b(?:"
            + verbs
            + r")(?:\s+(?:in|at|during)\s+(?:a|an|the|its|his|her)\s+(?:[\w-]+\s+){0,2}?(?:"
            + settings
            + r"))?\s*$",
            re.I,
        ),
        vague_past=_phrase_pattern(raw.vague_past),
        other_attack_before=re.compile(raw.other_attack_before, re.I),
        named_days=_phrase_pattern([*raw.named_days, *raw.easter_days]),
        easter_days={name.lower(): offset for name, offset in raw.easter_days.items()},
        future_before=re.compile(raw.future_before, re.I),
    )


# Explicit days: "May 7, 2013", "7 May 2013", "18th of December", "05/07/2013" (US order), "2013-05-07".
_EXPLICIT_DAY = re.compile(
    _ON + r"(?P<phrase>"
    rf"\b{_MONTH}\s+{_ORDINAL}\b(?:,?\s+\d{{4}}\b)?"
    rf"|\b{_ORDINAL}\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}}\b)?"
    r"|\b\d{1,2}/\d{1,2}/\d{4}\b"
    r"|\b\d{4}-\d{2}-\d{2}\b)" + _PART_OF_DAY
)
# "on Friday", "late on Friday", "Friday night", "Sunday's", "last Friday".
_WEEKDAY = re.compile(
    r"(?:(?i:on|early\s+on|late\s+on|last|early|late)\s+)?\b(?P<weekday>" + "|".join(WEEKDAYS) + r")\b"
    r"(?:['’]s)?" + _PART_OF_DAY
)
# "on monday" in lower-cased text: only after a preposition, where a weekday cannot be another word.
_LOWER_WEEKDAY = re.compile(
    r"\b(?:on|last)\s+\b(?P<weekday>" + "|".join(w.lower() for w in WEEKDAYS) + r")\b" + _PART_OF_DAY, re.I
)
_YESTERDAY = re.compile(r"\b(?:yesterday(?:\s+(?:morning|afternoon|evening))?|last\s+night)\b", re.I)
_TODAY = re.compile(r"\b(?:earlier\s+)?today\b", re.I)
# "a day earlier", "two days ago", "a week earlier": counted back from the sentence's day (or publication).
_OFFSET = re.compile(
    r"\b(?P<n>a|an|one|two|three|four|five|six|seven|\d{1,2})\s+(?P<unit>days?|weeks?)\s+(?P<dir>earlier|ago|after)\b",
    re.I,
)
# "ending about 60 hours of fighting": the stated day is the end of a siege that began days before.
ENDING_AFTER_HOURS = re.compile(
    r"\b(?:ending|ended|end(?:s|ed)?\s+to)\s+(?:an?\s+|the\s+)?(?:about|nearly|almost|more\s+than|some|over|roughly)?\s*"
    r"(?P<hours>\d{2,3})(?:\s+|-)hours?\b",
    re.I,
)
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
# "last November", "in November 2022", "early this month", "last month".
_MONTH_PHRASE = re.compile(
    r"\b(?P<lead>(?i:in|during|early|late|mid|last|this|earlier\s+in|since))[\s-]+"
    rf"(?P<month>{_FULL_MONTH})(?:\s+(?P<year>\d{{4}}))?\b"
    rf"|\b(?P<bare>{_FULL_MONTH})\s+(?P<bare_year>\d{{4}})\b"
    r"|\b(?P<relative>(?i:(?:earlier|early|late)\s+this\s+month|this\s+month|last\s+month))\b"
)
_YEAR_PHRASE = re.compile(
    r"\b(?i:in|during|since|early|late|mid)[\s-]+(?P<year>(?:19|20)\d{2})\b"
    r"|\b(?P<relative>(?i:last\s+year|earlier\s+this\s+year|this\s+year))\b"
)
_HAS_DAY_NUMBER = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\b")
_HAS_MONTH = re.compile(rf"\b{_MONTH}")


@lru_cache(maxsize=4096)
def _parse_phrase(phrase: str, base: date | None) -> date | None:
    """dateparser on one short phrase, English only, never preferring the future."""
    settings = {
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "DATE_ORDER": "MDY",
        "PREFER_DAY_OF_MONTH": "first",
    }
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def _has_year(phrase: str) -> bool:
    return re.search(r"\d{4}", phrase) is not None


def explicit_days(text: str, published: date | None) -> list[DateCandidate]:
    """Stated calendar days; a day without a year needs a published date to take its year from."""
    found = []
    for match in _EXPLICIT_DAY.finditer(text):
        phrase = match.group("phrase")
        if published is None and not _has_year(phrase):
            continue
        day = _parse_phrase(phrase.replace(".", ""), published)
        if day is not None:
            found.append(DateCandidate(day, "day", match.span()))
    return found


def days_before(day: date, days: int) -> date | None:
    """`day` less `days` days, or None where that falls before the calendar's first day (a report
    dated 0001-01-01 must not crash date arithmetic)."""
    try:
        return day - timedelta(days=days)
    except OverflowError:
        return None


def first_of_month(year: int, month: int) -> date | None:
    """The month's first day, or None for a year the calendar lacks ("March 0000", "last year" in year 1)."""
    return date(year, month, 1) if MINYEAR <= year <= MAXYEAR else None


def most_recent_weekday(published: date, weekday: int, strictly_before: bool = False) -> date | None:
    """The latest date on or before `published` (or before it, for "last Friday") falling on `weekday`."""
    back = (published.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return days_before(published, back)


def weekday_days(text: str, published: date | None) -> list[DateCandidate]:
    if published is None:
        return []
    found = []
    cues = date_cues()
    named = [(m.span(), m.group(0).lower()) for m in cues.named_days.finditer(text)]
    lower = [m for m in _LOWER_WEEKDAY.finditer(text) if m.group("weekday").islower()]
    for match in sorted([*_WEEKDAY.finditer(text), *lower], key=lambda m: m.start()):
        if _told_as_to_come(text, match.start(), cues):
            continue
        weekday = WEEKDAYS.index(match.group("weekday").capitalize())
        strictly_before = match.group(0).lower().startswith("last ")
        day = most_recent_weekday(published, weekday, strictly_before)
        name = next((n for span, n in named if _overlaps(match.span("weekday"), [span])), None)
        if name is not None and day != _latest_feast(cues.easter_days.get(name), published):
            continue  # 'Bloody Sunday'; 'the Palm Sunday bombings' of another month
        if day is not None:
            found.append(DateCandidate(day, "day", match.span()))
    return found


def _latest_feast(days_from_easter: int | None, published: date) -> date | None:
    """The last day on or before publication that is this feast (None for a name that is no feast)."""
    if days_from_easter is None:
        return None
    for year in (published.year, published.year - 1):
        feast = easter(year) + timedelta(days=days_from_easter)
        if feast <= published:
            return feast
    return None


# Words before a weekday that may tell it is a day to come ("was due to visit Orlando on Thursday").
FUTURE_LOOKBACK_CHARS = 60


def _told_as_to_come(text: str, start: int, cues: DateCues) -> bool:
    sentence_start = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    return bool(cues.future_before.search(text[max(sentence_start, start - FUTURE_LOOKBACK_CHARS) : start]))


def relative_days(text: str, published: date | None) -> list[DateCandidate]:
    """ "yesterday", "last night" (the day before) and "today" (the published day)."""
    if published is None:
        return []
    yesterday = days_before(published, 1)
    found = [DateCandidate(yesterday, "day", m.span()) for m in _YESTERDAY.finditer(text) if yesterday]
    found += [DateCandidate(published, "day", m.span()) for m in _TODAY.finditer(text)]
    return found


def _offset_days(match: re.Match) -> int:
    n = match.group("n").lower()
    count = _NUMBER_WORDS[n] if n in _NUMBER_WORDS else int(n)
    return count * (7 if match.group("unit").lower().startswith("week") else 1)


def offset_days(ctx: Context, days: list[DateCandidate]) -> list[DateCandidate]:
    """ "two days ago" from publication; "a day earlier" from the last day stated before it in its sentence."""
    if ctx.published is None:
        return []
    found = []
    for match in _OFFSET.finditer(ctx.text):
        if match.group("dir").lower() == "after":
            found += _counted_back_from_a_later_day(ctx, match, days)
            continue
        base = ctx.published
        if match.group("dir").lower() == "earlier":
            sent_start = _sentence_start(ctx, match.start())
            before = [c for c in days if sent_start <= c.span[0] < match.start() and c.precision == "day"]
            if before:
                base = before[-1].day
        day = days_before(base, _offset_days(match))
        if day is not None:
            found.append(DateCandidate(day, "day", match.span()))
    return found


def _counted_back_from_a_later_day(ctx: Context, match: re.Match, days: list[DateCandidate]) -> list[DateCandidate]:
    """ "Worshippers returned on Friday, exactly a week after militants killed 300 there": the attack is the
    Friday a week before, and that Friday a later stage. When the clause before already tells an attack
    ("were killed on Friday, two days after militants attacked a base"), what came before is another
    event: nothing is counted back."""
    sent_start = _sentence_start(ctx, match.start())
    before = [c for c in days if sent_start <= c.span[0] < match.start() and c.precision == "day"]
    if not before or date_cues().attack.search(ctx.text, sent_start, before[-1].span[0]):
        return []
    if date_cues().attack.search(ctx.text, before[-1].span[1], match.start()):
        return []
    day = days_before(before[-1].day, _offset_days(match))
    if day is None:
        return []
    before[-1].later_stage = True
    return [DateCandidate(day, "day", match.span())]


def _sentence_start(ctx: Context, pos: int) -> int:
    for sent in ctx.doc.sents:
        if sent.start_char <= pos < sent.end_char:
            return sent.start_char
    return 0


def _month_before(published: date, month: int, strictly_before: bool) -> date | None:
    year = (
        published.year
        if month < published.month or (month == published.month and not strictly_before)
        else published.year - 1
    )
    return first_of_month(year, month)


def _resolve_month(match: re.Match, published: date | None) -> date | None:
    relative = match.group("relative")
    if relative:
        if published is None:
            return None
        if relative.lower().startswith("last"):
            last_month = days_before(published.replace(day=1), 1)
            return last_month.replace(day=1) if last_month else None
        return published.replace(day=1)
    name = match.group("month") or match.group("bare")
    year = match.group("year") or match.group("bare_year")
    month = MONTHS.index(name) + 1
    if year:
        return first_of_month(int(year), month)
    if published is None:
        return None
    lead = (match.group("lead") or "").lower()
    return _month_before(published, month, strictly_before=lead == "last")


def month_days(text: str, published: date | None) -> list[DateCandidate]:
    found = []
    for match in _MONTH_PHRASE.finditer(text):
        day = _resolve_month(match, published)
        if day is not None:
            found.append(DateCandidate(day, "month", match.span()))
    return found


def year_days(text: str, published: date | None) -> list[DateCandidate]:
    found = []
    for match in _YEAR_PHRASE.finditer(text):
        relative = (match.group("relative") or "").lower()
        if relative:
            if published is None:
                continue
            year = published.year - 1 if relative.startswith("last") else published.year
        else:
            year = int(match.group("year"))
        day = first_of_month(year, 1)
        if day is not None:
            found.append(DateCandidate(day, "year", match.span()))
    return found


def entity_days(ctx: Context, taken: list[tuple[int, int]]) -> list[DateCandidate]:
    """spaCy DATE entities naming a calendar day that the regexes did not already catch."""
    found = []
    for ent in ctx.doc.ents:
        if ent.label_ != "DATE" or _overlaps((ent.start_char, ent.end_char), taken):
            continue
        if not (_HAS_MONTH.search(ent.text) and _HAS_DAY_NUMBER.search(ent.text)):
            continue
        if ctx.published is None and not _has_year(ent.text):
            continue
        day = _parse_phrase(ent.text, ctx.published)
        if day is not None:
            found.append(DateCandidate(day, "day", (ent.start_char, ent.end_char)))
    return found


def _overlaps(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in others)


def _without_overlaps(candidates: list[DateCandidate]) -> list[DateCandidate]:
    """Keeps the first-found (finer) candidate where two phrases cover the same words."""
    kept: list[DateCandidate] = []
    for candidate in candidates:
        if not _overlaps(candidate.span, [k.span for k in kept]):
            kept.append(candidate)
    return kept


def date_candidates(ctx: Context) -> list[DateCandidate]:
    """Every resolvable date phrase in the report, finest precision first where phrases overlap."""
    text, published = ctx.text, ctx.published
    found = explicit_days(text, published) + weekday_days(text, published) + relative_days(text, published)
    found = _without_overlaps(found)
    found = _without_overlaps(found + offset_days(ctx, sorted(found, key=lambda c: c.span)))
    found += entity_days(ctx, [c.span for c in found])
    found = _without_overlaps(found + month_days(text, published) + year_days(text, published))
    mark_sentence_context(ctx, found)
    return sorted(found, key=lambda c: c.span)


def mark_sentence_context(ctx: Context, candidates: list[DateCandidate]) -> None:
    """Flags each candidate whose sentence tells of the attack, whose neighbourhood is history,
    or that dates a later stage (a release, a body found)."""
    cues = date_cues()
    text = ctx.text
    sentences = [(s.start_char, s.end_char) for s in ctx.doc.sents]
    starts = [s for s, _ in sentences]
    for candidate in candidates:
        start, end = candidate.span
        index = max(bisect_right(starts, start) - 1, 0)
        sent_start, sent_end = sentences[index] if sentences else (0, len(text))
        candidate.attack = bool(cues.attack.search(text, sent_start, sent_end))
        window = text[max(sent_start, start - BACKGROUND_BEFORE) : min(sent_end, end + BACKGROUND_AFTER)]
        preceding = text[max(sent_start, start - 20) : start]
        candidate.background = bool(cues.background.search(window) or cues.background_before.search(preceding))
        if candidate.background and not _background_before_the_phrase(text, sent_start, start, end, cues):
            # "exploded on January 3 during a procession marking the anniversary of ...": the day is the attack's
            candidate.background = not _dates_an_attack_clause(ctx, start, end, cues)
        candidate.followup = candidate.later_stage or bool(
            cues.followup.search(text[max(sent_start, start - FOLLOWUP_BEFORE) : start])
        )
        before_phrase = text[max(sent_start, start - FOLLOWUP_BEFORE) : start]
        candidate.anchored = bool(
            candidate.precision == "day"
            and (
                cues.anchor_before.search(before_phrase)
                or (not _starts_with_on(text[start:end]) and cues.anchor_after.match(text, end))
            )
        )
        if candidate.anchored and not candidate.later_stage:
            # "two gunmen were arrested after Wednesday's attack": the day is bound to the attack itself
            candidate.followup = False
        candidate.statement = bool(cues.statement_before.search(before_phrase))
        if candidate.statement and not text[start:end].lower().endswith(("'s", "’s")):
            candidate.anchored = False  # "the minister said Wednesday the attack may show ...": the day he spoke
        # "Earlier today, police raided ...": another event's sentence, but "today" is still the report's day
        told_today = text[start:end].lower().endswith("today")
        if cues.other_attack_before.search(before_phrase) or (in_background(ctx.doc, start) and not told_today):
            candidate.background = True
        if candidate.precision == "day" and _in_a_history_aside(ctx, start, end):
            # "the Supreme Court, which ruled on Sunday": a day of someone else's doing, unless the clause tells
            # the attack ("the gunmen, who stormed the school on Monday")
            candidate.attack = candidate.attack and _dates_an_attack_clause(ctx, start, end, cues)
        if (candidate.precision in ("month", "year") and _in_a_history_aside(ctx, start, end)) or _in_a_since_clause(
            ctx, start, end
        ):
            candidate.background = True


def _background_before_the_phrase(text: str, sent_start: int, start: int, end: int, cues: DateCues) -> bool:
    preceding = text[max(sent_start, start - BACKGROUND_BEFORE) : end]
    return bool(
        cues.background.search(preceding) or cues.background_before.search(text[max(sent_start, start - 20) : start])
    )


def _dates_an_attack_clause(ctx: Context, start: int, end: int, cues: DateCues) -> bool:
    """The phrase hangs on a verb or noun of the attack ("the explosions occurred ... on January 3")."""
    words = ctx.doc.char_span(start, end, alignment_mode="expand")
    if words is None:
        return False
    head = words.root
    while head.dep_ in ("pobj", "prep", "npadvmod", "nummod", "compound", "appos") and head.head is not head:
        head = head.head
    told = [head, *(c for c in head.children if c.dep_ in ("nsubj", "nsubjpass"))]
    return any(cues.attack.fullmatch(t.text) for t in told)


def _in_a_since_clause(ctx: Context, start: int, end: int) -> bool:
    """ "the 12th attack since the president took office on May 29": a day things are counted from."""
    words = ctx.doc.char_span(start, end, alignment_mode="expand")
    if words is None:
        return False
    for ancestor in [words.root, *words.root.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ == "since" for c in ancestor.children):
            return True
        if ancestor.dep_ in ("advcl", "relcl", "ROOT", "ccomp"):
            return False
    return False


def _in_a_history_aside(ctx: Context, start: int, end: int) -> bool:
    """ "Soleimani, who was killed by a US drone in 2020": a year or month inside a relative clause about a
    person or a group is their history, not the attack's day."""
    words = ctx.doc.char_span(start, end, alignment_mode="expand")
    if words is None:
        return False
    for ancestor in words.root.ancestors:
        if ancestor.dep_ == "relcl":
            who = any(c.lower_ in ("who", "whom", "whose") for c in ancestor.subtree)
            return who or ancestor.head.ent_type_ in ("PERSON", "ORG", "NORP") or ancestor.head.pos_ == "PROPN"
    return False


def _starts_with_on(phrase: str) -> bool:
    """ "on Monday attacks rose" is not "Monday's attacks"."""
    return phrase.lower().startswith(("on ", "early on", "late on"))
