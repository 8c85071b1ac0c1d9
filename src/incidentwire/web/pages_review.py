"""The review queue page: the incidents most in need of a person, filtered like the dashboard."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ..analyst.queue import review_queue
from .api import FiltersDep
from .pages import analyst_context, templates

router = APIRouter(include_in_schema=False)


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request, filters: FiltersDep):
    items = review_queue(request.app.state.store, filters, limit=500)
    return templates.TemplateResponse(
        request, "review.html", {"items": items, "filters": filters, **analyst_context(request)}
    )
