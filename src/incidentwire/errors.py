"""The failures a user can hit, each turned into one clear line by the CLI (exit status 2).

Every message names the input first, then the reason: "report.txt: empty file". Raise with
`UnreadableInput.at(origin, reason)` to keep the two parts apart for callers that need them
(a batch reports `reason` against its line number); a plain message works too.
"""

from __future__ import annotations


class IncidentwireError(Exception):
    """Base of every error incidentwire raises on purpose."""

    def __init__(self, message: str, *, origin: str | None = None, reason: str | None = None) -> None:
        super().__init__(one_line(message))
        self.origin = origin
        self.reason = reason if reason is not None else one_line(message)

    @classmethod
    def at(cls, origin: str, reason: str) -> IncidentwireError:
        """An error whose one-line message is "origin: reason"."""
        return cls(f"{origin}: {reason}", origin=origin, reason=one_line(reason))


class UnreadableInput(IncidentwireError):
    """The input cannot be read as a report: missing, empty, binary, undecodable, too large, not a report."""


class BadReport(IncidentwireError):
    """A JSON object that is not a valid report (no text, a field of the wrong type, a bad date)."""


def one_line(text: str, limit: int = 300) -> str:
    """Collapse whitespace and cut long reasons, so every message stays a single readable line."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
