"""Bytes on disk → text, or a one-line reason why not.

Decisions:
- UTF-8 with or without BOM; UTF-16/UTF-32 only with a BOM. Without one, UTF-16 text is refused with a
  reason that says so (not as mere "binary data"): guessing its byte order would be a guess.
- Invalid UTF-8: a file whose stray bytes are rare (≤ 1 % of the bytes, e.g. one Latin-1 "é" in an
  otherwise UTF-8 file) is clearly text and is decoded with U+FFFD replacements; anything more is
  refused, since guessing a legacy encoding would silently garble names and places.
- HTML only: a page that is not UTF-8 but declares its charset (`<meta charset="windows-1256">`)
  is decoded with that charset, as a browser would.
- Binary: a NUL byte, or more than 5 % control characters, in the first 64 KiB.
- Size: files over MAX_FILE_BYTES are refused before reading.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from incidentwire.errors import UnreadableInput

MAX_FILE_BYTES = 50 * 1024 * 1024
SNIFF_BYTES = 64 * 1024
MAX_INVALID_UTF8_RATIO = 0.01
MAX_CONTROL_RATIO = 0.05

# Longest BOMs first: the UTF-32-LE BOM begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls other than tab, newline, vertical tab, form feed, carriage return; plus DEL.
_CONTROL_BYTES = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x20)) | {0x7F}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def read_file_bytes(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes, after checking that it exists, is a regular file, and is not too large."""
    name = check_regular_file(path)
    size = path.stat().st_size
    if size > max_bytes:
        raise UnreadableInput.at(name, f"too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableInput.at(name, f"cannot be read ({exc.strerror or exc})") from exc


def read_head(path: Path, size: int = SNIFF_BYTES) -> bytes:
    """The first `size` bytes of a file, for sniffing without reading it all."""
    name = check_regular_file(path)
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except OSError as exc:
        raise UnreadableInput.at(name, f"cannot be read ({exc.strerror or exc})") from exc


def check_regular_file(path: Path) -> str:
    """The name to report the file by, once it is known to exist and not be a directory."""
    name = path.name or str(path)
    if path.is_dir():
        raise UnreadableInput.at(name, "is a directory, not a file")
    if not path.exists():
        raise UnreadableInput.at(name, "no such file")
    if not path.is_file():  # a device or pipe could stream forever
        raise UnreadableInput.at(name, "not a regular file")
    return name


def decode_text(data: bytes, name: str, html: bool = False) -> str:
    """Text of a file's bytes (BOM removed), or UnreadableInput naming `name` and the reason.

    With `html`, a page's declared charset is used where the bytes are not UTF-8."""
    if not data:
        raise UnreadableInput.at(name, "empty file")
    encoding, body = split_bom(data)
    if encoding is None:
        if looks_binary(data):
            raise UnreadableInput.at(name, binary_reason(data))
        text = decode_html(body, name) if html else decode_utf8(body, name)
    else:
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError as exc:
            raise UnreadableInput.at(
                name, f"invalid {encoding.upper()} despite its byte-order mark ({exc.reason})"
            ) from exc
    if not text.strip():
        raise UnreadableInput.at(name, "no text (whitespace only)")
    return text


def read_text_file(path: Path, max_bytes: int = MAX_FILE_BYTES, html: bool = False) -> str:
    """Decoded text of a file on disk; every failure is an UnreadableInput with a one-line reason."""
    return decode_text(read_file_bytes(path, max_bytes), path.name or str(path), html=html)


def split_bom(data: bytes) -> tuple[str | None, bytes]:
    """(encoding named by a byte-order mark, bytes after it), or (None, data) without a BOM."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, data[len(bom) :]
    return None, data


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: a NUL byte or many control bytes near the start."""
    head = data[:SNIFF_BYTES]
    return b"\x00" in head or mostly_control_bytes(head)


def mostly_control_bytes(head: bytes) -> bool:
    """True when more than MAX_CONTROL_RATIO of the bytes are control characters."""
    controls = sum(1 for byte in head if byte in _CONTROL_BYTES)
    return controls > MAX_CONTROL_RATIO * len(head)


def binary_reason(data: bytes) -> str:
    """Why data that looks binary is refused: UTF-16 without a BOM gets its own advice."""
    encoding = bomless_utf16(data[:SNIFF_BYTES])
    if encoding is not None:
        return f"binary data, not text: looks like {encoding.upper()} without a byte-order mark; save it as UTF-8"
    return "binary data, not text"


def bomless_utf16(head: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when the bytes read as text in that encoding (NULs on one side of most
    code units, as Latin-script UTF-16 has), else None."""
    units = len(head) // 2
    if units < 4:
        return None
    for encoding, zero_side in (("utf-16-le", 1), ("utf-16-be", 0)):
        zeros = head[zero_side : units * 2 : 2].count(0)
        if zeros >= 0.3 * units and head[1 - zero_side : units * 2 : 2].count(0) <= 0.01 * units:
            text = head[: units * 2].decode(encoding, errors="replace")
            if sum(1 for char in text if char.isprintable() or char.isspace()) >= 0.95 * len(text):
                return encoding
    return None


def decode_utf8(body: bytes, name: str) -> str:
    """UTF-8 text; a few stray bytes become U+FFFD, more is refused (see the module's decisions)."""
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as first:
        text = body.decode("utf-8", errors="replace")
        invalid = text.count("\ufffd") - body.decode("utf-8", errors="ignore").count("\ufffd")
        if invalid > MAX_INVALID_UTF8_RATIO * len(body):
            raise UnreadableInput.at(
                name, f"not valid UTF-8 (byte 0x{body[first.start]:02x} at offset {first.start}); save it as UTF-8"
            ) from first
        return text


def decode_html(body: bytes, name: str) -> str:
    """An HTML page's text: UTF-8 where it is, else the charset its <meta> declares, else as decode_utf8."""
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared_charset(body)
    if declared is not None:
        return body.decode(declared, errors="replace")
    return decode_utf8(body, name)


def declared_charset(body: bytes) -> str | None:
    """The codec named by the page's <meta charset>, when Python knows it and it is not UTF-8."""
    match = _META_CHARSET.search(body[:SNIFF_BYTES])
    if match is None:
        return None
    try:
        codec = codecs.lookup(match.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None
    return None if codec.name == "utf-8" else codec.name
