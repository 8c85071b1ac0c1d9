"""When the database goes away (PostgreSQL restarting, its connections killed): which errors say so, and
retrying a unit of work with backoff until the database is back.

A unit retried here must be one transaction: a transaction cut off by a lost connection is rolled back by
the server, so running it again stores what it would have stored, once. SQLite errors are never retried
here: a locked SQLite file already waits (WRITE_WAIT_S), and a full disk will not empty itself.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

T = TypeVar("T")
log = logging.getLogger("incidentwire.store")


@dataclass(frozen=True)
class Backoff:
    first_wait_s: float = 0.25
    longest_wait_s: float = 5.0
    give_up_after_s: float = 180.0  # a restart takes seconds; a database down this long needs a person

    def waits(self):
        wait = self.first_wait_s
        while True:
            yield wait
            wait = min(wait * 2, self.longest_wait_s)


DEFAULT_BACKOFF = Backoff()


def database_went_away(error: BaseException) -> bool:
    """True for a lost or refused connection to a database server (not a bad query, not SQLite)."""
    if not isinstance(error, DBAPIError):
        return False
    if error.connection_invalidated:
        return True
    module = type(error.orig).__module__ if error.orig is not None else ""
    return isinstance(error, (OperationalError, InterfaceError)) and not module.startswith("sqlite3")


def with_reconnect(unit: Callable[[], T], what: str, backoff: Backoff = DEFAULT_BACKOFF) -> T:
    """unit(), run again after each lost connection until it succeeds or backoff gives up."""
    began = time.monotonic()
    for wait in backoff.waits():
        try:
            return unit()
        except DBAPIError as error:
            waited = time.monotonic() - began
            if not database_went_away(error) or waited + wait > backoff.give_up_after_s:
                raise
            log.warning(
                "%s: the database went away (%s); retrying in %.1f s",
                what,
                str(error.orig).strip().splitlines()[0] if error.orig else error,
                wait,
            )
            time.sleep(wait)
    raise AssertionError("unreachable: Backoff.waits() never ends")
