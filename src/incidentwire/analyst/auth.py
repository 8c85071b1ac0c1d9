"""Named analysts and who a token belongs to. The server's single $INCIDENTWIRE_TOKEN stays valid as
the admin token, recorded in the audit as `admin`."""

from __future__ import annotations

import hmac
import re
from datetime import datetime

from pydantic import BaseModel

from ..store import analysts as repo
from ..store.repository import Store
from . import tokens
from .errors import NotAuthorised, Refused

ADMIN = "admin"
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")


class AnalystInfo(BaseModel):
    name: str
    created_at: datetime
    revoked_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def add_analyst(store: Store, name: str) -> str:
    """Creates the analyst; answers its token (shown once: only a hash of it is kept)."""
    if not NAME.match(name) or name == ADMIN:
        raise Refused(f"analyst name {name!r}: letters, digits and . _ @ - (up to 100), not {ADMIN!r}")
    issued = tokens.issue()
    if not repo.insert_analyst(store, name, issued.key_id, issued.salt, issued.token_hash):
        raise Refused(f"analyst {name!r} exists already")
    return issued.token


def list_analysts(store: Store) -> list[AnalystInfo]:
    return [AnalystInfo(name=a.name, created_at=a.created_at, revoked_at=a.revoked_at) for a in repo.analysts(store)]


def revoke_analyst(store: Store, name: str) -> None:
    if not repo.revoke_analyst(store, name):
        raise Refused(f"no active analyst {name!r}")


def analyst_of_token(store: Store, token: str | None, admin_token: str | None = None) -> str:
    """The analyst's name (or `admin`) the token belongs to; NotAuthorised for no, a wrong or a revoked token."""
    token = (token or "").strip()
    if not token:
        raise NotAuthorised("no analyst token (Authorization: Bearer <token>, --token or $INCIDENTWIRE_ANALYST_TOKEN)")
    if admin_token and hmac.compare_digest(token.encode(), admin_token.encode()):
        return ADMIN
    parts = tokens.split(token)
    found = repo.analyst_by_key(store, parts[0]) if parts else None
    if parts is None or found is None or not tokens.matches(parts[1], found.salt, found.token_hash):
        raise NotAuthorised("wrong token")
    if found.revoked_at is not None:
        raise NotAuthorised(f"analyst {found.name}'s token was revoked")
    return found.name
