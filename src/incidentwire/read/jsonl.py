"""A .jsonl batch → each report in turn; a bad line becomes a BadLine and the batch goes on.

Lines are streamed, so a batch may be larger than a single file may be; only one line must fit the
per-line limit. A batch is refused whole only when its first 64 KiB are mostly control bytes or read as
BOM-less UTF-16; a line with a stray NUL or invalid bytes is a BadLine like any other.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from incidentwire.errors import IncidentwireError, UnreadableInput
from incidentwire.model import Report
from incidentwire.read.dates import normalise_published
from incidentwire.read.decode import (
    SNIFF_BYTES,
    binary_reason,
    bomless_utf16,
    mostly_control_bytes,
    read_head,
    read_text_file,
    split_bom,
)
from incidentwire.read.report_json import report_from_dict

NumberedLine = tuple[int, "str | BadLine"]  # a line's text, or why it could not be decoded
MAX_LINE_BYTES = 50 * 1024 * 1024
_READ_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class BadLine:
    """A line of a batch that holds no valid report, and why."""

    source: str
    line_no: int
    reason: str

    def __str__(self) -> str:
        return f"{self.source} line {self.line_no}: {self.reason}"


def iter_jsonl(path: Path, published: str | None = None) -> Iterator[Report | BadLine]:
    """Each line's Report, or a BadLine; file-level problems raise UnreadableInput before the first line."""
    name = path.name or str(path)
    head = read_head(path)
    published = normalise_published(published, name)  # a bad override fails once, not on every line
    if not head:
        raise UnreadableInput.at(name, "empty file")
    encoding, _ = split_bom(head)
    if encoding is not None and encoding != "utf-8":
        # UTF-16/32 batches are rare: decode whole (size-limited) rather than stream.
        lines = read_text_file(path).splitlines()
        return reports_of_lines(name, enumerate(lines, start=1), published)
    # Binary or BOM-less UTF-16 as a whole; a stray NUL byte only spoils its own line.
    if bomless_utf16(head) or mostly_control_bytes(head):
        raise UnreadableInput.at(name, binary_reason(head))
    if len(head) < SNIFF_BYTES and not head.strip(b" \t\r\n\x0b\x0c\xef\xbb\xbf"):
        raise UnreadableInput.at(name, "no text (whitespace only)")
    return reports_of_lines(name, utf8_lines(path), published)


def utf8_lines(path: Path) -> Iterator[NumberedLine]:
    """(line number, text) per line; an undecodable or oversized line comes as its BadLine."""
    name = path.name or str(path)
    with path.open("rb") as handle:
        for line_no, raw in enumerate(bounded_lines(handle), start=1):
            if raw is None:
                yield line_no, BadLine(name, line_no, f"line longer than {MAX_LINE_BYTES // 2**20} MB")
                continue
            if line_no == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            try:
                yield line_no, raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield line_no, BadLine(name, line_no, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})")


def bounded_lines(handle: BinaryIO) -> Iterator[bytes | None]:
    """Each line's bytes, or None for a line over MAX_LINE_BYTES (skipped without holding it in memory)."""
    while True:
        line = handle.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) <= MAX_LINE_BYTES or line.endswith(b"\n"):
            yield line
            continue
        while (rest := handle.readline(_READ_CHUNK)) and not rest.endswith(b"\n"):
            pass
        yield None


def reports_of_lines(name: str, lines: Iterable[NumberedLine], published: str | None) -> Iterator[Report | BadLine]:
    """Report or BadLine for each non-blank line."""
    for line_no, line in lines:
        if isinstance(line, BadLine):
            yield line
        elif line.strip():
            yield report_of_line(name, line_no, line, published)


def report_of_line(name: str, line_no: int, line: str, published: str | None) -> Report | BadLine:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return BadLine(name, line_no, f"invalid JSON ({exc.msg})")
    try:
        return report_from_dict(obj, f"{name} line {line_no}", published)
    except IncidentwireError as exc:
        return BadLine(name, line_no, exc.reason)
