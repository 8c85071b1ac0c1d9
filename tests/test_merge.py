"""Merging decisions and reconciliation, on incidents as the extractor hands them over."""

from __future__ import annotations

from incidentwire.merge.match import Candidate, best_match, same_event
from incidentwire.merge.readings import Reading, salient_terms
from incidentwire.merge.reconcile import reconcile
from incidentwire.model import Count, Incident, Perpetrator

MOSQUE_1 = (
    "A suicide bomber blew himself up inside a mosque in the Police Lines compound in Peshawar during "
    "afternoon prayers, killing at least 28 people, most of them policemen, officials said."
)
MOSQUE_2 = (
    "The toll from the suicide bombing at the Police Lines mosque in Peshawar rose to 61 on Tuesday as "
    "rescuers pulled more bodies from the rubble of the collapsed prayer hall, police said."
)
MARKET = (
    "A car bomb exploded near a vegetable market in Peshawar's Qissa Khwani bazaar on Monday evening, "
    "wounding nine shoppers, police said. No group claimed the blast."
)


def _incident(id_: str, **fields) -> Incident:
    base = dict(
        date="2023-01-30",
        date_precision="day",
        country="Pakistan",
        admin1="Khyber Pakhtunkhwa",
        city="Peshawar",
        latitude=34.008,
        longitude=71.578,
        geo_precision="city",
    )
    return Incident(id=id_, reports=[id_], **{**base, **fields})


def _reading(incident: Incident, text: str, published: str, sequence: int) -> Reading:
    return Reading(incident, incident.reports[0], published, sequence, salient_terms(text))


def test_two_reports_of_one_bombing_are_the_same_event():
    first = _incident(
        "r1", site="Police Lines mosque", attack_types=["Bombing/Explosion"], suicide=True, killed=Count.of(28)
    )
    second = _incident(
        "r2", site="Police Lines mosque", attack_types=["Bombing/Explosion"], suicide=True, killed=Count.of(61)
    )
    decision = same_event(_reading(second, MOSQUE_2, "2023-01-31", 2), Candidate(first, salient_terms(MOSQUE_1)))
    assert decision.same, decision.reasons
    assert any("same site" in r for r in decision.reasons)


def test_two_attacks_in_one_city_on_one_day_stay_apart():
    mosque = _incident("r1", site="Police Lines mosque", attack_types=["Bombing/Explosion"], suicide=True)
    market = _incident("r3", site="Qissa Khwani bazaar", attack_types=["Bombing/Explosion"], suicide=False)
    decision = same_event(_reading(market, MARKET, "2023-01-30", 3), Candidate(mosque, salient_terms(MOSQUE_1)))
    assert not decision.same, decision.reasons


def test_date_and_place_alone_do_not_make_the_same_event():
    a, b = _incident("a"), _incident("b")
    decision = same_event(Reading(b, "b", "2023-01-30", 2, frozenset()), Candidate(a, frozenset()))
    assert not decision.same


def test_reports_a_week_apart_are_different_events():
    first = _incident("r1", site="Police Lines mosque")
    later = _incident("r2", site="Police Lines mosque", date="2023-02-08")
    decision = same_event(_reading(later, MOSQUE_2, "2023-02-08", 2), Candidate(first, salient_terms(MOSQUE_1)))
    assert not decision.same and "days apart" in decision.reasons[0]


def test_best_match_explains_why_nothing_matched():
    decision = best_match(_reading(_incident("r1"), MOSQUE_1, "2023-01-30", 1), [])
    assert not decision.same and decision.reasons == ["no stored incident matched"]


def test_growing_toll_best_is_latest_with_low_high_history_and_conflict():
    readings = [
        _reading(_incident("r1", killed=Count.of(28)), MOSQUE_1, "2023-01-30", 1),
        _reading(_incident("r3", killed=Count.of(84)), MOSQUE_2, "2023-02-01", 3),
        _reading(_incident("r2", killed=Count.of(61)), MOSQUE_2, "2023-01-31", 2),
    ]
    result = reconcile("inc-1", readings)
    assert (result.incident.killed.best, result.incident.killed.low, result.incident.killed.high) == (84, 28, 84)
    assert [p.value for p in result.toll_history["killed"]] == [28, 61, 84]
    assert result.incident.reports == ["r1", "r2", "r3"]
    [conflict] = [c for c in result.incident.conflicts if c.field == "killed"]
    assert conflict.values == [28, 61, 84]


def test_same_day_disagreement_takes_the_most_cited_figure():
    readings = [
        _reading(_incident(f"r{n}", killed=Count.of(v)), MOSQUE_1, "2023-01-30", n)
        for n, v in enumerate([30, 32, 30], start=1)
    ]
    assert reconcile("inc-1", readings).incident.killed.best == 30


def test_claims_and_denials_are_kept_and_the_disagreement_recorded():
    claimed = _incident(
        "r1", perpetrators=[Perpetrator(name="Jamaat-ul-Ahrar", claimed=True, responsibility="claimed")]
    )
    denied = _incident("r2", perpetrators=[Perpetrator(name="Jamaat-ul-Ahrar", responsibility="denied")])
    result = reconcile(
        "inc-1", [_reading(claimed, MOSQUE_1, "2023-01-30", 1), _reading(denied, MOSQUE_2, "2023-01-31", 2)]
    )
    assert result.incident.perpetrators[0].claimed
    assert any(c.field == "perpetrators" for c in result.incident.conflicts)


def test_a_precise_date_wins_over_an_inferred_one():
    inferred = _incident("r1", date="2023-01-31", date_precision="inferred")
    stated = _incident("r2", date="2023-01-30", date_precision="day")
    result = reconcile(
        "inc-1", [_reading(inferred, MOSQUE_1, "2023-01-31", 1), _reading(stated, MOSQUE_2, "2023-01-31", 2)]
    )
    assert (result.incident.date, result.incident.date_precision) == ("2023-01-30", "day")


def test_a_report_matching_two_stored_incidents_names_both_to_be_joined():
    site = dict(site="Police Lines mosque", attack_types=["Bombing/Explosion"], suicide=True)
    first, second = _incident("r1", **site), _incident("r2", **site)
    reading = _reading(_incident("r3", **site), MOSQUE_2, "2023-01-31", 3)
    decision = best_match(
        reading, [Candidate(first, salient_terms(MOSQUE_1)), Candidate(second, salient_terms(MOSQUE_2))]
    )
    other = "r1" if decision.incident_id == "r2" else "r2"
    assert decision.same and [d.incident_id for d in decision.also_same] == [other]
    assert decision.as_dict()["absorbed"][0]["same"]
