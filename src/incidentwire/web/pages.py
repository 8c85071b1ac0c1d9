"""The HTML pages: the dashboard, one incident with its highlighted evidence, one perpetrator group.

Templates are autoescaped; the only markup built in Python is the highlighting and the charts, which
escape every piece of text they place."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader

from ..model import Evidence, Report
from ..store import Store
from ..store.analysts import audit_entries
from .charts import bar_chart, toll_chart
from .highlight import FieldSpan, highlighted, spans_in_text
from .queries import GroupProfile, filter_choices, group_profile

FIELD_LABELS = {
    "date": "date",
    "site": "site",
    "city": "city",
    "admin1": "province",
    "country": "country",
    "perpetrators": "perpetrator",
    "attack_types": "attack type",
    "target_types": "target",
    "weapon_types": "weapon",
    "killed": "killed",
    "wounded": "wounded",
    "hostages": "hostages",
    "killed_perpetrators": "attackers killed",
    "perpetrator_count": "attackers",
    "suicide": "suicide",
    "duration_hours": "duration",
    "responders": "responders",
}


def safe_url(url: str | None) -> str | None:
    """Only http(s) links are rendered: a report's `javascript:` URL stays text."""
    return url if url and urlsplit(url).scheme in ("http", "https") else None


def shown_value(value) -> str:
    """A field's value as a reader wants it: a figure's best (low–high), a place's names, a group's name."""
    if isinstance(value, dict) and "best" in value:
        low, best, high = value.get("low"), value.get("best"), value.get("high")
        return "unknown" if best is None else f"{best}" + (f" ({low}–{high})" if low != high else "")
    if isinstance(value, dict) and "country" in value:
        return ", ".join(value[k] for k in ("city", "admin1", "country") if value.get(k)) or "unknown"
    if isinstance(value, list):
        return "; ".join(shown_value(v) for v in value) or "none"
    if isinstance(value, dict) and "name" in value:
        return value["name"] + (f" ({value['responsibility']})" if value.get("responsibility") else "")
    return "unknown" if value is None else str(value)


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("incidentwire.web", "templates"), autoescape=True)
    env.filters["safe_url"] = safe_url
    env.filters["path"] = lambda value: quote(str(value), safe="")
    env.filters["reading"] = shown_value
    env.globals["field_labels"] = FIELD_LABELS
    return env


templates = Jinja2Templates(env=_environment())
router = APIRouter(include_in_schema=False)


def _store(request: Request) -> Store:
    return request.app.state.store


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request):
    from ..alerts import list_alerts

    store = _store(request)
    return templates.TemplateResponse(
        request,
        "dashboard.html",
        {
            "choices": filter_choices(store),
            "tiles": request.app.state.tiles or "",
            "alerts": list_alerts(store, limit=10),
        },
    )


def report_evidence(report: Report, readings, incident_evidence: dict[str, list[Evidence]]) -> list[FieldSpan]:
    """The spans found in this report: its own reading's evidence and the merged record's, deduplicated."""
    evidence: dict[str, list[Evidence]] = {}
    for reading in readings:
        if reading.report_id == report.id:
            for name, spans in reading.incident.evidence.items():
                evidence.setdefault(name, []).extend(spans)
    for name, spans in incident_evidence.items():
        evidence.setdefault(name, []).extend(s for s in spans if s.report_id == report.id)
    return spans_in_text(report.text, evidence)


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(request: Request, incident_id: str):
    detail = _store(request).incident_detail(incident_id)
    if detail is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no incident {incident_id}")
    shown: list = []
    legend: dict = {}
    for report in detail.reports:
        spans = report_evidence(report, detail.readings, detail.incident.evidence)
        for span in spans:
            legend[span.field] = legend.get(span.field, 0) + 1
        shown.append({"report": report, "html": highlighted(report.text, spans), "marks": len(spans)})
    ordered_legend = [(f, legend[f]) for f in FIELD_LABELS if f in legend] + [
        (f, n) for f, n in legend.items() if f not in FIELD_LABELS
    ]
    return templates.TemplateResponse(
        request,
        "incident.html",
        {
            "incident": detail.incident,
            "reports": shown,
            "legend": ordered_legend,
            "toll_chart": toll_chart(detail.toll_history),
            "readings": detail.readings,
            "history": audit_entries(_store(request), incident_id=incident_id, limit=200),
            **analyst_context(request),
        },
    )


def analyst_context(request: Request) -> dict:
    from .pages_analyst import analyst_context as signed_in  # the analyst's pages import this module

    return signed_in(request)


def months_between(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last[:7]:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def activity_chart(profile: GroupProfile):
    if not profile.activity:
        return bar_chart([], "Incidents per month")
    counts = {a.month: a.incidents for a in profile.activity}
    months = months_between(profile.activity[0].month, profile.activity[-1].month)
    return bar_chart(
        [(m, counts.get(m, 0)) for m in months], "Incidents per month", every_label=max(1, len(months) // 8)
    )


@router.get("/groups/{name}", response_class=HTMLResponse)
def group_page(request: Request, name: str):
    profile = group_profile(_store(request), name)
    if profile is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no incident names the group {name}")
    return templates.TemplateResponse(
        request, "group.html", {"profile": profile, "activity_chart": activity_chart(profile)}
    )
