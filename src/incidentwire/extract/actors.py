"""Who did it and who responded: perpetrator groups with their responsibility, and responding forces.

A group becomes a perpetrator only when the text ties it to the attack: a claim, an attribution,
a suspicion or a denial in the same clause, or the group acting as the attacker ("Taliban
militants stormed ..."). Mentions in history or background clauses are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from spacy.tokens import Span, Token

from .. import vocab
from ..model import Perpetrator, Responsibility
from ..nlp import FORCE_LABEL, GROUP_KIND_WORDS, GROUP_LABEL
from ..vocab.models import ResponderCues, ResponsibilityCues
from .context import in_background
from .group_refs import (
    Affiliate,
    Aside,
    Mention,
    Segment,
    affiliate_of,
    anaphor_mentions,
    outlet_mentions,
    own_asides,
    possessor_of_group,
    sentence_asides,
    sentence_elaborations,
    stands_for_affiliate,
)
from .motives import attacker_motive
from .other_times import as_date, names_another_day, sentence_opening
from .spans import Context, Found, doc_text, span_of

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
    countries: frozenset[str] = frozenset()  # where the attack's country decides for it ...
    counter_countries: frozenset[str] = frozenset()  # ... or against it


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
    group_anaphor: re.Pattern
    anaphor_window: int
    outlets: tuple[tuple[re.Pattern, str], ...]
    affiliate_after: re.Pattern
    affiliate_before: re.Pattern
    affiliates: tuple[Affiliate, ...]
    generic_specific: dict[str, tuple[str, ...]]


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


def _compile(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


@lru_cache(maxsize=1)
def responsibility_rules() -> ResponsibilityRules:
    data = vocab.load("responsibility_cues.json", ResponsibilityCues)
    cues = tuple(
        Cue(kind, _compile(c.pattern), c.side)
        for kind in ("claimed", "denied", "blamed", "suspected", "unclaimed")
        for c in getattr(data, kind)
    )
    regional = tuple(
        RegionalName(
            r.group,
            r.becomes,
            re.compile(r.markers),
            re.compile(r.counter_markers),
            frozenset(r.countries),
            frozenset(r.counter_countries),
        )
        for r in data.regional_names
    )
    return ResponsibilityRules(
        cues=cues,
        no_claim=tuple(_compile(p) for p in data.no_claim),
        background=tuple(_compile(p) for p in data.background),
        background_sentence=tuple(_compile(p) for p in data.background_sentence),
        clause_breaks=_compile(data.clause_breaks),
        anti_prefix=_compile(data.anti_prefix),
        descriptor_before=_compile(data.descriptor_before),
        descriptor_after=_compile(data.descriptor_after),
        attack_verbs=frozenset(data.attack_verbs),
        attack_nouns=frozenset(data.attack_nouns),
        attack_event_nouns=frozenset(data.attack_event_nouns),
        attacker_prepositions=frozenset(data.attacker_prepositions),
        regional=regional,
        spokesman_claim=_compile(data.spokesman_claim),
        remote_claimants=tuple(RemoteClaimant(r.group, re.compile(r.home_markers)) for r in data.remote_claimants),
        group_anaphor=re.compile(data.group_anaphor),  # case-sensitive: 'the Group' may start a name
        anaphor_window=int(data.group_anaphor_window),
        outlets=tuple((re.compile(o.pattern), o.group) for o in data.outlets),
        affiliate_after=_compile(data.affiliate_after),
        affiliate_before=_compile(data.affiliate_before),
        affiliates=tuple(
            Affiliate(a.parent, a.affiliate, re.compile(a.region), frozenset(a.countries)) for a in data.affiliates
        ),
        generic_specific={k: tuple(v) for k, v in data.generic_specific.items()},
    )


@lru_cache(maxsize=1)
def responder_rules() -> ResponderRules:
    data = vocab.load("responder_cues.json", ResponderCues)
    return ResponderRules(
        responded=tuple(_compile(p) for p in data.responded),
        personnel_heads=frozenset(data.personnel_heads),
        title_heads=frozenset(data.title_heads),
        victim_predicate=_compile(data.victim_predicates),
        target_prepositions=frozenset(data.target_prepositions),
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


NEGATED_BEFORE = re.compile(r"\b(?:not|never|n't)\s+(?:yet\s+|publicly\s+|officially\s+)?$", re.IGNORECASE)


def _cue_matches(text: str, clause: tuple[int, int], rules: ResponsibilityRules) -> list[tuple[Cue, int, int]]:
    """The responsibility cues of a clause, minus claims that a 'no group claimed' phrase negates."""
    s, e = clause
    negated = [(m.start(), m.end()) for p in rules.no_claim for m in p.finditer(text, s, e)]
    found = []
    for cue in rules.cues:
        for m in cue.pattern.finditer(text, s, e):
            if cue.kind == "claimed" and any(ns <= m.start() < ne or m.start() <= ns < m.end() for ns, ne in negated):
                continue
            if cue.kind != "denied" and NEGATED_BEFORE.search(text, max(s, m.start() - 20), m.start()):
                continue  # 'the government has not blamed the opposition group': no one blamed
            found.append((cue, m.start(), m.end()))
    return found


def _nearest_cue(start: int, end: int, cues: list[tuple[Cue, int, int]]) -> tuple[Cue, int, int] | None:
    """The cue nearest a mention at [start, end) on the side the cue allows."""
    best, best_gap = None, None
    for cue, cs, ce in cues:
        before = end <= cs
        after = start >= ce
        if cue.side == "before" and not before or cue.side == "after" and not after:
            continue
        gap = cs - end if before else start - ce if after else 0
        if best_gap is None or gap < best_gap:
            best, best_gap = (cue, cs, ce), gap
    return best


def _is_background(text: str, clause: tuple[int, int], rules: ResponsibilityRules) -> bool:
    s, e = clause
    return any(p.search(text, s, e) for p in rules.background)


def _is_anti_mention(ent: Span, rules: ResponsibilityRules) -> bool:
    """'anti-Maoist', 'counter-Taliban': the group is what the thing opposes."""
    before = doc_text(ent.doc)[max(0, ent.start_char - 8) : ent.start_char]
    return bool(rules.anti_prefix.search(before))


AFFILIATE_NOUN = re.compile(r"\s+(?:affiliate|offshoot|franchise|branch)\b")


def _is_descriptor(ent: Span, rules: ResponsibilityRules) -> bool:
    """'an al Qaeda-linked alliance', 'an affiliate of the Islamic State': the group only describes another."""
    text = doc_text(ent.doc)
    if possessor_of_group(ent, GROUP_LABEL):
        return True
    described = rules.descriptor_after.match(text, ent.end_char)
    if described:
        # 'al-Shabaab, the al-Qaeda affiliate', 'the group, an al-Qaeda affiliate': describes another group;
        # standing for itself ('The local Islamic State affiliate claimed the attack') it is the claimant
        alone = not any(e.label_ == GROUP_LABEL and e != ent for e in ent.sent.ents)
        noun = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        named_for_itself = noun is not None and noun.dep_ not in ("appos", "attr", "conj")
        return not (alone and named_for_itself and AFFILIATE_NOUN.match(described.group(0)))
    return bool(rules.descriptor_before.search(text[max(0, ent.start_char - 60) : ent.start_char]))


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
        if tok.dep_ == "pobj" and head.lower_ == "of" and _a_number_of_men(head.head):
            tok = head.head  # 'Hundreds of Maoist rebels stormed ...': the number is the verb's subject
            continue
        if tok.dep_ in ("compound", "amod", "nmod", "poss") and head.lower_ in rules.attack_nouns:
            tok = head
            if tok.lower_ in rules.attack_event_nouns or _men_who_acted(tok):
                return True  # 'the Shebab attack'; 'Shebab gunmen used a car bomb to blast their way in'
            continue
        if tok.dep_ in ("conj", "appos", "compound") and head != tok:
            tok = head
            continue
        if tok.dep_ == "nmod" and head.lower_ in GROUP_KIND_WORDS:
            tok = head  # 'a bomber from the ISIS (Daesh) terrorist group': the group noun stands for it
            continue
        break
    return False


NUMBER_NOUNS = frozenset(
    {"hundreds", "dozens", "scores", "thousands", "tens", "group", "band", "gang", "squad", "number", "some", "several"}
)


def _a_number_of_men(noun: Token) -> bool:
    return noun.lower_ in NUMBER_NOUNS or noun.like_num


ATTACKING_MEN = frozenset({"gunmen", "gunman", "militants", "fighters", "bombers", "attackers", "assailants"})


def _men_who_acted(noun: Token) -> bool:
    """ "[Shebab gunmen] used a vehicle packed with explosives": the group's armed men did it."""
    return (
        noun.lower_ in ATTACKING_MEN and noun.dep_ == "nsubj" and noun.head.pos_ == "VERB" and noun.head.tag_ == "VBD"
    )


def _regional_score(rule: RegionalName, sentence: str, text: str, country: str | None) -> int:
    """> 0 when the attack is in the regional group's area: the sentence's own markers first, then the
    attack's country, then the markers of the whole report."""
    score = len(rule.markers.findall(sentence)) - len(rule.counter_markers.findall(sentence))
    if score == 0 and country and (rule.countries or rule.counter_countries):
        score = 1 if country in rule.countries else -1
    if score == 0:
        score = len(rule.markers.findall(text)) - len(rule.counter_markers.findall(text))
    return score


def _canonical(mention: Mention, text: str, rules: ResponsibilityRules, country: str | None) -> str:
    name, sentence = mention.name, mention.span.sent.text
    if mention.kind == "name" and stands_for_affiliate(mention.span, rules.affiliate_after, rules.affiliate_before):
        affiliate = affiliate_of(name, sentence, country, rules.affiliates)
        if affiliate:
            return affiliate
    for rule in rules.regional:
        if name == rule.group and _regional_score(rule, sentence, text, country) > 0:
            return rule.becomes
    return name


def _innermost(ranges: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """The narrowest range holding pos."""
    holding = [(s, e) for s, e in ranges if s <= pos < e]
    return min(holding, key=lambda r: r[1] - r[0]) if holding else None


def _segment_label(
    mention: Mention, seg: Segment, sentence: Segment, rules: ResponsibilityRules, setting: str | None = None
):
    """The cue kind tying a mention to the attack within one stretch of text, or 'skip'.

    `setting` is the text whose time decides whether the stretch is background (default: the stretch)."""
    start, end = seg.from_report(mention.start), seg.from_report(mention.end)
    setting = seg.text if setting is None else setting
    if start is None or end is None or _is_background(setting, (0, len(setting)), rules):
        return "skip", None
    if any(p.search(sentence.text) for p in rules.background_sentence):
        return "skip", None  # 'nobody has claimed that attack': another event of the report
    nearest = _nearest_cue(start, end, _cue_matches(seg.text, (0, len(seg.text)), rules))
    if nearest is not None:
        kind = "claimed" if mention.kind == "outlet" and nearest[0].kind != "denied" else nearest[0].kind
        return kind, (seg.to_report(nearest[1]), seg.to_report(nearest[2]))
    if mention.kind == "outlet":
        return "claimed", None  # an outlet in a clause about this attack relays the group's claim
    if mention.kind == "name" and _acts_as_attacker(mention.span, rules):
        return None, None
    return "skip", None


def _own_aside_label(mention: Mention, text: str, asides: list[Aside], rules: ResponsibilityRules):
    """'X, which claimed the attack within hours, ...': a claim in the mention's own aside is its claim,
    unless the aside is about another time."""
    for s, e in ((a.start, a.end) for a in own_asides(mention.span, asides)):
        seg = Segment.of(text, s, e, [])
        if _is_background(seg.text, (0, len(seg.text)), rules):
            continue
        cue = _nearest_cue(-1, 0, _cue_matches(seg.text, (0, len(seg.text)), rules))
        if cue is not None:
            return cue[0].kind, (s + cue[1], s + cue[2])
    return "skip", None


def _mention_labels(
    mention: Mention,
    text: str,
    sent: Span,
    ranges: list[tuple[int, int]],
    asides: list[Aside],
    elaborations: list[tuple[int, int]],
    rules: ResponsibilityRules,
) -> list[tuple]:
    """The cue kinds tying one mention to the attack (None = acting as attacker), with their cue spans.

    Asides ('X, which bombed a market in 2013, ...') are read apart from the clause they sit in: their
    past does not make the clause background, a claim in the mention's own aside is its claim, and a
    mention inside one is read within it."""
    cuts = [(a.start, a.end) for a in asides]
    inside = _innermost(cuts, mention.start)
    clause = _clause_of(ranges, mention.start)
    # the time of a clause is its own, not that of its asides or of a trailing ', saying ...'
    setting = Segment.of(text, *clause, cuts + elaborations).text if clause else None
    if inside is not None:
        own = Segment.of(text, *inside, [])
        label = _segment_label(mention, own, own, rules)
        if label[0] == "skip" and clause and not _is_background(own.text, (0, len(own.text)), rules):
            # 'a local group, X, as the main suspect': a name in a cue-less aside takes its clause's cue
            whole = Segment.of(text, *clause, [])
            sentence = Segment.of(text, sent.start_char, sent.end_char, [])
            label = _segment_label(mention, whole, sentence, rules, setting)
        found = [label]
    else:
        if clause is None:
            return []
        sentence = Segment.of(text, sent.start_char, sent.end_char, cuts)
        found = [
            _segment_label(mention, Segment.of(text, *clause, cuts), sentence, rules, setting),
            _own_aside_label(mention, text, asides, rules),
        ]
    return [(label, cue) for label, cue in found if label != "skip"]


def _named_mentions(ctx: Context, rules: ResponsibilityRules) -> list[Mention]:
    return [
        Mention(e, e.ent_id_ or e.text)
        for e in ctx.doc.ents
        if e.label_ == GROUP_LABEL and not _is_anti_mention(e, rules) and not _is_descriptor(e, rules)
    ]


def _all_mentions(ctx: Context, rules: ResponsibilityRules) -> list[Mention]:
    """Names, then the definite nouns and outlets that stand for them, in text order."""
    named = _named_mentions(ctx, rules)
    taken = [(m.start, m.end) for m in named]
    extra = anaphor_mentions(ctx.doc, ctx.text, rules.group_anaphor, named, rules.anaphor_window)
    extra += outlet_mentions(ctx.doc, ctx.text, rules.outlets)
    extra = [m for m in extra if not any(s < m.end and m.start < e for s, e in taken)]
    return sorted(named + extra, key=lambda m: m.start)


def _set_at_another_time(sent: Span, rules: ResponsibilityRules, attack: date | None, published: date | None) -> bool:
    """'On June 7 a car bomb ..., an attack claimed by X': the opening time frames the whole sentence."""
    opening = sentence_opening(sent.text)
    if not opening:
        return False
    return names_another_day(opening, attack, published) or any(p.search(opening) for p in rules.background)


def _collect(ctx: Context, country: str | None, attack: date | None) -> dict[str, GroupEvidence]:
    rules = responsibility_rules()
    text = ctx.text
    mentions = _all_mentions(ctx, rules)
    generic = generic_group_names()
    found: dict[str, GroupEvidence] = {}
    for sent in ctx.doc.sents:
        in_sent = [m for m in mentions if sent.start_char <= m.start < sent.end_char]
        if not in_sent or in_background(ctx.doc, sent.start_char):
            continue
        if _set_at_another_time(sent, rules, attack, ctx.published):
            continue
        ranges = clauses(text, sent.start_char, sent.end_char, rules.clause_breaks)
        asides = sentence_asides(sent)
        elaborations = sentence_elaborations(sent)
        for mention in in_sent:
            name = _canonical(mention, text, rules, country)
            for label, cue_span in _mention_labels(mention, text, sent, ranges, asides, elaborations, rules):
                if label is None and name in generic:
                    continue  # generic names ('separatists') need an explicit attribution
                ev = found.setdefault(name, GroupEvidence(name, first=mention.start))
                ev.labels.add(label)
                ev.spans.append(span_of(mention.span))
                if cue_span:
                    ev.spans.append(cue_span)
    named = [m for m in mentions if m.kind == "name"]
    _add_spokesman_claims(ctx, named, found, rules, country)
    for mention in named:  # every way the text writes a perpetrator, background mentions included
        name = _canonical(mention, text, rules, country)
        if name in found and mention.span.text not in found[name].mentions:
            found[name].mentions.append(mention.span.text)
    return found


def _add_spokesman_claims(
    ctx: Context, named: list[Mention], found: dict[str, GroupEvidence], rules: ResponsibilityRules, country: str | None
) -> None:
    """'a spokesman for the group said its fighters ...': a claim by the group named last before it."""
    for m in rules.spokesman_claim.finditer(ctx.text):
        earlier = [n for n in named if n.end <= m.start()]
        if not earlier:
            continue
        mention = earlier[-1]
        name = _canonical(mention, ctx.text, rules, country)
        ev = found.setdefault(name, GroupEvidence(name, first=mention.start))
        ev.labels.add("claimed")
        ev.spans.append(m.span())


def _specific_for_generic(found: dict[str, GroupEvidence], ctx: Context, rules: ResponsibilityRules) -> None:
    """'Maoists' stand for the party the report names ('the Communist Party of India (Maoist)')."""
    named = {e.ent_id_ or e.text for e in ctx.doc.ents if e.label_ == GROUP_LABEL and not _is_anti_mention(e, rules)}
    for generic, specifics in rules.generic_specific.items():
        specific = next((s for s in specifics if s in named), None)
        if generic not in found or specific is None:
            continue
        ev = found.pop(generic)
        into = found.setdefault(specific, GroupEvidence(specific, first=ev.first))
        into.labels |= ev.labels
        into.spans += ev.spans
        into.first = min(into.first, ev.first)
        into.mentions += [m for m in ev.mentions if m not in into.mentions]


def _responsibility(labels: set) -> Responsibility | None:
    if "claimed" in labels:
        return "claimed"
    if "denied" in labels:
        return "denied"
    if "blamed" in labels:
        return "blamed"
    if "suspected" in labels:
        return "suspected"
    return "suspected" if "unclaimed" in labels else None


def _rank(ev: GroupEvidence) -> tuple[int, bool, int]:
    """The strongest attribution first; of two equally strong, a named group before a generic one
    ('Suspected Islamist militants killed 21 ... Fighters believed to be from the ADF attacked')."""
    strongest = min(RANK[label] for label in ev.labels - {"denied"}) if ev.labels - {"denied"} else RANK["denied"]
    return (strongest, ev.name in generic_group_names(), ev.first)


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


def find_perpetrators(ctx: Context, country: str | None = None, attack_date=None) -> Found[list[Perpetrator]]:
    """Groups the report ties to the attack, main perpetrator first.

    A group that only denies involvement is dropped; one blamed and denying is kept as 'denied'.
    Groups seen only acting as attackers are dropped when another group is explicitly tied to it.
    `country` (where the attack happened) decides regional names and affiliates when the text does
    not; `attack_date` tells sentences set on another day.
    """
    found = _collect(ctx, country, as_date(attack_date))
    _specific_for_generic(found, ctx, responsibility_rules())
    kept = [ev for ev in found.values() if ev.labels - {"denied"}]
    if any(ev.labels - {None, "denied"} for ev in kept):
        kept = [ev for ev in kept if ev.labels - {None, "denied"}]
    kept.sort(key=_rank)
    kept = _remote_claim_yields(kept, ctx.text, responsibility_rules())
    perps = [
        Perpetrator(
            name=ev.name,
            claimed="claimed" in ev.labels,
            responsibility=_responsibility(ev.labels),
            mentions=ev.mentions,
        )
        for ev in kept
    ]
    if not perps:  # no group named: the attacker's cause, where the report tells it ('an ISIS sympathiser')
        return attacker_motive(ctx)
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
    return bool(rules.victim_predicate.match(doc_text(ent.doc), ent.end_char, ent.sent.end_char))


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
