"""The type vocabulary (vocab/gtd_types.json) and its cue phrases, matched once per doc."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .. import vocab
from ..nlp import get_nlp
from ..vocab.models import CasualtyCues, GtdTypes, TypeWords


@dataclass(frozen=True)
class TypeVocab:
    hierarchy: tuple[str, ...]
    act_groups: tuple[tuple[str | None, str | None], ...]
    attack_weapons: dict[str, list[str]]
    target_types: tuple[str, ...]
    weak_targets: frozenset[tuple[str, str]]
    people_words: frozenset[str]
    actor_verbs: frozenset[str]
    responder_words: frozenset[str]
    force_kinds: dict[str, str]
    force_name_words: dict[str, str]
    hedges: tuple[str, ...]
    person_proxies: frozenset[str]
    damage_words: frozenset[str]
    yield_to_polling: frozenset[str]
    responder_actors: frozenset[str]
    attacker_words: frozenset[str]
    student_words: frozenset[str]
    owner_yields_to: frozenset[str]
    command_seats: frozenset[str]
    party_sites: frozenset[str]
    weapon_carriers: frozenset[str]
    generic_security_sites: frozenset[str]
    attribution_verbs: frozenset[str]
    public_area_words: frozenset[str]
    found_bomb_words: frozenset[str]
    kin_words: frozenset[str]
    audience_verbs: frozenset[str]
    siege_words: frozenset[str]
    non_act_heads: frozenset[str]
    described_nouns: frozenset[str]
    public_venue_types: frozenset[str]
    affiliation_words: frozenset[str]
    owning_verbs: frozenset[str]
    unit_words: frozenset[str]
    response_acts: frozenset[str]
    taking_verbs: frozenset[str]
    site_words: frozenset[str]


def type_words() -> TypeWords:
    """The words of vocab/type_words.json (read once)."""
    return vocab.load("type_words.json", TypeWords)


def harm_words() -> frozenset[str]:
    """The words telling people were killed or hurt: casualty_cues.json's words of killing and wounding (the
    casualty extractor's own), less type_words.json's not_harm_words."""
    cues = vocab.load("casualty_cues.json", CasualtyCues)
    return (frozenset(cues.killed) | frozenset(cues.wounded)) - type_words().not_harm_words


@lru_cache(maxsize=1)
def _raw_vocab() -> GtdTypes:
    return vocab.load("gtd_types.json", GtdTypes)


@lru_cache(maxsize=1)
def load_type_vocab() -> TypeVocab:
    raw = _raw_vocab()
    weak = set()
    for entry in raw.weak_targets:
        kind, _, phrase = entry.rpartition(":")
        weak.add((kind, phrase))
    return TypeVocab(
        hierarchy=tuple(raw.attack_hierarchy),
        act_groups=tuple((g.attack, g.weapon) for g in raw.act_cues),
        attack_weapons=raw.attack_weapons,
        target_types=tuple(raw.target_cues),
        weak_targets=frozenset(weak),
        people_words=frozenset(raw.people_words),
        actor_verbs=frozenset(raw.actor_verbs),
        responder_words=frozenset(raw.responder_words),
        force_kinds=raw.force_kinds,
        force_name_words=raw.force_name_words,
        hedges=tuple(raw.suicide_hedges),
        person_proxies=frozenset(raw.person_proxies),
        damage_words=frozenset(raw.damage_words),
        yield_to_polling=frozenset(raw.yield_to_polling),
        responder_actors=frozenset(raw.responder_actors),
        attacker_words=frozenset(raw.attacker_words),
        student_words=frozenset(raw.student_words),
        owner_yields_to=frozenset(raw.owner_yields_to),
        command_seats=frozenset(raw.command_seats),
        party_sites=frozenset(raw.party_sites),
        weapon_carriers=frozenset(raw.weapon_carriers),
        generic_security_sites=frozenset(raw.generic_security_sites),
        attribution_verbs=frozenset(raw.attribution_verbs),
        public_area_words=frozenset(raw.public_area_words),
        found_bomb_words=frozenset(raw.found_bomb_words),
        kin_words=frozenset(raw.kin_words),
        audience_verbs=frozenset(raw.audience_verbs),
        siege_words=frozenset(raw.siege_words),
        non_act_heads=frozenset(raw.non_act_heads),
        described_nouns=frozenset(raw.described_nouns),
        public_venue_types=frozenset(raw.public_venue_types),
        affiliation_words=frozenset(raw.affiliation_words),
        owning_verbs=frozenset(raw.owning_verbs),
        unit_words=frozenset(raw.unit_words),
        response_acts=frozenset(raw.response_acts),
        taking_verbs=frozenset(raw.taking_verbs),
        site_words=frozenset(raw.site_words),
    )


# --- cue phrases ------------------------------------------------------------------------------
# The cue lists are matched in one pass of plain Python over each doc's lower-cased words, shared by
# every caller: spaCy's Matcher ran each starred word's regex on every token, once per list and call.

CUE_LISTS = ("acts", "hostage", "barricade", "roles", "suicide", "targets", "background", "parties", "premature")
EXACT, PREFIX, GAP = "exact", "prefix", "gap"
MAX_GAP = 10  # words a '...' in a cue phrase may stand for


@dataclass(frozen=True)
class CuePattern:
    """One cue phrase as token tests: (EXACT, word), (PREFIX, start of word) or (GAP, '')."""

    cue_list: str
    label: str
    tests: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class CueIndex:
    """Every cue phrase, in the order the lists were written, indexed by what its first token must be."""

    patterns: tuple[CuePattern, ...]
    by_word: dict[str, tuple[int, ...]]
    by_prefix: dict[str, tuple[int, ...]]


def _token_tests(nlp: Language, phrase: str) -> tuple[tuple[str, str], ...]:
    """Token tests for a phrase; a trailing '*' on a word makes its last token a prefix match, and
    '...' stands for a few words of any kind, none starting a sentence
    ('set ... on fire': 'set two vehicles on fire')."""
    tests: list[tuple[str, str]] = []
    for word in phrase.split():
        if word == "...":
            tests.append((GAP, ""))
            continue
        prefix = word.endswith("*")
        pieces = [t.lower_ for t in nlp.make_doc(word.rstrip("*"))]
        tests += [(PREFIX if prefix and i == len(pieces) - 1 else EXACT, piece) for i, piece in enumerate(pieces)]
    return tuple(tests)


def _labelled_phrases(raw: GtdTypes) -> dict[str, list[tuple[str, str]]]:
    return {
        "acts": [(str(i), p) for i, g in enumerate(raw.act_cues) for p in g.phrases],
        "hostage": [("hostage", p) for p in raw.hostage_cues],
        "barricade": [("barricade", p) for p in raw.barricade_context],
        "roles": [(kind, p) for kind, phrases in raw.prominent_roles.items() for p in phrases],
        "suicide": [("suicide", p) for p in raw.suicide_cues],
        "targets": [(f"{kind}:{p}", p) for kind, phrases in raw.target_cues.items() for p in phrases],
        "background": [("background", p) for p in raw.background_markers],
        "parties": [("party", p) for p in raw.violent_parties],
        "premature": [("premature", p) for p in raw.premature_cues],
    }


@lru_cache(maxsize=1)
def cue_index() -> CueIndex:
    """Every cue list compiled once, tokenized by the shared pipeline's tokenizer."""
    nlp = get_nlp()
    patterns: list[CuePattern] = []
    for cue_list, labelled in _labelled_phrases(_raw_vocab()).items():
        by_label: dict[str, list[str]] = {}  # a label's phrases together: ties between labels go to the first
        for label, phrase in labelled:
            by_label.setdefault(label, []).append(phrase)
        patterns += [CuePattern(cue_list, label, _token_tests(nlp, p)) for label, ps in by_label.items() for p in ps]
    by_word: dict[str, list[int]] = {}
    by_prefix: dict[str, list[int]] = {}
    for i, pattern in enumerate(patterns):
        kind, text = pattern.tests[0]
        (by_prefix if kind == PREFIX else by_word).setdefault(text, []).append(i)
    return CueIndex(
        patterns=tuple(patterns),
        by_word={w: tuple(ids) for w, ids in by_word.items()},
        by_prefix={w: tuple(ids) for w, ids in by_prefix.items()},
    )


@lru_cache(maxsize=65536)
def _patterns_starting_with(word: str) -> tuple[int, ...]:
    """Indexes of the cue patterns whose first token test this lower-cased word passes, in order."""
    index = cue_index()
    found = list(index.by_word.get(word, ()))
    for end in range(1, len(word) + 1):
        found += index.by_prefix.get(word[:end], ())
    return tuple(sorted(found))


def _match_ends(
    tests: tuple[tuple[str, str], ...], at: int, start: int, lowers: list[str], sent_starts: list[bool]
) -> set[int]:
    """Ends of every way tests[at:] match from token `start` on."""
    if at == len(tests):
        return {start}
    kind, text = tests[at]
    if kind == GAP:
        ends: set[int] = set()
        for skip in range(MAX_GAP + 1):
            if skip and (start + skip > len(lowers) or sent_starts[start + skip - 1]):
                break
            ends |= _match_ends(tests, at + 1, start + skip, lowers, sent_starts)
        return ends
    if start >= len(lowers):
        return set()
    word = lowers[start]
    if word == text or (kind == PREFIX and word.startswith(text)):
        return _match_ends(tests, at + 1, start + 1, lowers, sent_starts)
    return set()


def _all_cue_spans(doc: Doc) -> dict[str, list[Span]]:
    """Per cue list, the longest non-overlapping matches in text order, labelled with the match label."""
    patterns = cue_index().patterns
    lowers = [t.lower_ for t in doc]
    sent_starts = [bool(t.is_sent_start) for t in doc]
    found: dict[str, list[Span]] = {name: [] for name in CUE_LISTS}
    for start, word in enumerate(lowers):
        seen: set[tuple[str, str, int]] = set()
        for i in _patterns_starting_with(word):
            pattern = patterns[i]
            for end in sorted(_match_ends(pattern.tests, 1, start + 1, lowers, sent_starts)):
                key = (pattern.cue_list, pattern.label, end)
                if key not in seen:
                    seen.add(key)
                    found[pattern.cue_list].append(Span(doc, start, end, label=pattern.label))
    return {name: sorted(filter_spans(spans), key=lambda sp: sp.start) for name, spans in found.items()}


# The callers of one classification (and places.py's background_tokens) ask for the same doc's cues
# several times: the last doc's are kept, holding the doc so that it cannot be another one with its id.
_last_cues: tuple[Doc | None, int, dict[str, list[Span]]] = (None, 0, {})


def cue_spans(doc: Doc, cue_list: str) -> list[Span]:
    """Longest non-overlapping matches of one cue list (see CUE_LISTS) in the doc, in text order."""
    global _last_cues
    last_doc, last_len, spans = _last_cues
    if last_doc is not doc or last_len != len(doc):
        spans = _all_cue_spans(doc)
        _last_cues = (doc, len(doc), spans)
    return list(spans[cue_list])  # a copy: callers may not change what the next caller reads
