"""RSS/Atom bytes → the items they list (feedparser), each with a link to an article page.

feedparser reads RSS 0.9x–2.0, RDF and Atom, and forgives much; a document it cannot read as a feed
(no items, and no feed version or broken XML) is refused with one line. Items without a usable http(s) link
are dropped: there is no page to read. Relative links are resolved against the feed's URL.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin

import feedparser

from incidentwire.errors import UnreadableInput


@dataclass(frozen=True)
class FeedItem:
    """One item of a feed: where its article is, and what the feed says of it."""

    link: str
    title: str | None
    published: str | None  # YYYY-MM-DD
    guid: str | None


@dataclass(frozen=True)
class Feed:
    title: str | None
    items: list[FeedItem]


def parse_feed(content: bytes, url: str) -> Feed:
    """The items of an RSS/Atom document fetched from `url`; UnreadableInput when it is not a feed."""
    parsed = feedparser.parse(content, response_headers={"content-location": url})
    if not parsed.entries and (not parsed.get("version") or parsed.get("bozo")):
        reason = parsed.get("bozo_exception")
        detail = f" ({type(reason).__name__}: {reason})" if reason else ""
        raise UnreadableInput.at(url, f"not an RSS or Atom feed{detail}")
    items = [item for entry in parsed.entries if (item := feed_item(entry, url)) is not None]
    return Feed(title=parsed.feed.get("title") or None, items=items)


def feed_item(entry: dict, feed_url: str) -> FeedItem | None:
    """A FeedItem from a feedparser entry, or None when it links to no web page."""
    link = entry.get("link") or alternate_link(entry)
    if not link:
        return None
    link = urldefrag(urljoin(feed_url, link.strip())).url
    if not link.lower().startswith(("http://", "https://")):
        return None
    return FeedItem(
        link=link,
        title=(entry.get("title") or "").strip() or None,
        published=entry_day(entry),
        guid=entry.get("id") or None,
    )


def alternate_link(entry: dict) -> str | None:
    """An Atom entry's rel="alternate" (or first) link when feedparser set no `link`."""
    links = entry.get("links") or []
    for link in links:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link["href"]
    return links[0].get("href") if links else None


def entry_day(entry: dict) -> str | None:
    """The item's publication (else update) day, YYYY-MM-DD, from feedparser's UTC time tuple."""
    moment = entry.get("published_parsed") or entry.get("updated_parsed")
    if not moment:
        return None
    try:
        return datetime.date(moment.tm_year, moment.tm_mon, moment.tm_mday).isoformat()
    except ValueError:
        return None


def unseen_items(items: Iterable[FeedItem], seen_links: set[str]) -> list[FeedItem]:
    """Items whose link is not in `seen_links`, each link once, in feed order."""
    fresh: list[FeedItem] = []
    links = set(seen_links)
    for item in items:
        if item.link not in links:
            links.add(item.link)
            fresh.append(item)
    return fresh
