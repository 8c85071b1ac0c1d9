"""What the API answers besides success, stated once so the OpenAPI document lists every error an
operation can give (a client generated from it must know them), and the one way a handler refuses a value.

Every error body is FastAPI's shape: `{"detail": "..."}`, or for 422 the list of `{loc, msg, type}` that
FastAPI's own validation gives, so a handler's own checks read like the framework's."""

from __future__ import annotations

from typing import Any, NoReturn

from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel


class ErrorDetail(BaseModel):
    detail: str


def _error(description: str, retry_after: bool = False) -> dict[str, Any]:
    response: dict[str, Any] = {"model": ErrorDetail, "description": description}
    if retry_after:
        response["headers"] = {
            "Retry-After": {"description": "seconds to wait before trying again", "schema": {"type": "integer"}}
        }
    return response


# Any operation: the database went away (restarting, connections killed); the server recovers by itself.
ANY_OPERATION: dict[int | str, dict[str, Any]] = {
    503: _error("the database is unreachable for now; retry after Retry-After seconds", retry_after=True),
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: _error("no such item")}
AUTH: dict[int | str, dict[str, Any]] = {
    401: _error("no bearer token (Authorization: Bearer <token>)"),
    403: _error("a wrong or revoked token, or writes disabled on this server"),
}
WRITE: dict[int | str, dict[str, Any]] = {
    **AUTH,
    429: _error("too many writes from this client; retry after Retry-After seconds", retry_after=True),
}

WITH_BODY: dict[int | str, dict[str, Any]] = {
    400: _error("the body cannot be read as JSON"),
    413: _error("the request body is over the server's limit"),
}

CONFLICT: dict[int | str, dict[str, Any]] = {
    409: _error("the incident changed since it was read (changed by NAME at TIME), or the action is refused"),
}


def refuse(where: str, name: str, message: str) -> NoReturn:
    """422 naming the parameter, in FastAPI's validation shape (`where`: query, path or body)."""
    raise RequestValidationError([{"loc": [where, name], "msg": message, "type": "value_error"}])
