"""The dashboard's analyst pages: sign in and out, and the incident page's forms (correct a field, mark
not an attack, reviewed, detach a report, merge, undo). Every form is a POST with the session's CSRF token;
each answers with a redirect to the incident page, or a page saying why nothing changed."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse

from ..analyst import actions
from ..analyst.alerting import after_change
from ..analyst.errors import NotAuthorised, NotFound, Refused, StaleVersion
from ..analyst.fields import TYPE_FIELDS, BadCorrection
from ..analyst.undo import undo
from ..model import COUNT_FIELDS, IncidentStatus
from .pages import templates
from .session import (
    check_signin_nonce,
    close_session,
    current_session,
    form_of,
    open_session,
    remember_signin_nonce,
    signed_form,
    signin_nonce,
)

router = APIRouter(include_in_schema=False)
FAILURES: dict[type[Exception], int] = {
    NotFound: status.HTTP_404_NOT_FOUND,
    StaleVersion: status.HTTP_409_CONFLICT,
    Refused: status.HTTP_409_CONFLICT,
    BadCorrection: status.HTTP_422_UNPROCESSABLE_CONTENT,
}


def analyst_context(request: Request) -> dict:
    """What a page needs to show the signed-in analyst's forms (nothing when signed out)."""
    session = current_session(request)
    return {"analyst": session.analyst, "csrf": session.csrf} if session else {"analyst": None, "csrf": ""}


def _local(path: str | None) -> str:
    """Only a path of this site to go back to after signing in."""
    return path if path and path.startswith("/") and not path.startswith("//") else "/review"


@router.get("/signin", response_class=HTMLResponse)
def signin_page(request: Request, next: str | None = None):
    return _signin_form(request, _local(next), None, status.HTTP_200_OK)


def _signin_form(request: Request, target: str, error: str | None, status_code: int):
    nonce = signin_nonce(request)
    page = templates.TemplateResponse(
        request, "signin.html", {"next": target, "error": error, "nonce": nonce}, status_code=status_code
    )
    return remember_signin_nonce(request, page, nonce)


@router.post("/signin")
async def signin(request: Request):
    form = await form_of(request)
    check_signin_nonce(request, form)
    target = _local(form.get("next"))
    response = RedirectResponse(target, status_code=status.HTTP_303_SEE_OTHER)
    try:
        open_session(request, response, form.get("token", ""))
    except NotAuthorised as error:
        return _signin_form(request, target, str(error), status.HTTP_403_FORBIDDEN)
    return response


@router.post("/signout")
async def signout(request: Request):
    await signed_form(request)
    response = RedirectResponse("/", status_code=status.HTTP_303_SEE_OTHER)
    close_session(response)
    return response


def _version(form: dict[str, str]) -> int | None:
    return int(form["version"]) if form.get("version", "").isdigit() else None


def _int(text: str | None) -> int | None:
    return int(text) if text and text.strip().lstrip("-").isdigit() else None


def correction_value(field: str, form: dict[str, str]):
    """The value of a correction form, as the API would take it."""
    if field in COUNT_FIELDS:
        return {"best": _int(form.get("best")), "low": _int(form.get("low")), "high": _int(form.get("high"))}
    if field == "place":
        return {name: form.get(name) or None for name in ("country", "admin1", "city")}
    if field == "perpetrators":
        name = (form.get("name") or "").strip()
        return [{"name": name, "responsibility": form.get("responsibility") or None}] if name else []
    if field in TYPE_FIELDS:
        return [t.strip() for t in (form.get("value") or "").split(",") if t.strip()]
    if field == "suicide":
        return {"true": True, "false": False}.get(form.get("value", ""))
    return form.get("value") or None


def _apply(incident_id: str, analyst: str, form: dict[str, str], store):
    action, note, version = form.get("action"), form.get("note", ""), _version(form)
    if action == "correct":
        field = form.get("field", "")
        if form.get("revert"):
            return actions.revert(store, incident_id, analyst, field, note, version)
        return actions.correct(store, incident_id, analyst, field, correction_value(field, form), note, version)
    if action == "status":
        wanted: IncidentStatus = "not_attack" if form.get("status") == "not_attack" else "active"
        return actions.set_status(store, incident_id, analyst, wanted, note, version)
    if action == "reviewed":
        return actions.mark_reviewed(store, incident_id, analyst, note, version)
    if action == "detach":
        return actions.detach(store, incident_id, form.get("report", ""), analyst, note, version)
    if action == "merge":
        return actions.merge(store, [incident_id, form.get("other", "").strip()], analyst, note, version)
    if action == "undo" and form.get("entry", "").isdigit():
        return undo(store, int(form["entry"]), analyst)
    raise Refused(f"unknown form action {action!r}")


@router.post("/incidents/{incident_id}/edit")
async def edit_incident(request: Request, incident_id: str):
    session, form = await signed_form(request)
    store = request.app.state.store
    try:
        incident = _apply(incident_id, session.analyst, form, store)
    except tuple(FAILURES) as error:
        return templates.TemplateResponse(
            request,
            "refused.html",
            {"reason": str(error), "incident_id": incident_id},
            status_code=FAILURES[type(error)],
        )
    after_change(store, incident.id, session.analyst)
    return RedirectResponse(f"/incidents/{quote(incident.id, safe='')}", status_code=status.HTTP_303_SEE_OTHER)
