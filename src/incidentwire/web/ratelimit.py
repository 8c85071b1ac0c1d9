"""Rate limit on writes: a token bucket per client IP, as an ASGI middleware answering 429 + Retry-After.

Reads (GET, HEAD, OPTIONS) are never limited. The client is the peer address of the connection:
behind a reverse proxy every client shares the proxy's bucket, so limit there instead."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from starlette.types import ASGIApp, Receive, Scope, Send

from .limits import json_error

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
DEFAULT_WRITES_PER_MINUTE = 60.0
DEFAULT_BURST = 10
MAX_TRACKED_CLIENTS = 10_000  # past this, buckets that have refilled are forgotten


@dataclass(frozen=True)
class RateLimit:
    per_minute: float = DEFAULT_WRITES_PER_MINUTE
    burst: int = DEFAULT_BURST

    def __post_init__(self) -> None:
        if self.per_minute <= 0 or self.burst < 1:
            raise ValueError(f"a rate limit needs per_minute > 0 and burst >= 1, not {self.per_minute}, {self.burst}")

    @property
    def per_second(self) -> float:
        return self.per_minute / 60.0


DEFAULT_WRITE_LIMIT = RateLimit()


@dataclass
class Bucket:
    tokens: float
    updated: float


class TokenBuckets:
    """One bucket per key; `take` spends a token or says how many seconds until one is there."""

    def __init__(self, limit: RateLimit, clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.clock = clock
        self.buckets: dict[str, Bucket] = {}

    def take(self, key: str) -> float:
        """0.0 when a token was spent, else the seconds to wait for the next one."""
        now = self.clock()
        bucket = self.buckets.get(key)
        if bucket is None:
            self._forget_full(now)
            bucket = self.buckets[key] = Bucket(float(self.limit.burst), now)
        bucket.tokens = min(self.limit.burst, bucket.tokens + (now - bucket.updated) * self.limit.per_second)
        bucket.updated = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return 0.0
        return (1.0 - bucket.tokens) / self.limit.per_second

    def _forget_full(self, now: float) -> None:
        """Bounds memory under many clients: a bucket that has refilled is the same as no bucket."""
        if len(self.buckets) < MAX_TRACKED_CLIENTS:
            return
        refill = self.limit.burst / self.limit.per_second
        for key in [k for k, b in self.buckets.items() if now - b.updated >= refill]:
            del self.buckets[key]
        if len(self.buckets) >= MAX_TRACKED_CLIENTS:  # all busy: drop the oldest half rather than grow
            for key in sorted(self.buckets, key=lambda k: self.buckets[k].updated)[: MAX_TRACKED_CLIENTS // 2]:
                del self.buckets[key]


class WriteRateLimit:
    """429 with Retry-After (whole seconds) once a client has spent its burst of writes."""

    def __init__(self, app: ASGIApp, limit: RateLimit = DEFAULT_WRITE_LIMIT):
        self.app = app
        self.buckets = TokenBuckets(limit)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in READ_METHODS:
            client = scope.get("client")
            wait = self.buckets.take(client[0] if client else "unknown")
            if wait > 0:
                retry = max(1, math.ceil(wait))
                for message in json_error(429, f"too many writes: retry in {retry} s", {"Retry-After": str(retry)}):
                    await send(message)
                return
        await self.app(scope, receive, send)
