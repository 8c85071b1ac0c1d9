"""The command line: parses options, calls the package's API, prints. Nothing else lives here.

One module per command group: `reports` (extract, ingest), `incidents` (incidents, export, serve), `watch`
(watch areas, alerts), `evaluate` (eval), `spark`, `review` (the analyst's: analysts, corrections, audit,
undo, the review queue). Their commands join the one `app` (`common`) here, in the
order `--help` lists them. The console script is `incidentwire.cli:main`.
"""

from __future__ import annotations

import sys

from ..errors import IncidentwireError
from .common import app, warn
from .evaluate import eval_app
from .incidents import export, incidents_app, serve
from .reports import extract, ingest
from .review import register as register_review
from .spark import spark_app
from .watch import alerts, watch_app

for _command in (extract, ingest, export, serve, alerts):  # in the order `--help` lists them
    app.command()(_command)
for _group, _name in ((eval_app, "eval"), (incidents_app, "incidents"), (watch_app, "watch"), (spark_app, "spark")):
    app.add_typer(_group, name=_name)
register_review(app, incidents_app)  # the analyst's commands: analysts, audit, undo, review, incidents correct...

__all__ = ["app", "main"]


def main() -> None:
    """The console script: an unexpected error is one line and exit status 1 (INCIDENTWIRE_DEBUG=1 shows it all)."""
    import os

    try:
        app()
    except IncidentwireError as error:  # raised on purpose, anywhere below: its message is the line
        warn(str(error))
        sys.exit(2)
    except Exception as error:  # noqa: BLE001 - the last line of defence before a user's terminal
        if os.environ.get("INCIDENTWIRE_DEBUG"):
            raise
        warn(f"internal error ({type(error).__name__}: {error}); set INCIDENTWIRE_DEBUG=1 for details")
        sys.exit(1)
