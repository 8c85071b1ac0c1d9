"""Writing an export file so that a crash never leaves a truncated one at its path.

The rows go to a hidden temporary file beside the target (same directory, so same filesystem), which is
flushed, fsynced, and only then renamed over the target with os.replace, which is atomic on POSIX: a
reader, or a rerun after a kill, sees the old file or the complete new one, never half of one. A process
killed mid-write leaves its `.NAME.PID.*.part` file behind, never a file at NAME; the next export to NAME
removes the parts of processes no longer alive (a living one may be another export still writing).
Targets that are not regular files (/dev/stdout, a pipe) cannot be replaced and are written directly.
"""

from __future__ import annotations

import contextlib
import glob
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


def part_path(target: Path) -> Path:
    """A fresh hidden temporary name beside `target`, naming the process that writes it."""
    return target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(6)}.part")


def remove_stale_parts(target: Path) -> list[Path]:
    """Removes the temporary files of earlier exports to `target` whose process has died; returns them."""
    removed = []
    for part in target.parent.glob(f".{glob.escape(target.name)}.*.part"):
        writer = part.name[len(target.name) + 2 :].split(".", 1)[0]
        if writer.isdigit() and not _alive(int(writer)):
            with contextlib.suppress(FileNotFoundError):
                part.unlink()
                removed.append(part)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


@contextmanager
def replaced_atomically(path: Path | str, binary: bool = False) -> Iterator[IO]:
    """An open file (text: UTF-8 with CSV's own newlines; or binary) whose content appears at `path`
    only once the block ends without error; on error the old file, if any, is left as it was."""
    target = Path(os.path.realpath(path))  # through a symlink: replace the file, not the link
    if target.exists() and not target.is_file():
        with open(target, "wb" if binary else "w", **({} if binary else _TEXT)) as stream:
            yield stream
        return
    remove_stale_parts(target)
    temporary = part_path(target)
    # os.open with 0o666 lets the umask decide permissions, as a plain open() of the target would.
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with open(descriptor, "wb" if binary else "w", **({} if binary else _TEXT)) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    fsync_directory(target.parent)


_TEXT: dict[str, Any] = {"encoding": "utf-8", "newline": ""}


def fsync_directory(folder: Path) -> None:
    """Makes a rename in `folder` durable (a no-op where directories cannot be opened)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
