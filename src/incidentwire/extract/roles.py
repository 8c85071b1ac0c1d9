"""MUC-4 style role fillers: who attacked (PerpInd, PerpOrg), what and whom (Target, Victim), with what (Weapon).

A small spaCy model trained on MUC-4 (scripts/train_roles.py) tags role mentions and scores the report's
relevance. It was trained on lower-cased text, so every report is lower-cased first (character by
character, so offsets stay the report's own). Mentions of one role that name the same thing (same words,
an acronym, a shorter form) become one entity; each entity is given by its best-supported mention, since
a single right mention is what a reader (and CEAF-REE) needs.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .. import vocab
from ..model import ROLE_NAMES
from ..vocab.models import RolesPrior
from .spans import Context, Found, doc_text

RELEVANT = "RELEVANT"
TAGGER = "ner"  # the role model's component that marks role mentions
SETTINGS_FILE = "role_settings.json"
PRIOR_FILE = "roles_prior.json"
_WORD = re.compile(r"\w+")
_ACRONYM_FILLERS = frozenset({"of", "the", "de", "del", "la", "las", "los", "and", "y", "for"})


@dataclass(frozen=True)
class RoleSettings:
    """Decision thresholds tuned on MUC-4 dev by the training script, shipped beside the model."""

    relevance_threshold: float = 0.5
    role_thresholds: dict[str, float] = field(default_factory=dict)  # role -> min P(report has role)
    merge_contained: bool = True
    min_tagged: int = 1  # fewer tagged mentions than this: a passing mention of violence, not an attack report
    prior_roles: tuple[str, ...] = ()  # roles where names often filled in MUC-4 train are added
    prior_min_reports: int = 2
    prior_min_precision: float = 0.5


@dataclass(frozen=True)
class RoleMention:
    role: str
    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        return " ".join(_WORD.findall(self.text.lower()))


@dataclass
class RoleEntity:
    role: str
    mentions: list[RoleMention]

    @property
    def best(self) -> RoleMention:
        """The form used most often, first seen on ties: the one the report itself settles on."""
        counts = Counter(m.key for m in self.mentions)
        return min(self.mentions, key=lambda m: (-counts[m.key], m.start))


def model_dir() -> Path:
    return Path(str(resources.files("incidentwire").joinpath("models", "roles")))


@lru_cache(maxsize=1)
def load_role_model() -> Language:
    return spacy.load(model_dir())


@lru_cache(maxsize=1)
def load_settings() -> RoleSettings:
    path = model_dir() / SETTINGS_FILE
    return settings_from_json(path.read_text()) if path.exists() else RoleSettings()


def settings_from_json(raw: str) -> RoleSettings:
    fields = json.loads(raw)
    fields["prior_roles"] = tuple(fields.get("prior_roles", ()))
    return RoleSettings(**fields)


@lru_cache(maxsize=1)
def load_prior() -> dict[str, dict[str, list[float]]]:
    """role -> mention -> [train reports where it filled the role, share of attack reports naming it]."""
    return vocab.load(PRIOR_FILE, RolesPrior).model_dump(exclude={"about"})


@lru_cache(maxsize=16)
def prior_matcher(role: str, min_reports: int, min_precision: float) -> re.Pattern | None:
    names = sorted(
        (
            name
            for name, (reports, precision) in load_prior().get(role, {}).items()
            if reports >= min_reports and precision >= min_precision
        ),
        key=len,
        reverse=True,
    )
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)") if names else None


def prior_mentions(low_text: str, original_text: str, settings: RoleSettings) -> list[RoleMention]:
    """Names that usually fill a role when an attack report mentions them (the FMLN, dynamite, ...)."""
    found = []
    for role in settings.prior_roles:
        matcher = prior_matcher(role, settings.prior_min_reports, settings.prior_min_precision)
        if matcher is not None:
            found += [
                RoleMention(role, m.start(), m.end(), original_text[m.start() : m.end()])
                for m in matcher.finditer(low_text)
            ]
    return found


def lowered(text: str) -> str:
    """Lower-cased text of the same length, so offsets carry over (a few letters grow when lowered)."""
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)


def role_doc(text: str, nlp: Language | None = None) -> Doc:
    return (nlp or load_role_model())(lowered(text))


def role_docs(texts: Iterable[str], nlp: Language | None = None) -> list[Doc]:
    """The role model's parses of many texts, batched, the classifier first.

    A text the classifier finds irrelevant gets no roles whatever the tagger marks (roles_of_doc), so the
    tagger, most of the model's cost, reads only the others; every report's roles come out as from role_doc.
    """
    model = nlp or load_role_model()
    docs = [model.make_doc(lowered(text)) for text in texts]
    for name, component in model.pipeline:
        if name != TAGGER:
            docs = list(component.pipe(docs))  # type: ignore[attr-defined]  # spaCy types pipes as plain callables
    threshold = load_settings().relevance_threshold
    tagger = model.get_pipe(TAGGER)
    list(tagger.pipe(d for d in docs if d.cats.get(RELEVANT, 1.0) >= threshold))  # type: ignore[attr-defined]
    return docs


def role_mentions(doc: Doc, original_text: str) -> list[RoleMention]:
    return [
        RoleMention(ent.label_, ent.start_char, ent.end_char, original_text[ent.start_char : ent.end_char])
        for ent in doc.ents
        if ent.label_ in ROLE_NAMES
    ]


def _initials(key: str) -> str:
    return "".join(w[0] for w in key.split() if w not in _ACRONYM_FILLERS)


def _is_acronym(short: str, initials: str) -> bool:
    """Spanish names keep their own word order in acronyms (FMLN: Farabundo Marti National Liberation
    Front), so the letters must match the initials as a set, beginning alike, not in order."""
    if short == initials:
        return True
    return (
        len(short) >= 3
        and short[0] == initials[:1]
        and len(initials) - len(short) <= 1
        and not Counter(short) - Counter(initials)
    )


def _shorter_first(a: str, b: str) -> tuple[str, str]:
    return (a, b) if len(a) <= len(b) else (b, a)


def _same_thing(short: str, long: str, merge_contained: bool) -> bool:
    """An acronym of the longer name, or (optionally) its shorter form word for word."""
    if short == long:
        return True
    if " " not in short and len(short) >= 2 and _is_acronym(short, _initials(long)):
        return True
    return merge_contained and f" {short} " in f" {long} "


def group_entities(mentions: list[RoleMention], merge_contained: bool = True) -> list[RoleEntity]:
    """One entity per set of mentions of one role that name the same thing, in order of first mention."""
    entities: list[RoleEntity] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        if not mention.key:
            continue
        for entity in entities:
            if entity.role == mention.role and any(
                _same_thing(*_shorter_first(mention.key, other.key), merge_contained) for other in entity.mentions
            ):
                entity.mentions.append(mention)
                break
        else:
            entities.append(RoleEntity(mention.role, [mention]))
    return entities


def roles_of_doc(doc: Doc, original_text: str, settings: RoleSettings) -> list[RoleEntity]:
    """The role entities of a report parsed by the role model; none when the report is not about an attack."""
    if doc.cats.get(RELEVANT, 1.0) < settings.relevance_threshold:
        return []
    tagged = role_mentions(doc, original_text)
    if not tagged or len(tagged) < settings.min_tagged:
        return []
    # The tagger saw an attack: names that usually fill a role join where it left them out.
    tagged += [
        m
        for m in prior_mentions(doc_text(doc), original_text, settings)
        if not any(m.start < t.end and t.start < m.end for t in tagged)
    ]
    kept = [m for m in tagged if doc.cats.get(f"HAS_{m.role}", 1.0) >= settings.role_thresholds.get(m.role, 0.0)]
    return group_entities(kept, settings.merge_contained)


def as_role_table(entities: list[RoleEntity]) -> dict[str, list[list[str]]]:
    table: dict[str, list[list[str]]] = {role: [] for role in ROLE_NAMES}
    for entity in entities:
        table[entity.role].append([entity.best.text])
    return table


def find_roles(ctx: Context) -> Found[dict[str, list[list[str]]]]:
    """Role -> entities, each given by its best mention as written; spans cover every mention."""
    parsed = ctx.role_doc if ctx.role_doc is not None else role_doc(ctx.text)
    entities = roles_of_doc(parsed, ctx.text, load_settings())
    spans = sorted((m.start, m.end) for e in entities for m in e.mentions)
    return Found(as_role_table(entities), spans)
