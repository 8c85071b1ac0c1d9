"""Which casualty words tell of this attack and which of another: an earlier year, a separate attack,
an attack placed where the lead never goes."""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from .casualty_words import load_cues
from .spans import Context

# ---------------------------------------------------------------- background incidents

CLAUSE_BOUNDARIES = ("relcl", "ccomp", "parataxis", "advcl", "conj")
PLACE_ENTS = ("GPE", "LOC", "FAC")
PLACE_HOPS = ("prep", "pobj", "compound", "dobj", "appos", "nmod", "conj")


@dataclass(frozen=True)
class Scope:
    """What tells this incident from the others a report mentions: the year it was reported
    in and the report's lead (its first sentence, dateline included)."""

    published_year: int | None
    lead: str


def scope_of(ctx: Context) -> Scope:
    first = next(iter(ctx.doc.sents), None)
    lead = first.text.lower() if first is not None else ""
    return Scope(ctx.published.year if ctx.published else None, lead)


# News sentences run to a few dozen words; walking the parse of a 20,000-token run-on line from each
# cue is quadratic, so beyond this length a cue's context is the words around it.
LONG_SENTENCE_TOKENS = 300
NEAR_TOKENS = 40


def clause_head(token: Token) -> Token:
    """The head of the clause a token stands in; a participle ("killing 20") belongs to its verb's clause."""
    head = token
    while head.dep_ != "ROOT":
        if head.dep_ in CLAUSE_BOUNDARIES and head.pos_ in ("VERB", "AUX") and head.tag_ != "VBG":
            break
        if head.dep_ == "relcl":
            break
        head = head.head
    return head


def _own_tokens(head: Token) -> list[Token]:
    """A clause's own words, without the clauses embedded in it."""
    return [t for t in head.subtree if clause_head(t) == head]


def clause_context(cue: Token) -> list[Token]:
    """The words that date or place a casualty word: its own clause, the noun a relative clause
    describes ("the 1998 bombing ..., in which 200 died"), and the clause a conjoined verb shares
    its adjuncts with ("In 2006, bombs killed 180 and wounded 500")."""
    if len(cue.sent) > LONG_SENTENCE_TOKENS:
        return near_tokens(cue)
    head = clause_head(cue)
    tokens = _own_tokens(head)
    if head.dep_ == "relcl":
        own = set(tokens)
        tokens += [t for t in head.head.subtree if t not in own]
    elif head.dep_ == "conj":
        tokens += _own_tokens(clause_head(head.head))
    return tokens


def near_tokens(cue: Token) -> list[Token]:
    """The words around a cue: a run-on 'sentence' (a page without stops) has no clause worth walking."""
    sent = cue.sent
    start, end = max(sent.start, cue.i - NEAR_TOKENS), min(sent.end, cue.i + NEAR_TOKENS + 1)
    return list(cue.doc[start:end])


def is_background(cue: Token, scope: Scope) -> bool:
    """True when a casualty word tells of another incident: an earlier year, "last year",
    "a separate attack", or an attack in a place the lead never names."""
    tokens = clause_context(cue)
    sentence = list(cue.sent) if len(cue.sent) <= LONG_SENTENCE_TOKENS else near_tokens(cue)
    return (_dated_earlier(tokens, scope) or _called_other(tokens)
            or _placed_elsewhere(sentence, scope))


def _dated_earlier(tokens: list[Token], scope: Scope) -> bool:
    cues = load_cues()
    for token in tokens:
        if scope.published_year and re.fullmatch(r"(19|20)\d\d", token.text):
            if int(token.text) < scope.published_year and token.text not in scope.lead:
                return True
    words = " ".join(t.lower_ for t in sorted(tokens, key=lambda t: t.i))
    return any(phrase in words for phrase in cues.past_phrases)


def _called_other(tokens: list[Token]) -> bool:
    """"a separate attack", "the previous bombing"."""
    cues = load_cues()
    return any(t.lower_ in cues.background_adjectives and t.dep_ == "amod" and t.head.lower_ in cues.event_words
               for t in tokens)


def _placed_elsewhere(tokens: list[Token], scope: Scope) -> bool:
    """An attack located ("a raid on a police station in Lakki Marwat") where the lead never goes."""
    cues = load_cues()
    for token in tokens:
        if token.ent_type_ not in PLACE_ENTS or token.ent_iob_ != "B":
            continue
        words = [w.lower_ for w in token.doc[token.i:token.i + 6] if w.ent_type_ == token.ent_type_ and w.is_alpha]
        if not words or any(len(w) > 3 and w in scope.lead for w in words):
            continue
        head, hops = token, 0
        while head.dep_ in PLACE_HOPS and hops < 5:
            head, hops = head.head, hops + 1
            if head.lower_ in cues.event_words:
                return True
    return False


def _from_hospital_intake(cue: Token) -> bool:
    """"A hospital said it had received at least 60 wounded": one hospital's share, not the toll."""
    cues = load_cues()
    if not any(t.lower_ in cues.hospital_words for t in cue.sent):
        return False
    nearby = [*clause_context(cue), cue.head, cue.head.head]  # "received 25 [wounded]" hangs off the verb
    return any(t.lower_ in cues.intake_verbs for t in nearby)
