"""Text folding that several stages share: names compared blind to case, diacritics and punctuation.

Imports nothing of the package, like `model`: geography, extraction and the merge all fold names the same way.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Month names as text folds them: the date readers and the place grammar read the same twelve.
MONTH_NAMES = (
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

# 'KABUL -', 'PESHAWAR, Pakistan -', 'New Delhi:', 'NAIROBI (Reuters) -', 'NAIROBI, Kenya, Jan 16 -' at the start
# of a report's body; capitals include the accented ones ('BOGOTÁ, Colombia (AP) —')
DATELINE = re.compile(
    r"\s*(?P<name>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þa-zß-öø-ÿ'’.\-]*(?: [A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þa-zß-öø-ÿ'’.\-]*){0,3})"
    r"(?:,\s*(?P<region>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þa-zß-öø-ÿ'’.\-]*(?: [A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þa-zß-öø-ÿ'’.\-]*){0,3}))?"
    r"(?:,\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?=\s*[-–—(]))?"
    r"\s*(?:\([^)]{1,40}\)\s*(?:[-–—]+|:)\s|\((?:[A-Z][A-Za-z.]*\s?){1,3}\)(?=[A-Z])|(?:[-–—]+|:)\s"
    r"|\|\s*(?:[A-Z][A-Za-z.]*\s?){1,3}\s*\|\s)"
)  # 'Islamabad, Pakistan (CNN)The death toll': the agency's mark may run into the lead; 'Juba, South Sudan | AFP |'
# and 'ADEN, Yemen, Aug. 29 (Xinhua) --' mark it their own way
# 'Madrid (spain), 19 nov 89 (domestic service) --', 'San salvador, no date --': a wire service's dateline;
WIRE_DATELINE = re.compile(
    r"\s*(?P<name>[A-Z][\w'’.\-]*(?: [\w'’.\-]+){0,3}?)(?:\s*\((?P<region>[^()\d]{2,30})\))?,"
    r"\s*(?:\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{2,4}"
    r"|[A-Za-z]{3,9}\.?\s+\d{1,2}(?:,\s*\d{4})?|no date)"
    r"\s*(?:(?:\([^)]{1,60}\)\s*)?(?:--|[-–—]|:)\s|\((?:[A-Z][A-Za-z.]*\s?){1,3}\)\s+(?=[A-Z]))"
)  # 'New Delhi, Feb 15:' in South Asian press; 'Niamey, Dec 11 (AFP) At least 60...': the mark runs into the lead
# 'DIYARBAKIR, Turkey, July 27 Two soldiers...', 'ANKARA Two Turkish soldiers...': a wire's dateline that lost its
# dash; only a city in capitals, so a sentence's first words are never taken for one
BARE_DATELINE = re.compile(
    r"\s*(?!(?:THE|AND|BREAKING|UPDATE|UPDATED|EXCLUSIVE|WATCH|LIVE|NEW|VIDEO|PHOTOS)\b)"
    r"(?P<name>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\-]{2,}(?: [A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\-]+){0,2})"
    r"(?:,\s*(?P<region>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þa-zß-öø-ÿ'’.\-]*(?: [A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þa-zß-öø-ÿ'’.\-]*){0,2}))?"
    r"(?:,?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"\s+(?=[A-Z][a-z])"
)
# '(CNN) -', '(AP) —': an agency's mark with no place; `name` matches nothing
AGENCY_DATELINE = re.compile(r"\s*\((?:[A-Z][A-Za-z.]*\s?){1,3}\)\s*(?P<name>)(?:[-–—]+|:)\s")
# A first line of a few words with no closing stop, then a line break: a headline pasted above the body
HEADLINE = re.compile(r"\s*(?P<headline>[^\n]{3,200}?)[ \t]*\n\s*(?=\S)")
HEADLINE_MAX_WORDS = 25
_HEADLINE_ENDS = (".", "!", "?", ":", ";", ",", '"', "”")
# 'Another 42 were injured as attackers targeted a bus.' then the body: a standfirst adding to a headline the
# page lost; a report's own lead never opens with "another"
_STANDFIRST_OPENER = re.compile(r"(?:Another|Also)\s")


def headline_end(text: str) -> int:
    """Where the body starts after a headline line ('Six killed in Gardez attack' then a line break), else 0."""
    found = HEADLINE.match(text)
    if found is None:
        return 0
    line = found.group("headline").strip()
    if (
        (line.endswith(_HEADLINE_ENDS) and not _STANDFIRST_OPENER.match(line))
        or len(line.split()) > HEADLINE_MAX_WORDS
        or _dateline_at(line + " ", 0, bare=False)
    ):
        return 0
    return found.end()


def match_dateline(text: str) -> re.Match[str] | None:
    """The report's dateline ('PESHAWAR, Pakistan -'), with its place in `name` (and `region`): at the start,
    at the start of the body when a headline line comes first, or opening a paragraph after a pasted
    headline and standfirst ('Suicide attack kills 72 ...' / a quote / 'LAHORE, Pakistan — At least 72 ...')."""
    found = _dateline_at(text, 0, bare=True)
    body = headline_end(text)
    if found is None and body:
        found = _dateline_at(text, body, bare=True)
    for start in _paragraph_starts(text) if found is None and body else ():
        found = _dateline_at(text, start, bare=False)
        if found is not None:
            break
    return found


def body_start(text: str) -> int:
    """Where the report's own telling starts: at its dateline, else past a headline line, else 0."""
    dateline = match_dateline(text)
    return dateline.start() if dateline is not None else headline_end(text)


DATELINE_SEARCH_CHARS = 800  # a pasted headline and standfirst come within this many characters
_PARAGRAPH_START = re.compile(r"\n\s*(?=\S)")


def _paragraph_starts(text: str) -> list[int]:
    return [m.end() for m in _PARAGRAPH_START.finditer(text, 0, DATELINE_SEARCH_CHARS)]


def _dateline_at(text: str, start: int, bare: bool) -> re.Match[str] | None:
    """A dateline at `start`; `bare` allows one without a dash ('ANKARA Two soldiers'), at the body's start only."""
    return (
        WIRE_DATELINE.match(text, start)
        or DATELINE.match(text, start)
        or AGENCY_DATELINE.match(text, start)
        or (BARE_DATELINE.match(text, start) if bare else None)
    )


_APOSTROPHES = re.compile(r"[’‘ʼʻ`´'\"]")
_NON_WORD = re.compile(r"[^a-z0-9]+")


# Names repeat across reports and within one (every place mention is looked up): folding is pure.
@lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """Lower case ASCII words separated by single spaces: 'Shahrah-e-Faisal' -> 'shahrah e faisal'."""
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    ascii_only = _APOSTROPHES.sub("", ascii_only).lower().replace("&", " and ")
    return _NON_WORD.sub(" ", ascii_only).strip()
