"""What an analyst's write can run into; the API turns each into its status code, the CLI into one line."""

from __future__ import annotations

from ..errors import IncidentwireError


class NotFound(IncidentwireError):
    """No such incident, report or audit entry (404)."""


class StaleVersion(IncidentwireError):
    """The write sent the version it read, and another write came after it (409)."""

    def __init__(self, changed_by: str | None, changed_at: str | None, version: int):
        super().__init__(
            f"changed by {changed_by or 'the machine'} at {changed_at or 'an earlier time'} (now version {version})"
        )
        self.changed_by, self.changed_at, self.version = changed_by, changed_at, version


class Refused(IncidentwireError):
    """A write that cannot be done as asked (409): detach an incident's only report, undo twice."""


class NotAuthorised(IncidentwireError):
    """No analyst's token, or a revoked or wrong one (401/403)."""
