"""The analyst's API: corrections, verdicts, structure, the audit log and undo, the review queue.

Every write needs an analyst's `Authorization: Bearer <token>` (or the server's admin token) and may send
the `version` of the incident it read: a newer one answers 409 "changed by NAME at TIME"."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from pydantic import BaseModel, Field

from ..analyst import actions
from ..analyst.alerting import after_change
from ..analyst.auth import analyst_of_token
from ..analyst.errors import NotAuthorised, NotFound, Refused, StaleVersion
from ..analyst.fields import BadCorrection
from ..analyst.queue import QueueItem, review_queue
from ..analyst.undo import undo
from ..model import Incident
from ..store import Store
from ..store import analysts as repo
from .api import FiltersDep, StoreDep
from .responses import ANY_OPERATION, AUTH, CONFLICT, NOT_FOUND, WITH_BODY, WRITE, refuse

router = APIRouter(prefix="/api", tags=["review"], responses=ANY_OPERATION)
# What every analyst write may answer besides success.
ANALYST_WRITE = {**WRITE, **WITH_BODY, **NOT_FOUND, **CONFLICT}


def current_analyst(request: Request) -> str:
    """The analyst the bearer token names: 401 without a token, 403 with a wrong or revoked one."""
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "needs Authorization: Bearer <analyst token>",
            headers={"WWW-Authenticate": "Bearer"},
        )
    try:
        return analyst_of_token(request.app.state.store, given, request.app.state.token)
    except NotAuthorised as error:
        raise HTTPException(status.HTTP_403_FORBIDDEN, str(error)) from None


AnalystDep = Annotated[str, Depends(current_analyst)]


def answered(write, *args, **kwargs) -> Any:
    """Runs an analyst write, turning its failures into HTTP answers."""
    try:
        return write(*args, **kwargs)
    except NotFound as error:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(error)) from None
    except StaleVersion as error:
        raise HTTPException(status.HTTP_409_CONFLICT, str(error)) from None
    except Refused as error:
        raise HTTPException(status.HTTP_409_CONFLICT, str(error)) from None
    except BadCorrection as error:
        refuse("body", "value", str(error))


class Write(BaseModel):
    version: int | None = Field(default=None, description="the incident's version as read; a newer one answers 409")
    note: str = Field(default="", max_length=4000)


class CorrectionIn(Write):
    field: str
    value: Any = None
    revert: bool = Field(False, description="give the field back to the machine's value")


class StatusIn(Write):
    status: Literal["active", "not_attack"]


class DetachIn(Write):
    report: str


class MergeIn(Write):
    ids: list[str] = Field(min_length=2)


class AuditItem(BaseModel):
    id: int
    at: datetime
    analyst: str
    incident: str | None
    action: str
    field: str | None
    before: Any = None
    after: Any = None
    note: str | None = None
    undone_by: int | None = None


class AuditList(BaseModel):
    items: list[AuditItem]


class ReviewQueue(BaseModel):
    items: list[QueueItem]


def _alerted(store: Store, incident: Incident, analyst: str) -> Incident:
    """A corrected incident alerts as an ingested one would; an alert it no longer justifies is withdrawn."""
    after_change(store, incident.id, analyst)
    return incident


@router.post("/incidents/{incident_id}/corrections", response_model=Incident, responses=ANALYST_WRITE)
def post_correction(store: StoreDep, analyst: AnalystDep, incident_id: str, body: CorrectionIn) -> Incident:
    if body.revert:
        return _alerted(
            store, answered(actions.revert, store, incident_id, analyst, body.field, body.note, body.version), analyst
        )
    return _alerted(
        store,
        answered(actions.correct, store, incident_id, analyst, body.field, body.value, body.note, body.version),
        analyst,
    )


@router.post("/incidents/{incident_id}/status", response_model=Incident, responses=ANALYST_WRITE)
def post_status(store: StoreDep, analyst: AnalystDep, incident_id: str, body: StatusIn) -> Incident:
    return _alerted(
        store, answered(actions.set_status, store, incident_id, analyst, body.status, body.note, body.version), analyst
    )


@router.post("/incidents/{incident_id}/reviewed", response_model=Incident, responses=ANALYST_WRITE)
def post_reviewed(store: StoreDep, analyst: AnalystDep, incident_id: str, body: Write | None = None) -> Incident:
    body = body or Write()
    return answered(actions.mark_reviewed, store, incident_id, analyst, body.note, body.version)


@router.post("/incidents/{incident_id}/detach", response_model=Incident, responses=ANALYST_WRITE)
def post_detach(store: StoreDep, analyst: AnalystDep, incident_id: str, body: DetachIn) -> Incident:
    return answered(actions.detach, store, incident_id, body.report, analyst, body.note, body.version)


@router.post("/incidents/merge", response_model=Incident, responses=ANALYST_WRITE)
def post_merge(store: StoreDep, analyst: AnalystDep, body: MergeIn) -> Incident:
    return answered(actions.merge, store, body.ids, analyst, body.note, body.version)


@router.post("/audit/{entry_id}/undo", response_model=Incident, responses=ANALYST_WRITE)
def post_undo(store: StoreDep, analyst: AnalystDep, entry_id: int, body: Write | None = None) -> Incident:
    return _alerted(store, answered(undo, store, entry_id, analyst, (body or Write()).version), analyst)


def _audit_item(entry: repo.AuditEntry) -> AuditItem:
    return AuditItem(
        id=entry.id,
        at=entry.at,
        analyst=entry.analyst,
        incident=entry.incident_id,
        action=entry.action,
        field=entry.field,
        before=entry.before,
        after=entry.after,
        note=entry.note,
        undone_by=entry.undone_by,
    )


@router.get("/audit", response_model=AuditList, responses=AUTH)
def get_audit(
    store: StoreDep,
    _analyst: AnalystDep,
    incident: str | None = None,
    analyst: str | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    before: Annotated[int | None, Query(description="entries older than this id", ge=1, le=2**62)] = None,
) -> AuditList:
    entries = repo.audit_entries(store, incident_id=incident, analyst=analyst, limit=limit, before_id=before)
    return AuditList(items=[_audit_item(e) for e in entries])


@router.get("/incidents/{incident_id}/history", response_model=AuditList, responses=NOT_FOUND)
def get_history(store: StoreDep, incident_id: str, limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> AuditList:
    """The incident's audit trail (open like every read of an incident)."""
    return AuditList(items=[_audit_item(e) for e in repo.audit_entries(store, incident_id=incident_id, limit=limit)])


@router.get("/review", response_model=ReviewQueue, responses=AUTH)
def get_review(store: StoreDep, filters: FiltersDep, limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> ReviewQueue:
    return ReviewQueue(items=review_queue(store, filters, limit=limit))
