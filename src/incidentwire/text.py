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

# 'KABUL -', 'PESHAWAR, Pakistan -', 'New Delhi:', 'NAIROBI (Reuters) -' at the very start of a report
DATELINE = re.compile(
    r"^\s*(?P<name>[A-Z][A-Za-z'’.\-]*(?: [A-Z][A-Za-z'’.\-]*){0,3})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z'’.\-]*(?: [A-Z][A-Za-z'’.\-]*){0,3}))?"
    r"\s*(?:\([^)]{1,40}\)\s*)?(?:[-–—]+|:)\s"
)
# 'Madrid (spain), 19 nov 89 (domestic service) --', 'San salvador, no date --': a wire service's dateline;
WIRE_DATELINE = re.compile(
    r"^\s*(?P<name>[A-Z][\w'’.\-]*(?: [\w'’.\-]+){0,3}?)(?:\s*\((?P<region>[^()\d]{2,30})\))?,"
    r"\s*(?:\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{2,4}"
    r"|[A-Za-z]{3,9}\.?\s+\d{1,2}(?:,\s*\d{4})?|no date)"
    r"\s*(?:\([^)]{1,60}\)\s*)?(?:--|[-–—]|:)\s"
)  # 'New Delhi, Feb 15:' in South Asian press


def match_dateline(text: str) -> re.Match[str] | None:
    """The report's dateline ('PESHAWAR, Pakistan -'), with its place in `name` (and `region`)."""
    return WIRE_DATELINE.match(text) or DATELINE.match(text)


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
