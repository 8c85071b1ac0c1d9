"""The day an incident began, resolved against the report's published date, with the words that prove it.

Candidate date phrases are found with compiled regexes (and spaCy DATE entities the regexes missed);
only those phrases go to dateparser, which is slow per call. Each candidate is then judged by its
sentence: one that mentions the attack counts, one near background words ("ceasefire", "since ...")
does not. The incident began on the earliest attack-linked day near publication, because follow-up
reports mention later days (the operation ended, the toll rose, the claim came) but rarely earlier ones.
A day bound to the attack's own name ("Sunday's bombing", "the attack on Oct. 14") outranks them all, so a
report published weeks later still dates the original attack; a day on which something was only said
("the ministry said on Sunday") counts only when nothing else dates the attack, and an attack dated only
"last week" gets no date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Span

from ..nlp import lead_sentence
from .context import TOLD_AS_JUST_HAPPENED, day_of_the_next_sentence
from .date_phrases import (
    ENDING_AFTER_HOURS,
    RECENT_DAYS,
    DateCandidate,
    Precision,
    date_candidates,
    date_cues,
    days_before,
)
from .spans import Context, Found


@dataclass
class IncidentDate:
    """The day the incident began ("YYYY-MM-DD"; first of the month/year for coarser precision)."""

    date: str | None
    precision: Precision | None


def _same_day_spans(candidates: list[DateCandidate], day: date) -> list[tuple[int, int]]:
    return [c.span for c in candidates if c.day == day]


def _fresh_lead_day(candidates: list[DateCandidate], lead_end: int, published: date | None) -> bool:
    """The first sentence dates an attack of the last days ("gunmen stormed a school on Monday")."""
    return published is not None and any(
        c.span[0] < lead_end
        and c.precision == "day"
        and c.attack
        and not c.anchored
        and not (c.background or c.followup or c.statement)
        and (published - c.day).days <= RECENT_DAYS
        for c in candidates
    )


def choose_anchored_day(
    candidates: list[DateCandidate], published: date | None, lead_end: int
) -> Found[IncidentDate] | None:
    """The earliest day bound to the attack's name ("Monday's blast").

    One weeks before publication is the report's attack only when its first sentence does not date
    a fresh attack: otherwise it is background ("the Dec. 16, 2014, attack on a school")."""
    days = [c for c in candidates if c.anchored and not c.background and not c.followup]
    if published is not None and _fresh_lead_day(candidates, lead_end, published):
        days = [c for c in days if (published - c.day).days <= RECENT_DAYS]
    if not days:
        return None
    best = min(days, key=lambda c: (c.day, c.span))
    return Found(IncidentDate(best.day.isoformat(), "day"), _same_day_spans(days, best.day))


def choose_stated_day(
    candidates: list[DateCandidate], published: date | None, statements: bool = False
) -> Found[IncidentDate] | None:
    """The earliest attack-linked stated day, preferring days close before publication.

    Days on which something was only said are left out unless `statements` asks for them."""
    days = [
        c
        for c in candidates
        if c.precision == "day" and not c.background and not c.followup and c.statement == statements
    ]
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
    day_before = days_before(first.day, 1) or first.day
    return Found(IncidentDate(day_before.isoformat(), "inferred"), [first.span])


def choose_coarse_date(candidates: list[DateCandidate]) -> Found[IncidentDate] | None:
    """A month or year the attack is said to have happened in (never a background one)."""
    for precision in ("month", "year"):
        linked = [c for c in candidates if c.precision == precision and c.attack and not c.background]
        if linked:
            best = linked[0]
            return Found(IncidentDate(best.day.isoformat(), precision), [best.span])
    return None


LEAD_CHARS = 300
JUST_HAPPENED_DAYS = 1  # below a lead told in the present perfect, a day before yesterday is another event's


def _lead_told_today(ctx: Context, candidates: list[DateCandidate], lead: Span | None) -> bool:
    """The lead tells the attack in the present perfect and gives no day of its own, nor does the sentence
    after it ('The men were attacked on Tuesday')."""
    if ctx.published is None or lead is None or any(c.span[0] < lead.end_char for c in candidates):
        return False
    if day_of_the_next_sentence(list(ctx.doc.sents), lead) is not None:
        return False
    return TOLD_AS_JUST_HAPPENED.search(ctx.text[: lead.end_char]) is not None


def _days_before(candidate: DateCandidate, published: date | None, days: int) -> bool:
    return published is not None and (published - candidate.day).days > days


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
    just_now = TOLD_AS_JUST_HAPPENED.search(ctx.text[:LEAD_CHARS])
    if just_now:  # 'A gunman has killed two police officers': a page written the day it happened
        return Found(IncidentDate(ctx.published.isoformat(), "inferred"), [just_now.span()])
    night = [m.span() for m in cues.night.finditer(ctx.text)]
    day_before = days_before(ctx.published, 1) or ctx.published
    return Found(IncidentDate(day_before.isoformat(), "inferred"), night)


def start_of_long_siege(ctx: Context, found: Found[IncidentDate]) -> Found[IncidentDate]:
    """A day on which a siege of a day or more ended ("ending about 60 hours of fighting") moves back to its start."""
    if found.value.date is None or not found.spans:
        return found
    start = found.spans[0][0]
    sent = next((s for s in ctx.doc.sents if s.start_char <= start < s.end_char), None)
    match = ENDING_AFTER_HOURS.search(sent.text) if sent is not None else None
    if sent is None or match is None or int(match.group("hours")) < 24:
        return found
    days_back = -(-int(match.group("hours")) // 24)
    began = days_before(date.fromisoformat(found.value.date), days_back)
    if began is None:
        return found
    return Found(
        IncidentDate(began.isoformat(), "inferred"),
        found.spans + [(sent.start_char + match.start(), sent.start_char + match.end())],
    )


def vaguely_dated(ctx: Context) -> Found[IncidentDate] | None:
    """The attack is dated only "last week" / "recently": no date, with the words that say so."""
    cues = date_cues()
    spans = [
        m.span()
        for sent in ctx.doc.sents
        if cues.attack.search(sent.text)
        for m in cues.vague_past.finditer(ctx.text, sent.start_char, sent.end_char)
    ]
    return Found(IncidentDate(None, None), spans) if spans else None


def find_incident_date(ctx: Context) -> Found[IncidentDate]:
    """The day the incident began, never after ctx.published; None when nothing dates it."""
    published = ctx.published
    candidates = [c for c in date_candidates(ctx) if published is None or c.day <= published]
    lead = lead_sentence(ctx.doc)
    lead_end = lead.end_char if lead is not None else 0
    if _lead_told_today(ctx, candidates, lead):
        # 'Bombers have blown themselves up in a market ...': 'a raid on January 14' further down is another's
        candidates = [
            c for c in candidates if c.span[0] < lead_end or not _days_before(c, published, JUST_HAPPENED_DAYS)
        ]
    anchored = choose_anchored_day(candidates, published, lead_end)
    if anchored is not None:
        return anchored
    stated = choose_stated_day(candidates, published)
    if stated is not None:
        return start_of_long_siege(ctx, stated)
    found = (
        infer_before_followup(candidates)
        or choose_coarse_date(candidates)
        or vaguely_dated(ctx)
        or choose_stated_day(candidates, published, statements=True)
        or infer_from_publication(ctx)
    )
    return found or Found(IncidentDate(None, None), [])
