"""What the grammar around a place name says about it: another event recalled, a government acting, a name part.

A long report names places that are not the attack's: the clause recalling an earlier attack ("came two
weeks after a bomber struck X", "in April", "Six months earlier ... in X"), a country or capital that
acts ("Pakistan denied", "called on Cuba to"), and a place word inside a person's or facility's name
("an Ariana Grande concert", "Indira Gandhi International Airport").
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from .. import vocab
from ..nlp import lead_sentence, lemma
from ..text import MONTH_NAMES
from ..vocab.models import PlaceCues

MONTHS = {m: i + 1 for i, m in enumerate(MONTH_NAMES)}
TIME_UNITS = frozenset({"day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades"})
DISTANCE_WORDS = frozenset({"after", "before", "earlier", "ago", "since"})
RECALL_PHRASE = re.compile(
    r"^(?:last (?:week|month|year)|earlier this (?:week|month|year)"
    r"|the previous (?:week|month|year))$"
)
YEAR = re.compile(r"^(?:19[5-9]\d|20\d\d)$")
CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "acl", "conj", "parataxis", "xcomp", "pcomp"})


# --- clauses recalling other events --------------------------------------------------------------


def recalled_tokens(doc: Doc, published: datetime.date | None) -> frozenset[int]:
    """Tokens of clauses that tell another, earlier event; the lead sentence tells this attack and is kept.
    Read once per document: the places and the site both ask."""
    key = f"incidentwire_recalled_{published}"
    if key not in doc.user_data:
        doc.user_data[key] = frozenset(_recalled_tokens(doc, published))
    return doc.user_data[key]


def _recalled_tokens(doc: Doc, published: datetime.date | None) -> set[int]:
    lead = lead_sentence(doc)
    lead_end = lead.end if lead is not None else 0
    tokens: set[int] = set()
    for token in doc[lead_end:]:
        if _is_recall_marker(token, published):
            tokens.update(_own_clause(_clause_head(token)))
    for token in doc:
        if _another_event(token):
            # 'claimed responsibility for recent killings in Abuja', 'another attack that killed 22 in X'
            tokens.update(t.i for t in token.subtree)
    if lead is not None and published is not None:
        # 'the worst since the London bombings of 2005': in the lead, only the noun an earlier year dates
        for token in lead:
            if YEAR.match(token.text) and token.ent_type_ == "DATE" and int(token.text) < published.year:
                noun = _dated_noun(token)
                if noun is not None and noun.i != lead.root.i:
                    tokens.update(t.i for t in noun.subtree)
    return tokens


EVENT_NOUNS = frozenset(
    {"attack", "attacks", "killings", "bombing", "bombings", "blast", "blasts", "ambush", "ambushes", "raid", "raids"}
)
SITE_NOUNS = frozenset({"site", "scene", "spot", "place", "location"})
EARLIER_EVENT_WORDS = frozenset({"previous", "earlier", "prior", "past"})


def _another_event(token: Token) -> bool:
    """'recent killings', 'a previous attack', 'another attack': an event other than the one reported.
    'the most recent attack' is this one, told as the latest of many."""
    if token.lower_ not in EVENT_NOUNS or token.pos_ != "NOUN" or _the_site_of(token):
        return False
    if _dated_from(token):
        return True
    for child in token.children:
        if child.dep_ == "amod" and child.lower_ in EARLIER_EVENT_WORDS:
            return True
        if child.dep_ == "amod" and child.lower_ == "recent" and token.tag_ == "NNS":
            return not any(c.lower_ == "most" for c in child.children)
        if child.dep_ == "det" and child.lower_ == "another":
            return True
    return False


def _dated_from(event: Token) -> bool:
    """'within a week of the Gulshan restaurant attack', 'two days after the Kabul bombing': a time counted
    from an event is counted from another one."""
    preposition = event.head
    if event.dep_ != "pobj" or preposition.lower_ not in ("of", "after", "since"):
        return False
    unit = preposition.head
    return unit.lower_ in TIME_UNITS or any(
        c.lower_ in TIME_UNITS for c in preposition.children if c.dep_ == "npadvmod"
    )


def _the_site_of(event: Token) -> bool:
    """'investigated the site of an earlier bombing in Wana': this one struck where that one did."""
    preposition = event.head
    return event.dep_ == "pobj" and preposition.lower_ == "of" and preposition.head.lower_ in SITE_NOUNS


def _dated_noun(token: Token) -> Token | None:
    """The event noun a year dates: '2005' in 'the bombings of 7 July 2005' -> 'bombings'."""
    for _ in range(5):
        token = token.head
        if token.pos_ == "NOUN" and token.ent_type_ not in ("DATE", "TIME"):
            return token
        if token.pos_ in ("VERB", "AUX"):
            return None
    return None


def _is_recall_marker(token: Token, published: datetime.date | None) -> bool:
    lower = token.lower_
    if lower in DISTANCE_WORDS and lower != "since":
        # 'came three weeks after', 'Six months earlier', 'two years ago'
        return any(t.lower_ in TIME_UNITS for t in token.subtree) or (
            token.i > 0 and token.nbor(-1).lower_ in TIME_UNITS
        )
    if published is None:
        return False
    if YEAR.match(token.text) and token.ent_type_ == "DATE":
        return int(token.text) < published.year
    if lower in MONTHS and token.ent_type_ == "DATE":
        return _is_earlier_month(token, published)
    if lower in ("week", "month", "year") and token.i >= 1:
        return bool(
            RECALL_PHRASE.match(doc_text(token.doc, token.i - 1, token.i + 1).lower())
            or (token.i >= 2 and RECALL_PHRASE.match(doc_text(token.doc, token.i - 2, token.i + 1).lower()))
        )
    return False


def doc_text(doc: Doc, start: int, end: int) -> str:
    return doc[max(start, 0) : end].text


def _is_earlier_month(token: Token, published: datetime.date) -> bool:
    """'in April' in a November report tells an earlier event; a dated day ('the August 26 attack') may be
    this attack's, told by a later report, so only a bare month at least two months back counts."""
    neighbours = [token.doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(token.doc)]
    if any(t.like_num and t.text.isdigit() and int(t.text) <= 31 for t in neighbours):
        return False
    months_back = (published.month - MONTHS[token.lower_]) % 12
    return months_back >= 2


def _clause_head(token: Token) -> Token:
    """The verb of the clause a marker stands in."""
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            return token
        token = token.head
    return token


def _own_clause(head: Token) -> set[int]:
    """The clause's tokens, less any clause nested in it that the marker does not date."""
    inner = {t.i for child in head.children if child.dep_ in ("relcl", "ccomp", "parataxis") for t in child.subtree}
    return {t.i for t in head.subtree} - inner


# --- countries and capitals that act ---------------------------------------------------------------


@dataclass(frozen=True)
class _ActorVerbs:
    scene: frozenset[str]
    addressing: frozenset[str]


@lru_cache(maxsize=1)
def _verbs() -> _ActorVerbs:
    cues = vocab.load("place_cues.json", PlaceCues)
    return _ActorVerbs(frozenset(cues.scene_verbs), frozenset(cues.addressing_verbs))


def is_actor(span: Span) -> bool:
    """'Pakistan denied', 'Islamabad had nothing to do with it', 'called on Cuba to arrest': a government."""
    root = span.root
    if root.dep_ == "nsubj" and root.head.pos_ in ("VERB", "AUX"):
        passive = any(c.dep_ == "auxpass" for c in root.head.children)
        return not passive and lemma(root.head) not in _verbs().scene
    if root.dep_ == "dobj":
        return lemma(root.head) in _verbs().addressing
    return root.dep_ == "pobj" and root.head.lower_ == "on" and lemma(root.head.head) == "call"


# --- place words inside longer names -----------------------------------------------------------------


def is_name_part(doc: Doc, start: int, end: int, keeps_place: frozenset[str]) -> bool:
    """'an Ariana Grande concert', 'Jomo Kenyatta airport': the place word is compounded into a proper name
    whose next word is neither a kind of place nor of landmark ('Kabul Airport', 'Swat Valley' stay places)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return False
    last, following = span[-1], doc[span.end]
    if last.dep_ != "compound" or last.head.i < following.i or not following.is_title:
        return False
    if following.pos_ != "PROPN" or following.ent_type_ in ("DATE", "TIME", "GPE", "LOC"):
        return False
    return following.lower_ not in keeps_place
