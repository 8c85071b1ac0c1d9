"""URL → bytes, politely and in bounded time and memory (httpx).

Decisions:
- Timeouts: connect 5 s, each read 15 s, and a total deadline checked between chunks, so a server
  that trickles bytes forever is dropped too (a fetch ends within deadline + one read timeout).
- Size: the body is streamed and cut at `max_bytes` (5 MB); the cut page is kept and marked
  `truncated`, since the article text is near the top of a page.
- Identity: a User-Agent naming incidentwire with its version and a URL, as crawling etiquette asks.
- Redirects: followed, at most 5; only http and https URLs are fetched.
- Content type: a page must be HTML (or say nothing of its type); a PDF or an image is refused.
Every failure is a FetchFailed (an UnreadableInput) whose one-line message names the URL; those worth
retrying later (timeouts, unreachable hosts, 5xx, 429) are its subclass TryLater.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

import httpx

from incidentwire.errors import UnreadableInput
from incidentwire.read.decode import decode_text

PROJECT_URL = "https://github.com/incidentwire/incidentwire"
HTML_TYPES = ("text/html", "application/xhtml+xml")
# Statuses that say "not now" rather than "never".
_RETRY_LATER_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


class FetchFailed(UnreadableInput):
    """A URL that could not be fetched: an HTTP error, the wrong content type, too many redirects."""


class TryLater(FetchFailed):
    """A fetch that may work later: unreachable, too slow, or a server error (5xx, 429)."""


def user_agent() -> str:
    try:
        release = version("incidentwire")
    except PackageNotFoundError:
        release = "dev"
    return f"incidentwire/{release} (+{PROJECT_URL})"


@dataclass(frozen=True)
class FetchSettings:
    """Limits of one fetch; the defaults suit news sites, tests shrink them."""

    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    deadline: float = 30.0  # seconds for the whole fetch, headers and body
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = ""  # empty: user_agent()


@dataclass(frozen=True)
class Fetched:
    """A fetched body: `url` is where it ended up after redirects."""

    url: str
    content: bytes
    content_type: str  # media type only, lower case; "" when the server named none
    charset: str | None
    truncated: bool

    def text(self) -> str:
        """The body as text: the charset the server declared, else as a file of HTML would be decoded."""
        if self.charset:
            try:
                return self.content.decode(self.charset, errors="replace")
            except (LookupError, ValueError):
                # An unknown charset, or a codec that is no text encoding or refuses "replace" (idna,
                # punycode: found by tests/test_properties.py): sniff like a file instead.
                pass
        return decode_text(self.content, self.url, html=True)


@contextmanager
def open_client(settings: FetchSettings = FetchSettings()) -> Iterator[httpx.Client]:
    """One HTTP client (connection pool) for many fetches with the same settings."""
    timeout = httpx.Timeout(
        connect=settings.connect_timeout,
        read=settings.read_timeout,
        write=settings.read_timeout,
        pool=settings.connect_timeout,
    )
    headers = {
        "User-Agent": settings.user_agent or user_agent(),
        "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
        "application/xml;q=0.9,*/*;q=0.5",
    }
    with httpx.Client(
        timeout=timeout, headers=headers, follow_redirects=True, max_redirects=settings.max_redirects
    ) as client:
        yield client


def fetch(
    client: httpx.Client,
    url: str,
    settings: FetchSettings = FetchSettings(),
    accept: tuple[str, ...] | None = HTML_TYPES,
) -> Fetched:
    """The body at `url`, cut at settings.max_bytes; `accept` lists the allowed media types (None: any).

    Raises FetchFailed with a one-line reason."""
    if not url.lower().startswith(("http://", "https://")):
        raise FetchFailed.at(url, "not an http(s) URL")
    started = time.monotonic()
    try:
        with client.stream("GET", url) as response:
            check_response(response, url, accept)
            content, truncated = read_limited(response, url, settings, started)
            media_type, charset = split_content_type(response.headers.get("content-type", ""))
            return Fetched(str(response.url), content, media_type, charset, truncated)
    except httpx.ConnectTimeout as error:
        raise TryLater.at(url, f"no connection within {settings.connect_timeout:g} s") from error
    except httpx.TimeoutException as error:
        raise TryLater.at(url, f"no answer within {settings.read_timeout:g} s") from error
    except httpx.TooManyRedirects as error:
        raise FetchFailed.at(url, f"more than {settings.max_redirects} redirects") from error
    except httpx.TransportError as error:
        raise TryLater.at(url, f"{type(error).__name__}: {error}") from error
    except httpx.HTTPError as error:
        raise FetchFailed.at(url, f"{type(error).__name__}: {error}") from error


def check_response(response: httpx.Response, url: str, accept: tuple[str, ...] | None) -> None:
    """Refuses HTTP errors and bodies of a type the caller cannot read, before reading the body."""
    if response.status_code >= 400:
        failure = TryLater if response.status_code in _RETRY_LATER_STATUSES else FetchFailed
        raise failure.at(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
    media_type, _ = split_content_type(response.headers.get("content-type", ""))
    if accept is not None and media_type and media_type not in accept:
        raise FetchFailed.at(url, f"content type {media_type}, not {' or '.join(accept[:2])}")


def read_limited(response: httpx.Response, url: str, settings: FetchSettings, started: float) -> tuple[bytes, bool]:
    """(body, truncated): the decoded body streamed up to max_bytes, within the deadline."""
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        if time.monotonic() - started > settings.deadline:
            raise TryLater.at(url, f"no complete answer within {settings.deadline:g} s")
        room = settings.max_bytes - size
        if len(chunk) > room:
            chunks.append(chunk[:room])
            return b"".join(chunks), True
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks), False


def split_content_type(header: str) -> tuple[str, str | None]:
    """("text/html", "utf-8") from 'text/html; charset=UTF-8'; ("", None) for an empty header."""
    media_type, _, parameters = header.partition(";")
    charset = None
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return media_type.strip().lower(), charset
