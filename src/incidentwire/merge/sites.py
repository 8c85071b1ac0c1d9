"""Are two sites as reports name them one place? 'Abbey Gate' and "Kabul airport's Abbey Gate" are;
'Kabul airport' and 'Kabul University' are not; KPO is the Karachi Police Office."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from .. import vocab
from ..text import fold

SAME_SITE_SIMILARITY = 90  # spelling variants ('Zanbaq' / 'Zanbak'), not two landmarks sharing a head noun
POSSESSIVE_S = re.compile(r"['’]s\b")
SITE_ARTICLES = frozenset({"the", "a", "an", "al", "el"})


@dataclass(frozen=True)
class SiteWords:
    same_head: dict[str, str]
    heads: frozenset[str]


@lru_cache(maxsize=1)
def _site_vocab() -> SiteWords:
    raw = vocab.load_site_words()
    same_head = raw.same_head
    return SiteWords(same_head=same_head, heads=frozenset(same_head.get(h, h) for h in raw.landmark_heads))


def is_named_site(site: str) -> bool:
    """'Zoobe junction', 'KPO' are names; 'main bazaar' describes a place any city has."""
    return any(c.isupper() for c in site)


def _site_words(site: str) -> tuple[str, ...]:
    """Folded words without articles or possessives ('al-Kindi' -> 'kindi'), heads in one wording."""
    same_head = _site_vocab().same_head
    words = fold(POSSESSIVE_S.sub("", site)).split()
    return tuple(same_head.get(w, w) for w in words if w not in SITE_ARTICLES)


def _one_inside_the_other(words_a: tuple[str, ...], words_b: tuple[str, ...]) -> bool:
    """The name words of one site are all in the other's, and their kinds agree where both say one:
    'Sadr City' and 'Sadr City market' are one place, 'Kabul airport' and 'Kabul University' two."""
    heads = _site_vocab().heads
    names_a, names_b = set(words_a) - heads, set(words_b) - heads
    kinds_a, kinds_b = set(words_a) & heads, set(words_b) & heads
    if kinds_a and kinds_b and not kinds_a & kinds_b:
        return False
    if not names_a or not names_b:
        return names_a == names_b
    return names_a <= names_b or names_b <= names_a


def _is_acronym_of(site: str, words: tuple[str, ...]) -> bool:
    return site.isupper() and len(site) >= 2 and site.lower() == "".join(w[0] for w in words)


def same_site(a: str, b: str) -> bool:
    """One site named inside the other's name, an acronym of it, or a spelling variant of it."""
    words_a, words_b = _site_words(a), _site_words(b)
    if _is_acronym_of(a, words_b) or _is_acronym_of(b, words_a) or _one_inside_the_other(words_a, words_b):
        return True
    return fuzz.token_set_ratio(" ".join(words_a), " ".join(words_b)) >= SAME_SITE_SIMILARITY
