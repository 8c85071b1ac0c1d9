"""The FastAPI application behind `incidentwire serve`: API, pages, vendored static files, security headers."""

from __future__ import annotations

from importlib import resources

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import DBAPIError

from ..store import Store
from ..store.reconnect import database_went_away
from . import api, api_review, pages, pages_analyst, pages_review
from .limits import DEFAULT_MAX_BODY_BYTES, BodySizeLimit
from .ratelimit import DEFAULT_WRITE_LIMIT, RateLimit, WriteRateLimit

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
# What a client is told to wait while the database is away: a PostgreSQL restart takes a few seconds.
RETRY_AFTER_S = 5


def content_security_policy(tiles: str | None) -> str:
    """Scripts only from our own static files (no inline script); map tiles from the tile server."""
    tile_origin = ""
    if tiles and "://" in tiles:
        scheme, rest = tiles.split("://", 1)
        tile_origin = f" {scheme}://{rest.split('/', 1)[0]}"
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        f"img-src 'self' data:{tile_origin}; connect-src 'self'; object-src 'none'; "
        "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )


def create_app(
    store: Store,
    token: str | None,
    tiles: str | None = OSM_TILES,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    write_limit: RateLimit | None = DEFAULT_WRITE_LIMIT,
) -> FastAPI:
    """The app over `store`. `token` guards writes (None: writes refused); `tiles` is a tile URL template,
    None for the offline base map only; request bodies over `max_body_bytes` get 413; writes past
    `write_limit` per client IP get 429 (None: writes are not rate limited)."""
    app = FastAPI(
        title="incidentwire",
        version="0.1.0",
        description="Incidents extracted from news reports of attacks, with their evidence.",
        docs_url=None,
        redoc_url=None,
    )  # their pages load scripts from a CDN
    app.state.store = store
    app.state.token = token
    app.state.tiles = tiles
    policy = content_security_policy(tiles)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = policy
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        return response

    @app.exception_handler(DBAPIError)
    async def database_unavailable(request: Request, error: DBAPIError):
        """503 + Retry-After while the database is away; the pool reconnects (pre-ping) once it is back."""
        if not (database_went_away(error) or "database is locked" in str(error.orig)):
            raise error
        return JSONResponse(
            {"detail": "the database is unreachable for now; retry shortly"},
            status_code=503,
            headers={"Retry-After": str(RETRY_AFTER_S)},
        )

    app.include_router(api.router)
    app.include_router(api_review.router)
    app.include_router(pages.router)
    app.include_router(pages_review.router)
    app.include_router(pages_analyst.router)
    static = resources.files("incidentwire.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    # Added last = outermost: a client over its write rate is refused before its body is read.
    app.add_middleware(BodySizeLimit, max_bytes=max_body_bytes)
    if write_limit is not None:
        app.add_middleware(WriteRateLimit, limit=write_limit)
    return app
