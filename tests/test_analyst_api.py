"""The analyst's API over real HTTP (uvicorn on loopback; a real SQLite file, then a real PostgreSQL server):
named analysts' tokens,
the admin token recorded as `admin`, corrections, verdicts, detach and merge, audit and undo, 409 on a
stale version, the review queue."""

from __future__ import annotations

import httpx
import pytest
from analyst_records import kpo_record, peshawar_record

from incidentwire.analyst.auth import add_analyst, revoke_analyst
from incidentwire.ingest import ingest_records
from incidentwire.store import open_store
from incidentwire.web import create_app
from incidentwire.web.server import background_server

ADMIN = "admin-token-4c1e"
XSS = "<script>alert(1)</script>"


@pytest.fixture
def served(db_url):
    store = open_store(db_url)
    ingest_records(store, [kpo_record("r1", 4, "2023-02-17"), kpo_record("r2", 5), peshawar_record("p1", 59)])
    alice, bob = add_analyst(store, "alice"), add_analyst(store, "bob")
    with (
        background_server(create_app(store, ADMIN, tiles=None, write_limit=None)) as base_url,
        httpx.Client(base_url=base_url, timeout=60) as client,
    ):
        yield client, store, {"alice": alice, "bob": bob}
    store.close()


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def kpo_id(client) -> str:
    return next(i["id"] for i in client.get("/api/incidents").json()["items"] if i["city"] == "Karachi")


def test_writes_need_an_analyst_and_the_admin_token_is_admin(served):
    client, store, tokens = served
    incident = kpo_id(client)
    body = {"field": "killed", "value": {"best": 12, "low": 12, "high": 12}, "note": "x"}
    assert client.post(f"/api/incidents/{incident}/corrections", json=body).status_code == 401
    assert (
        client.post(
            f"/api/incidents/{incident}/corrections", json=body, headers=bearer(tokens["alice"] + "x")
        ).status_code
        == 403
    )
    assert client.post(f"/api/incidents/{incident}/corrections", json=body, headers=bearer(ADMIN)).status_code == 200
    revoke_analyst(store, "bob")
    assert (
        client.post(f"/api/incidents/{incident}/corrections", json=body, headers=bearer(tokens["bob"])).status_code
        == 403
    )
    audit = client.get("/api/audit", headers=bearer(tokens["alice"])).json()["items"]
    assert [(e["analyst"], e["action"], e["field"]) for e in audit] == [("admin", "correct", "killed")]
    assert client.get("/api/audit").status_code == 401


def test_correct_toll_and_perpetrator_then_a_stale_save_is_refused(served):
    client, _store, tokens = served
    incident = kpo_id(client)
    read = client.get(f"/api/incidents/{incident}").json()
    assert {"status", "version", "reviewed", "reviewed_by", "field_sources"} <= set(read)
    answer = client.post(
        f"/api/incidents/{incident}/corrections",
        headers=bearer(tokens["alice"]),
        json={"field": "killed", "value": {"best": 12, "low": 12, "high": 12}, "note": XSS, "version": read["version"]},
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["killed"]["best"] == 12 and answer.json()["field_sources"]["killed"] == "analyst"
    stale = client.post(
        f"/api/incidents/{incident}/corrections",
        headers=bearer(tokens["bob"]),
        json={
            "field": "perpetrators",
            "value": [{"name": "Lashkar-e-Jhangvi", "responsibility": "blamed"}],
            "version": read["version"],
        },
    )
    assert stale.status_code == 409 and "changed by alice at" in stale.json()["detail"]
    fresh = client.post(
        f"/api/incidents/{incident}/corrections",
        headers=bearer(tokens["bob"]),
        json={"field": "perpetrators", "value": [{"name": "Lashkar-e-Jhangvi", "responsibility": "blamed"}]},
    )
    assert fresh.status_code == 200
    now = client.get(f"/api/incidents/{incident}").json()
    assert now["killed"]["best"] == 12 and now["perpetrators"][0]["name"] == "Lashkar-e-Jhangvi"
    history = client.get(f"/api/incidents/{incident}/history").json()["items"]
    assert [(e["analyst"], e["field"]) for e in history] == [("bob", "perpetrators"), ("alice", "killed")]
    assert history[1]["note"] == XSS and history[1]["before"]["best"] == 5
    bad = client.post(
        f"/api/incidents/{incident}/corrections",
        headers=bearer(tokens["bob"]),
        json={"field": "killed", "value": {"best": -3}},
    )
    assert bad.status_code == 422


def test_not_an_attack_is_hidden_everywhere_but_the_audit_and_undo_brings_it_back(served):
    client, _store, tokens = served
    incident = kpo_id(client)
    answer = client.post(
        f"/api/incidents/{incident}/status",
        headers=bearer(tokens["alice"]),
        json={"status": "not_attack", "note": "a drill"},
    )
    assert answer.status_code == 200 and answer.json()["status"] == "not_attack"
    assert incident not in [i["id"] for i in client.get("/api/incidents").json()["items"]]
    assert incident not in client.get("/api/export/geojson").text
    assert incident not in client.get("/api/incidents.csv").text
    assert client.get(f"/api/incidents/{incident}").json()["status"] == "not_attack"
    entry = client.get("/api/audit", headers=bearer(tokens["bob"])).json()["items"][0]
    assert (entry["action"], entry["after"], entry["incident"]) == ("status", "not_attack", incident)
    undone = client.post(f"/api/audit/{entry['id']}/undo", headers=bearer(tokens["bob"]))
    assert undone.status_code == 200 and undone.json()["status"] == "active"
    assert incident in [i["id"] for i in client.get("/api/incidents").json()["items"]]
    again = client.post(f"/api/audit/{entry['id']}/undo", headers=bearer(tokens["bob"]))
    assert again.status_code == 409


def test_detach_then_merge_then_undo_the_merge(served):
    client, _store, tokens = served
    incident = kpo_id(client)
    detached = client.post(f"/api/incidents/{incident}/detach", headers=bearer(tokens["alice"]), json={"report": "r2"})
    assert detached.status_code == 200, detached.text
    new = detached.json()
    assert new["reports"] == ["r2"] and new["id"] != incident
    assert client.get(f"/api/incidents/{incident}").json()["reports"] == ["r1"]
    assert (
        client.post(
            f"/api/incidents/{incident}/detach", headers=bearer(tokens["alice"]), json={"report": "r1"}
        ).status_code
        == 409
    )  # its only report
    merged = client.post("/api/incidents/merge", headers=bearer(tokens["bob"]), json={"ids": [incident, new["id"]]})
    assert merged.status_code == 200 and sorted(merged.json()["reports"]) == ["r1", "r2"]
    assert client.get(f"/api/incidents/{new['id']}").status_code == 404
    entry = client.get("/api/audit", headers=bearer(tokens["bob"])).json()["items"][0]
    assert entry["action"] == "merge"
    undone = client.post(f"/api/audit/{entry['id']}/undo", headers=bearer(tokens["bob"]))
    assert undone.status_code == 200 and undone.json()["reports"] == ["r1"]
    assert client.get(f"/api/incidents/{new['id']}").json()["reports"] == ["r2"]


def test_review_queue_and_marking_reviewed(served):
    client, _store, tokens = served
    queue = client.get("/api/review").json()["items"]
    peshawar = next(item for item in queue if item["place"].startswith("Peshawar"))
    assert any("single report" in why for why in peshawar["reasons"])
    marked = client.post(f"/api/incidents/{peshawar['id']}/reviewed", headers=bearer(tokens["alice"]))
    assert marked.status_code == 200 and marked.json()["reviewed"] is True
    assert marked.json()["reviewed_by"] == "alice"
    assert peshawar["id"] not in [i["id"] for i in client.get("/api/review").json()["items"]]


def test_incident_page_shows_the_analysts_hand_escaped_and_review_page_lists_the_queue(served):
    client, _store, tokens = served
    incident = kpo_id(client)
    client.post(
        f"/api/incidents/{incident}/corrections",
        headers=bearer(tokens["alice"]),
        json={"field": "killed", "value": {"best": 12}, "note": XSS},
    )
    client.post(f"/api/incidents/{incident}/status", headers=bearer(tokens["alice"]), json={"status": "not_attack"})
    page = client.get(f"/incidents/{incident}").text
    assert XSS not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "not an attack" in page and "set by an analyst: killed" in page and "<h2>History</h2>" in page
    review = client.get("/review", params={"country": "Pakistan"})
    assert review.status_code == 200 and "single report" in review.text and 'href="/incidents/inc-p1"' in review.text
    assert incident not in review.text  # hidden
