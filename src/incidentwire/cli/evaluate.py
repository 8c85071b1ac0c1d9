"""`eval gtd|muc4|relevance|reports|clusters`: extraction and merging measured against labelled data."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.table import Table

from .common import fail, out, progress_bar, progress_task, warn

eval_app = typer.Typer(no_args_is_help=True, help="Measure extraction accuracy against labelled data.")


@eval_app.command("gtd")
def eval_gtd(
    file: Path = typer.Argument(..., help="GTD CSV with summary and coded columns"),
    limit: int | None = typer.Option(None, help="Only the first N rows"),
    errors_out: Path | None = typer.Option(None, "--errors-out", help="Write mismatches here (TSV)"),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON"),
) -> None:
    """Per-field accuracy against GTD's codes, reading each row's summary as the report."""
    from ..eval.gtd import FIELDS, evaluate_gtd, iter_mismatch_lines, read_gtd_rows

    try:
        rows = read_gtd_rows(file, limit)
    except (OSError, UnicodeDecodeError, KeyError) as error:
        fail(f"{file}: cannot read GTD CSV ({error})")
    with progress_task("extracting GTD summaries", len(rows)) as advance:
        evaluation = evaluate_gtd(rows, progress=advance)
    if errors_out:
        errors_out.write_text("\n".join(iter_mismatch_lines(evaluation)) + "\n", encoding="utf-8")
    scores = {
        name: (evaluation.scores[name].correct, evaluation.scores[name].total)
        for name in FIELDS
        if name in evaluation.scores
    }
    _print_scores(f"GTD per-field accuracy ({evaluation.rows} rows of {file.name})", scores, as_json)


@eval_app.command("muc4")
def eval_muc4(
    split: str = typer.Option("dev", help="dev or test"),
    predictions_out: Path | None = typer.Option(None, "--predictions-out", help="Write predictions (GRIT format)"),
    shared: Path = typer.Option(Path("../shared"), help="The shared folder holding data/muc4"),
    keys: bool = typer.Option(
        False, "--keys", help="Also score incident type, date and place against the original keys"
    ),
) -> None:
    """CEAF-REE P/R/F1 per role and micro on MUC-4, with the published systems' predictions scored beside."""
    from ..eval.muc4 import evaluate_muc4, result_table

    if split not in ("dev", "test"):
        fail(f"--split {split!r}: must be dev or test")
    if not (shared / "data" / "muc4" / f"{split}.json").exists():
        fail(f"{shared / 'data' / 'muc4' / (split + '.json')}: MUC-4 data not found (use --shared)")
    out.print(result_table(evaluate_muc4(split, shared, predictions_out)))
    if keys:
        from ..eval.muc4_keys import evaluate_keys, keys_table

        with out.status(f"extracting incidents from the original MUC-4 {split} texts"):
            result = evaluate_keys(split, shared)
        out.print(keys_table(result))


@eval_app.command("relevance")
def eval_relevance(
    shared: Path = typer.Option(
        Path("../shared"),
        help="The shared folder holding data/ (or $INCIDENTWIRE_SHARED)",
        envvar="INCIDENTWIRE_SHARED",
    ),
    source: list[str] | None = typer.Option(None, "--source", help="Only these sources (repeatable)"),
    min_relevance: float | None = typer.Option(
        None, "--min-relevance", min=0.0, max=1.0, help="Threshold to measure at; default: the tuned one"
    ),
    errors_out: Path | None = typer.Option(None, "--errors-out", help="Write each miss and false incident here"),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON"),
) -> None:
    """Precision, recall and false incidents per source, on the evaluation splits only."""
    from ..eval.relevance import count_texts, evaluate_relevance
    from ..eval.relevance_data import SOURCES, missing_sources

    chosen = tuple(source or SOURCES)
    unknown = [s for s in chosen if s not in SOURCES]
    if unknown:
        fail(f"--source {unknown[0]!r}: must be one of {', '.join(SOURCES)}")
    for name, path in missing_sources(shared).items():
        if name in chosen:
            warn(f"skipping {name}: not found at {path}")
    with progress_task("deciding relevance", count_texts(shared, chosen)) as advance:
        result = evaluate_relevance(shared, chosen, min_relevance, progress=advance)
    if errors_out:
        errors_out.write_text("\n".join(result.errors) + "\n", encoding="utf-8")
    _print_relevance(result, as_json)


def _print_relevance(result, as_json: bool) -> None:
    rows = {
        name: {
            "attacks": c.attacks,
            "attacks_kept": c.attacks_kept,
            "recall": c.recall,
            "others": c.others,
            "false_incidents": c.others_kept,
            "false_positive_rate": c.false_positive_rate,
            "precision": c.precision,
        }
        for name, c in result.by_source.items()
    }
    if as_json:
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return
    table = Table(title="Relevance on the evaluation splits (kept = at least one incident)")
    for column in ("source", "attacks", "recall", "others", "false incidents", "false-positive rate", "precision"):
        table.add_column(column, justify="left" if column == "source" else "right")

    def pct(value):
        return "" if value is None else f"{100 * value:.1f} %"

    for name, row in rows.items():
        table.add_row(
            name,
            f"{row['attacks_kept']}/{row['attacks']}",
            pct(row["recall"]),
            str(row["others"]),
            str(row["false_incidents"]),
            pct(row["false_positive_rate"]),
            pct(row["precision"]),
        )
    out.print(table)


@eval_app.command("reports")
def eval_reports(
    paths: list[Path] = typer.Argument(..., help="Clusters JSON files or folders, or JSONL reports with `expected`"),
    errors_out: Path | None = typer.Option(None, "--errors-out", help="Write mismatches here (TSV)"),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON"),
) -> None:
    """Per-field accuracy of single-report extraction against per-report `expected` records."""
    from ..eval.reports import FIELDS, evaluate_reports, iter_mismatches, load_labelled

    items = []
    for path in paths:
        try:
            items += load_labelled(path)
        except (OSError, ValueError, KeyError) as error:
            fail(f"{path}: cannot read labelled reports ({error})")
    with progress_task("extracting labelled reports", len(items)) as advance:
        evaluation = evaluate_reports(items, progress=advance)
    if errors_out:
        errors_out.write_text("\n".join(iter_mismatches(evaluation)) + "\n", encoding="utf-8")
    scores = {
        name: (evaluation.scores[name].correct, evaluation.scores[name].total)
        for name in FIELDS
        if evaluation.scores[name].total
    }
    _print_scores(f"Per-report accuracy ({evaluation.reports} labelled reports)", scores, as_json)


@eval_app.command("clusters")
def eval_clusters(
    paths: list[Path] = typer.Argument(
        ..., help="JSONL reports with a `cluster` field, or clusters JSON files/folders"
    ),
    gold: Path | None = typer.Option(None, help='JSONL of settled facts per cluster ({"cluster", ...})'),
    seed: int | None = typer.Option(None, help="Shuffle the reports with this seed before ingesting"),
    orders: int = typer.Option(
        0,
        min=0,
        help="Also merge in N more shuffled orders (seeds seed+1..seed+N) "
        "and print B-cubed for each, the worst and the mean",
    ),
    errors_out: Path | None = typer.Option(None, "--errors-out", help="Write field mismatches here (TSV)"),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON"),
) -> None:
    """B-cubed precision/recall/F1 of merging, and per-field accuracy of the merged incidents against gold."""
    from ..eval.clusters import evaluate_clusters, evaluate_orders, load_cluster_set

    try:
        cluster_set = load_cluster_set(paths, gold)
    except (OSError, ValueError, KeyError) as error:
        fail(f"{paths[0]}: cannot read labelled clusters ({error})")
    with progress_bar() as progress:
        task = progress.add_task("ingesting labelled reports", total=len(cluster_set.reports))
        result = evaluate_clusters(cluster_set, seed, progress=lambda n: progress.update(task, completed=n))
        seeds = [(seed or 0) + n for n in range(1, orders + 1)]
        others = []
        if seeds:
            more = progress.add_task("merging in other orders", total=len(seeds))
            others = evaluate_orders(cluster_set, seeds, progress=lambda n: progress.update(more, completed=n))
    if errors_out:
        errors_out.write_text("\n".join(result.mismatches) + "\n", encoding="utf-8")
    if as_json:
        print(
            json.dumps(
                {
                    "bcubed": _bcubed_dict(result),
                    "events": result.events,
                    "incidents": result.incidents,
                    "wrongly_merged": result.wrongly_merged,
                    "fields": _score_dict(result.scores),
                    "orders": [{"seed": s, **_bcubed_dict(r)} for s, r in zip(seeds, others)],
                },
                indent=2,
            )
        )
        return
    out.print(
        f"B-cubed precision {result.precision:.3f}  recall {result.recall:.3f}  F1 {result.f1:.3f}  "
        f"({len(cluster_set.reports)} reports, {result.events} events, {result.incidents} incidents, "
        f"{len(result.wrongly_merged)} incidents mixing events)"
    )
    if others:
        _print_orders(seeds, [result, *others], seed)
    _print_scores("merged incidents against gold", result.scores, False)


def _bcubed_dict(result) -> dict:
    return {"precision": round(result.precision, 4), "recall": round(result.recall, 4), "f1": round(result.f1, 4)}


def _print_orders(seeds: list[int], results: list, seed: int | None) -> None:
    """B-cubed of each arrival order, and the worst and mean: merging should not depend on the order."""
    for label, result in zip(
        [f"seed {seed}" if seed is not None else "given order", *map("seed {}".format, seeds)], results
    ):
        out.print(
            f"  {label:<12} precision {result.precision:.3f}  recall {result.recall:.3f}  F1 {result.f1:.3f}"
            f"  ({result.incidents} incidents)"
        )
    worst = min(results, key=lambda r: r.f1)
    mean = sum(r.f1 for r in results) / len(results)
    out.print(
        f"over {len(results)} orders: worst F1 {worst.f1:.3f} (precision {worst.precision:.3f}, recall "
        f"{worst.recall:.3f}), mean F1 {mean:.3f}"
    )


def _score_dict(scores: dict[str, tuple[int, int]]) -> dict:
    return {name: {"accuracy": round(c / t, 4), "correct": c, "total": t} for name, (c, t) in scores.items()}


def _print_scores(title: str, scores: dict[str, tuple[int, int]], as_json: bool) -> None:
    """Per-field accuracy, as JSON or as a table."""
    if as_json:
        print(json.dumps(_score_dict(scores), indent=2))
        return
    table = Table(title=title)
    for column in ("field", "accuracy", "correct", "compared"):
        table.add_column(column, justify="left" if column == "field" else "right")
    for name, (c, t) in scores.items():
        table.add_row(name, f"{100 * c / t:.1f} %", str(c), str(t))
    out.print(table)
