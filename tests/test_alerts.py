"""Watch areas and alerts: matching, alerts on ingest and on updates, and webhook delivery over real HTTP."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from pydantic import ValidationError

from incidentwire.alerts import (
    WatchArea,
    add_watch_area,
    alert_reason,
    check_alerts,
    deliver_webhooks,
    haversine_km,
    list_alerts,
    list_watch_areas,
    remove_watch_area,
)
from incidentwire.ingest import ingest_reports
from incidentwire.model import Count, Incident, Perpetrator, Report
from incidentwire.store import open_store

FIXTURES = Path(__file__).parent / "fixtures"
QUETTA = (30.18414, 67.00141)
KARACHI_POLICE_OFFICE = (24.8530, 67.0440)  # lat, lon
KARACHI_HOTELS = (24.8450, 67.0300)  # the hotels beside it, where touring cricket teams stayed


def _reports(name: str) -> dict[str, Report]:
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    reports = [Report.model_validate(json.loads(line)) for line in lines if line.strip()]
    return {r.id: r for r in reports}


QUETTA_DAY = _reports("quetta-day.jsonl")
LAKKI = _reports("lakki-marwat-2022-12-18.jsonl")


def _kpo_attack(**fields) -> Incident:
    values = {
        "id": "kpo",
        "date": "2023-02-17",
        "country": "Pakistan",
        "admin1": "Sindh",
        "city": "Karachi",
        "latitude": KARACHI_POLICE_OFFICE[0],
        "longitude": KARACHI_POLICE_OFFICE[1],
        "geo_precision": "site",
        "site": "Karachi Police Office",
        "killed": Count.of(4),
        "attack_types": ["Armed Assault"],
        "target_types": ["Police"],
        "perpetrators": [Perpetrator(name="Tehrik-i-Taliban Pakistan (TTP)")],
    }
    return Incident(**{**values, **fields})


def _hotels(**fields) -> WatchArea:
    return WatchArea(**{"name": "Karachi hotels", "point": KARACHI_HOTELS, "radius_km": 3, **fields})


# --- matching ----------------------------------------------------------------------------------------


def test_reason_says_where_and_why():
    reason = alert_reason(_hotels(min_killed=1), _kpo_attack())
    distance = haversine_km(*KARACHI_HOTELS, *KARACHI_POLICE_OFFICE)
    assert reason == f"inside Karachi hotels ({distance:.1f} km from centre), killed 4 ≥ 1"


def test_haversine_matches_a_known_distance():
    assert haversine_km(0, 0, 1, 0) == pytest.approx(111.195, abs=0.01)  # a degree of a meridian
    assert haversine_km(60, 10, 60, 11) == pytest.approx(55.6, abs=0.1)  # half as much at 60° north
    assert haversine_km(51.5074, -0.1278, 48.8566, 2.3522) == pytest.approx(343.5, abs=1)  # London–Paris


def test_radius_includes_a_near_incident_and_excludes_a_far_one():
    assert alert_reason(_hotels(), _kpo_attack()) is not None
    assert alert_reason(_hotels(radius_km=1), _kpo_attack()) is None
    assert alert_reason(_hotels(), _kpo_attack(latitude=QUETTA[0], longitude=QUETTA[1])) is None


def test_polygon_in_geojson_order_contains_its_incidents_only():
    lon, lat = KARACHI_POLICE_OFFICE[1], KARACHI_POLICE_OFFICE[0]
    square = [
        [lon - 0.01, lat - 0.01],
        [lon + 0.01, lat - 0.01],
        [lon + 0.01, lat + 0.01],
        [lon - 0.01, lat + 0.01],
        [lon - 0.01, lat - 0.01],
    ]  # a closed ring, as GeoJSON writes it
    area = WatchArea(name="Saddar", polygon=square)
    assert alert_reason(area, _kpo_attack()) == "inside Saddar"
    swapped = WatchArea(name="lat-lon swapped", polygon=[[y, x] for x, y in square])
    assert alert_reason(swapped, _kpo_attack()) is None


def test_a_concave_polygon_excludes_its_notch():
    # an L: the square 0..2 × 0..2 without its upper-right quarter
    ell = WatchArea(name="L", polygon=[[0, 0], [2, 0], [2, 1], [1, 1], [1, 2], [0, 2]])
    assert alert_reason(ell, _kpo_attack(longitude=0.5, latitude=1.5)) is not None
    assert alert_reason(ell, _kpo_attack(longitude=1.5, latitude=1.5)) is None
    assert alert_reason(ell, _kpo_attack(longitude=1.5, latitude=0.5)) is not None


def test_an_incident_placed_only_to_its_country_or_without_coordinates_never_alerts():
    country_wide = WatchArea(name="Pakistan centre", point=(30.0, 70.0), radius_km=50)
    assert alert_reason(country_wide, _kpo_attack(latitude=30.0, longitude=70.0, geo_precision="country")) is None
    assert alert_reason(_hotels(), _kpo_attack(latitude=None, longitude=None)) is None
    reason = alert_reason(_hotels(), _kpo_attack(geo_precision="city"))
    assert reason.endswith("km from centre, city-level location)")


def test_filters_must_all_hold_and_name_what_matched():
    attack = _kpo_attack()
    assert alert_reason(_hotels(groups=["taliban"]), attack).endswith("group Tehrik-i-Taliban Pakistan (TTP)")
    assert alert_reason(_hotels(groups=["Lashkar"]), attack) is None
    assert alert_reason(_hotels(attack_types=["armed assault", "Bombing/Explosion"]), attack).endswith(
        "attack type Armed Assault"
    )
    assert alert_reason(_hotels(attack_types=["Bombing/Explosion"]), attack) is None
    assert alert_reason(_hotels(target_types=["Police"], min_killed=4), attack) is not None
    assert alert_reason(_hotels(target_types=["Police"], min_killed=5), attack) is None
    assert alert_reason(_hotels(min_killed=0), _kpo_attack(killed=Count())) is None  # unknown toll


@pytest.mark.parametrize(
    "fields",
    [
        {"point": KARACHI_HOTELS},  # no radius
        {"radius_km": 3},  # no point
        {"point": KARACHI_HOTELS, "radius_km": 3, "polygon": [[0, 0], [1, 0], [0, 1]]},  # both shapes
        {"polygon": [[0, 0], [1, 0], [0, 0]]},  # two distinct vertices
        {"polygon": [[0, 0], [1, 0], [0, 95]]},  # latitude out of range
        {"point": KARACHI_HOTELS, "radius_km": 3, "webhook": "ftp://example.org/hook"},
    ],
)
def test_a_malformed_watch_area_is_refused(fields):
    with pytest.raises(ValidationError):
        WatchArea(name="bad", **fields)


# --- stored areas and alerts on ingest -----------------------------------------------------------------


def test_watch_areas_are_stored_listed_and_removed(db_url):
    store = open_store(db_url)
    circle = _hotels(groups=["taliban"], webhook="https://example.org/hook")
    polygon = WatchArea(name="L", polygon=[[0, 0], [2, 0], [2, 1], [1, 1], [1, 2], [0, 2]], min_killed=3)
    ids = [add_watch_area(store, circle), add_watch_area(store, polygon)]
    assert list_watch_areas(store) == [
        circle.model_copy(update={"id": ids[0]}),
        polygon.model_copy(update={"id": ids[1]}),
    ]
    assert remove_watch_area(store, ids[0]) is True
    assert remove_watch_area(store, ids[0]) is False
    assert [a.name for a in list_watch_areas(store)] == ["L"]
    store.close()


def test_ingest_alerts_for_an_incident_inside_the_area_and_not_one_outside(db_url):
    store = open_store(db_url)
    area_id = add_watch_area(store, WatchArea(name="Quetta", point=QUETTA, radius_km=25))
    summary = ingest_reports(store, [QUETTA_DAY["quetta-market-r1"], LAKKI["lakki-r1"]])
    assert len(summary.touched) == 2
    [alert] = check_alerts(store, summary.touched)
    market = next(i for i in store.list_incidents().items if "quetta-market-r1" in i.reports)
    assert (alert.watch_area_id, alert.watch_area, alert.incident_id) == (area_id, "Quetta", market.id)
    assert alert.reason.startswith("inside Quetta (") and alert.delivered_at is None
    assert check_alerts(store, summary.touched) == []  # no duplicate on re-check
    assert check_alerts(store) == []  # nor when checking everything
    assert [a.id for a in list_alerts(store)] == [alert.id]
    assert list_alerts(store, since="2999-01-01T00:00:00") == []
    assert remove_watch_area(store, area_id) and list_alerts(store) == []  # its alerts go with it
    store.close()


def test_a_rising_toll_alerts_when_it_crosses_the_minimum_and_only_once(db_url):
    store = open_store(db_url)
    add_watch_area(store, WatchArea(name="Quetta", point=QUETTA, radius_km=25, min_killed=15))
    first = ingest_reports(store, [QUETTA_DAY["quetta-mosque-r1"]])  # 12 killed
    assert check_alerts(store, first.touched) == []
    update = ingest_reports(store, [QUETTA_DAY["quetta-mosque-r2"]])  # the toll rises to 19
    assert update.updated == 1
    [alert] = check_alerts(store, update.touched)
    assert alert.reason.endswith("killed 19 ≥ 15")
    assert check_alerts(store, update.touched) == []
    store.close()


def test_a_place_corrected_into_the_area_alerts_then(db_url):
    store = open_store(db_url)
    add_watch_area(store, WatchArea(name="Quetta", point=QUETTA, radius_km=25))
    vague = Report(
        id="checkpost-r1",
        published="2024-03-11",
        text=(
            "Gunmen stormed a police checkpost on Sunday night, killing four policemen, officials said. The "
            "Tehrik-i-Taliban Pakistan claimed responsibility for the attack on the checkpost in Balochistan province."
        ),
    )
    precise = Report(
        id="checkpost-r2",
        published="2024-03-12",
        text=(
            "QUETTA - Four policemen were killed when Tehrik-i-Taliban Pakistan militants stormed a police checkpost "
            "in Quetta on Sunday night, officials said. The TTP claimed responsibility for the checkpost attack."
        ),
    )
    first = ingest_reports(store, [vague])
    assert check_alerts(store, first.touched) == []
    later = ingest_reports(store, [precise])
    assert later.touched == first.touched  # the same incident, now placed in Quetta
    [alert] = check_alerts(store, later.touched)
    assert alert.incident_id in first.touched and alert.reason.startswith("inside Quetta")
    store.close()


# --- webhooks over real HTTP on loopback --------------------------------------------------------------


class _Hook(BaseHTTPRequestHandler):
    """Answers with the statuses queued on the server (then 200), recording each JSON body."""

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.bodies.append(body)
        if self.server.hang.is_set():
            self.server.release.wait(10)  # never answers in time
            return
        status = self.server.statuses.pop(0) if self.server.statuses else 200
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def hook_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hook)
    server.daemon_threads = True
    server.bodies, server.statuses = [], []
    server.hang, server.release = threading.Event(), threading.Event()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.release.set()
    server.shutdown()
    server.server_close()


def _store_with_an_alert(db_url: str, webhook: str):
    store = open_store(db_url)
    add_watch_area(store, _hotels(webhook=webhook))
    with store.transaction() as tx:
        tx.save_incident(_kpo_attack())
    [alert] = check_alerts(store, ["kpo"])
    return store, alert


def test_webhook_retries_a_failing_server_until_it_accepts(db_url, hook_server):
    hook_server.statuses[:] = [503, 500]
    store, alert = _store_with_an_alert(db_url, f"http://127.0.0.1:{hook_server.server_port}/hook")
    delivery = deliver_webhooks(store, timeout=2, retries=3, backoff_s=0.01)
    assert delivery.delivered == [alert.id] and delivery.failed == {}
    assert len(hook_server.bodies) == 3
    body = hook_server.bodies[-1]
    assert body["alert"]["reason"] == alert.reason and body["incident"]["site"] == "Karachi Police Office"
    assert body["watch_area"]["name"] == "Karachi hotels"
    [stored] = list_alerts(store)
    assert stored.delivered_at is not None
    assert deliver_webhooks(store, timeout=2).delivered == [] and len(hook_server.bodies) == 3  # sent once
    store.close()


def test_webhook_gives_up_on_a_client_error_without_retrying(db_url, hook_server):
    hook_server.statuses[:] = [404]
    store, alert = _store_with_an_alert(db_url, f"http://127.0.0.1:{hook_server.server_port}/hook")
    delivery = deliver_webhooks(store, timeout=2, retries=3, backoff_s=0.01)
    assert delivery.failed == {alert.id: "HTTP 404"} and len(hook_server.bodies) == 1
    store.close()


def test_a_webhook_that_never_answers_times_out_and_the_alert_stays_pending(db_url, hook_server):
    hook_server.hang.set()
    store, alert = _store_with_an_alert(db_url, f"http://127.0.0.1:{hook_server.server_port}/hook")
    delivery = deliver_webhooks(store, timeout=0.3, retries=1, backoff_s=0.01)
    assert delivery.delivered == [] and "Timeout" in delivery.failed[alert.id]
    assert len(hook_server.bodies) == 2  # the first try and one retry
    assert list_alerts(store)[0].delivered_at is None
    store.close()
