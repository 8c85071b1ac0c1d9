"""Dashboard sign-in and the incident page's forms over real HTTP (uvicorn on loopback, a real SQLite file):
a token exchanged for an HttpOnly, SameSite=Strict session cookie; every form needs the session's CSRF
token; signed out, or from another site, nothing changes."""

from __future__ import annotations

import re

import httpx
import pytest
from analyst_records import kpo_record, peshawar_record

from incidentwire.analyst.auth import add_analyst, revoke_analyst
from incidentwire.ingest import ingest_records
from incidentwire.store import open_store
from incidentwire.web import create_app
from incidentwire.web.server import background_server

XSS = "<script>alert(1)</script>"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@pytest.fixture
def site(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'signin.sqlite'}")
    ingest_records(store, [kpo_record("r1", 4, "2023-02-17"), kpo_record("r2", 5), peshawar_record("p1", 59)])
    token = add_analyst(store, "alice")
    with (
        background_server(create_app(store, None, tiles=None, write_limit=None)) as base_url,
        httpx.Client(base_url=base_url, timeout=60) as browser,
    ):
        yield browser, store, token
    store.close()


def sign_in(browser: httpx.Client, token: str) -> httpx.Response:
    form = browser.get("/signin")
    return browser.post("/signin", data={"token": token, "csrf": CSRF.search(form.text).group(1), "next": "/review"})


def edit(browser: httpx.Client, incident: str, **fields) -> httpx.Response:
    page = browser.get(f"/incidents/{incident}").text
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    return browser.post(
        f"/incidents/{incident}/edit", data={"csrf": CSRF.search(page).group(1), "version": version, **fields}
    )


def test_sign_in_sets_an_httponly_samesite_cookie_and_a_bad_token_is_refused(site):
    browser, store, token = site
    assert sign_in(browser, token + "x").status_code == 403
    signed = sign_in(browser, token)
    assert signed.status_code == 303 and signed.headers["location"] == "/review"
    cookie = next(v for k, v in signed.headers.multi_items() if k == "set-cookie" and v.startswith("iw_session="))
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    assert token not in cookie
    assert "Sign out" in browser.get("/review").text
    revoke_analyst(store, "alice")
    assert "Sign out" not in browser.get("/review").text  # revoked: signed out at once


def test_the_forms_correct_mark_detach_merge_and_undo(site):
    browser, _store, token = site
    sign_in(browser, token)
    changed = edit(browser, "inc-r1", action="correct", field="killed", best="12", note=XSS)
    assert changed.status_code == 303
    assert (
        edit(
            browser,
            "inc-r1",
            action="correct",
            field="perpetrators",
            name="Lashkar-e-Jhangvi",
            responsibility="suspected",
        ).status_code
        == 303
    )
    page = browser.get("/incidents/inc-r1").text
    assert XSS not in page and "&lt;script&gt;" in page and "Lashkar-e-Jhangvi" in page
    assert (
        edit(
            browser, "inc-r1", action="correct", field="place", country="Pakistan", admin1="", city="Hyderabad"
        ).status_code
        == 303
    )
    assert (
        edit(
            browser,
            "inc-r1",
            action="correct",
            field="attack_types",
            value="Armed Assault, Hostage Taking (Barricade Incident)",
        ).status_code
        == 303
    )
    assert edit(browser, "inc-r1", action="correct", field="suicide", value="true").status_code == 303
    assert edit(browser, "inc-r1", action="correct", field="date", value="17 Feb").status_code == 422
    incident = browser.get("/api/incidents/inc-r1").json()
    assert incident["killed"]["best"] == 12 and incident["field_sources"]["perpetrators"] == "analyst"
    assert (incident["city"], incident["admin1"], incident["suicide"]) == ("Hyderabad", "Sindh", True)
    assert incident["attack_types"] == ["Armed Assault", "Hostage Taking (Barricade Incident)"]
    assert edit(browser, "inc-p1", action="status", status="not_attack").status_code == 303
    assert "inc-p1" not in [i["id"] for i in browser.get("/api/incidents").json()["items"]]
    detached = edit(browser, "inc-r1", action="detach", report="r2")
    assert detached.status_code == 303
    new_id = detached.headers["location"].rsplit("/", 1)[1]
    assert browser.get(f"/api/incidents/{new_id}").json()["reports"] == ["r2"]
    merged = edit(browser, "inc-r1", action="merge", other=new_id)
    assert merged.status_code == 303 and sorted(browser.get("/api/incidents/inc-r1").json()["reports"]) == ["r1", "r2"]
    entry = re.search(r'name="entry" value="(\d+)"', browser.get("/incidents/inc-r1").text).group(1)
    page = browser.get("/incidents/inc-r1").text
    undone = browser.post(
        "/incidents/inc-r1/edit", data={"csrf": CSRF.search(page).group(1), "action": "undo", "entry": entry}
    )
    assert undone.status_code == 303
    assert browser.get("/api/incidents/inc-r1").json()["reports"] == ["r1"]  # the merge, undone


def test_a_stale_form_is_refused_with_who_changed_it(site):
    browser, _store, token = site
    sign_in(browser, token)
    page = browser.get("/incidents/inc-r1").text
    csrf, version = CSRF.search(page).group(1), re.search(r'name="version" value="(\d+)"', page).group(1)
    first = {"csrf": csrf, "version": version, "action": "correct", "field": "killed", "best": "12"}
    assert browser.post("/incidents/inc-r1/edit", data=first).status_code == 303
    stale = browser.post("/incidents/inc-r1/edit", data={**first, "best": "14"})
    assert stale.status_code == 409 and "changed by alice at" in stale.text
    assert browser.get("/api/incidents/inc-r1").json()["killed"]["best"] == 12


def test_signed_out_or_cross_site_no_form_changes_anything(site):
    browser, _store, token = site
    before = browser.get("/api/incidents/inc-r1").json()
    assert "/edit" not in browser.get("/incidents/inc-r1").text  # no forms signed out
    assert browser.post("/incidents/inc-r1/edit", data={"action": "status", "status": "not_attack"}).status_code == 403
    sign_in(browser, token)
    page = browser.get("/incidents/inc-r1").text
    csrf = CSRF.search(page).group(1)
    forged = {"action": "status", "status": "not_attack"}
    assert browser.post("/incidents/inc-r1/edit", data=forged).status_code == 403  # no CSRF token
    assert browser.post("/incidents/inc-r1/edit", data={**forged, "csrf": "x" * 40}).status_code == 403
    assert (
        browser.post(
            "/incidents/inc-r1/edit", data={**forged, "csrf": csrf}, headers={"Origin": "http://evil.example"}
        ).status_code
        == 403
    )
    signout = browser.post("/signout", data={"csrf": csrf})
    assert signout.status_code == 303
    assert browser.post("/incidents/inc-r1/edit", data={**forged, "csrf": csrf}).status_code == 403
    after = browser.get("/api/incidents/inc-r1").json()
    assert (after["status"], after["version"]) == (before["status"], before["version"])
