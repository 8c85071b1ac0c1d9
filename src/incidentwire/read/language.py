"""A cheap English check: the pipeline's rules are English, so other languages yield no incidents.

Function words are the most frequent tokens of any language and differ between languages, so their
share of a text's tokens tells English from Spanish or French without a model. These three short
closed-class lists are linguistic constants, not curated domain vocabulary.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00C0-\u024F]")
_ANY_LETTER = re.compile(r"[^\W\d_]")

ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to in a an is was were are be been has have had it its on at by for with from that this "
    "which who as or but not they their he she his her we said after were into over than also would "
    "will there when while near".split()
)
# Spanish and French words that English texts almost never contain (shared words like "a" left out).
OTHER_FUNCTION_WORDS = frozenset(
    "el la los las del de y en un una que por con para se su sus fue es al lo como más pero "
    "le les des du et est une dans pour sur au aux qui ont été par avec ce cette il ils elle".split()
)
MIN_OTHER_WORDS = 2  # one "de" or "la" in an English text (a name) is no evidence
MIN_TOKENS_TO_JUDGE = 30  # below this, a headline-style English sentence may lack function words
MIN_ENGLISH_SHARE = 0.05  # English prose runs at 30-45 % with this list; German, Indonesian near 0
MIN_LATIN_SHARE = 0.6


def looks_english(text: str) -> bool:
    """True when `text` reads as English; short texts are English unless shown otherwise.

    Errs towards English: a wrong False drops a report's incidents, a wrong True only costs a pass.
    """
    if not latin_script(text):
        return False
    tokens = [token.lower() for token in _WORD.findall(text)]
    english = sum(1 for token in tokens if token in ENGLISH_FUNCTION_WORDS)
    other = sum(1 for token in tokens if token in OTHER_FUNCTION_WORDS)
    if other >= MIN_OTHER_WORDS and other > english:
        return False
    return len(tokens) < MIN_TOKENS_TO_JUDGE or english >= MIN_ENGLISH_SHARE * len(tokens)


def latin_script(text: str) -> bool:
    """True when most letters are Latin (or there are no letters): Arabic, Urdu, Cyrillic, CJK are not."""
    letters = len(_ANY_LETTER.findall(text))
    if letters == 0:
        return True
    return len(_LATIN_LETTER.findall(text)) >= MIN_LATIN_SHARE * letters
