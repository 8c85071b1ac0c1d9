"""How a report refers to a group besides naming it, and the asides that hang on a mention.

Real news rarely writes "X claimed the attack" plainly: "X, which bombed a market in 2013, claimed
it" (an aside about the past inside the claim sentence), "the group claimed it" (a definite noun for
the group named before), "its Amaq news agency said ..." (an outlet speaking for the group), "the
Islamic State's West Africa branch" (the parent's name standing for an affiliate).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from .spans import doc_text

# Dependents that set off a relative clause or an appositive after a mention: "X, which ...", "X, a group ...".
ASIDE_DEPS = frozenset({"relcl", "appos", "acl"})
ASIDE_OPENERS = frozenset({",", "(", "-", "--", "—", "–"})
ASIDE_CLOSERS = frozenset({",", ")", "-", "--", "—", "–"})


@dataclass(frozen=True)
class Mention:
    """One reference to a group: a name, a definite noun standing for it, or its outlet."""

    span: Span
    name: str  # the canonical name before any regional recoding
    kind: str = "name"  # name | anaphor | outlet

    @property
    def start(self) -> int:
        return self.span.start_char

    @property
    def end(self) -> int:
        return self.span.end_char


@dataclass
class Segment:
    """The text of a clause with its asides cut out, and the way back to report offsets."""

    text: str
    pieces: list[tuple[int, int]] = field(default_factory=list)  # (offset here, offset in the report)

    @classmethod
    def of(cls, text: str, start: int, end: int, cuts: list[tuple[int, int]]) -> Segment:
        parts, pieces, here, cursor = [], [], 0, start
        for cs, ce in _union(c for c in cuts if start <= c[0] and c[1] <= end):
            parts.append(text[cursor:cs])
            pieces.append((here, cursor))
            here += cs - cursor
            parts.append(" ")  # 'X, which ..., claimed' reads 'X claimed'
            here += 1
            cursor = ce
        parts.append(text[cursor:end])
        pieces.append((here, cursor))
        return cls("".join(parts), pieces)

    def to_report(self, pos: int) -> int:
        here, there = max((p for p in self.pieces if p[0] <= pos), default=self.pieces[0])
        return there + pos - here

    def from_report(self, pos: int) -> int | None:
        """Offset here of a report offset, or None when the offset falls in a cut."""
        ends = [p[0] for p in self.pieces[1:]] + [len(self.text)]
        for (here, there), until in zip(self.pieces, ends):
            if there <= pos <= there + (until - here):
                return here + pos - there
        return None


def _union(ranges) -> list[tuple[int, int]]:
    """Overlapping or nested ranges merged, in order."""
    out: list[list[int]] = []
    for s, e in sorted(ranges):
        if out and s < out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


@dataclass(frozen=True)
class Aside:
    """A relative clause or appositive set off by commas, and the noun it hangs on."""

    start: int  # the opening comma
    end: int  # after the closing comma
    head: int  # token index of the noun it describes


def sentence_asides(sent: Span) -> list[Aside]:
    """The asides of a sentence: 'X, which bombed a market in 2013, claimed it' has one."""
    doc = sent.doc
    out = []
    for tok in sent:
        if tok.dep_ not in ASIDE_DEPS or tok.head.i >= tok.left_edge.i:
            continue
        opener = tok.left_edge.i - 1
        if opener < sent.start or not _opens_aside(doc, opener):
            continue  # 'the group that claimed it' restricts the noun: not an aside
        right = tok.right_edge
        end = right.idx + len(right.text)
        if right.i + 1 < sent.end and doc[right.i + 1].text in ASIDE_CLOSERS:
            end = doc[right.i + 1].idx + len(doc[right.i + 1].text)
        out.append(Aside(doc[opener].idx, end, tok.head.i))
    return out


def sentence_elaborations(sent: Span) -> list[tuple[int, int]]:
    """Trailing participle clauses (', saying they were revenge for a raid last month'): their time is
    not the time of the clause they follow."""
    doc = sent.doc
    out = []
    for tok in sent:
        if tok.dep_ != "advcl" or tok.tag_ != "VBG" or tok.head.i >= tok.left_edge.i:
            continue
        opener = tok.left_edge.i - 1
        if opener >= sent.start and doc[opener].text == ",":
            right = tok.right_edge
            out.append((doc[opener].idx, right.idx + len(right.text)))
    return out


def _opens_aside(doc: Doc, i: int) -> bool:
    """A comma or bracket, or a dash standing apart ('X - a group ... -'), never the hyphen of 'Jaish-e-Mohammed'."""
    tok = doc[i]
    if tok.text not in ASIDE_OPENERS or tok.ent_iob_ == "I":
        return False
    return tok.text in (",", "(") or i > 0 and bool(doc[i - 1].whitespace_)


def own_asides(mention: Span, asides: list[Aside]) -> list[Aside]:
    """The asides describing a mention, or the noun it names ('the Islamic State's affiliate, which ...')."""
    tok, heads = mention.root, {mention.root.i}
    while tok.dep_ in ("poss", "compound") and tok.head.i > tok.i:
        tok = tok.head
        heads.add(tok.i)
    return [a for a in asides if a.head in heads]


def anaphor_mentions(doc: Doc, text: str, pattern: re.Pattern, named: list[Mention], window: int) -> list[Mention]:
    """'The group claimed the attack': the definite noun stands for the group named last before it,
    within a few sentences (further back, a report has usually moved on)."""
    sentences = list(doc.sents)
    out = []
    for m in pattern.finditer(text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        earlier = [n for n in named if n.end <= m.start()]
        if not earlier:
            continue
        last = earlier[-1]
        gap = _sentence_index(sentences, m.start()) - _sentence_index(sentences, last.start)
        if gap <= window:
            out.append(Mention(span, last.name, "anaphor"))
    return out


def outlet_mentions(doc: Doc, text: str, outlets: tuple[tuple[re.Pattern, str], ...]) -> list[Mention]:
    """News agencies and radios that speak for a group ('its Amaq news agency')."""
    out = []
    for pattern, group in outlets:
        for m in pattern.finditer(text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                out.append(Mention(span, group, "outlet"))
    return out


def _sentence_index(sentences: list[Span], pos: int) -> int:
    for i, sent in enumerate(sentences):
        if sent.start_char <= pos < sent.end_char:
            return i
    return len(sentences)


@dataclass(frozen=True)
class Affiliate:
    parent: str
    name: str
    region: re.Pattern
    countries: frozenset[str]


def stands_for_affiliate(mention: Span, after: re.Pattern, before: re.Pattern) -> bool:
    """'the Islamic State's local branch', 'an affiliate of Islamic State': the parent's name is used
    for one of its affiliates."""
    text = doc_text(mention.doc)
    return bool(
        after.match(text[mention.end_char : mention.end_char + 60])
        or before.search(text[max(0, mention.start_char - 40) : mention.start_char])
    )


def affiliate_of(parent: str, sentence: str, country: str | None, affiliates: tuple[Affiliate, ...]) -> str | None:
    """The affiliate a parent's name stands for: by the region its sentence names, else the attack's country."""
    own = [a for a in affiliates if a.parent == parent]
    for a in own:
        if a.region.search(sentence):
            return a.name
    return next((a.name for a in own if country in a.countries), None)


def possessor_of_group(mention: Span, group_label: str) -> bool:
    """'Islamic State' in "Islamic State's Sinai Province": the parent only says whose the named group is."""
    doc = mention.doc
    i = mention.end
    return i + 1 < len(doc) and doc[i].text in ("'s", "’s", "'") and doc[i + 1].ent_type_ == group_label
