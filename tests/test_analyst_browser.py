"""The analyst's hand in a real headless Chromium (Playwright) over uvicorn on loopback: sign in, correct the
toll and the perpetrator, detach a report, merge it back, undo the merge, mark a false incident; the
dashboard and the incident page show each change; the analyst's `<script>` note is shown as text.
Screenshots go where the dashboard's browser tests put theirs."""

from __future__ import annotations

import pytest
from analyst_records import kpo_record, peshawar_record
from test_dashboard_browser import browser, page, shots, table_ids, wait_ready  # noqa: F401 - fixtures

from incidentwire.analyst.auth import add_analyst
from incidentwire.ingest import ingest_records
from incidentwire.store import open_store
from incidentwire.web import create_app
from incidentwire.web.server import background_server

XSS = "<script>window.pwned = 1</script>"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('analyst-browser') / 'store.sqlite'}")
    ingest_records(store, [kpo_record("r1", 4, "2023-02-17"), kpo_record("r2", 5), peshawar_record("p1", 59)])
    token = add_analyst(store, "alice")
    with background_server(create_app(store, token=None, tiles=None, write_limit=None)) as url:
        yield url, token
    store.close()


def submit(tab, form: str, **fields) -> None:
    for name, value in fields.items():
        locator = tab.locator(f"{form} [name={name}]")
        if locator.evaluate("e => e.tagName") == "SELECT":
            locator.select_option(value)
        else:
            locator.fill(value)
    with tab.expect_navigation():
        tab.click(f"{form} button[type=submit]")


def test_an_analyst_signs_in_corrects_splits_merges_undoes_and_marks_a_false_incident(
    page,  # noqa: F811 - pytest fixtures, imported above from the dashboard's browser tests
    site,  # noqa: F811
    shots,  # noqa: F811
):
    url, token = site
    page.goto(url + "/signin")
    submit(page, "form.signin", token=token)
    assert page.url.endswith("/review") and "alice" in page.inner_text("header")
    page.screenshot(path=str(shots / "analyst-01-review-queue.png"), full_page=True)

    page.goto(url + "/incidents/inc-r1")
    submit(page, "form.correct-killed", best="12", note=XSS)
    submit(page, "form.correct-perpetrator", name="Lashkar-e-Jhangvi", responsibility="suspected")
    assert page.inner_text(".tolls dd.big").startswith("12")
    assert "Lashkar-e-Jhangvi" in page.inner_text(".facts")
    assert XSS in page.inner_text("section.history")  # shown as text ...
    assert page.evaluate("() => window.pwned") is None  # ... never run
    page.screenshot(path=str(shots / "analyst-02-corrected.png"), full_page=True)

    with page.expect_navigation():
        page.click("#report-r2 form.detach button")
    detached = page.url.rsplit("/", 1)[1]
    assert detached != "inc-r1" and "r2" in page.inner_text("section.reports")
    page.goto(url + "/incidents/inc-r1")
    submit(page, "form.merge", other=detached)
    assert page.locator("article.report").count() == 2
    with page.expect_navigation():
        page.click("section.history form.undo button >> nth=0")  # the newest entry: the merge
    assert page.locator("article.report").count() == 1
    page.screenshot(path=str(shots / "analyst-03-merge-undone.png"), full_page=True)

    page.goto(url + "/incidents/inc-p1")
    submit(page, "form.set-status", note="a training exercise")
    assert "not an attack" in page.inner_text("main")
    page.goto(url + "/")
    wait_ready(page)
    ids = table_ids(page)
    assert "inc-p1" not in ids and "inc-r1" in ids and detached in ids
    page.screenshot(path=str(shots / "analyst-04-dashboard.png"), full_page=True)
    assert not page.problems
