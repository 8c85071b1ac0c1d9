"""`incidentwire eval muc4`: our role fillers on MUC-4, scored with CEAF-REE beside the published systems.

Documents come from ../shared/data/muc4/{split}.json, gold entities from grit/{split}.json (one merged set
of role entities per document), the peers' released test predictions from peers/. Every system is scored
by the same code (eval/ceaf.py).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rich.table import Table

from ..extract.roles import find_roles, load_role_model, role_docs
from ..extract.spans import Context
from ..model import ROLE_NAMES
from .ceaf import CeafScores, DocRoles, mentions_only, normalise_mention, score_documents

SPLITS = ("train", "dev", "test")
PEER_FILES = {
    "GRIT": "grit.test.json",
    "GTT": "gtt.test.json",
    "IterX": "iterx_t5-large-enc.test.jsonl",
}


@dataclass
class Muc4Result:
    split: str
    documents: int
    seconds: float
    scores: CeafScores
    peers: dict[str, CeafScores] = field(default_factory=dict)


def doc_key(docid: str) -> str:
    """GRIT's document key: TST3-MUC4-0002 -> "30002"; other splits keep their docid."""
    prefix, number = docid.split("-")[0], docid.split("-")[-1]
    if prefix.startswith("TST") and prefix[3:].isdigit():
        return str(int(prefix[3:]) * 10000 + int(number))
    return docid


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def load_gold(path: Path) -> dict[str, DocRoles]:
    return {
        doc_key(doc["docid"]): {role: mentions_only(doc["extracts"].get(role, [])) for role in ROLE_NAMES}
        for doc in read_jsonl(path)
    }


def merge_templates(templates: Iterable[Mapping], dedupe: bool = False) -> dict[str, list[list[str]]]:
    """Templates -> one list of entities per role, concatenated over templates as GRIT's scorer sees them.

    By default an entity predicted in two templates stays two predictions (this reproduces the published
    GTT and IterX figures); ``dedupe`` counts it once.
    """
    merged: dict[str, list[list[str]]] = {role: [] for role in ROLE_NAMES}
    seen: dict[str, set[tuple[str, ...]]] = {role: set() for role in ROLE_NAMES}
    for template in templates:
        for role in ROLE_NAMES:
            for entity in mentions_only(template.get(role, [])):
                signature = tuple(sorted(normalise_mention(m) for m in entity))
                if not (dedupe and signature in seen[role]):
                    seen[role].add(signature)
                    merged[role].append(entity)
    return merged


def load_peer(path: Path) -> dict[str, DocRoles]:
    """A peer's released predictions as role tables keyed like the gold."""
    if path.suffix == ".jsonl":  # IterX: one line per (document, template slot)
        templates: dict[str, list] = {}
        for line in read_jsonl(path):
            for docid, found in line.items():
                templates.setdefault(doc_key(docid), []).extend(found)
        return {key: merge_templates(found) for key, found in templates.items()}
    raw = json.loads(path.read_text())
    return {
        key: value["pred_extracts"] if "pred_extracts" in value else merge_templates(value["pred_templates"])
        for key, value in raw.items()
    }


def predict_split(documents: list[dict]) -> dict[str, dict[str, list[list[str]]]]:
    """Roles per document, the role model run in batches as extraction runs it."""
    nlp = load_role_model()
    parsed = role_docs([doc["doctext"] for doc in documents], nlp)
    predictions = {}
    for doc, role_doc in zip(documents, parsed):
        ctx = Context(doc=nlp.make_doc(doc["doctext"]), published=None, report_id=doc["docid"], role_doc=role_doc)
        predictions[doc_key(doc["docid"])] = find_roles(ctx).value
    return predictions


def evaluate_muc4(split: str, shared_dir: Path, predictions_out: Path | None = None) -> Muc4Result:
    """Runs the role extractor over a MUC-4 split and scores it (and, on test, the peers) with CEAF-REE."""
    if split not in SPLITS:
        raise ValueError(f"unknown MUC-4 split {split!r}: use one of {', '.join(SPLITS)}")
    muc4 = shared_dir / "data" / "muc4"
    documents = read_jsonl(muc4 / f"{split}.json")
    gold = load_gold(muc4 / "grit" / f"{split}.json")
    started = time.perf_counter()
    predictions = predict_split(documents)
    seconds = time.perf_counter() - started
    if predictions_out is not None:
        predictions_out.write_text(json.dumps({k: {"pred_extracts": v} for k, v in predictions.items()}, indent=1))
    peers = {}
    if split == "test":
        peers = {
            name: score_documents(load_peer(muc4 / "peers" / filename), gold)
            for name, filename in PEER_FILES.items()
            if (muc4 / "peers" / filename).exists()
        }
    return Muc4Result(split, len(documents), seconds, score_documents(predictions, gold), peers)


def _cells(scores: CeafScores, role: str | None) -> list[str]:
    tally = scores.micro if role is None else scores.roles[role]
    return [f"{100 * tally.precision:.2f}", f"{100 * tally.recall:.2f}", f"{100 * tally.f1:.2f}"]


def result_table(result: Muc4Result) -> Table:
    """Per-role and micro P/R/F1 of incidentwire, and the peers' micro F1 beside it."""
    table = Table(title=f"MUC-4 {result.split}: CEAF-REE ({result.documents} documents, {result.seconds:.1f} s)")
    table.add_column("role")
    for name in ("P", "R", "F1"):
        table.add_column(name, justify="right")
    for name in result.peers:
        table.add_column(f"{name} F1", justify="right")
    for role in (*ROLE_NAMES, None):
        peer_f1 = [_cells(scores, role)[2] for scores in result.peers.values()]
        table.add_row(role or "micro", *_cells(result.scores, role), *peer_f1, style="bold" if role is None else None)
    return table
