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
