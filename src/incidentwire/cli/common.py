"""What every command shares: the app, the consoles, one-line failures, the store, progress bars, cell text."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape as rich_escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="News reports of attacks -> incident records.",
)

MIN_RELEVANCE_HELP = (
    "Keep reports whose P(attack) is at least this (0 to 1); default: the threshold the model was tuned to"
)
MinRelevance = Annotated[float | None, typer.Option("--min-relevance", min=0.0, max=1.0, help=MIN_RELEVANCE_HELP)]
DB_HELP = "SQLAlchemy URL (default: $INCIDENTWIRE_DB or an SQLite file in the user's data directory)"

out = Console()
err = Console(stderr=True)


def warn(message: str) -> None:
    """One plain line on stderr (no wrapping, whatever the terminal width)."""
    sys.stderr.write("incidentwire: " + " ".join(message.split()) + "\n")
    sys.stderr.flush()


def fail(message: str, code: int = 2) -> NoReturn:
    """One line on stderr naming the input and the reason, then exit."""
    warn(message)
    raise typer.Exit(code)


def check_published(published: str | None) -> str | None:
    if published is None:
        return None
    try:
        return date.fromisoformat(published).isoformat()
    except ValueError:
        fail(f"--published {published!r}: not a date of the form YYYY-MM-DD")


def open_db(db: str | None):
    from ..store import default_db_url, open_store
    from ..store.space import explain_database_error

    try:
        return open_store(db)
    except Exception as error:  # noqa: BLE001 - any driver or URL error becomes one line
        reason = explain_database_error(error, db or default_db_url())
        fail(f"--db {db or 'default'}: cannot open the database ({reason})")


def progress_bar() -> Progress:
    """A progress bar on a terminal; nothing when stderr is a file or a pipe."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


@contextmanager
def progress_task(description: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
    """A progress bar of one task; yields the callback that moves it to n done."""
    with progress_bar() as progress:
        task = progress.add_task(description, total=total)
        yield lambda n: progress.update(task, completed=n)


def count_text(count) -> str:
    if count.best is None:
        return ""
    if count.low == count.high:
        return str(count.best)
    return f"{count.best} ({count.low}-{count.high})"


def escape(text: str) -> str:
    return rich_escape(text or "")
