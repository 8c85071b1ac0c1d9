"""Number words and quantity phrases: "four", "twenty-one", "a dozen", "at least 61", "between eight and 10".

A `Quantity` is only a number phrase with its qualifier and character span; whether it counts
casualties is decided by the caller from the words around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000}
# Collective words that name an exact figure ("a dozen", "a couple of", "both").
COLLECTIVES = {"dozen": 12, "couple": 2, "pair": 2, "both": 2, "single": 1, "lone": 1}
# Words that say "many" without a figure: the count is stated as unknown.
VAGUE_WORDS = (
    "dozens",
    "scores",
    "several",
    "hundreds",
    "thousands",
    "many",
    "numerous",
    "some",
    "few",
    "a few",
    "a number of",
    "multiple",
    "various",
    "a handful of",
)

# Qualifiers that bound the figure from below, from above, or only approximate it.
LOWER_BOUND = (
    "at least",
    "more than",
    "over",
    "no fewer than",
    "no less than",
    "upwards of",
    "in excess of",
    "a minimum of",
    "not less than",
)
UPPER_BOUND = ("up to", "as many as", "at most", "less than", "fewer than", "nearly", "almost", "close to", "under")
APPROXIMATE = ("about", "around", "some", "roughly", "approximately", "an estimated", "nearly")
# Qualifiers that make a figure approximate ("nearly two dozen" is 24, but not exactly).
APPROXIMATING = (*APPROXIMATE, "almost", "close to")
# "several hundred", "a few thousand": a scale word after these counts nothing exactly.
VAGUE_BEFORE_SCALE = ("several", "few", "many", "hundreds", "thousands", "tens")


@dataclass(frozen=True)
class Quantity:
    """A number phrase in the text: best figure, its range, and where it stands."""

    best: int
    low: int
    high: int
    start: int
    end: int
    qualifier: str = ""

    @property
    def approximate(self) -> bool:
        return self.qualifier in APPROXIMATING


def _word_alternation() -> str:
    words = sorted([*UNITS, *TENS, *SCALES], key=len, reverse=True)
    return "|".join(words)


@lru_cache(maxsize=1)
def _number_pattern() -> str:
    word = _word_alternation()
    word_number = rf"(?:{word})(?:[ \t-]+(?:and[ \t-]+)?(?:{word}))*"
    digits = r"\d{1,3}(?:,\d{3})+|\d+"
    dozens = rf"(?:\d+|{word})\s+dozen"  # "two dozen": a count of dozens, not the number two
    return rf"(?:{dozens}|{digits}|{word_number}|a\s+dozen|a\s+couple(?:\s+of)?|a\s+pair\s+of|both|a\s+single|a\s+lone)"


@lru_cache(maxsize=1)
def quantity_regex() -> re.Pattern[str]:
    num = _number_pattern()
    qualifiers = "|".join(sorted({*LOWER_BOUND, *UPPER_BOUND, *APPROXIMATE}, key=len, reverse=True))
    qualifier = rf"(?:(?P<qual>{qualifiers})\s+)?"
    between = rf"(?:(?:somewhere\s+)?between\s+(?P<low1>{num})\s+and\s+(?P<high1>{num}))"
    span_range = rf"(?:(?P<low2>{num})\s*(?:-|–|to|or)\s*(?P<high2>{num}))"
    single = rf"(?P<one>{num})"
    return re.compile(
        rf"(?<![\w.,$£€/:])(?:{between}|{qualifier}(?:{span_range}|{single}))(?![\w/:%]|[.,]\d)",
        re.IGNORECASE,
    )


def number_value(text: str) -> int | None:
    """The integer a number phrase names: "21", "1,200", "twenty-one", "a dozen", "both"."""
    words = text.lower().replace("-", " ").replace(",", "").split()
    if not words:
        return None
    if len(words) == 2 and words[1] == "dozen" and words[0] != "a":
        scale = number_value(words[0])
        return None if scale is None else scale * COLLECTIVES["dozen"]
    if words[0].isdigit():
        return int(words[0]) if len(words) == 1 else None
    collective = [w for w in words if w in COLLECTIVES]
    if collective:
        return COLLECTIVES[collective[0]]
    total, current = 0, 0
    for word in words:
        if word in ("and", "a", "of"):
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in SCALES:
            current = max(current, 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0
        else:
            return None
    return total + current


def _quantity_from(match: re.Match[str]) -> Quantity | None:
    qualifier = (match.group("qual") or "").lower()
    if match.group("low1"):
        low, high = number_value(match.group("low1")), number_value(match.group("high1"))
        return _ranged(low, high, match, "between")
    if match.group("low2"):
        low, high = number_value(match.group("low2")), number_value(match.group("high2"))
        whole = number_value(match.group(0)[len(match.group("qual") or "") :].strip())
        if whole is not None and (high is None or low is None or high < low):
            # "twenty-one" is one number, not the range twenty to one
            return Quantity(whole, whole, whole, match.start(), match.end(), qualifier)
        return _ranged(low, high, match, qualifier)
    value = number_value(match.group("one"))
    if value is None:
        return None
    low, high = value, value
    # GTD practice: the stated figure is the best one; the qualifier only widens the range.
    return Quantity(value, low, high, match.start(), match.end(), qualifier)


def _ranged(low: int | None, high: int | None, match: re.Match[str], qualifier: str) -> Quantity | None:
    if low is None or high is None:
        return None
    if high < low:  # "5-4" is a score or a date, not a range
        return None
    # A range's best figure is its lower end: the figure every source agrees on.
    return Quantity(low, low, high, match.start(), match.end(), qualifier or "range")


def find_quantities(text: str) -> list[Quantity]:
    """Every number phrase in the text, in order, with its qualifier and range."""
    found = []
    pattern, position = quantity_regex(), 0
    while (match := pattern.search(text, position)) is not None:
        position = match.end()
        if _vague_scale(text, match) or _part_of_a_date(text, match):
            continue
        quantity = _quantity_from(match)
        if quantity is None and YEAR.fullmatch(match.group("low2") or "") and not match.group("high2").isdigit():
            # "7 July 2021 - Ten soldiers" is no range 2021 to ten: read on from the second number
            position = match.start("high2")
        if quantity is not None:
            found.append(quantity)
    return found


YEAR = re.compile(r"(?:19|20)\d\d")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_MONTH_AFTER = re.compile(r"\s+" + _MONTH + r"(?=\W|$)")
_MONTH_BEFORE = re.compile(r"\b" + _MONTH + r"\s+(?:\d{1,2},?\s+)?$")


def _part_of_a_date(text: str, match: re.Match[str]) -> bool:
    """ "7 July 2017: Ten soldiers", "July 7": a day or a year, not a count."""
    if not match.group(0).isdigit():
        return False
    return bool(
        _MONTH_AFTER.match(text, match.end()) or _MONTH_BEFORE.search(text[max(0, match.start() - 16) : match.start()])
    )


def _vague_scale(text: str, match: re.Match[str]) -> bool:
    """ "several hundred guerrillas", "a few thousand people": no figure, only a size."""
    if match.group(0).lower() not in SCALES:
        return False
    before = text[max(0, match.start() - 12) : match.start()].lower().split()
    return bool(before) and before[-1] in VAGUE_BEFORE_SCALE


def is_vague_amount(word: str) -> bool:
    """True for words that say "many" without stating a figure ("dozens", "several")."""
    return word.lower() in VAGUE_WORDS
