"""The dashboard in a real headless Chromium (Debian's, driven by Playwright) over uvicorn on loopback.

Screenshots go to $INCIDENTWIRE_SCREENSHOTS, else a pytest tmp folder (printed with -s)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from incidentwire.ingest import ingest_reports
from incidentwire.read import iter_reports
from incidentwire.store import open_store
from incidentwire.web import create_app
from incidentwire.web.server import background_server

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "reports.jsonl"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    for candidate in (
        os.environ.get("INCIDENTWIRE_CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="module")
def browser():
    sync_api = (
        pytest.importorskip("playwright.sync_api")
        if not os.environ.get("CI")
        else __import__("playwright.sync_api", fromlist=["sync_playwright"])
    )
    executable = chromium_path()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("chromium not found: run scripts/ensure-chromium")
        pytest.skip("chromium not found (run scripts/ensure-chromium as root to install Debian's chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('browser') / 'corpus.sqlite'}")
    ingest_reports(store, iter_reports(CORPUS))
    # The real OpenStreetMap tile URL: where the network is closed the page must fall back by itself.
    with background_server(create_app(store, token=None)) as url:
        yield url
    store.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("INCIDENTWIRE_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots: {folder}")
    return folder


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    # Script errors and CSP violations: the page must have none. (Predicates below are functions, not
    # strings: Playwright evaluates strings with eval, which the page's CSP rightly forbids.)
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.on(
        "console",
        lambda m: page.problems.append(m.text) if m.type == "error" and "Content Security Policy" in m.text else None,
    )
    yield page
    context.close()


def wait_ready(page) -> None:
    page.wait_for_function("() => document.body.dataset.state === 'ready'", timeout=15000)


def table_ids(page) -> list[str]:
    return page.eval_on_selector_all("#incidents tbody tr", "rows => rows.map(r => r.dataset.id)")


def test_dashboard_shows_markers_timeline_and_table(page, base_url, shots):
    page.goto(base_url + "/")
    wait_ready(page)
    rows = table_ids(page)
    assert len(rows) >= 9
    assert page.inner_text("#total") == str(len(rows))
    assert int(page.get_attribute("#map", "data-markers")) >= 9
    # clustered or single, something is drawn on the map for the incidents
    page.wait_for_selector(".cluster, path.leaflet-interactive", timeout=10000)
    assert page.locator("#timeline rect.tl-bar").count() >= 5
    page.wait_for_function("() => document.querySelectorAll('.leaflet-base-pane path').length > 50")
    page.wait_for_timeout(1500)  # let tiles load or fail, and the fallback settle
    page.screenshot(path=str(shots / "01-dashboard.png"), full_page=True)
    assert not page.problems


def test_country_filter_updates_table_map_and_url(page, base_url, shots):
    page.goto(base_url + "/")
    wait_ready(page)
    everything = table_ids(page)
    page.select_option("select[name=country]", "Pakistan")
    page.wait_for_function("n => document.querySelectorAll('#incidents tbody tr').length < n", arg=len(everything))
    wait_ready(page)
    places = page.eval_on_selector_all("#incidents tbody tr td:nth-child(2)", "cells => cells.map(c => c.textContent)")
    assert places and all(p.endswith("Pakistan") for p in places)
    assert page.get_attribute("#map", "data-markers") == str(len(places))
    assert "country=Pakistan" in page.url
    assert "country=Pakistan" in page.get_attribute("#dl-csv", "href")
    page.wait_for_timeout(800)
    page.screenshot(path=str(shots / "02-filtered-pakistan.png"), full_page=True)

    page.fill("input[name=min_killed]", "1000")
    page.wait_for_selector("#empty:not([hidden])", timeout=10000)
    assert table_ids(page) == []
    assert not page.problems


def test_incident_page_shows_highlighted_evidence(page, base_url, shots):
    page.goto(base_url + "/?country=Pakistan")
    wait_ready(page)
    page.click("#incidents tbody tr:first-child td:first-child a")
    page.wait_for_selector("article.report mark[data-field]")
    assert page.locator("article.report").count() >= 2
    killed_marks = page.locator("article.report mark[data-field=killed]")
    assert killed_marks.count() >= 1 and any(ch.isdigit() for ch in killed_marks.first.inner_text())
    assert page.locator(".legend mark[data-field=killed]").count() == 1
    assert page.locator("svg.chart polyline.s-killed").count() == 1
    page.screenshot(path=str(shots / "03-incident.png"), full_page=False)
    page.locator("section.toll-history").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "04-incident-reports.png"), full_page=True)
    page.click(".facts a[href^='/groups/']")
    page.wait_for_selector("svg.chart")
    page.screenshot(path=str(shots / "05-group.png"), full_page=True)
    assert not page.problems
