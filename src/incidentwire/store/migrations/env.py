"""Alembic environment: runs on the connection open_store() hands over (no alembic.ini needed).

Crash safety: every migration runs inside the caller's one transaction, so a process killed mid-upgrade
leaves the schema (and alembic_version) as it was, and the next open upgrades again. PostgreSQL's DDL is
transactional as it stands; Python's sqlite3 only opens a transaction before INSERT/UPDATE/DELETE, so a
CREATE TABLE would commit on its own. On SQLite an explicit BEGIN is issued first (its DDL is
transactional once inside one).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from alembic import context

from incidentwire.store.tables import Base

# Test-only (tests/test_crash_migration.py): "REVISION:FILE" makes the upgrade, right after applying
# REVISION and before its commit, write FILE and sleep, so a test can SIGKILL it at that point.
PAUSE_HOOK_VARIABLE = "INCIDENTWIRE_TEST_MIGRATION_PAUSE"


def begin_sqlite_transaction(connection) -> None:
    """An explicit BEGIN on SQLite, so that DDL is inside the transaction rather than autocommitted."""
    if connection.dialect.name != "sqlite":
        return
    driver = connection.connection.driver_connection
    if not driver.in_transaction:
        connection.exec_driver_sql("BEGIN")


def pause_for_crash_tests(ctx, step, heads, run_args) -> None:
    """Alembic's on_version_apply callback: the test-only pause named by PAUSE_HOOK_VARIABLE."""
    revision, _, marker = os.environ.get(PAUSE_HOOK_VARIABLE, "").partition(":")
    if marker and revision in step.up_revision_ids:
        Path(marker).write_text(revision)
        time.sleep(600)


connection = context.config.attributes["connection"]
begin_sqlite_transaction(connection)
context.configure(
    connection=connection, target_metadata=Base.metadata, render_as_batch=True, on_version_apply=pause_for_crash_tests
)
with context.begin_transaction():
    context.run_migrations()
