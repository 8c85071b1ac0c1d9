"""How place names are compared: one key per spelling, blind to case, diacritics and affixes."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

from ..text import fold
from .aliases import load_place_aliases

__all__ = ["ascii_name", "fold", "name_key", "name_keys", "similar_names"]


@lru_cache(maxsize=1)
def _affix_patterns() -> tuple[re.Pattern, re.Pattern]:
    aliases = load_place_aliases()
    suffixes = sorted((fold(s) for s in aliases.name_suffixes), key=len, reverse=True)
    prefixes = sorted((fold(p) for p in aliases.name_prefixes), key=len, reverse=True)
    suffix_re = re.compile(r"(?:\s(?:" + "|".join(map(re.escape, suffixes)) + r"))+$")
    prefix_re = re.compile(r"^(?:" + "|".join(map(re.escape, prefixes)) + r")\s")
    return prefix_re, suffix_re


def strip_affixes(folded: str) -> str:
    """Drop generic words ('district', 'province of') that do not tell one place from another."""
    prefix_re, suffix_re = _affix_patterns()
    stripped = suffix_re.sub("", prefix_re.sub("", folded)).strip()
    return stripped or folded


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """The lookup key: folded, affixes dropped, spaces removed ('Miran Shah' == 'Miranshah')."""
    return strip_affixes(fold(name)).replace(" ", "")


def name_keys(name: str) -> set[str]:
    """Every key a name is indexed under: also without a leading Arabic article ('Al Anbar' -> 'Anbar')."""
    key = name_key(name)
    keys = {key} if key else set()
    folded = strip_affixes(fold(name))
    for article in ("al ", "el ", "as ", "an ", "ad ", "ar ", "at "):
        if folded.startswith(article) and len(folded) > len(article) + 2:
            keys.add(folded[len(article) :].replace(" ", ""))
    return keys


def ascii_name(name: str) -> str:
    """GeoNames' 'asciiname': the name without diacritics ('Bāzārak' -> 'Bazarak')."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch) and ch.isascii()) or name


def similar_names(a: str, b: str, min_score: float = 85.0) -> bool:
    """Two spellings of one name ('Sharah-e-Faisal' / 'Shahrah-e-Faisal', 'Sadar' / 'Saddar')."""
    key_a, key_b = name_key(a), name_key(b)
    return bool(key_a) and (key_a == key_b or fuzz.ratio(key_a, key_b) >= min_score)
