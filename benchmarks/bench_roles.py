"""Time of role extraction over the 200 MUC-4 test documents, against spaCy's small pipeline (NER only).

    .venv/bin/python benchmarks/bench_roles.py [--shared ../shared] [--split test]

Only the document texts are read (timing, no scoring). Both systems run in the same process, one after
the other, each after a warm-up, so the ratio holds on a busy machine better than either time alone.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy

from incidentwire.eval.muc4 import read_jsonl
from incidentwire.extract.roles import find_roles, load_role_model
from incidentwire.extract.spans import Context
from incidentwire.nlp import MODEL_PACKAGES

ROOT = Path(__file__).resolve().parents[1]


def time_roles(texts: list[str]) -> float:
    nlp = load_role_model()
    find_roles(Context(doc=nlp.make_doc(texts[0]), published=None))
    started = time.perf_counter()
    for text in texts:
        find_roles(Context(doc=nlp.make_doc(text), published=None))
    return time.perf_counter() - started


def time_small_ner(texts: list[str]) -> float:
    nlp = spacy.load(MODEL_PACKAGES[-1], enable=["ner"])
    nlp(texts[0])
    started = time.perf_counter()
    for text in texts:
        nlp(text)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--split", default="test")
    args = parser.parse_args()
    texts = [doc["doctext"] for doc in read_jsonl(args.shared / "data" / "muc4" / f"{args.split}.json")]
    roles, small = time_roles(texts), time_small_ner(texts)
    print(
        f"{len(texts)} documents: roles {roles:.2f} s, en_core_web_sm NER-only {small:.2f} s, ratio {roles / small:.2f}"
    )


if __name__ == "__main__":
    main()
