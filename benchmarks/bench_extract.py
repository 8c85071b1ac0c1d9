"""Extraction throughput against spaCy's small pipeline with only its NER running (issue 6).

    .venv/bin/python benchmarks/bench_extract.py [--limit N] [--shared ../shared] [--profile-docs 40]

1. Attack reports (MUC-4 dev documents with templates, lower-cased; GTD summaries; the example corpus):
   docs/s of `extract_records` in one process and in two worker processes, and of spaCy-small with only
   its `ner` component (which carries its own token encoder: the shared `tok2vec` feeds only the tagger and
   parser) through `nlp.pipe` in one process and in two (`n_process=2`), and their ratios.
2. Mixed stream (>= 90 % non-attack: MUC-4 dev documents without templates and SATP summaries of no
   attack, plus 10 % attack reports): the same ratios, and how many documents the gates let through.
3. The relevance gate alone: recall on MUC-4 dev/train documents with templates, precision on all.
4. Where get_nlp() spends its time, component by component, and which extractors read the parser's
   or tagger's output; one process against two on small inputs (where workers start paying).
5. A cProfile of one full extraction run over attack reports: the top 15 cumulative functions.

Both systems run in the same process, each warmed up first (model loading excluded), one after the
other on the same texts, so the ratio holds on a busy machine better than either time alone.
MUC-4 test data is never read.
"""
from __future__ import annotations

import argparse
import cProfile
import csv
import io
import json
import pstats
import random
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language

from incidentwire.extract.pipeline import MAX_TEXT_CHARS, extract_records
from incidentwire.extract.relevance import describes_attack
from incidentwire.extract.roles import RELEVANT, load_role_model, lowered
from incidentwire.model import Report
from incidentwire.nlp import MODEL_PACKAGES, get_nlp

ROOT = Path(__file__).resolve().parents[1]
ATTACK_ACTIONS = ("armed_assault", "bombing", "abduction", "infrastructure")
NON_ATTACK_SHARE = 0.9
WARM_UP_DOCS = 8


@dataclass(frozen=True)
class Corpus:
    name: str
    reports: list[Report]


@dataclass(frozen=True)
class Timing:
    docs: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.docs / self.seconds if self.seconds else float("inf")


# --- inputs -----------------------------------------------------------------------------------


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def muc4_documents(shared: Path, split: str) -> list[dict]:
    if split == "test":
        raise ValueError("MUC-4 test data is held out")
    return _read_jsonl(shared / "data" / "muc4" / f"{split}.json")


def muc4_reports(shared: Path, relevant: bool) -> list[Report]:
    return [Report(id=doc["docid"], text=doc["doctext"])
            for doc in muc4_documents(shared, "dev") if bool(doc["templates"]) == relevant]


def gtd_reports(shared: Path) -> list[Report]:
    with (shared / "data" / "gtd" / "gtd-2013-05.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [Report(id=row["eventid"], text=row["summary"],
                   published=f"{int(row['iyear']):04d}-{int(row['imonth']):02d}-{max(int(row['iday']), 1):02d}")
            for row in rows if row["summary"].strip()]


def example_reports() -> list[Report]:
    return [Report.model_validate(row) for row in _read_jsonl(ROOT / "examples" / "corpus" / "reports.jsonl")]


def satp_non_attack_reports(shared: Path) -> list[Report]:
    rows = _read_jsonl(shared / "data" / "satp" / "satp-maoist-2005-2016.jsonl")
    return [Report(id=f"satp-{n}", text=row["summary"]) for n, row in enumerate(rows)
            if row["summary"].strip() and not any(row["action_type"].get(a) == "1" for a in ATTACK_ACTIONS)]


def spread_sample(reports: list[Report], limit: int | None) -> list[Report]:
    """Every k-th report, so a limited run still spans the whole file."""
    if limit is None or len(reports) <= limit:
        return reports
    step = len(reports) / limit
    return [reports[int(i * step)] for i in range(limit)]


def mixed_stream(attack: list[Report], non_attack: list[Report], seed: int = 13) -> list[Report]:
    """All the non-attack reports plus attack reports making up a tenth of the stream, shuffled."""
    wanted = max(1, round(len(non_attack) * (1 - NON_ATTACK_SHARE) / NON_ATTACK_SHARE))
    rng = random.Random(seed)
    stream = non_attack + rng.sample(attack, min(wanted, len(attack)))
    rng.shuffle(stream)
    return stream


# --- the two systems --------------------------------------------------------------------------


def small_ner_only() -> Language:
    """spaCy's small English pipeline with every component but ner excluded.

    In en_core_web_sm the ner component embeds its own tok2vec; the pipeline's shared tok2vec only feeds
    the tagger and the parser, so keeping it would time work NER does not need (figures before 2026-11-25
    kept it, which flattered our ratios by about 1.8).
    """
    name = _installed_model()
    pipes = spacy.load(name).pipe_names
    return spacy.load(name, exclude=[p for p in pipes if p != "ner"])


def _installed_model() -> str:
    for name in reversed(MODEL_PACKAGES):
        if spacy.util.is_package(name):
            return name
    raise SystemExit(f"no spaCy model installed (tried {MODEL_PACKAGES})")


def time_ours(reports: list[Report], processes: int = 1) -> tuple[Timing, int]:
    """Seconds for full extraction, and how many reports came out parsed (passed every gate)."""
    began = time.perf_counter()
    records = list(extract_records(reports, processes=processes))
    elapsed = time.perf_counter() - began
    parsed = sum(1 for r in records if r.incidents or r.error)
    return Timing(len(reports), elapsed), parsed


def time_baseline(nlp: Language, reports: list[Report], processes: int = 1) -> Timing:
    began = time.perf_counter()
    for _ in nlp.pipe((r.text for r in reports), n_process=processes):
        pass
    return Timing(len(reports), time.perf_counter() - began)


def time_each(check: Callable[[str], bool], texts: Iterable[str]) -> Timing:
    texts = list(texts)
    began = time.perf_counter()
    for text in texts:
        check(text)
    return Timing(len(texts), time.perf_counter() - began)


def warm_up(nlp: Language, reports: list[Report]) -> None:
    sample = reports[:WARM_UP_DOCS]
    list(extract_records(sample, processes=1))
    list(nlp.pipe(r.text for r in sample))


# --- reports ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    ours: Timing  # one process
    ours2: Timing  # two worker processes
    base: Timing  # NER-only, one process
    base2: Timing  # NER-only, two processes
    parsed: int

    def ratios(self) -> str:
        return (f"ours/NER 1 proc {self.base.seconds / self.ours.seconds:5.2f} | "
                f"ours 2 procs/NER 1 proc {self.base.seconds / self.ours2.seconds:5.2f} | "
                f"both 2 procs {self.base2.seconds / self.ours2.seconds:5.2f}")


def compare(label: str, nlp: Language, reports: list[Report]) -> Comparison:
    ours, parsed = time_ours(reports, processes=1)
    ours2, _ = time_ours(reports, processes=2)
    found = Comparison(ours, ours2, time_baseline(nlp, reports), time_baseline(nlp, reports, processes=2), parsed)
    chars = sum(len(r.text) for r in reports) / max(len(reports), 1)
    print(f"  {label:<28} {len(reports):>5} docs (avg {chars:5.0f} chars) docs/s: NER-only {found.base.rate:6.1f}, "
          f"2 procs {found.base2.rate:6.1f}; ours {ours.rate:6.1f}, 2 procs {ours2.rate:6.1f} | parsed "
          f"{parsed}/{len(reports)}\n  {'':<28} {found.ratios()}")
    return found


def bench_attack_reports(nlp: Language, corpora: list[Corpus]) -> Timing:
    print("1. Attack reports: full extraction vs spaCy-small NER-only (ratio = ours / baseline, goal >= 1.0)")
    found = [compare(corpus.name, nlp, corpus.reports) for corpus in corpora]
    docs = sum(f.ours.docs for f in found)
    total = Comparison(*(Timing(docs, sum(getattr(f, part).seconds for f in found))
                         for part in ("ours", "ours2", "base", "base2")), sum(f.parsed for f in found))
    print(f"  {'all attack reports':<28} {docs:>5} docs  {total.ratios()}")
    # Where the time goes: our spaCy pipeline (all its components and the entity rulers) alone.
    parse = time_baseline(get_nlp(), [r for c in corpora for r in c.reports])
    print(f"  of which get_nlp().pipe alone: {parse.rate:7.1f} docs/s ({parse.seconds / total.ours.seconds:.0%} of our "
          f"1-process time; pipes {get_nlp().pipe_names}); the field extractors take the rest")
    return total.ours


def bench_mixed_stream(nlp: Language, attack: list[Report], sources: list[Corpus], attack_cost: Timing) -> None:
    non_attack = [r for c in sources for r in c.reports]
    stream = mixed_stream(attack, non_attack)
    share = len(non_attack) / len(stream)
    print(f"2. Mixed stream ({share:.0%} non-attack; goal: ratio >= 10)")
    compare("mixed stream", nlp, stream)
    gate = time_each(describes_attack, (r.text for r in non_attack))
    passed = sum(describes_attack(r.text) for r in non_attack)
    per_gate, per_full = 1000 / gate.rate, 1000 / attack_cost.rate
    print(f"  relevance gate on the {len(non_attack)} non-attack docs: {passed} pass "
          f"({passed / len(non_attack):.1%}); gate {per_gate:.2f} ms/doc vs full extraction "
          f"{per_full:.1f} ms/attack doc ({per_gate / per_full:.1%})")
    for source in sources:
        through = sum(describes_attack(r.text) for r in source.reports)
        print(f"    {source.name}: {through}/{len(source.reports)} pass the gate")


def gate_quality(shared: Path, split: str) -> None:
    docs = muc4_documents(shared, split)
    judged = [(bool(d["templates"]), describes_attack(d["doctext"])) for d in docs]
    relevant = [said for truth, said in judged if truth]
    irrelevant = [said for truth, said in judged if not truth]
    true_pos, false_pos = sum(relevant), sum(irrelevant)
    precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else 0.0
    print(f"  MUC-4 {split:<5}: recall {true_pos / len(relevant):.3f} ({true_pos}/{len(relevant)} relevant), "
          f"{false_pos}/{len(irrelevant)} irrelevant pass, precision {precision:.3f}")


def learned_gate_headroom(shared: Path, recall: float = 0.98) -> None:
    """Could a trained classifier gate harder? The role model's RELEVANT text classifier (bag of n-grams,
    trained on MUC-4 train) as a second gate after describes_attack, at the threshold that keeps `recall`
    of the dev relevant documents: how many of the irrelevant documents that pass the first gate it stops."""
    model = load_role_model()
    classifier = model.get_pipe("textcat_multilabel")
    docs = [d for d in muc4_documents(shared, "dev") if describes_attack(d["doctext"])]
    scored = classifier.pipe(model.make_doc(lowered(d["doctext"])) for d in docs)
    relevance = [(bool(d["templates"]), doc.cats[RELEVANT]) for d, doc in zip(docs, scored)]
    kept = sorted(score for relevant, score in relevance if relevant)
    threshold = kept[int((1 - recall) * len(kept))]
    irrelevant = [score for relevant, score in relevance if not relevant]
    stopped = sum(score < threshold for score in irrelevant)
    print(f"  a trained second gate (the role model's RELEVANT classifier) at recall {recall:.2f} on dev "
          f"(threshold {threshold:.3f}) stops {stopped}/{len(irrelevant)} of the irrelevant documents that pass")


# Token attributes that only the tagger or the parser fill in.
PARSE_READS = {
    "parser (dep_, head, children, subtree, ancestors, lefts/rights)":
        re.compile(r"\.(?:dep_?|head|children|subtree|ancestors|lefts|rights|n_lefts|n_rights)\b"),
    "parser (sentences: sents, sent, is_sent_start)": re.compile(r"\.(?:sents|sent|is_sent_start)\b"),
    "parser (noun_chunks)": re.compile(r"\.noun_chunks\b"),
    "tagger/attribute_ruler (pos_, tag_)": re.compile(r"\.(?:pos_?|tag_?)\b"),
    "lemmatizer (lemma_)": re.compile(r"\.lemma_?\b"),
}


def component_costs(reports: list[Report]) -> None:
    """Seconds per component of get_nlp() over the same texts, each fed the previous one's docs."""
    nlp = get_nlp()
    texts = [r.text[:MAX_TEXT_CHARS] for r in reports]
    began = time.perf_counter()
    docs = [nlp.make_doc(t) for t in texts]
    costs = {"tokenizer": time.perf_counter() - began}
    for name, component in nlp.pipeline:
        began = time.perf_counter()
        docs = list(component.pipe(docs)) if hasattr(component, "pipe") else [component(d) for d in docs]
        costs[name] = time.perf_counter() - began
    total = sum(costs.values())
    print(f"4. Cost of get_nlp() per component over {len(reports)} attack reports ({total:.1f} s in all)")
    print("   " + ", ".join(f"{name} {secs / total:.0%} ({1000 * secs / len(reports):.1f} ms/doc)"
                            for name, secs in costs.items()))
    sources = sorted((ROOT / "src" / "incidentwire" / "extract").glob("*.py"))
    for need, pattern in PARSE_READS.items():
        readers = [f"{p.name}({len(pattern.findall(p.read_text()))})" for p in sources
                   if pattern.search(p.read_text())]
        print(f"   extractors reading {need}: {', '.join(readers) or 'none'}")


def processes_break_even(reports: list[Report], sizes: tuple[int, ...] = (8, 24, 48)) -> None:
    """Worker start-up against the work it spreads: one process and two on the first n reports."""
    print("   one process vs two on n attack reports (worker start-up included; speed-up = 1-proc / 2-proc time):")
    for size in sizes:
        sample = reports[:size]
        one, _ = time_ours(sample, processes=1)
        two, _ = time_ours(sample, processes=2)
        print(f"     n={len(sample):>3}: 1 proc {one.seconds:6.2f} s, 2 procs {two.seconds:6.2f} s, "
              f"speed-up {one.seconds / two.seconds:4.2f}")


def profile_extraction(reports: list[Report], top: int = 15) -> None:
    print(f"5. cProfile of full extraction over {len(reports)} attack reports (top {top} by cumulative time)")
    profiler = cProfile.Profile()
    profiler.enable()
    list(extract_records(reports, processes=1))
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("cumulative").print_stats(top)
    body = out.getvalue()
    print(body[body.find("   ncalls"):].rstrip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--limit", type=int, default=None, help="at most N documents per corpus")
    parser.add_argument("--profile-docs", type=int, default=40)
    args = parser.parse_args()

    corpora = [
        Corpus("MUC-4 dev with templates", spread_sample(muc4_reports(args.shared, relevant=True), args.limit)),
        Corpus("GTD 2013-05 summaries", spread_sample(gtd_reports(args.shared), args.limit)),
        Corpus("examples/corpus", spread_sample(example_reports(), args.limit)),
    ]
    attack = [r for c in corpora for r in c.reports]
    non_attack = [
        Corpus("MUC-4 dev without templates", spread_sample(muc4_reports(args.shared, relevant=False), args.limit)),
        Corpus("SATP non-attack summaries", spread_sample(satp_non_attack_reports(args.shared), args.limit)),
    ]

    loading = time.perf_counter()
    get_nlp()
    nlp = small_ner_only()
    warm_up(nlp, attack)
    print(f"models loaded and warmed up in {time.perf_counter() - loading:.1f} s "
          f"(baseline: {nlp.meta['name']} {nlp.meta['version']}, pipes {nlp.pipe_names})")

    attack_cost = bench_attack_reports(nlp, corpora)
    bench_mixed_stream(nlp, attack, non_attack, attack_cost)
    print("3. Relevance gate describes_attack(text) alone (goal: recall >= 0.98 on dev)")
    for split in ("dev", "train"):
        gate_quality(args.shared, split)
    learned_gate_headroom(args.shared)
    component_costs(attack)
    processes_break_even(corpora[1].reports)
    if args.profile_docs:
        profile_extraction(spread_sample(attack, args.profile_docs))


if __name__ == "__main__":
    main()
