"""The JSON API under /api: incidents (filtered, paged, downloadable), one incident in full, reports, groups.

Reads are open; writing (POST /api/reports) needs `Authorization: Bearer <token>`."""

from __future__ import annotations

import hmac
import io
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response, status
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field

from ..alerts import Alert, WatchArea, add_watch_area, check_alerts, list_alerts, list_watch_areas, remove_watch_area
from ..export import MEDIA_TYPES, ExportFormat, write_incidents
from ..model import Incident, Report, StoredReport
from ..store import IncidentFilters, Store
from .downloads import incidents_csv
from .queries import GroupProfile, group_profile, iter_incidents
from .responses import ANY_OPERATION, NOT_FOUND, WITH_BODY, WRITE, refuse

router = APIRouter(prefix="/api", tags=["api"], responses=ANY_OPERATION)
# Bigger than any toll, small enough for every database's integers (SQLite's are 64-bit).
MAX_TOLL = 10**9


def get_store(request: Request) -> Store:
    return request.app.state.store


StoreDep = Annotated[Store, Depends(get_store)]


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        west, south, east, north = (float(x) for x in value.split(","))
    except ValueError:
        refuse("query", "bbox", "bbox must be four numbers: west,south,east,north")
    return west, south, east, north


def incident_filters(
    since: Annotated[str | None, Query(description="earliest date, YYYY-MM-DD", pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
    until: Annotated[str | None, Query(description="latest date, YYYY-MM-DD", pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
    country: str | None = None,
    admin1: str | None = None,
    city: str | None = None,
    perpetrator: Annotated[str | None, Query(description="part of the group's name")] = None,
    attack_type: str | None = None,
    target_type: str | None = None,
    weapon_type: str | None = None,
    min_killed: Annotated[int | None, Query(ge=0, le=MAX_TOLL)] = None,
    bbox: Annotated[str | None, Query(description="west,south,east,north in degrees")] = None,
    q: Annotated[str | None, Query(description="free text: place, group or type")] = None,
) -> IncidentFilters:
    def blank(value: str | None) -> str | None:
        return value or None  # an empty form field means no filter

    return IncidentFilters(
        since=since,
        until=until,
        country=blank(country),
        admin1=blank(admin1),
        city=blank(city),
        perpetrator=blank(perpetrator),
        attack_type=blank(attack_type),
        target_type=blank(target_type),
        weapon_type=blank(weapon_type),
        min_killed=min_killed,
        bbox=_bbox(bbox),
        text=blank(q),
    )


FiltersDep = Annotated[IncidentFilters, Depends(incident_filters)]


class IncidentList(BaseModel):
    items: list[Incident]
    total: int
    next: str | None = Field(description="cursor for the next page, null on the last one")


class MergeDecision(BaseModel):
    report_id: str
    published: str | None
    same: bool
    score: float | None = None
    matched_incident: str | None = None
    reasons: list[str] = Field(default_factory=list)


class IncidentInFull(Incident):
    """An Incident (its `reports` are ids) with the reports themselves, the toll history and the merge decisions."""

    report_details: list[Report] = Field(default_factory=list)
    toll_history: dict[str, list[dict]] = Field(default_factory=dict)
    merges: list[MergeDecision] = Field(default_factory=list)


class IngestResult(BaseModel):
    report_id: str
    summary: dict
    incidents: list[str] = Field(description="ids of the incidents created or updated")
    alerts: list[Alert] = Field(default_factory=list, description="alerts this report raised")


@router.get("/incidents", response_model=IncidentList)
def list_incidents(
    store: StoreDep, filters: FiltersDep, limit: Annotated[int, Query(ge=1, le=1000)] = 100, cursor: str | None = None
) -> IncidentList:
    page = store.list_incidents(filters, limit=limit, cursor=cursor)
    return IncidentList(items=page.items, total=page.total, next=page.next)


@router.get(
    "/incidents.csv",
    response_class=PlainTextResponse,
    responses={200: {"content": {"text/csv": {}}, "description": "the filtered incidents as CSV"}},
)
def download_csv(store: StoreDep, filters: FiltersDep) -> Response:
    return Response(
        incidents_csv(iter_incidents(store, filters)),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="incidents.csv"'},
    )


@router.get(
    "/incidents.geojson",
    response_class=Response,
    responses={200: {"content": {"application/geo+json": {}}, "description": "a FeatureCollection"}},
)
def download_geojson(store: StoreDep, filters: FiltersDep) -> Response:
    return exported(store, filters, "geojson")


EXTENSIONS = {"gtd-csv": "gtd.csv", "acled-csv": "acled.csv", "geojson": "geojson", "parquet": "parquet"}


def exported(store: Store, filters: IncidentFilters, fmt: ExportFormat) -> Response:
    buffer = io.BytesIO()
    write_incidents(iter_incidents(store, filters), fmt, buffer)
    return Response(
        buffer.getvalue(),
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="incidents.{EXTENSIONS[fmt]}"'},
    )


@router.get(
    "/export/{fmt}",
    response_class=Response,
    responses={
        200: {
            "description": "the filtered incidents in a full export format",
            "content": {media_type: {} for media_type in dict.fromkeys(MEDIA_TYPES.values())},
        }
    },
)
def download_export(store: StoreDep, filters: FiltersDep, fmt: ExportFormat) -> Response:
    """GTD CSV, ACLED CSV, GeoJSON or Parquet (as `incidentwire export --format`) of the filtered incidents."""
    return exported(store, filters, fmt)


def incident_in_full(store: Store, incident_id: str) -> IncidentInFull | None:
    detail = store.incident_detail(incident_id)
    if detail is None:
        return None
    merges = [
        MergeDecision(
            report_id=r.report_id,
            published=r.published,
            same=bool(r.merge.get("same")),
            score=r.merge.get("score"),
            matched_incident=r.merge.get("incident_id"),
            reasons=[str(x) for x in r.merge.get("reasons", [])],
        )
        for r in detail.readings
    ]
    return IncidentInFull(
        **detail.incident.model_dump(), report_details=detail.reports, toll_history=detail.toll_history, merges=merges
    )


@router.get("/incidents/{incident_id}", response_model=IncidentInFull, responses=NOT_FOUND)
def get_incident(store: StoreDep, incident_id: str) -> IncidentInFull:
    full = incident_in_full(store, incident_id)
    if full is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no incident {incident_id}")
    return full


@router.get("/reports/{report_id}", response_model=StoredReport, responses=NOT_FOUND)
def get_report(store: StoreDep, report_id: str) -> StoredReport:
    report = store.report(report_id)
    if report is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no report {report_id}")
    return report


def require_token(request: Request) -> None:
    """401 without a bearer token, 403 with a wrong one or when the server was started without a token."""
    expected: str | None = request.app.state.token
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "writes need Authorization: Bearer <token>",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not expected:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "writes are disabled: the server has no INCIDENTWIRE_TOKEN")
    if not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "wrong token")


@router.post(
    "/reports",
    response_model=IngestResult,
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(require_token)],
    responses={200: {"model": IngestResult, "description": "stored before"}, **WRITE, **WITH_BODY},
)
def post_report(store: StoreDep, report: Report, response: Response) -> IngestResult:
    """Stores, extracts and merges one report (the contract's report JSON); 200 when it was stored before."""
    from ..ingest import (
        ingest_reports,  # the extraction pipeline is heavy: load it on the first write
    )

    summary = ingest_reports(store, [report])
    if summary.new == 0:
        response.status_code = status.HTTP_200_OK
    fields = {k: getattr(summary, k) for k in ("read", "new", "duplicates", "failed", "created", "updated")}
    raised = check_alerts(store, summary.touched) if summary.touched else []
    return IngestResult(
        report_id=report.id,
        summary={**fields, "errors": summary.errors, "line": summary.line()},
        incidents=sorted(summary.touched),
        alerts=raised,
    )


@router.get("/watch-areas", response_model=list[WatchArea])
def get_watch_areas(store: StoreDep) -> list[WatchArea]:
    return list_watch_areas(store)


@router.post(
    "/watch-areas",
    response_model=WatchArea,
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(require_token)],
    responses={**WRITE, **WITH_BODY},
)
def post_watch_area(store: StoreDep, area: WatchArea) -> WatchArea:
    """Adds a watch area (point + radius_km, or polygon) and checks the stored incidents against it."""
    area_id = add_watch_area(store, area.model_copy(update={"id": None}))
    check_alerts(store)
    return area.model_copy(update={"id": area_id})


@router.delete(
    "/watch-areas/{area_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=[Depends(require_token)],
    responses={**WRITE, **NOT_FOUND},
)
def delete_watch_area(store: StoreDep, area_id: int) -> Response:
    if not remove_watch_area(store, area_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no watch area {area_id}")
    return Response(status_code=status.HTTP_204_NO_CONTENT)


ISO_TIME_PATTERN = r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$"


@router.get("/alerts", response_model=list[Alert])
def get_alerts(
    store: StoreDep,
    since: Annotated[
        str | None,
        Query(
            description="ISO date or time (UTC): only alerts raised after it",
            pattern=ISO_TIME_PATTERN,
            examples=["2024-05-01T12:00:00Z"],
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[Alert]:
    try:
        return list_alerts(store, since=since, limit=limit)
    except ValueError as error:  # matches the pattern but is no real time (month 13)
        refuse("query", "since", f"not an ISO date or time ({error})")


@router.get("/groups/{name}", response_model=GroupProfile, responses=NOT_FOUND)
def get_group(store: StoreDep, name: str) -> GroupProfile:
    profile = group_profile(store, name)
    if profile is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no incident names the group {name}")
    return profile
