"""Sentences set at another time than the attack: "On June 7 a car bomb ...", "A year ago, ..."

A time adverbial that opens a sentence frames all of it, asides included; such a sentence reports
another event, whatever groups it names.
"""

from __future__ import annotations

import re
from datetime import date

from ..text import MONTH_NAMES

MONTHS = MONTH_NAMES
_MONTH = "(" + "|".join(MONTHS) + ")"
# the opening words of a sentence, up to its first comma
OPENING = re.compile(
    r"^\s*(?:(?:But|And|Also|Separately|Meanwhile),?\s+)?"
    r"(?:On|In|Last|Earlier|Since|A|An|One|Two|Three|Four|Five|Six|Several|Some|\d+)\b[^,;]{0,45}"
)
DAY_MONTH = re.compile(rf"\b(?:on|in)\s+(?:{_MONTH}\s+(\d{{1,2}})\b|(\d{{1,2}})\s+{_MONTH}\b)", re.IGNORECASE)
# how far before the publication day a dated sentence may still be about the attack, when its day is unknown
SAME_EVENT_DAYS = 3


def sentence_opening(sentence: str) -> str:
    """The time adverbial a sentence opens with ('On June 7', 'A year ago'), or ''."""
    m = OPENING.match(sentence)
    return m.group(0) if m else ""


def names_another_day(opening: str, attack: date | None, published: date | None) -> bool:
    """'On June 7' when the attack was on June 28 (or, not knowing its day, days before publication)."""
    m = DAY_MONTH.search(opening)
    if m is None:
        return False
    month = MONTHS.index((m.group(1) or m.group(4)).lower()) + 1
    day = int(m.group(2) or m.group(3))
    if attack is not None:
        return (month, day) != (attack.month, attack.day)
    if published is None:
        return False
    try:
        said = date(published.year, month, day)
    except ValueError:
        return False
    if said > published:
        said = said.replace(year=published.year - 1)
    return (published - said).days > SAME_EVENT_DAYS


def as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
