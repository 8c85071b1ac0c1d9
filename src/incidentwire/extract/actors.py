"""Who did it and who responded: perpetrator groups with their responsibility, and responding forces.

A group becomes a perpetrator only when the text ties it to the attack: a claim, an attribution,
a suspicion or a denial in the same clause, or the group acting as the attacker ("Taliban
militants stormed ..."). Mentions in history or background clauses are ignored.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token

from .. import vocab
from ..model import Perpetrator
from ..nlp import FORCE_LABEL, GROUP_LABEL
from .spans import Context, Found, span_of

# Lower rank = stronger link to the attack; the main perpetrator is listed first.
# "unclaimed": the group is named as not having claimed it ("Al-Shabaab has not claimed the bombing"),
# which a report only says of the group it suspects.
RANK = {"claimed": 0, "blamed": 1, "suspected": 2, "unclaimed": 2, None: 3, "denied": 4}


@dataclass(frozen=True)
class Cue:
    kind: str  # claimed | blamed | suspected | unclaimed | denied
    pattern: re.Pattern
    side: str  # where the group stands: before | after | any


@dataclass(frozen=True)
class RegionalName:
    """GTD codes a generic name as a regional group by where the attack happened."""

    group: str
    becomes: str
    markers: re.Pattern
    counter_markers: re.Pattern


@dataclass(frozen=True)
class RemoteClaimant:
    """A global brand whose claim for an attack far from its home (no home marker in the text) does not
    outrank the local group officials name as the attacker."""

    group: str
    home_markers: re.Pattern


@dataclass(frozen=True)
class ResponsibilityRules:
    cues: tuple[Cue, ...]
    no_claim: tuple[re.Pattern, ...]
    background: tuple[re.Pattern, ...]
    background_sentence: tuple[re.Pattern, ...]
    clause_breaks: re.Pattern
    anti_prefix: re.Pattern
    descriptor_before: re.Pattern
    descriptor_after: re.Pattern
    attack_verbs: frozenset[str]
    attack_nouns: frozenset[str]
    attack_event_nouns: frozenset[str]
    attacker_prepositions: frozenset[str]
    regional: tuple[RegionalName, ...]
    spokesman_claim: re.Pattern
    remote_claimants: tuple[RemoteClaimant, ...]


@dataclass(frozen=True)
class ResponderRules:
    responded: tuple[re.Pattern, ...]
    personnel_heads: frozenset[str]
    title_heads: frozenset[str]
    victim_predicate: re.Pattern
    target_prepositions: frozenset[str]


@dataclass
class GroupEvidence:
    """What the text says about one canonical group."""

    name: str
    labels: set = field(default_factory=set)  # cue kinds, plus None for "acted as attacker"
    mentions: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    first: int = 0


def _read_json(filename: str) -> dict:
    return json.loads(resources.files(vocab.__name__).joinpath(filename).read_text(encoding="utf-8"))


def _compile(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


@lru_cache(maxsize=1)
def responsibility_rules() -> ResponsibilityRules:
    data = _read_json("responsibility_cues.json")
    cues = tuple(
        Cue(kind, _compile(c["pattern"]), c["side"])
        for kind in ("claimed", "denied", "blamed", "suspected", "unclaimed")
        for c in data[kind]
    )
    regional = tuple(
        RegionalName(r["group"], r["becomes"], re.compile(r["markers"]), re.compile(r["counter_markers"]))
        for r in data["regional_names"]
    )
    return ResponsibilityRules(
        cues=cues,
        no_claim=tuple(_compile(p) for p in data["no_claim"]),
        background=tuple(_compile(p) for p in data["background"]),
        background_sentence=tuple(_compile(p) for p in data["background_sentence"]),
        clause_breaks=_compile(data["clause_breaks"]),
        anti_prefix=_compile(data["anti_prefix"]),
        descriptor_before=_compile(data["descriptor_before"]),
        descriptor_after=_compile(data["descriptor_after"]),
        attack_verbs=frozenset(data["attack_verbs"]),
        attack_nouns=frozenset(data["attack_nouns"]),
        attack_event_nouns=frozenset(data["attack_event_nouns"]),
        attacker_prepositions=frozenset(data["attacker_prepositions"]),
        regional=regional,
        spokesman_claim=_compile(data["spokesman_claim"]),
        remote_claimants=tuple(
            RemoteClaimant(r["group"], re.compile(r["home_markers"])) for r in data["remote_claimants"]
        ),
    )


@lru_cache(maxsize=1)
def responder_rules() -> ResponderRules:
    data = _read_json("responder_cues.json")
    return ResponderRules(
        responded=tuple(_compile(p) for p in data["responded"]),
        personnel_heads=frozenset(data["personnel_heads"]),
        title_heads=frozenset(data["title_heads"]),
        victim_predicate=_compile(data["victim_predicates"]),
        target_prepositions=frozenset(data["target_prepositions"]),
    )


@lru_cache(maxsize=1)
def generic_group_names() -> frozenset[str]:
    return frozenset(e.name for e in vocab.load_groups() if e.kind == "generic")


# --- clauses -------------------------------------------------------------------------------


def clauses(text: str, start: int, end: int, breaks: re.Pattern) -> list[tuple[int, int]]:
    """Character ranges of the clauses of text[start:end], split at ';', 'however', 'but' ..."""
    out, cursor = [], start
    for m in breaks.finditer(text, start, end):
        if m.start() > cursor:
            out.append((cursor, m.start()))
        cursor = m.end()
    if cursor < end:
        out.append((cursor, end))
    return out


def _clause_of(ranges: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    for s, e in ranges:
        if s <= pos < e:
            return (s, e)
    return None


# --- perpetrators --------------------------------------------------------------------------


def _cue_matches(text: str, clause: tuple[int, int], rules: ResponsibilityRules) -> list[tuple[Cue, int, int]]:
    """The responsibility cues of a clause, minus claims that a 'no group claimed' phrase negates."""
    s, e = clause
    negated = [(m.start(), m.end()) for p in rules.no_claim for m in p.finditer(text, s, e)]
    found = []
    for cue in rules.cues:
        for m in cue.pattern.finditer(text, s, e):
            if cue.kind == "claimed" and any(ns <= m.start() < ne or m.start() <= ns < m.end() for ns, ne in negated):
                continue
            found.append((cue, m.start(), m.end()))
    return found


def _nearest_cue(ent: Span, cues: list[tuple[Cue, int, int]]) -> tuple[Cue, int, int] | None:
    best, best_gap = None, None
    for cue, cs, ce in cues:
        before = ent.end_char <= cs
        after = ent.start_char >= ce
        if cue.side == "before" and not before or cue.side == "after" and not after:
            continue
        gap = cs - ent.end_char if before else ent.start_char - ce if after else 0
        if best_gap is None or gap < best_gap:
            best, best_gap = (cue, cs, ce), gap
    return best


def _is_background(text: str, clause: tuple[int, int], rules: ResponsibilityRules) -> bool:
    s, e = clause
    return any(p.search(text, s, e) for p in rules.background)


def _is_anti_mention(ent: Span, rules: ResponsibilityRules) -> bool:
    """'anti-Maoist', 'counter-Taliban': the group is what the thing opposes."""
    before = ent.doc.text[max(0, ent.start_char - 8):ent.start_char]
    return bool(rules.anti_prefix.search(before))


def _is_descriptor(ent: Span, rules: ResponsibilityRules) -> bool:
    """'an al Qaeda-linked alliance', 'an affiliate of the Islamic State': the group only describes another."""
    text = ent.doc.text
    if rules.descriptor_after.match(text, ent.end_char):
        return True
    return bool(rules.descriptor_before.search(text[max(0, ent.start_char - 60):ent.start_char]))


def _acts_as_attacker(ent: Span, rules: ResponsibilityRules) -> bool:
    """The group is the subject or agent of an attack verb, or names the attackers/the attack."""
    tok: Token = ent.root
    for _ in range(4):
        head = tok.head
        if tok.dep_ == "pobj" and head.lower_ in rules.attacker_prepositions and head.head.lower_ in rules.attack_nouns:
            tok = head.head  # 'gunmen from al Shabaab stormed ...'
            continue
        if tok.dep_ in ("nsubj", "nsubjpass") and head.lower_ in rules.attack_verbs and tok.dep_ == "nsubj":
            return True
        if tok.dep_ == "pobj" and head.lower_ == "by" and head.head.lower_ in rules.attack_verbs:
            return True
        if tok.dep_ in ("compound", "amod", "nmod", "poss") and head.lower_ in rules.attack_nouns:
            tok = head
            if tok.lower_ in rules.attack_event_nouns:
                return True
            continue
        if tok.dep_ in ("conj", "appos", "compound") and head != tok:
            tok = head
            continue
        break
    return False


def _canonical(ent: Span, text: str, rules: ResponsibilityRules) -> str:
    name = ent.ent_id_ or ent.text
    for rule in rules.regional:
        if name != rule.group:
            continue
        sent = ent.sent.text
        score = len(rule.markers.findall(sent)) - len(rule.counter_markers.findall(sent))
        if score == 0:
            score = len(rule.markers.findall(text)) - len(rule.counter_markers.findall(text))
        if score > 0:
            return rule.becomes
    return name


def _label_mention(ent: Span, text: str, ranges: list[tuple[int, int]], rules: ResponsibilityRules):
    """The cue kind tying one mention to the attack (None = acting as attacker), or 'skip'."""
    clause = _clause_of(ranges, ent.start_char)
    if clause is None or _is_background(text, clause, rules):
        return "skip", None
    if any(p.search(ent.sent.text) for p in rules.background_sentence):
        return "skip", None  # 'nobody has claimed that attack': another event of the report
    nearest = _nearest_cue(ent, _cue_matches(text, clause, rules))
    if nearest is not None:
        return nearest[0].kind, (nearest[1], nearest[2])
    if _acts_as_attacker(ent, rules):
        return None, None
    return "skip", None


def _collect(ctx: Context) -> dict[str, GroupEvidence]:
    rules = responsibility_rules()
    text = ctx.text
    ents = [e for e in ctx.doc.ents
            if e.label_ == GROUP_LABEL and not _is_anti_mention(e, rules) and not _is_descriptor(e, rules)]
    generic = generic_group_names()
    found: dict[str, GroupEvidence] = {}
    for sent in ctx.doc.sents:
        ranges = clauses(text, sent.start_char, sent.end_char, rules.clause_breaks)
        for ent in (e for e in ents if sent.start_char <= e.start_char < sent.end_char):
            label, cue_span = _label_mention(ent, text, ranges, rules)
            if label == "skip":
                continue
            name = _canonical(ent, text, rules)
            if label is None and name in generic:
                continue  # generic names ('separatists') need an explicit attribution
            ev = found.setdefault(name, GroupEvidence(name, first=ent.start_char))
            ev.labels.add(label)
            ev.spans.append(span_of(ent))
            if cue_span:
                ev.spans.append(cue_span)
    _add_spokesman_claims(ctx, ents, found, rules)
    for ent in ents:  # every way the text writes a perpetrator, background mentions included
        name = _canonical(ent, text, rules)
        if name in found and ent.text not in found[name].mentions:
            found[name].mentions.append(ent.text)
    return found


def _add_spokesman_claims(ctx: Context, ents: list[Span], found: dict[str, GroupEvidence],
                          rules: ResponsibilityRules) -> None:
    """'a spokesman for the group said its fighters ...': a claim by the group named last before it."""
    for m in rules.spokesman_claim.finditer(ctx.text):
        earlier = [e for e in ents if e.end_char <= m.start()]
        if not earlier:
            continue
        ent = earlier[-1]
        name = _canonical(ent, ctx.text, rules)
        ev = found.setdefault(name, GroupEvidence(name, first=ent.start_char))
        ev.labels.add("claimed")
        ev.spans.append(m.span())


def _responsibility(labels: set) -> str | None:
    if "claimed" in labels:
        return "claimed"
    if "denied" in labels:
        return "denied"
    for kind in ("blamed", "suspected"):
        if kind in labels:
            return kind
    return "suspected" if "unclaimed" in labels else None


def _rank(ev: GroupEvidence) -> tuple[int, int]:
    strongest = min(RANK[label] for label in ev.labels - {"denied"}) if ev.labels - {"denied"} else RANK["denied"]
    return (strongest, ev.first)


def _remote_claim_yields(ranked: list[GroupEvidence], text: str, rules: ResponsibilityRules) -> list[GroupEvidence]:
    """A global brand claiming an attack far from home comes after the group officials name as the attacker.

    Such claims come without evidence, and GTD codes the local group that carried it out
    (the brand stays listed, with its claim)."""
    if len(ranked) < 2:
        return ranked
    first = ranked[0]
    remote = next((r for r in rules.remote_claimants if r.group == first.name), None)
    if remote is None or first.labels - {"claimed"} or remote.home_markers.search(text):
        return ranked
    named = [ev for ev in ranked[1:] if ev.labels & {"blamed", "suspected"}]
    if not named:
        return ranked
    return [named[0], first] + [ev for ev in ranked[1:] if ev is not named[0]]


def find_perpetrators(ctx: Context) -> Found[list[Perpetrator]]:
    """Groups the report ties to the attack, main perpetrator first.

    A group that only denies involvement is dropped; one blamed and denying is kept as 'denied'.
    Groups seen only acting as attackers are dropped when another group is explicitly tied to it.
    """
    found = _collect(ctx)
    kept = [ev for ev in found.values() if ev.labels - {"denied"}]
    if any(ev.labels - {None, "denied"} for ev in kept):
        kept = [ev for ev in kept if ev.labels - {None, "denied"}]
    kept.sort(key=_rank)
    kept = _remote_claim_yields(kept, ctx.text, responsibility_rules())
    perps = [
        Perpetrator(name=ev.name, claimed="claimed" in ev.labels,
                    responsibility=_responsibility(ev.labels), mentions=ev.mentions)
        for ev in kept
    ]
    return Found(perps, [s for ev in kept for s in ev.spans])


# --- responders ----------------------------------------------------------------------------


def _is_place_or_title(ent: Span, rules: ResponderRules) -> bool:
    """'police station', 'inspector general of police': the force names a place or a post."""
    root = ent.root
    if root.dep_ in ("compound", "amod", "nmod", "poss") and root.head.lower_ not in rules.personnel_heads:
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in rules.title_heads:
        return True
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return nxt is not None and nxt.lower_ in rules.title_heads


def _is_target(ent: Span, rules: ResponderRules, attack_verbs: frozenset[str]) -> bool:
    """The force is what was attacked ('attacked soldiers', 'an attack on police') or its victims."""
    tok = ent.root
    while tok.dep_ in ("conj", "appos") and tok.head != tok:
        tok = tok.head
    if tok.dep_ == "dobj" and tok.head.lower_ in attack_verbs:
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ in rules.target_prepositions:
        return True
    # match() anchors at the end of the mention: the force itself was killed or attacked
    return bool(rules.victim_predicate.match(ent.doc.text, ent.end_char, ent.sent.end_char))


def _heads_named_force(ent: Span) -> bool:
    """'troops' in 'AMISOM troops': the noun of a force already named just before it."""
    return ent.start > 0 and ent.doc[ent.start - 1].ent_type_ == FORCE_LABEL


def find_responders(ctx: Context) -> Found[list[str]]:
    """Canonical names of the forces that responded, in order of first response mention."""
    rules = responder_rules()
    attack_verbs = responsibility_rules().attack_verbs
    breaks = responsibility_rules().clause_breaks
    text = ctx.text
    names: list[str] = []
    spans: list[tuple[int, int]] = []
    responded: dict[tuple[int, int], bool] = {}  # per clause: a run-on clause names many forces
    for sent in ctx.doc.sents:
        ranges = clauses(text, sent.start_char, sent.end_char, breaks)
        for ent in (e for e in sent.ents if e.label_ == FORCE_LABEL):
            clause = _clause_of(ranges, ent.start_char)
            if clause is None:
                continue
            if clause not in responded:
                responded[clause] = any(p.search(text, *clause) for p in rules.responded)
            if not responded[clause]:
                continue
            if _heads_named_force(ent) or _is_place_or_title(ent, rules) or _is_target(ent, rules, attack_verbs):
                continue
            name = ent.ent_id_ or ent.text
            if name not in names:
                names.append(name)
            spans.append(span_of(ent))
    return Found(names, spans)
