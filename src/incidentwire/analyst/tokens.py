"""Analysts' tokens: `iwa_<key id>_<secret>`. The key id finds the analyst; only a salted hash of the
secret is stored. The secret is 256 random bits, so one salted SHA-256 is as strong as a slow hash would
be (there is no dictionary to try), and each request verifies with one hash and hmac.compare_digest."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

PREFIX = "iwa"


@dataclass(frozen=True)
class IssuedToken:
    token: str  # shown once
    key_id: str
    salt: str
    token_hash: str


def secret_hash(secret: str, salt: str) -> str:
    return hashlib.sha256(bytes.fromhex(salt) + secret.encode("utf-8")).hexdigest()


def issue() -> IssuedToken:
    key_id, secret, salt = secrets.token_hex(8), secrets.token_urlsafe(32), secrets.token_hex(16)
    return IssuedToken(f"{PREFIX}_{key_id}_{secret}", key_id, salt, secret_hash(secret, salt))


def split(token: str) -> tuple[str, str] | None:
    """(key id, secret) of a well-formed analyst token, else None."""
    prefix, _, rest = token.strip().partition("_")
    key_id, _, secret = rest.partition("_")
    if prefix != PREFIX or not key_id or not secret:
        return None
    return key_id, secret


def matches(secret: str, salt: str, token_hash: str) -> bool:
    return hmac.compare_digest(secret_hash(secret, salt).encode(), token_hash.encode())
