"""A full disk, told as such: SQLite says "database or disk is full", or, when it cannot even grow its
shared-memory file, only "disk I/O error"; the operating system says ENOSPC. Either way the user reads one
line that names the database and says that space ran out, and that nothing half-written was kept."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from ..errors import IncidentwireError

FULL_DISK_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
# Below this much free space an SQLite "disk I/O error" is the disk being full.
NEARLY_FULL_BYTES = 256 * 1024


class StorageFull(IncidentwireError):
    """The disk holding the database (or an export) has no space left; nothing half-written is kept."""


def sqlite_folder(url: str) -> Path | None:
    """The folder of an SQLite database file; None for a server database or an in-memory one."""
    try:
        parsed = make_url(url)
    except Exception:  # noqa: BLE001 - not a URL: no folder to look at
        return None
    if not parsed.drivername.startswith("sqlite") or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database).expanduser().resolve().parent


def _nearly_full(folder: Path | None) -> bool:
    if folder is None or not folder.exists():
        return False
    return shutil.disk_usage(folder).free < NEARLY_FULL_BYTES


def disk_full_reason(error: BaseException, url: str) -> str | None:
    """Why `error` is a full disk under the database at `url`, or None when it is something else."""
    if isinstance(error, OSError) and error.errno in FULL_DISK_ERRNOS:
        return f"no space left on its disk ({error.strerror})"
    if isinstance(error, DBAPIError):
        message = str(error.orig)
        if "database or disk is full" in message:
            return "no space left on its disk (database or disk is full)"
        if "disk I/O error" in message and _nearly_full(sqlite_folder(url)):
            return "no space left on its disk (disk I/O error with the disk full)"
    return None


def explain_database_error(error: BaseException, url: str) -> str:
    """The reason part of a one-line error about the database at `url`."""
    return disk_full_reason(error, url) or f"{type(error).__name__}: {error}"
