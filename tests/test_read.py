"""Readers: each kind of source becomes a Report with the right text, date and title."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from conftest import FOUNDING_REPORT, require_shared

from incidentwire.errors import BadReport
from incidentwire.model import Report
from incidentwire.read import (
    BadLine,
    detect_kind,
    iter_reports,
    looks_english,
    normalise_published,
    read_report,
    report_from_dict,
    report_from_html,
)

KARACHI = FOUNDING_REPORT

PARAGRAPHS = [
    "KARACHI: Heavily armed militants stormed the Karachi Police Office on Shahrah-e-Faisal on Friday "
    "evening, triggering a gun battle with security forces that lasted nearly four hours, officials said.",
    "At least four people, including two policemen and a Rangers official, were killed and 18 others were "
    "injured in the attack, according to a spokesperson for the provincial government.",
    "The banned Tehreek-e-Taliban Pakistan claimed responsibility for the assault in a statement sent to "
    "journalists, saying the attackers had been sent to target senior police officers.",
    "Three attackers were killed during the operation, which ended late at night after the building was "
    "cleared floor by floor by commandos of the police and the army.",
]

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Militants storm Karachi police office, four killed | The Daily Ledger</title>
  <meta property="og:title" content="Militants storm Karachi police office, four killed">
  <meta property="article:published_time" content="2023-02-18T01:15:00+05:00">
  <script>window.analytics = {{"page": "article"}};</script>
  <style>body {{ font-family: serif; }}</style>
</head>
<body>
  <header><nav><a href="/">Home</a> <a href="/pakistan">Pakistan</a> <a href="/sport">Sport</a></nav></header>
  <main>
    <article>
      <h1>Militants storm Karachi police office, four killed</h1>
      <p class="byline">By Staff Reporter</p>
      {paragraphs}
    </article>
    <aside><h3>Most read</h3><ul><li><a href="/a">Rupee gains against dollar</a></li></ul></aside>
  </main>
  <footer><p>Copyright 2023 The Daily Ledger. All rights reserved.</p></footer>
</body>
</html>
""".format(paragraphs="\n      ".join(f"<p>{p}</p>" for p in PARAGRAPHS))


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_plain_text_file_becomes_a_report_of_its_whole_text(tmp_path):
    path = write(tmp_path, "report.txt", require_shared(KARACHI).read_text(encoding="utf-8"))
    report = read_report(path, published="2023-02-18")
    assert report.text == KARACHI.read_text(encoding="utf-8")
    assert report.published == "2023-02-18"
    assert report.id.startswith("r-")


def test_same_text_in_two_files_gets_the_same_id(tmp_path):
    first = read_report(write(tmp_path, "a.txt", PARAGRAPHS[0]))
    second = read_report(write(tmp_path, "b.txt", PARAGRAPHS[0] + "\n"))
    assert first.id == second.id


def test_html_page_gives_main_text_title_and_date(tmp_path):
    report = read_report(write(tmp_path, "page.html", NEWS_PAGE))
    assert "stormed the Karachi Police Office" in report.text
    assert "claimed responsibility" in report.text
    assert "Rupee gains" not in report.text and "Copyright" not in report.text
    assert report.title.startswith("Militants storm Karachi police office")
    assert report.published == "2023-02-18"


def test_published_argument_overrides_the_page_date(tmp_path):
    report = read_report(write(tmp_path, "page.htm", NEWS_PAGE), published="2023-02-19")
    assert report.published == "2023-02-19"


def test_html_in_a_legacy_charset_is_decoded_by_its_meta_charset(tmp_path):
    page = NEWS_PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace("Friday", "Friday – café")
    report = read_report(write(tmp_path, "page.html", page.encode("windows-1252")))
    assert "Friday – café" in report.text


def test_json_report_object_keeps_its_fields(tmp_path):
    obj = {
        "id": "dawn-1737",
        "published": "18 February 2023",
        "title": "KPO attack",
        "text": PARAGRAPHS[1],
        "url": "https://example.org/1737",
        "source": "Dawn",
    }
    report = read_report(write(tmp_path, "report.json", json.dumps(obj)))
    assert report == Report(
        id="dawn-1737",
        published="2023-02-18",
        title="KPO attack",
        text=PARAGRAPHS[1],
        url="https://example.org/1737",
        source="Dawn",
    )


def test_json_report_with_html_instead_of_text_extracts_the_main_text(tmp_path):
    obj = {"id": "ledger-9", "html": NEWS_PAGE, "source": "The Daily Ledger"}
    report = read_report(write(tmp_path, "report.json", json.dumps(obj)))
    assert report.id == "ledger-9" and report.source == "The Daily Ledger"
    assert "gun battle with security forces" in report.text
    assert report.published == "2023-02-18"


def test_report_from_dict_given_date_wins_over_the_html_page_date():
    report = report_from_dict({"html": NEWS_PAGE, "published": "2023-02-20"}, "api")
    assert report.published == "2023-02-20"


def test_report_from_dict_accepts_a_full_iso_timestamp():
    report = report_from_dict({"text": PARAGRAPHS[0], "published": "2023-02-17T19:10:00Z"}, "api")
    assert report.published == "2023-02-17"


def test_report_from_dict_rejects_an_invalid_date_naming_the_field():
    with pytest.raises(BadReport, match=r"api: field 'published' is not a date"):
        report_from_dict({"text": PARAGRAPHS[0], "published": "the day after"}, "api")


def test_report_from_dict_without_id_derives_a_stable_one():
    first = report_from_dict({"text": PARAGRAPHS[2]}, "api")
    assert first.id == report_from_dict({"text": PARAGRAPHS[2]}, "api").id != ""


def test_report_from_html_passes_metadata_through():
    report = report_from_html(NEWS_PAGE, "feed item", url="https://example.org/x", title="Given title")
    assert report.url == "https://example.org/x" and report.title == "Given title"


def test_jsonl_batch_reads_every_good_line_and_reports_the_broken_one(tmp_path):
    lines = [
        json.dumps({"id": "a", "text": PARAGRAPHS[0]}),
        json.dumps({"id": "b", "text": PARAGRAPHS[1]}),
        '{"id": "c", "text": "missing comma" "published": "2023-02-18"}',
        "",
        json.dumps({"id": "d", "text": PARAGRAPHS[3], "published": "2023-02-18"}),
        json.dumps({"id": "e", "title": "no text here"}),
    ]
    items = list(iter_reports(write(tmp_path, "batch.jsonl", "\n".join(lines) + "\n")))
    assert [item.id for item in items if isinstance(item, Report)] == ["a", "b", "d"]
    bad = [item for item in items if isinstance(item, BadLine)]
    assert [(b.line_no, b.source) for b in bad] == [(3, "batch.jsonl"), (6, "batch.jsonl")]
    assert str(bad[0]) == "batch.jsonl line 3: invalid JSON (Expecting ',' delimiter)"
    assert "no 'text' field" in bad[1].reason


def test_jsonl_batch_with_bom_and_published_override(tmp_path):
    content = "\ufeff" + json.dumps({"text": PARAGRAPHS[0]}) + "\r\n" + json.dumps({"text": PARAGRAPHS[1]})
    items = list(iter_reports(write(tmp_path, "batch.jsonl", content), published="2023-02-18"))
    assert [item.published for item in items] == ["2023-02-18", "2023-02-18"]


def test_iter_reports_on_a_single_report_file_yields_that_report(tmp_path):
    items = list(iter_reports(write(tmp_path, "one.txt", PARAGRAPHS[0])))
    assert len(items) == 1 and items[0].text == PARAGRAPHS[0]


def test_utf16_file_with_bom_is_read(tmp_path):
    report = read_report(write(tmp_path, "report.txt", PARAGRAPHS[0].encode("utf-16")))
    assert report.text == PARAGRAPHS[0]


def test_utf8_file_with_bom_loses_the_bom(tmp_path):
    report = read_report(write(tmp_path, "report.txt", b"\xef\xbb\xbf" + PARAGRAPHS[0].encode()))
    assert report.text == PARAGRAPHS[0]


def test_detect_kind_by_suffix_and_by_content(tmp_path):
    assert detect_kind(Path("x.HTM")) == "html"
    assert detect_kind(Path("x.jsonl")) == "jsonl"
    assert detect_kind(Path("feed.xml")) == "feed"
    assert detect_kind(write(tmp_path, "saved_page", "<!DOCTYPE html><html><body></body></html>")) == "html"
    assert detect_kind(write(tmp_path, "notes", PARAGRAPHS[0])) == "text"


def test_twenty_megabyte_html_page_is_read_in_bounded_time(tmp_path):
    filler = '<div class="related"><a href="/story">Related story headline</a></div>\n' * 290_000
    page = NEWS_PAGE.replace("<main>", "<main><script>var big = '" + "x" * 5_000_000 + "';</script>" + filler)
    path = write(tmp_path, "huge.html", page)
    assert path.stat().st_size > 20_000_000
    started = time.monotonic()
    report = read_report(path)
    assert time.monotonic() - started < 20
    assert "stormed the Karachi Police Office" in report.text
    assert report.published == "2023-02-18"  # the <head> survives the cut


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-02-18", "2023-02-18"),
        ("2023-02-18T23:59:00+05:00", "2023-02-18"),
        ("Feb 18, 2023", "2023-02-18"),
        ("Sat, 18 Feb 2023 10:00:00 GMT", "2023-02-18"),
        ("", None),
    ],
)
def test_published_dates_are_normalised_to_iso_days(value, expected):
    assert normalise_published(value, "x") == expected


@pytest.mark.parametrize("value", ["2023-02-30", "February 2023", "yesterday", 20230218])
def test_published_dates_that_name_no_day_are_bad_reports(value):
    with pytest.raises(BadReport, match="field 'published'"):
        normalise_published(value, "x")


SPANISH = (
    "Al menos doce personas murieron y más de veinte resultaron heridas el martes cuando un terrorista suicida "
    "hizo estallar una bomba en un mercado de la ciudad de Peshawar, según informaron las autoridades locales. "
    "La policía dijo que el atacante se acercó a un puesto de control antes de detonar los explosivos."
)
FRENCH = (
    "Au moins douze personnes ont été tuées et plus de vingt blessées mardi lorsqu'un kamikaze a fait exploser "
    "une bombe dans un marché de la ville de Peshawar, selon les autorités locales. La police a indiqué que "
    "l'assaillant s'était approché d'un poste de contrôle avant de déclencher les explosifs."
)
URDU = (
    "کراچی پولیس آفس پر جمعہ کی شام دہشت گردوں نے حملہ کیا، جس میں چار افراد ہلاک اور اٹھارہ زخمی ہو گئے۔ "
    "سیکیورٹی فورسز نے کئی گھنٹوں کی کارروائی کے بعد عمارت کو کلیئر کرا لیا۔"
)


def test_english_news_report_looks_english():
    assert looks_english(require_shared(KARACHI).read_text(encoding="utf-8"))
    assert all(looks_english(p) for p in PARAGRAPHS)


@pytest.mark.parametrize("text", [SPANISH, FRENCH, URDU], ids=["spanish", "french", "urdu"])
def test_non_english_reports_do_not_look_english(text):
    assert not looks_english(text)


@pytest.mark.parametrize(
    "text", ["Bomb kills 5 in Quetta", "Karimnagar District Police arrested two CPI-Maoist cadres at Godavarikhani."]
)
def test_short_english_headlines_look_english(text):
    assert looks_english(text)
