"""Writing an export file so that a crash never leaves a truncated one at its path.

The rows go to a hidden temporary file beside the target (same directory, so same filesystem), which is
flushed, fsynced, and only then renamed over the target with os.replace, which is atomic on POSIX: a
reader, or a rerun after a kill, sees the old file or the complete new one, never half of one. A process
killed mid-write leaves its `.NAME.*.part` file behind, never a file at NAME.
Targets that are not regular files (/dev/stdout, a pipe) cannot be replaced and are written directly.
"""
from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


def part_path(target: Path) -> Path:
    """A fresh hidden temporary name beside `target`."""
    return target.with_name(f".{target.name}.{secrets.token_hex(6)}.part")


@contextmanager
def replaced_atomically(path: Path | str, binary: bool = False) -> Iterator[IO]:
    """An open file (text: UTF-8 with CSV's own newlines; or binary) whose content appears at `path`
    only once the block ends without error; on error the old file, if any, is left as it was."""
    target = Path(os.path.realpath(path))  # through a symlink: replace the file, not the link
    if target.exists() and not target.is_file():
        with open(target, "wb" if binary else "w", **({} if binary else _TEXT)) as stream:
            yield stream
        return
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


_TEXT = {"encoding": "utf-8", "newline": ""}


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
