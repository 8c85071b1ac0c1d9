"""Following feeds: poll RSS/Atom feeds, read each new article page, and ingest it, round after round.

    parse_interval("15m") -> 900.0
    follow_feeds(store, feed_urls, every=900.0, rounds=None, ...) -> Iterator[RoundSummary]

An item is new when no stored report has its link as `url`, so a restarted follower does not fetch
again what it stored before. Within one run, links that failed for good (not HTML, no main text) or
whose text was already stored under another link are remembered too; links that may work later
(timeouts, 5xx) are tried again next round. A bad feed or page costs one line and the round goes on.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from incidentwire.errors import IncidentwireError
from incidentwire.ingest import IngestSummary, ingest_reports
from incidentwire.model import Report
from incidentwire.read import report_from_html
from incidentwire.read.feeds import Feed, FeedItem, parse_feed, unseen_items
from incidentwire.read.fetch import FetchSettings, TryLater, fetch, open_client
from incidentwire.store.repository import Store

DEFAULT_EVERY_SECONDS = 15 * 60
_SECONDS_PER_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_INTERVAL = re.compile(r"(?:\d+(?:\.\d+)?\s*[smhd]\s*)+|\d+(?:\.\d+)?")
_INTERVAL_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd])")


class BadInterval(IncidentwireError, ValueError):
    """An --every value that is not a positive duration like 90s, 15m, 1h or 1h30m."""


def parse_interval(text: str) -> float:
    """Seconds in "90s", "15m", "1h", "1h30m" or "2d"; a bare number is minutes. Raises BadInterval."""
    cleaned = text.strip().lower()
    if not _INTERVAL.fullmatch(cleaned):
        raise BadInterval(f"--every {text!r}: not a duration like 90s, 15m, 1h or 1h30m")
    parts = _INTERVAL_PART.findall(cleaned)
    seconds = sum(float(n) * _SECONDS_PER_UNIT[unit] for n, unit in parts) if parts else float(cleaned) * 60
    if seconds <= 0:
        raise BadInterval(f"--every {text!r}: must be longer than zero")
    return seconds


@dataclass
class RoundSummary:
    """What one pass over the feeds did."""

    number: int
    feeds_read: int = 0
    items: int = 0
    new_items: int = 0
    pages_read: int = 0
    ingest: IngestSummary = field(default_factory=IngestSummary)
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        i = self.ingest
        return (
            f"round {self.number}: {self.feeds_read} feeds read, {self.new_items} new items of {self.items}, "
            f"{self.pages_read} pages read, {len(self.errors)} skipped; "
            f"incidents: {i.created} created, {i.updated} updated"
        )


def follow_feeds(
    store: Store,
    feed_urls: list[str],
    every: float = DEFAULT_EVERY_SECONDS,
    rounds: int | None = None,
    settings: FetchSettings | None = None,
    on_error: Callable[[str], None] | None = None,
    min_relevance: float | None = None,
) -> Iterator[RoundSummary]:
    """Polls the feeds every `every` seconds, `rounds` times (None: until interrupted), yielding each
    round's summary as it ends. `on_error` hears each one-line error as it happens."""
    settings = settings or FetchSettings()
    follower = FeedFollower(store, settings, on_error, min_relevance)
    with open_client(settings) as client:
        number = 0
        while rounds is None or number < rounds:
            number += 1
            yield follower.run_round(client, feed_urls, number)
            if rounds is None or number < rounds:
                time.sleep(every)


class FeedFollower:
    """The state of a run: the store, the limits, and the links this run is done with."""

    def __init__(
        self,
        store: Store,
        settings: FetchSettings,
        on_error: Callable[[str], None] | None = None,
        min_relevance: float | None = None,
    ):
        self.store = store
        self.min_relevance = min_relevance
        self.settings = settings
        self.on_error = on_error
        self.done_links: set[str] = set()  # stored as a duplicate text, or failed for good

    def run_round(self, client: httpx.Client, feed_urls: Iterable[str], number: int) -> RoundSummary:
        """One pass: every feed read, its new items fetched and ingested, feed by feed."""
        summary = RoundSummary(number)
        for feed_url in feed_urls:
            feed = self.read_feed(client, feed_url, summary)
            if feed is None:
                continue
            summary.feeds_read += 1
            summary.items += len(feed.items)
            fresh = unseen_items(feed.items, self.done_links | self.store.report_urls([i.link for i in feed.items]))
            summary.new_items += len(fresh)
            reports = [r for item in fresh if (r := self.read_article(client, item, feed, feed_url, summary))]
            summary.pages_read += len(reports)
            add_ingest(summary.ingest, ingest_reports(self.store, reports, min_relevance=self.min_relevance))
            # A report whose text was stored under another link keeps that link: remember this one here.
            self.done_links.update(report.url for report in reports if report.url)
        return summary

    def read_feed(self, client: httpx.Client, feed_url: str, summary: RoundSummary) -> Feed | None:
        try:
            return parse_feed(fetch(client, feed_url, self.settings, accept=None).content, feed_url)
        except IncidentwireError as error:
            self.note(summary, f"feed {error}")
            return None

    def read_article(
        self, client: httpx.Client, item: FeedItem, feed: Feed, feed_url: str, summary: RoundSummary
    ) -> Report | None:
        try:
            page = fetch(client, item.link, self.settings)
            return article_report(page.text(), item, feed.title or urlsplit(feed_url).hostname)
        except TryLater as error:
            self.note(summary, f"item {error} (will retry)")
        except IncidentwireError as error:
            self.done_links.add(item.link)
            self.note(summary, f"item {error}")
        return None

    def note(self, summary: RoundSummary, message: str) -> None:
        summary.errors.append(message)
        if self.on_error:
            self.on_error(message)


def article_report(html: str, item: FeedItem, source: str | None) -> Report:
    """The page's report, titled and dated by the page where it says, else by the feed item."""
    report = report_from_html(html, item.link, url=item.link, source=source)
    fallback = {
        name: value
        for name, value in (("title", item.title), ("published", item.published))
        if value and getattr(report, name) is None
    }
    return report.model_copy(update=fallback) if fallback else report


def add_ingest(total: IngestSummary, part: IngestSummary) -> None:
    """Adds one ingest's counts to a round's."""
    for name in ("read", "new", "duplicates", "failed", "created", "updated"):
        setattr(total, name, getattr(total, name) + getattr(part, name))
    total.touched |= part.touched
    total.errors += part.errors
