"""The day an incident began, resolved against the report's published date, with the words that prove it.

Candidate date phrases are found with compiled regexes (and spaCy DATE entities the regexes missed);
only those phrases go to dateparser, which is slow per call. Each candidate is then judged by its
sentence: one that mentions the attack counts, one near background words ("ceasefire", "since ...")
does not. The incident began on the earliest attack-linked day near publication, because follow-up
reports mention later days (the operation ended, the toll rose, the claim came) but rarely earlier ones.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from importlib import resources
from typing import Literal

import dateparser

from .spans import Context, Found

Precision = Literal["day", "inferred", "month", "year"]

# Days before publication within which a stated day is taken to be the news itself, not history.
RECENT_DAYS = 14
# Characters around a date phrase in which a background word ("ceasefire") marks it as history.
BACKGROUND_BEFORE = 80
BACKGROUND_AFTER = 60
# Characters before a date phrase in which a follow-up verb ("released on") marks a later stage.
FOLLOWUP_BEFORE = 50

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_FULL_MONTH = "(?:" + "|".join(MONTHS) + ")"
_ORDINAL = r"\d{1,2}(?:st|nd|rd|th)?"
_ON = r"(?:(?i:on|early\s+on|late\s+on)\s+)?"
_PART_OF_DAY = r"(?:\s+(?i:morning|afternoon|evening|night))?"


@dataclass
class IncidentDate:
    """The day the incident began ("YYYY-MM-DD"; first of the month/year for coarser precision)."""

    date: str | None
    precision: Precision | None


@dataclass
class DateCandidate:
    """One date phrase in the text, resolved, with what its sentence says about it."""

    day: date
    precision: Precision
    span: tuple[int, int]
    attack: bool = False
    background: bool = False
    followup: bool = False


@dataclass(frozen=True)
class DateCues:
    attack: re.Pattern
    background: re.Pattern
    background_before: re.Pattern
    followup: re.Pattern
    same_day: re.Pattern
    night: re.Pattern


def _phrase_pattern(phrases: list[str]) -> re.Pattern:
    longest_first = sorted(phrases, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in longest_first) + r")\b", re.I)


@lru_cache(maxsize=1)
def date_cues() -> DateCues:
    """The cue lists of vocab/date_cues.json, compiled once."""
    path = resources.files("incidentwire.vocab").joinpath("date_cues.json")
    raw = json.loads(path.read_text(encoding="utf-8"))
    before = "|".join(re.escape(p) for p in raw["background_before"])
    return DateCues(
        attack=_phrase_pattern(raw["attack_cues"]),
        background=_phrase_pattern(raw["background_cues"]),
        background_before=re.compile(r"\b(?:" + before + r")\s+(?:the\s+)?$", re.I),
        followup=_phrase_pattern(raw["followup_cues"]),
        same_day=_phrase_pattern(raw["same_day_cues"]),
        night=_phrase_pattern(raw["night_cues"]),
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
_YESTERDAY = re.compile(r"\b(?:yesterday(?:\s+(?:morning|afternoon|evening))?|last\s+night)\b", re.I)
_TODAY = re.compile(r"\b(?:earlier\s+)?today\b", re.I)
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


def most_recent_weekday(published: date, weekday: int, strictly_before: bool = False) -> date:
    """The latest date on or before `published` (or before it, for "last Friday") falling on `weekday`."""
    back = (published.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return published - timedelta(days=back)


def weekday_days(text: str, published: date | None) -> list[DateCandidate]:
    if published is None:
        return []
    found = []
    for match in _WEEKDAY.finditer(text):
        weekday = WEEKDAYS.index(match.group("weekday"))
        strictly_before = match.group(0).lower().startswith("last ")
        day = most_recent_weekday(published, weekday, strictly_before)
        found.append(DateCandidate(day, "day", match.span()))
    return found


def relative_days(text: str, published: date | None) -> list[DateCandidate]:
    """ "yesterday", "last night" (the day before) and "today" (the published day)."""
    if published is None:
        return []
    found = [DateCandidate(published - timedelta(days=1), "day", m.span()) for m in _YESTERDAY.finditer(text)]
    found += [DateCandidate(published, "day", m.span()) for m in _TODAY.finditer(text)]
    return found


def _month_before(published: date, month: int, strictly_before: bool) -> date:
    year = published.year if month < published.month or (month == published.month and not strictly_before) \
        else published.year - 1
    return date(year, month, 1)


def _resolve_month(match: re.Match, published: date | None) -> date | None:
    relative = match.group("relative")
    if relative:
        if published is None:
            return None
        if relative.lower().startswith("last"):
            return (published.replace(day=1) - timedelta(days=1)).replace(day=1)
        return published.replace(day=1)
    name = match.group("month") or match.group("bare")
    year = match.group("year") or match.group("bare_year")
    month = MONTHS.index(name) + 1
    if year:
        return date(int(year), month, 1)
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
        if relative and published is None:
            continue
        if relative:
            year = published.year - 1 if relative.startswith("last") else published.year
        else:
            year = int(match.group("year"))
        found.append(DateCandidate(date(year, 1, 1), "year", match.span()))
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
        window = text[max(sent_start, start - BACKGROUND_BEFORE):min(sent_end, end + BACKGROUND_AFTER)]
        preceding = text[max(sent_start, start - 20):start]
        candidate.background = bool(cues.background.search(window) or cues.background_before.search(preceding))
        candidate.followup = bool(cues.followup.search(text[max(sent_start, start - FOLLOWUP_BEFORE):start]))


def _same_day_spans(candidates: list[DateCandidate], day: date) -> list[tuple[int, int]]:
    return [c.span for c in candidates if c.day == day]


def choose_stated_day(candidates: list[DateCandidate], published: date | None) -> Found[IncidentDate] | None:
    """The earliest attack-linked stated day, preferring days close before publication."""
    days = [c for c in candidates if c.precision == "day" and not c.background and not c.followup]
    if not days:
        return None
    if published is not None:
        days = [c for c in days if (published - c.day).days <= RECENT_DAYS] or days
    linked = [c for c in days if c.attack] or days
    best = min(linked, key=lambda c: (c.day, c.span))
    return Found(IncidentDate(best.day.isoformat(), "day"), _same_day_spans(linked, best.day))


def infer_before_followup(candidates: list[DateCandidate]) -> Found[IncidentDate] | None:
    """Only a later stage is dated ("released on May 21"): the attack began by the day before."""
    followups = [c for c in candidates if c.precision == "day" and c.followup and not c.background]
    if not followups:
        return None
    first = min(followups, key=lambda c: (c.day, c.span))
    day_before = first.day - timedelta(days=1)
    return Found(IncidentDate(day_before.isoformat(), "inferred"), [first.span])


def choose_coarse_date(candidates: list[DateCandidate]) -> Found[IncidentDate] | None:
    """A month or year the attack is said to have happened in (never a background one)."""
    for precision in ("month", "year"):
        linked = [c for c in candidates if c.precision == precision and c.attack and not c.background]
        if linked:
            best = linked[0]
            return Found(IncidentDate(best.day.isoformat(), precision), [best.span])
    return None


def infer_from_publication(ctx: Context) -> Found[IncidentDate] | None:
    """No day stated: the published day for "this evening"/"tonight", else the day before.

    News reports without a stated day are mostly about the previous day's events (and a night-time
    attack is reported the morning after), so the day before publication is the default.
    """
    if ctx.published is None:
        return None
    cues = date_cues()
    same_day = list(cues.same_day.finditer(ctx.text))
    if same_day:
        return Found(IncidentDate(ctx.published.isoformat(), "inferred"), [m.span() for m in same_day])
    night = [m.span() for m in cues.night.finditer(ctx.text)]
    day_before = ctx.published - timedelta(days=1)
    return Found(IncidentDate(day_before.isoformat(), "inferred"), night)


def find_incident_date(ctx: Context) -> Found[IncidentDate]:
    """The day the incident began, never after ctx.published; None when nothing dates it."""
    published = ctx.published
    candidates = [c for c in date_candidates(ctx) if published is None or c.day <= published]
    found = (
        choose_stated_day(candidates, published)
        or infer_before_followup(candidates)
        or choose_coarse_date(candidates)
        or infer_from_publication(ctx)
    )
    return found or Found(IncidentDate(None, None), [])
