"""The attacked site, as the text names it: a facility acronym used again, else the first landmark of a
sentence telling the attack ('Zoobe junction', 'the main bazaar')."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import vocab
from .place_context import recalled_tokens
from .place_cues import Cues
from .place_cues import load_cues as _cues
from .place_cues import without_article as _without_article
from .spans import Context, Found
from .types import background_tokens

Span = tuple[int, int]

# --- the attacked site --------------------------------------------------------------------------

# A landmark's name: capitalised words, 'al-Kindi' included; "Mogadishu's" owns the name and is not part of it
SITE_NAME_WORD = r"(?:(?:al|el|ad|as|an|ar)-)?[A-Z](?:[\w\-]|['’](?!s\b))*"
SITE_NAME = rf"{SITE_NAME_WORD}(?:\s+{SITE_NAME_WORD}){{0,3}}"


@dataclass(frozen=True)
class SiteCues:
    named: re.Pattern  # 'Zoobe junction', 'al-Kindi hospital', "Kabul airport's Abbey Gate"
    modified: re.Pattern  # 'the main bazaar', 'the old gate': a generic landmark made one place by its modifier
    descriptive: frozenset[str]  # 'Shiite', 'Police': say what kind of landmark, not which one
    elsewhere_before: re.Pattern  # 'the wounded were taken to X': a landmark after the attack


@lru_cache(maxsize=1)
def _site_cues() -> SiteCues:
    raw = vocab.load_site_words()
    heads = _alternation(raw.landmark_heads)
    landmark = rf"{SITE_NAME}\s+(?i:{heads})"
    return SiteCues(
        named=re.compile(rf"\b(?P<site>(?:{landmark}['’]s\s+)?{landmark})\b"),
        modified=re.compile(
            rf"\bthe\s+(?:(?:city|town)['’]s\s+)?(?P<site>(?i:{_alternation(raw.distinguishing_modifiers)})"
            rf"\s+(?:{_alternation(raw.generic_heads)}))\b"
        ),
        descriptive=frozenset(w.lower() for w in raw.descriptive_names),
        elsewhere_before=re.compile(
            rf"\b(?:{_alternation(raw.elsewhere_before)})\s+(?:the\s+|an?\s+)?"
            r"(?:[\w'’\-]+\s+){0,2}$",
            re.IGNORECASE,
        ),
    )


def _alternation(words: list[str]) -> str:
    """Longest first, so 'bus station' wins over 'station'."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


def find_site(ctx: Context) -> Found[str | None]:
    """The place attacked, as the text names it: a defined facility acronym used again ('KPO'), else the first
    landmark of a sentence telling the attack, named ('Zoobe junction') or made distinct ('the main bazaar')."""
    cues, text = _cues(), ctx.text
    for m in cues.acronym_definition.finditer(text):
        acronym = m.group("acr")
        uses = [(u.start(), u.end()) for u in re.finditer(rf"\b{acronym}\b", text)]
        if len(uses) >= 2 and not _is_actor_acronym(ctx, uses[0]):
            return Found(acronym, uses)
    # another attack's place: "within a week of the Gulshan restaurant attack"
    background = background_tokens(ctx.doc, ctx.published) | recalled_tokens(ctx.doc, ctx.published)
    for sent in ctx.doc.sents:
        if not cues.attack.search(sent.text):
            continue
        for start, end in _site_candidates(sent.text, cues, _site_cues()):
            span = (sent.start_char + start, sent.start_char + end)
            # "the worst since the 2014 Army Public School attack" names another attack's site
            if not _is_background(ctx, background, span) and not _named_for_its_users(ctx, span):
                return Found(text[span[0] : span[1]], [span])
    return Found(None, [])


def _site_candidates(sentence: str, cues: Cues, site_cues: SiteCues) -> list[Span]:
    """Landmarks of one sentence in reading order, the longest first where several start together."""
    found = [_without_article_span(m) for m in cues.site_phrase.finditer(sentence)]
    found += [
        span
        for m in site_cues.named.finditer(sentence)
        if (span := _named_landmark_span(sentence, m, site_cues)) is not None
    ]
    found += [m.span("site") for m in site_cues.modified.finditer(sentence)]
    found = [span for span in found if not site_cues.elsewhere_before.search(sentence[: span[0]])]
    return sorted(set(found), key=lambda span: (span[0], -span[1]))


def _without_article_span(m: re.Match) -> Span:
    site = _without_article(m.group("site"))
    return m.end("site") - len(site), m.end("site")


def _named_landmark_span(sentence: str, m: re.Match, site_cues: SiteCues) -> Span | None:
    """The match less a capitalised article ('The Serena hotel'); None when its words only say what kind of
    landmark it is ('Police station', 'a Shiite mosque') or whose town ('a Peshawar school': some school there)."""
    start, end = m.span("site")
    if INDEFINITE_BEFORE.search(sentence[:start]):
        return None
    words = sentence[start:end].split()
    if all(w.lower() in site_cues.descriptive for w in words[:-1]):
        return None
    if words[0].lower() in ("the", "a", "an"):
        start += len(words[0]) + 1
    return start, end


INDEFINITE_BEFORE = re.compile(r"\b(?:a|an)\s+$", re.IGNORECASE)


def _is_background(ctx: Context, background: frozenset[int], span: Span) -> bool:
    return any(t.i in background for t in ctx.doc.char_span(*span, alignment_mode="expand") or [])


SITE_USER_LABELS = frozenset({"ARMED_GROUP", "FORCE", "NORP"})


def _named_for_its_users(ctx: Context, span: Span) -> bool:
    """'a Taliban checkpoint', 'a Frontier Corps post', 'a Shiite mosque': whose landmark, not which one."""
    last_word = ctx.text.rfind(" ", *span) + 1
    return any(
        e.start_char <= span[0] and e.end_char >= last_word - 1 and e.label_ in SITE_USER_LABELS for e in ctx.doc.ents
    )


def _is_actor_acronym(ctx: Context, span: Span) -> bool:
    return any(e.start_char <= span[0] < e.end_char and e.label_ in ("ARMED_GROUP", "FORCE") for e in ctx.doc.ents)
