"""`spark extract`: extraction at scale on Apache Spark, into Parquet records that `ingest` then stores."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import IncidentwireError
from .common import err, fail, warn

spark_app = typer.Typer(no_args_is_help=True, help="Extraction at scale on Apache Spark (PySpark).")


@spark_app.command("extract")
def spark_extract(
    inputs: list[Path] = typer.Argument(..., help=".jsonl report batches, .warc/.warc.gz files, or folders of them"),
    output: Path = typer.Option(..., "--output", "-o", help="The Parquet directory to write (one row per report)"),
    master: str = typer.Option("local[2]", help="Spark master URL"),
    partitions: int | None = typer.Option(None, min=1, help="Splits per .jsonl batch (default: Spark's parallelism)"),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace --output if it exists"),
) -> None:
    """Extract every report on Spark into Parquet records; `incidentwire ingest DIR` then stores and merges them."""
    from ..spark import SparkSettings, extract_to_parquet, input_files

    settings = SparkSettings(master=master, partitions=partitions, overwrite=overwrite)
    try:
        files = input_files(inputs)
        err.print(
            f"spark: extracting {len(files)} input file(s) on {master} -> {output}", highlight=False, soft_wrap=True
        )
        summary = extract_to_parquet(files, output, settings)
    except IncidentwireError as error:
        fail(str(error))
    for example in summary.skipped_examples:
        warn(f"skipped: {example}")
    err.print(f"spark: {summary.line()}", highlight=False, soft_wrap=True)
    print(f"{summary.reports} reports written to {output}")
