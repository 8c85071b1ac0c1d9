"""Dashboard sign-in: an analyst's token exchanged for a signed, HttpOnly, SameSite=Strict session cookie,
and the CSRF token every form carries.

The cookie holds the analyst's name, the key id of the token it was opened with and an expiry, signed with
a secret of this server process (a restart signs everyone out). Each request checks the token is still
valid (a revoked analyst is signed out at once). The CSRF token is an HMAC of the session cookie: a page of
another site can neither read it nor forge it, and a form without it changes nothing."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from fastapi import HTTPException, Request, Response, status

from ..analyst import tokens
from ..analyst.auth import ADMIN, analyst_of_token
from ..store import analysts as repo

SESSION_COOKIE = "iw_session"
SIGNIN_COOKIE = "iw_signin"  # the sign-in form's own CSRF value (double submit)
SESSION_SECONDS = 12 * 3600


@dataclass(frozen=True)
class Session:
    analyst: str
    csrf: str


def _secret(request: Request) -> bytes:
    state = request.app.state
    if not getattr(state, "session_secret", None):
        state.session_secret = secrets.token_bytes(32)
    return state.session_secret


def _sign(secret: bytes, payload: str) -> str:
    return hmac.new(secret, payload.encode(), hashlib.sha256).hexdigest()


def _key_of(token: str) -> str:
    """What the cookie remembers of the token: the analyst's key id, or `admin`."""
    parts = tokens.split(token)
    return parts[0] if parts else ADMIN


def open_session(request: Request, response: Response, token: str) -> str:
    """Signs the analyst in (NotAuthorised for a bad token); answers the analyst's name."""
    analyst = analyst_of_token(request.app.state.store, token, request.app.state.token)
    payload = f"{analyst}|{_key_of(token)}|{int(time.time()) + SESSION_SECONDS}"
    encoded = base64.urlsafe_b64encode(payload.encode()).decode()
    response.set_cookie(
        SESSION_COOKIE,
        f"{encoded}.{_sign(_secret(request), encoded)}",
        max_age=SESSION_SECONDS,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    return analyst


def close_session(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")


def current_session(request: Request) -> Session | None:
    """The signed-in analyst, or None (no cookie, a forged or expired one, a revoked analyst)."""
    cookie = request.cookies.get(SESSION_COOKIE, "")
    encoded, _, signature = cookie.partition(".")
    secret = _secret(request)
    if not encoded or not hmac.compare_digest(signature.encode(), _sign(secret, encoded).encode()):
        return None
    try:
        analyst, key_id, expiry = base64.urlsafe_b64decode(encoded.encode()).decode().split("|")
    except ValueError:
        return None
    if int(expiry) < time.time() or not _still_valid(request, analyst, key_id):
        return None
    return Session(analyst, _sign(secret, "csrf:" + cookie)[:40])


def _still_valid(request: Request, analyst: str, key_id: str) -> bool:
    if key_id == ADMIN:
        return analyst == ADMIN and bool(request.app.state.token)
    found = repo.analyst_by_key(request.app.state.store, key_id)
    return found is not None and found.name == analyst and found.revoked_at is None


async def form_of(request: Request) -> dict[str, str]:
    """The posted form (application/x-www-form-urlencoded), one value per name."""
    body = (await request.body()).decode("utf-8", errors="replace")
    return {name: values[-1] for name, values in parse_qs(body, keep_blank_values=True).items()}


def same_origin(request: Request) -> bool:
    """A browser's Origin (or Referer) header, where sent, names this server."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin:
        return True
    here = urlsplit(str(request.base_url))
    there = urlsplit(origin)
    return (there.scheme, there.netloc) == (here.scheme, here.netloc)


async def signed_form(request: Request) -> tuple[Session, dict[str, str]]:
    """The session and the form of a dashboard write: 403 signed out, cross-site, or without the CSRF token."""
    session = current_session(request)
    if session is None:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "sign in first")
    form = await form_of(request)
    if not same_origin(request) or not hmac.compare_digest(form.get("csrf", "").encode(), session.csrf.encode()):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "the form's CSRF token is missing or wrong")
    return session, form


def signin_nonce(request: Request) -> str:
    """The sign-in form's CSRF value: the browser's, or a new one (then set with `remember_signin_nonce`)."""
    return request.cookies.get(SIGNIN_COOKIE) or secrets.token_urlsafe(24)


def remember_signin_nonce(request: Request, response: Response, nonce: str) -> Response:
    response.set_cookie(
        SIGNIN_COOKIE,
        nonce,
        max_age=3600,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/signin",
    )
    return response


def check_signin_nonce(request: Request, form: dict[str, str]) -> None:
    nonce = request.cookies.get(SIGNIN_COOKIE, "")
    if not nonce or not same_origin(request) or not hmac.compare_digest(form.get("csrf", "").encode(), nonce.encode()):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "the sign-in form's CSRF token is missing or wrong")
