"""WARC files → Reports: HTML pages become reports, everything else is skipped with a reason, never a crash."""

from __future__ import annotations

import gzip
import html
import json
from io import BytesIO
from pathlib import Path

import pytest
from conftest import CLUSTERS, run_cli
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from incidentwire.model import Report
from incidentwire.read.warc import SkippedRecord, iter_warc

ATTACK_CLUSTERS = ("pk-2023-07-30-bajaur-rally-bombing.json", "pk-2023-02-17-karachi-police-office.json")
NON_ATTACK_CLUSTER = "neg-karachi-psl-match.json"


def cluster_report(name: str) -> dict:
    path = CLUSTERS / name
    if not path.exists():
        pytest.skip(f"shared data not found at {CLUSTERS}")
    return json.loads(path.read_text(encoding="utf-8"))["reports"][0]


def page_of(report: dict) -> bytes:
    """A news page as a site serves it: head with title and date, the text in <article> paragraphs."""
    paragraphs = "".join(f"<p>{html.escape(p)}</p>\n" for p in report["text"].split("\n") if p.strip())
    return (
        f"<!doctype html><html><head><title>{html.escape(report['title'])}</title>"
        f'<meta property="article:published_time" content="{report["published"]}T08:00:00Z"></head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{html.escape(report['title'])}</h1>\n"
        f"{paragraphs}</article><footer>Copyright</footer></body></html>"
    ).encode()


def add_response(
    writer: WARCWriter, uri: str, body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK"
) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        uri,
        "response",
        payload=BytesIO(body),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": "2024-01-02T03:04:05Z"},
    )
    writer.write_record(record)


def write_warc(path: Path) -> dict[str, str]:
    """A small crawl: 2 attack pages, 1 page of no attack, and 3 records that hold no readable page
    (a PNG, an HTML-typed binary payload, a 404). Returns {url: cluster report id} of the pages."""
    pages = {
        f"https://news.example/{name.removesuffix('.json')}": cluster_report(name)
        for name in (*ATTACK_CLUSTERS, NON_ATTACK_CLUSTER)
    }
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "incidentwire tests"}))
        for uri, report in pages.items():
            add_response(writer, uri, page_of(report))
        add_response(writer, "https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "image/png")
        add_response(writer, "https://news.example/broken", b"\x00\x01\x02\xff" * 500)
        add_response(
            writer, "https://news.example/gone", b"<html><body>Not found</body></html>", status="404 Not Found"
        )
    return {uri: report["report_id"] for uri, report in pages.items()}


def test_html_pages_become_reports_and_other_records_are_skipped_with_a_reason(tmp_path):
    pages = write_warc(tmp_path / "crawl.warc.gz")
    items = list(iter_warc(tmp_path / "crawl.warc.gz"))
    reports = [item for item in items if isinstance(item, Report)]
    skipped = [str(item) for item in items if isinstance(item, SkippedRecord)]
    assert [r.url for r in reports] == list(pages)
    assert len(skipped) == 3
    assert any("image/png" in line for line in skipped)
    assert any("binary" in line for line in skipped)
    assert any("HTTP status 404" in line for line in skipped)
    bajaur = reports[0]
    assert bajaur.id.startswith("urn:uuid:")
    assert bajaur.source == "news.example"
    assert bajaur.published == "2023-07-30"  # the page's date, not the crawl's
    assert "Bajaur" in bajaur.text and "Copyright" not in bajaur.text


def test_a_page_without_a_date_takes_the_crawl_day(tmp_path):
    path = tmp_path / "undated.warc"
    with path.open("wb") as stream:
        body = (
            b"<html><body><article><p>Gunmen attacked a police station in Quetta, killing three officers.</p>"
            b"</article></body></html>"
        )
        add_response(WARCWriter(stream, gzip=False), "https://news.example/quetta", body)
    [report] = list(iter_warc(path))
    assert report.published == "2024-01-02"


def test_a_truncated_file_yields_its_whole_pages_then_one_skip(tmp_path):
    whole = tmp_path / "whole.warc.gz"
    write_warc(whole)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) * 2 // 3])
    items = list(iter_warc(cut))
    assert isinstance(items[0], Report)
    assert isinstance(items[-1], SkippedRecord)
    assert "truncated" in str(items[-1])


def test_a_file_that_is_not_a_warc_is_one_skip_not_a_crash(tmp_path):
    path = tmp_path / "notes.warc.gz"
    path.write_bytes(gzip.compress(b"just some text, not a WARC record\n" * 10))
    [item] = list(iter_warc(path))
    assert isinstance(item, SkippedRecord)


def test_ingest_reads_a_warc_file(tmp_path):
    write_warc(tmp_path / "crawl.warc.gz")
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    result = run_cli("ingest", str(tmp_path / "crawl.warc.gz"), "--db", db)
    assert result.returncode == 0, result.stderr
    assert "6 reports read: 3 new" in result.stdout
    assert "image/png" in result.stderr
