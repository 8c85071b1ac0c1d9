"""The store on a real SQLite file and a real PostgreSQL server: migrations, writes, filters, pages."""

from __future__ import annotations

from sqlalchemy import inspect

from incidentwire.model import Count, Incident, Perpetrator, Report, content_hash
from incidentwire.store import IncidentFilters, open_store


def _incident(id_: str, **fields) -> Incident:
    return Incident(id=id_, reports=[id_], **fields)


def test_migration_creates_every_table_and_is_idempotent(db_url):
    open_store(db_url).close()
    store = open_store(db_url)
    tables = set(inspect(store.engine).get_table_names())
    assert {
        "reports",
        "incidents",
        "observations",
        "evidence",
        "count_observations",
        "watch_areas",
        "alerts",
        "alembic_version",
    } <= tables
    store.close()


def test_report_is_found_by_its_text_hash(db_url):
    store = open_store(db_url)
    report = Report(id="a", text="Gunmen attacked a checkpoint.", published="2024-05-06")
    with store.transaction() as tx:
        tx.add_report(report, content_hash(report.text), tx.next_sequence())
    assert store.known_hashes([content_hash("Gunmen  attacked a checkpoint. ")]) == {content_hash(report.text)}
    assert store.report("a").text == report.text
    store.close()


def test_report_urls_answers_which_links_are_stored_past_one_query_chunk(db_url):
    store = open_store(db_url)
    with store.transaction() as tx:
        for n in (3, 700):
            report = Report(id=f"u{n}", text=f"Report number {n}.", url=f"https://news.example/{n}")
            tx.add_report(report, content_hash(report.text), tx.next_sequence())
    asked = [f"https://news.example/{n}" for n in range(1200)]
    assert store.report_urls(asked) == {"https://news.example/3", "https://news.example/700"}
    assert store.report_urls([]) == set()
    store.close()


def test_incident_filters_and_pages(db_url):
    store = open_store(db_url)
    with store.transaction() as tx:
        tx.save_incident(
            _incident(
                "i1",
                date="2024-05-01",
                country="Pakistan",
                city="Quetta",
                killed=Count.of(12),
                latitude=30.18,
                longitude=66.99,
                attack_types=["Bombing/Explosion"],
                perpetrators=[Perpetrator(name="Tehrik-i-Taliban Pakistan (TTP)")],
            )
        )
        tx.save_incident(
            _incident(
                "i2",
                date="2024-05-03",
                country="Pakistan",
                city="Karachi",
                killed=Count.of(2),
                latitude=24.86,
                longitude=67.01,
                attack_types=["Armed Assault"],
            )
        )
        tx.save_incident(_incident("i3", date="2024-04-20", country="Nigeria", city="Maiduguri"))

    def ids(filters, **kw) -> list[str]:
        return [i.id for i in store.list_incidents(filters, **kw).items]

    assert ids(IncidentFilters()) == ["i2", "i1", "i3"]
    assert ids(IncidentFilters(country="pakistan", min_killed=5)) == ["i1"]
    assert ids(IncidentFilters(since="2024-05-02")) == ["i2"]
    assert ids(IncidentFilters(perpetrator="taliban")) == ["i1"]
    assert ids(IncidentFilters(attack_type="Armed Assault")) == ["i2"]
    assert ids(IncidentFilters(bbox=(66.0, 29.0, 68.0, 31.0))) == ["i1"]
    assert ids(IncidentFilters(text="maidu")) == ["i3"]
    first = store.list_incidents(IncidentFilters(), limit=2)
    assert first.total == 3 and first.next is not None
    second = store.list_incidents(IncidentFilters(), limit=2, cursor=first.next)
    assert [i.id for i in second.items] == ["i3"] and second.next is None
    assert [i.id for i in store.iter_incidents(IncidentFilters(), page_size=1)] == ["i2", "i1", "i3"]
    assert [i.id for i in store.iter_incidents(IncidentFilters(country="Nigeria"))] == ["i3"]
    store.close()


def test_absorbing_an_incident_moves_its_readings_and_figures(db_url):
    store = open_store(db_url)
    with store.transaction() as tx:
        for n, killed in ((1, 28), (2, 61)):
            report = Report(id=f"r{n}", text=f"report {n}", published=f"2023-01-3{n - 1}")
            tx.add_report(report, content_hash(report.text), tx.next_sequence())
            incident = _incident(f"i{n}", killed=Count.of(killed))
            tx.save_incident(incident)
            tx.add_observation(f"i{n}", incident, f"r{n}", 0, report.published, n, frozenset({"mosque"}), {})
        tx.absorb_incident("i1", "i2")
    assert store.incident("i2") is None
    detail = store.incident_detail("i1")
    assert [r.report_id for r in detail.readings] == ["r1", "r2"]
    assert [p["value"] for p in detail.toll_history["killed"]] == [28, 61]
    store.close()
