"""An HTML page → a Report of its main text, via trafilatura, in bounded time and memory.

trafilatura's work grows with the page's size and element count (it gives up above 20 MB), so an
oversized page is cut down first: blocks that never hold article text (scripts, styles, inline SVG,
comments) are dropped; if still too big, title and date are read from the <head> alone and the main
text from a window of MAX_HTML_CHARS starting where the article begins (<article>, articleBody,
<main>) or at the top. A real article fits that window; a 20 MB page ends in seconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import trafilatura

from incidentwire.errors import UnreadableInput
from incidentwire.model import Report
from incidentwire.read.dates import parse_day

MAX_HTML_CHARS = 1_000_000
MAX_HEAD_CHARS = 200_000
# Less than this is navigation debris ("Home"), not a report.
MIN_MAIN_TEXT_WORDS = 4
# Blocks dropped from an oversized page: (opening text, closing text), matched case-insensitively.
_NON_TEXT_BLOCKS = (
    ("<script", "</script>"),
    ("<style", "</style>"),
    ("<svg", "</svg>"),
    ("<noscript", "</noscript>"),
    ("<template", "</template>"),
    ("<!--", "-->"),
)
# Where a page's article begins, most telling first.
_ARTICLE_STARTS = ("<article", 'itemprop="articlebody"', "<main")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class PageText:
    """What trafilatura found on a page."""

    text: str
    title: str | None
    published: str | None  # YYYY-MM-DD


@dataclass(frozen=True)
class PageParts:
    """An oversized page cut down: its <head> (may be empty) and a bounded window of its body."""

    head: str
    body: str


def report_from_html(html: str, origin: str, **meta: str | None) -> Report:
    """A Report whose text is the page's main text; `meta` (id, published, title, url, source) wins
    over the page's own title and date. Raises UnreadableInput when the page has no main text."""
    page = extract_page(html, url=meta.get("url"))
    if page is None:
        raise UnreadableInput.at(origin, "no main text found")
    fields: dict[str, Any] = {key: value for key, value in meta.items() if value is not None}
    fields.setdefault("title", page.title)
    fields.setdefault("published", page.published)
    return Report(text=page.text, **fields)


def extract_page(html: str, url: str | None = None) -> PageText | None:
    """Main text, title and date of a page, or None when it has no main text."""
    if len(html) <= MAX_HTML_CHARS:
        try:
            document = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
        except AssertionError:
            # htmldate (trafilatura's date finder) asserts on some malformed trees, e.g. text inside an
            # unclosed <svg> followed by <p> (found by tests/test_properties.py): the text is still
            # there, so read it without the page's metadata.
            document = trafilatura.bare_extraction(html, url=url, with_metadata=False, include_comments=False)
        return page_text(document, document)
    parts = cut_down(html)
    document = trafilatura.bare_extraction(parts.body, url=url, fast=True, include_comments=False)
    metadata = trafilatura.extract_metadata(parts.head + "</html>", default_url=url) if parts.head else None
    return page_text(document, metadata)


def page_text(document, metadata) -> PageText | None:
    """PageText from trafilatura's Documents (content, metadata); None when the text is mere debris."""
    text = (document.text or "").strip() if document is not None else ""
    if len(_WORD.findall(text)) < MIN_MAIN_TEXT_WORDS:
        return None
    date = getattr(metadata, "date", None)
    day = parse_day(date) if date else None
    return PageText(
        text=text, title=getattr(metadata, "title", None) or None, published=day.isoformat() if day else None
    )


def cut_down(html: str, limit: int = MAX_HTML_CHARS) -> PageParts:
    """An oversized page as its <head> and a window of about `limit` characters around its article."""
    html = without_blocks(html, _NON_TEXT_BLOCKS)
    lowered = html.translate(_ASCII_LOWER)  # unlike str.lower(), keeps every index in place
    head_end = lowered.find("</head>", 0, MAX_HEAD_CHARS)
    head = html[: head_end + len("</head>")] if head_end != -1 else ""
    start = article_start(lowered, len(head))
    window = html[start : start + limit]
    if len(window) == limit:
        window = window[: window.rfind(">") + 1]  # end on a whole tag, not inside one
    return PageParts(head=head, body="<html><body>" + window if start else window)


def article_start(lowered: str, after: int) -> int:
    """Index of the tag that opens the article, or `after` when the page marks none."""
    for marker in _ARTICLE_STARTS:
        found = lowered.find(marker, after)
        if found != -1:
            return found if marker.startswith("<") else lowered.rfind("<", after, found + 1)
    return after


def without_blocks(html: str, blocks: tuple[tuple[str, str], ...]) -> str:
    """`html` with every (open … close) block removed; one linear scan per kind of block."""
    for opening, closing in blocks:
        html = without_block(html, opening, closing)
    return html


def without_block(html: str, opening: str, closing: str) -> str:
    """`html` with each `opening`…`closing` block cut out (an unclosed block runs to the end)."""
    lowered = html.translate(_ASCII_LOWER)
    pieces: list[str] = []
    position = 0
    while (start := lowered.find(opening, position)) != -1:
        pieces.append(html[position:start])
        end = lowered.find(closing, start + len(opening))
        position = len(html) if end == -1 else end + len(closing)
    pieces.append(html[position:])
    return "".join(pieces)
