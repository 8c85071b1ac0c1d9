"""Request body size limit: an ASGI middleware that answers 413 before a large body is buffered.

A declared Content-Length over the limit is refused before a byte of the body is read. A body without
one (chunked) or one that lies is counted as it streams in: once past the limit the client gets 413 and
the application is told the client left, so nothing downstream keeps more than the limit in memory."""

from __future__ import annotations

import json
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024


def json_error(status: int, detail: str, headers: dict[str, str] | None = None) -> tuple[Message, Message]:
    """The start and body messages of a one-line JSON error `{"detail": ...}` (FastAPI's error shape)."""
    body = json.dumps({"detail": detail}).encode() + b"\n"
    raw = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"connection", b"close"),
    ]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    return (
        {"type": "http.response.start", "status": status, "headers": raw},
        {"type": "http.response.body", "body": body},
    )


def declared_length(scope: Scope) -> int | None:
    """The request's Content-Length, None when absent; -1 when it is not a number (refused as too large)."""
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            return int(value) if value.strip().isdigit() else -1
    return None


@dataclass
class _Exchange:
    """One request's state: bytes seen so far and whether a response has started (ours or the app's)."""

    received: int = 0
    responded: bool = False
    refused: bool = False


class BodySizeLimit:
    """Refuses request bodies over `max_bytes` with 413 and a JSON one-line error."""

    def __init__(self, app: ASGIApp, max_bytes: int = DEFAULT_MAX_BODY_BYTES):
        if max_bytes < 0:
            raise ValueError(f"max_bytes must be 0 or more, not {max_bytes}")
        self.app = app
        self.max_bytes = max_bytes

    def too_large(self) -> tuple[Message, Message]:
        return json_error(413, f"request body over the limit of {self.max_bytes} bytes")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = declared_length(scope)
        if length is not None and (length < 0 or length > self.max_bytes):
            for message in self.too_large():
                await send(message)
            return
        exchange = _Exchange()

        async def counting_receive() -> Message:
            if exchange.refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                exchange.received += len(message.get("body", b""))
                if exchange.received > self.max_bytes:
                    await refuse()
                    return {"type": "http.disconnect"}  # the app stops reading: the client is gone to it
            return message

        async def refuse() -> None:
            exchange.refused = True
            if not exchange.responded:
                exchange.responded = True
                for message in self.too_large():
                    await send(message)

        async def guarded_send(message: Message) -> None:
            if exchange.refused:
                return  # our 413 went out; whatever the app answers to the 'disconnect' is dropped
            if message["type"] == "http.response.start":
                exchange.responded = True
            await send(message)

        await self.app(scope, counting_receive, guarded_send)
