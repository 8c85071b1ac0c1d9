"""Merging measured: B-cubed precision/recall/F1 of reports grouped into incidents, and the merged
incidents' fields against each event's settled `gold` record.

Input: JSONL reports each with a `cluster` field (and optionally `gold` on any line of the cluster,
or gold lines {"cluster", ...} in a separate file), or the shared clusters JSON files. The reports are
ingested, in the given or a shuffled order, into a fresh SQLite store in a temporary folder.
"""

from __future__ import annotations

import json
import random
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from ..extract.pipeline import extract_records
from ..geo import Gazetteer
from ..ingest import ingest_records, ingest_reports
from ..model import Incident, Report
from ..store import Store, open_store
from .reports import FIELDS, expected_key, field_checks

GOLD_FIELDS = tuple(f for f in FIELDS if f not in ("is_attack", "perpetrator_count"))


@dataclass
class ClusterSet:
    reports: list[Report] = field(default_factory=list)
    cluster_of: dict[str, str] = field(default_factory=dict)  # report id -> event id
    gold: dict[str, dict] = field(default_factory=dict)  # event id -> settled facts (attacks only)
    aliases: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class ClusterEvaluation:
    precision: float
    recall: float
    f1: float
    events: int
    incidents: int
    wrongly_merged: list[str]  # incidents holding reports of more than one real event
    scores: dict[str, tuple[int, int]] = field(default_factory=dict)  # field -> (correct, compared)
    mismatches: list[str] = field(default_factory=list)


def load_cluster_set(paths: list[Path], gold_path: Path | None = None) -> ClusterSet:
    result = ClusterSet()
    for path in paths:
        for child in sorted(path.glob("*.json")) if path.is_dir() else [path]:
            if child.suffix == ".jsonl":
                _add_jsonl(result, child)
            else:
                _add_cluster_file(result, child)
    if gold_path:
        for line in gold_path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                _add_gold(result, json.loads(line))
    return result


def _add_gold(result: ClusterSet, gold: dict) -> None:
    if gold.get("is_attack", True) and gold.get("date") is not None:
        result.gold[gold["cluster"]] = gold
        result.aliases[gold["cluster"]] = list(gold.get("perpetrator_aliases") or [])


def _add_jsonl(result: ClusterSet, path: Path) -> None:
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        report = Report.model_validate(row)
        result.reports.append(report)
        result.cluster_of[report.id] = row["cluster"]
        if row.get("gold"):
            _add_gold(result, {"cluster": row["cluster"], **row["gold"]})


def _add_cluster_file(result: ClusterSet, path: Path) -> None:
    cluster = json.loads(path.read_text(encoding="utf-8"))
    for row in cluster["reports"]:
        report = Report(
            id=row["report_id"],
            text=row["text"],
            published=row.get("published"),
            title=row.get("title"),
            url=row.get("source_url"),
        )
        result.reports.append(report)
        result.cluster_of[report.id] = cluster["cluster_id"]
    if cluster.get("gold"):
        _add_gold(result, {"cluster": cluster["cluster_id"], **cluster["gold"]})


def evaluate_clusters(
    cluster_set: ClusterSet, seed: int | None = None, progress: Callable[[int], None] | None = None
) -> ClusterEvaluation:
    """Ingests the reports (shuffled when `seed` is given) into a fresh store and scores the merge."""
    reports = list(cluster_set.reports)
    if seed is not None:
        random.Random(seed).shuffle(reports)
    return _evaluate_ingest(cluster_set, lambda store: ingest_reports(store, reports, progress=progress))


def evaluate_orders(
    cluster_set: ClusterSet, seeds: list[int], progress: Callable[[int], None] | None = None
) -> list[ClusterEvaluation]:
    """The merge scored once per shuffled order (one per seed, shuffled as evaluate_clusters shuffles):
    reports of one event arrive in any order, and the grouping should not depend on it. The reports are
    extracted once; each order is stored and merged afresh."""
    records = list(extract_records(cluster_set.reports))
    results = []
    for done, seed in enumerate(seeds, 1):
        shuffled = list(records)
        random.Random(seed).shuffle(shuffled)
        results.append(_evaluate_ingest(cluster_set, partial(ingest_records, records=shuffled)))
        if progress:
            progress(done)
    return results


def _evaluate_ingest(cluster_set: ClusterSet, ingest: Callable[[Store], object]) -> ClusterEvaluation:
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{Path(folder) / 'eval.sqlite'}")
        ingest(store)
        incidents = store.list_incidents(limit=1_000_000).items
        store.close()
    incident_of = {report_id: i.id for i in incidents for report_id in i.reports}
    evaluation = _bcubed(cluster_set, incident_of)
    evaluation.incidents = len(incidents)
    _score_fields(evaluation, cluster_set, incidents)
    return evaluation


def _bcubed(cluster_set: ClusterSet, incident_of: dict[str, str]) -> ClusterEvaluation:
    """Every report counts: one with no incident stands alone, as does each non-attack report."""
    predicted = {r.id: incident_of.get(r.id, f"none:{r.id}") for r in cluster_set.reports}
    gold = {
        r.id: cluster_set.cluster_of[r.id] if cluster_set.cluster_of[r.id] in cluster_set.gold else f"alone:{r.id}"
        for r in cluster_set.reports
    }
    members_p, members_g = defaultdict(set), defaultdict(set)
    for report_id in predicted:
        members_p[predicted[report_id]].add(report_id)
        members_g[gold[report_id]].add(report_id)
    precision = recall = 0.0
    for report_id in predicted:
        p, g = members_p[predicted[report_id]], members_g[gold[report_id]]
        shared = len(p & g)
        precision += shared / len(p)
        recall += shared / len(g)
    n = len(predicted) or 1
    precision, recall = precision / n, recall / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    wrong = [
        incident
        for incident, members in members_p.items()
        if len({gold[m] for m in members if not gold[m].startswith("alone:")}) > 1
    ]
    return ClusterEvaluation(precision, recall, f1, len(cluster_set.gold), 0, wrong)


def _score_fields(evaluation: ClusterEvaluation, cluster_set: ClusterSet, incidents: list[Incident]) -> None:
    """Each event is compared with the incident that holds most of its reports."""
    checks = field_checks(Gazetteer.load())
    tallies: dict[str, list[int]] = {name: [0, 0] for name in GOLD_FIELDS}
    for event, gold in cluster_set.gold.items():
        members = [r for r, c in cluster_set.cluster_of.items() if c == event]
        votes = Counter(i.id for i in incidents for r in members if r in i.reports)
        incident = next((i for i in incidents if votes and i.id == votes.most_common(1)[0][0]), Incident())
        for name in GOLD_FIELDS:
            if expected_key(name) not in gold or name not in checks:
                continue
            ok, predicted = checks[name](gold, cluster_set.aliases.get(event, []), incident)
            if ok is None:
                continue
            tallies[name][0] += ok
            tallies[name][1] += 1
            if not ok:
                evaluation.mismatches.append(f"{event}\t{name}\tgold={gold.get(name)}\tpredicted={predicted}")
    evaluation.scores = {name: (c, t) for name, (c, t) in tallies.items() if t}
