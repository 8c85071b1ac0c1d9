"""The compiled attribute ruler sets exactly what the model's own attribute ruler sets, token by token."""

from __future__ import annotations

import json

import pytest
import spacy
from conftest import SHARED

from incidentwire.nlp import MODEL_PACKAGES, get_nlp
from incidentwire.token_attributes import compile_attribute_ruler

# The ruler's exceptions: contractions and slang (two-token rules), expletives, auxiliaries, spaces.
EDGE_CASES = [
    "There is a bomb in the market. There were three blasts.",
    "I gotta go, we're gonna run, let's see, y'all know it ain't so. C'mon!",
    "He does it, but I said it: do you have it? It has had it.   \n\n  Then   it was over.\n",
    "Gets got get. That which they saw was this; these were those.",
    "Whether he came or not, she left because of it, as if nothing happened.",
]


def _model_name() -> str:
    for name in MODEL_PACKAGES:
        if spacy.util.is_package(name):
            return name
    pytest.skip("no English spaCy model installed")


def _annotations(doc) -> list[tuple]:
    return [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_, t.head.i) for t in doc]


@pytest.fixture(scope="module")
def texts(founding_report) -> list[str]:
    """The edge cases, the founding report and 40 MUC-4 dev reports (lower-cased wire text)."""
    lines = (SHARED / "data" / "muc4" / "dev.json").read_text().splitlines()[:40]
    return EDGE_CASES + [founding_report.read_text()] + [json.loads(line)["doctext"] for line in lines]


def test_compiled_ruler_sets_what_the_models_ruler_sets(texts):
    name = _model_name()
    original = spacy.load(name, disable=["lemmatizer"])
    compiled = spacy.load(name, disable=["lemmatizer"])
    compile_attribute_ruler(compiled)
    assert "attribute_ruler" not in compiled.pipe_names
    assert compiled.pipe_names.index("compiled_attribute_ruler") == original.pipe_names.index("attribute_ruler")
    for expected, got in zip(original.pipe(texts), compiled.pipe(texts)):
        assert _annotations(got) == _annotations(expected)


def test_the_shared_pipeline_runs_the_compiled_ruler():
    assert "compiled_attribute_ruler" in get_nlp().pipe_names
    doc = get_nlp()("There is a bomb. It ain't over.")
    assert [t.pos_ for t in doc][:4] == ["PRON", "VERB", "DET", "NOUN"]
