"""Following feeds against a real HTTP server on loopback: RSS and Atom feeds, article pages, and
the pages that misbehave (silent, endless, not HTML, malformed feed, redirect loop)."""

from __future__ import annotations

import time
from http.server import BaseHTTPRequestHandler
from typing import ClassVar

import pytest
from conftest import serving_on_loopback

from incidentwire.follow import BadInterval, article_report, follow_feeds, parse_interval
from incidentwire.read.feeds import FeedItem, parse_feed
from incidentwire.read.fetch import FetchFailed, FetchSettings, TryLater, fetch, open_client, user_agent
from incidentwire.store.repository import open_store

# Short limits so that misbehaving servers cost the tests well under a second or two each.
FAST = FetchSettings(connect_timeout=1.0, read_timeout=0.6, deadline=3.0, max_bytes=200_000)
SILENCE_SECONDS = 3.0


def article(title: str, day: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title} | Wire News</title>'
        f'<meta property="article:published_time" content="{day}T21:40:00+05:00"></head>'
        f'<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f"<article><h1>{title}</h1>{body}</article><footer>© Wire News</footer></body></html>"
    ).encode()


ARTICLES = {
    "/news/karachi-police-office.html": article(
        "Gunmen storm Karachi police headquarters",
        "2023-02-18",
        [
            (
                "KARACHI, Pakistan — Militants armed with automatic rifles and grenades stormed the Karachi Police "
                "Office on Shahrah-e-Faisal on Friday evening, killing four people, including two policemen and a "
                "Rangers soldier, before security forces retook the building after a three-hour siege."
            ),
            (
                "Officials said at least 18 people were wounded. Three attackers were killed; one of them blew "
                "himself up on the fourth floor."
            ),
            "Tehrik-i-Taliban Pakistan claimed responsibility for the attack in a statement to reporters.",
        ],
    ),
    "/news/mogadishu-hotel.html": article(
        "Al-Shabaab fighters besiege Mogadishu hotel",
        "2022-08-20",
        [
            (
                "MOGADISHU, Somalia — Al-Shabaab militants detonated two car bombs outside the Hayat Hotel in "
                "Mogadishu on Friday night and then stormed the building, taking guests hostage."
            ),
            (
                "Somali security forces ended the siege after thirty hours. At least 21 people were killed and "
                "117 others wounded, the health minister said on Sunday."
            ),
            "The al-Qaeda-linked group said its fighters carried out the attack.",
        ],
    ),
    "/news/quetta-bombing.html": article(
        "Suicide bomber targets police truck in Quetta",
        "2022-11-30",
        [
            (
                "QUETTA, Pakistan — A suicide bomber rammed an explosives-laden vehicle into a truck carrying "
                "police officers in Quetta on Wednesday, killing three people, including a policeman and a child."
            ),
            (
                "Twenty-three others were wounded, among them twenty police officers who were on their way to "
                "guard a polio vaccination team in the Baleli area."
            ),
            "The Pakistani Taliban claimed the bombing, a day after ending their ceasefire with the government.",
        ],
    ),
}

RSS_ITEMS = [
    ("Gunmen storm Karachi police headquarters", "/news/karachi-police-office.html", "Fri, 17 Feb 2023 19:30:00 +0000"),
    ("Al-Shabaab fighters besiege Mogadishu hotel", "/news/mogadishu-hotel.html", "Sat, 20 Aug 2022 06:00:00 +0000"),
]


def rss(items: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{t}</title><link>{{base}}{path}</link><guid>{{base}}{path}</guid><pubDate>{day}</pubDate></item>"
        for t, path, day in items
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wire News: World'
        f"</title><link>{{base}}/</link><description>World news</description>{entries}</channel></rss>"
    ).encode()


ATOM = (
    b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
    b"<title>South Asia Desk</title><id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>"
    b"<updated>2022-11-30T12:00:00Z</updated>"
    b"<entry><title>Suicide bomber targets police truck in Quetta</title>"
    b'<link rel="alternate" href="/news/quetta-bombing.html"/>'  # relative: resolved against the feed
    b"<id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id><updated>2022-11-30T08:10:00Z</updated>"
    b"<summary>Three killed in Baleli.</summary></entry>"
    # The same story as the RSS feed's, linked twice: fetched and stored once.
    b'<entry><title>Karachi police office attacked</title><link href="{base}/news/karachi-police-office.html"/>'
    b"<id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6b</id><updated>2023-02-17T20:00:00Z</updated></entry>"
    b"</feed>"
)

FEEDS = {
    "/feeds/world.rss": rss(RSS_ITEMS),
    "/feeds/south-asia.atom": ATOM,
    "/feeds/broken.rss": b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire',
    "/feeds/silent.rss": rss([("Blast reported", "/slow/article.html", "Mon, 01 May 2023 10:00:00 +0000")]),
    "/feeds/endless.rss": rss([("Market blast", "/endless.html", "Tue, 02 May 2023 09:00:00 +0000")]),
    "/feeds/pdf.rss": rss([("Annual threat report", "/files/threat-report.pdf", "Mon, 01 May 2023 10:00:00 +0000")]),
}


class FeedSite(BaseHTTPRequestHandler):
    """A small news site: feeds, articles, and pages that misbehave. Counts every request by path."""

    requests: ClassVar[dict[str, int]] = {}
    user_agents: ClassVar[set[str]] = set()

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:
        FeedSite.requests[self.path] = FeedSite.requests.get(self.path, 0) + 1
        FeedSite.user_agents.add(self.headers.get("User-Agent", ""))
        base = f"http://{self.headers['Host']}".encode()
        if self.path in FEEDS:
            self.answer(200, "application/rss+xml; charset=utf-8", FEEDS[self.path].replace(b"{base}", base))
        elif self.path in ARTICLES:
            self.answer(200, "text/html; charset=utf-8", ARTICLES[self.path])
        elif self.path.startswith("/slow/"):
            time.sleep(SILENCE_SECONDS)  # never answers within the client's read timeout
        elif self.path == "/endless.html":
            self.endless_page()
        elif self.path.endswith(".pdf"):
            self.answer(200, "application/pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n")
        elif self.path.startswith("/loop/"):
            self.send_response(302)
            self.send_header("Location", f"/loop/{int(self.path.rsplit('/', 1)[1]) + 1}")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.answer(404, "text/plain", b"not found")

    def answer(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def endless_page(self) -> None:
        """An HTML page with no length that never ends (until the client hangs up)."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        paragraph = b"<p>Police said the blast in the market killed two people and wounded nine others.</p>" * 100
        try:
            self.wfile.write(b"<html><body><article>")
            for _ in range(100_000):  # ~850 MB: far past any limit, bounded so the thread ends
                self.wfile.write(paragraph)
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture(scope="module")
def site():
    with serving_on_loopback(FeedSite) as base_url:
        yield base_url


def test_first_round_ingests_new_articles_and_second_round_nothing(site, db_url):
    store = open_store(db_url)
    feeds = [f"{site}/feeds/world.rss", f"{site}/feeds/south-asia.atom"]
    first, second = follow_feeds(store, feeds, every=0, rounds=2, settings=FAST)
    assert first.feeds_read == 2 and first.errors == []
    assert first.new_items == 3  # the Karachi story is listed by both feeds, fetched once
    assert first.pages_read == 3 and first.ingest.new == 3
    assert first.ingest.created == 3
    assert second.new_items == 0 and second.ingest.read == 0
    assert store.counts() == {"reports": 3, "incidents": 3}


def test_restarted_follower_does_not_fetch_stored_articles_again(site, tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    feeds = [f"{site}/feeds/world.rss"]
    list(follow_feeds(store, feeds, every=0, rounds=1, settings=FAST))
    fetched_before = FeedSite.requests.get("/news/mogadishu-hotel.html", 0)
    (again,) = follow_feeds(store, feeds, every=0, rounds=1, settings=FAST)
    assert again.items == 2 and again.new_items == 0
    assert FeedSite.requests["/news/mogadishu-hotel.html"] == fetched_before


def test_stored_report_keeps_article_link_title_and_date(site, tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    list(follow_feeds(store, [f"{site}/feeds/south-asia.atom"], every=0, rounds=1, settings=FAST))
    page = store.list_incidents(limit=10)
    reports = [store.report(rid) for incident in page.items for rid in incident.reports]
    quetta = next(r for r in reports if "Quetta" in r.text)
    assert quetta.url == f"{site}/news/quetta-bombing.html"
    assert quetta.published == "2022-11-30"
    assert "Quetta" in quetta.title and quetta.source == "South Asia Desk"


def test_malformed_feed_gives_one_line_error_and_other_feeds_go_on(site, tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    heard: list[str] = []
    feeds = [f"{site}/feeds/broken.rss", f"{site}/feeds/world.rss"]
    (result,) = follow_feeds(store, feeds, every=0, rounds=1, settings=FAST, on_error=heard.append)
    assert len(heard) == 1 and "\n" not in heard[0]
    assert "broken.rss" in heard[0] and "not an RSS or Atom feed" in heard[0]
    assert result.feeds_read == 1 and result.ingest.new == 2


def test_silent_server_is_skipped_with_one_line_error_within_deadline(site, tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    started = time.monotonic()
    (result,) = follow_feeds(store, [f"{site}/feeds/silent.rss"], every=0, rounds=1, settings=FAST)
    assert time.monotonic() - started < SILENCE_SECONDS
    assert len(result.errors) == 1 and "\n" not in result.errors[0]
    assert "/slow/article.html" in result.errors[0] and "no answer within" in result.errors[0]
    assert result.ingest.read == 0


def test_endless_body_is_cut_at_size_limit(site):
    started = time.monotonic()
    with open_client(FAST) as client:
        page = fetch(client, f"{site}/endless.html", FAST)
    assert page.truncated and len(page.content) == FAST.max_bytes
    assert time.monotonic() - started < FAST.deadline
    assert "killed two people" in page.text()


def test_endless_article_is_read_from_its_first_megabytes(site, tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    (result,) = follow_feeds(store, [f"{site}/feeds/endless.rss"], every=0, rounds=1, settings=FAST)
    assert result.errors == [] and result.pages_read == 1
    stored = store.report(next(iter(store.list_incidents(limit=1).items)).reports[0])
    assert len(stored.text.encode()) < FAST.max_bytes


def test_non_html_page_is_skipped_and_not_fetched_again(site, tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    before = FeedSite.requests.get("/files/threat-report.pdf", 0)
    first, second = follow_feeds(store, [f"{site}/feeds/pdf.rss"], every=0, rounds=2, settings=FAST)
    assert len(first.errors) == 1 and "content type application/pdf" in first.errors[0]
    assert second.errors == [] and second.new_items == 0
    assert FeedSite.requests["/files/threat-report.pdf"] == before + 1


def test_silent_page_is_tried_again_next_round(site, tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    first, second = follow_feeds(store, [f"{site}/feeds/silent.rss"], every=0, rounds=2, settings=FAST)
    assert first.new_items == 1 and second.new_items == 1
    assert "will retry" in second.errors[0]


def test_redirect_loop_is_refused(site):
    with open_client(FAST) as client, pytest.raises(FetchFailed, match="more than 5 redirects"):
        fetch(client, f"{site}/loop/0", FAST)


def test_missing_page_is_a_fetch_failure_not_worth_retrying(site):
    with open_client(FAST) as client, pytest.raises(FetchFailed, match="HTTP 404") as caught:
        fetch(client, f"{site}/news/no-such-story.html", FAST)
    assert not isinstance(caught.value, TryLater)


def test_unreachable_host_is_worth_retrying():
    with open_client(FAST) as client, pytest.raises(TryLater):
        fetch(client, "http://127.0.0.1:9/feed.xml", FAST)  # the discard port: nothing listens


def test_requests_carry_a_user_agent_naming_incidentwire_with_a_url(site):
    with open_client(FAST) as client:
        fetch(client, f"{site}/feeds/world.rss", FAST, accept=None)
    assert user_agent() in FeedSite.user_agents
    assert user_agent().startswith("incidentwire/") and "(+https://" in user_agent()


def test_rss_and_atom_items_have_absolute_links_titles_and_days():
    atom = parse_feed(ATOM.replace(b"{base}", b"https://wire.example"), "https://wire.example/feeds/sa.atom")
    assert atom.title == "South Asia Desk"
    assert atom.items[0] == FeedItem(
        link="https://wire.example/news/quetta-bombing.html",
        title="Suicide bomber targets police truck in Quetta",
        published="2022-11-30",
        guid="urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a",
    )
    world = parse_feed(rss(RSS_ITEMS).replace(b"{base}", b"https://wire.example"), "https://wire.example/rss")
    assert [i.published for i in world.items] == ["2023-02-17", "2022-08-20"]


def test_page_without_title_or_date_takes_them_from_the_feed_item():
    html = (
        "<html><body><article><p>Gunmen opened fire on a bus carrying pilgrims near Mastung on Monday, "
        "killing six passengers and wounding eleven, police said.</p></article></body></html>"
    )
    item = FeedItem(
        link="https://wire.example/news/mastung.html",
        title="Six killed in Mastung bus attack",
        published="2023-05-01",
        guid=None,
    )
    report = article_report(html, item, "Wire News")
    assert report.title == "Six killed in Mastung bus attack" and report.published == "2023-05-01"
    assert report.url == item.link and report.source == "Wire News"


@pytest.mark.parametrize(
    "text, seconds",
    [("15m", 900), ("1h", 3600), ("90s", 90), ("1h30m", 5400), ("2d", 172800), ("10", 600), (" 0.5h ", 1800)],
)
def test_parse_interval_reads_durations(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "15 minutes", "0m", "-5m", "m15"])
def test_parse_interval_refuses_what_is_not_a_duration(text):
    with pytest.raises(BadInterval, match="--every"):
        parse_interval(text)
