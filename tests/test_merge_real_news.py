"""Reports of one attack as real news tells it over several days: the suicide cue, the claim and the kind of
attack arrive late or are read differently, and later leads share few words with the first one."""

from __future__ import annotations

from incidentwire.merge.match import Candidate, same_event
from incidentwire.merge.readings import Reading
from incidentwire.model import Count, Incident

# Distinctive lead words, chosen so that two leads share a known part of them.
FIRST_LEAD = frozenset("riverside depot lorry smoke ambulances rubble windows shattered traders morning".split())
# two of ten words shared (20%): the common wording of two outlets' leads of one attack
SECOND_LEAD = frozenset("riverside depot funerals mourners bomber named detectives vehicle crowd evening".split())
# one of ten words shared (10%): a later day's lead about what is new
FOLLOW_UP_LEAD = frozenset("riverside burials arrests suspects detained interior minister vowed revenge curfew".split())


def _incident(id_: str, **fields) -> Incident:
    base = dict(
        date="2021-03-08",
        date_precision="day",
        country="Iraq",
        admin1="Nineveh",
        city="Mosul",
        latitude=36.34,
        longitude=43.13,
        geo_precision="city",
    )
    return Incident(id=id_, reports=[id_], **{**base, **fields})


def _decide(new: Incident, published: str, terms: frozenset[str], stored: Incident, stored_terms=FIRST_LEAD):
    stored = stored.model_copy(update={"first_reported": "2021-03-08"})
    return same_event(Reading(new, new.id, published, 2, terms), Candidate(stored, stored_terms))


def test_a_blast_later_told_as_a_suicide_bombing_is_the_same_event():
    early = _incident("r1", attack_types=["Bombing/Explosion"], suicide=False, killed=Count.of(12))
    later = _incident("r2", attack_types=["Bombing/Explosion"], suicide=True, killed=Count.of(31))
    decision = _decide(later, "2021-03-08", SECOND_LEAD, early)
    assert decision.same, decision.reasons
    assert "suicide on one side only" in decision.reasons


def test_a_siege_read_as_a_barricade_then_as_a_kidnapping_is_one_kind_of_attack():
    barricade = _incident("r1", attack_types=["Hostage Taking (Barricade Incident)"])
    kidnapping = _incident("r2", attack_types=["Hostage Taking (Kidnapping)"])
    decision = _decide(kidnapping, "2021-03-08", SECOND_LEAD, barricade)
    assert decision.same, decision.reasons
    assert not any("different kinds of attack" in r for r in decision.reasons)


def test_a_later_days_lead_sharing_few_words_does_not_count_against():
    first = _incident("r1", attack_types=["Armed Assault"], perpetrators=[{"name": "Ansar al-Islam"}])
    follow_up = _incident("r2", attack_types=["Armed Assault"], perpetrators=[{"name": "Ansar al-Islam"}])
    decision = _decide(follow_up, "2021-03-10", FOLLOW_UP_LEAD, first)
    assert decision.same, decision.reasons
    assert any("told on different days" in r for r in decision.reasons)


def test_at_one_named_site_a_different_kind_of_attack_weighs_little():
    rammed = _incident("r1", site="Corniche promenade", attack_types=["Armed Assault"])
    read_as_blast = _incident("r2", site="Corniche promenade", attack_types=["Bombing/Explosion"])
    decision = _decide(read_as_blast, "2021-03-08", SECOND_LEAD, rammed)
    assert decision.same, decision.reasons
    assert any("different kinds of attack" in r and "at one site" in r for r in decision.reasons)


def test_a_claim_after_early_blame_is_not_a_different_perpetrator():
    blamed = _incident("r1", attack_types=["Bombing/Explosion"], perpetrators=[{"name": "Ansar al-Islam"}])
    claimed = _incident(
        "r2",
        attack_types=["Bombing/Explosion"],
        perpetrators=[{"name": "Islamic State of Iraq and the Levant (ISIL)", "claimed": True}],
    )
    decision = _decide(claimed, "2021-03-09", SECOND_LEAD, blamed)
    assert not any("different perpetrators" in r for r in decision.reasons), decision.reasons


def test_when_two_reports_place_it_differently_the_earlier_one_from_the_scene_wins():
    from incidentwire.merge.reconcile import reconcile

    scene = _incident("r1", city="Tal Afar", latitude=36.38, longitude=42.45)
    capital = _incident("r2", admin1="Baghdad", city="Baghdad", latitude=33.31, longitude=44.36)
    readings = [
        Reading(capital, "r2", "2021-03-11", 2, frozenset()),
        Reading(scene, "r1", "2021-03-08", 1, frozenset()),
    ]
    assert reconcile("inc", readings).incident.city == "Tal Afar"


# one of ten words shared: a second outlet's lead of the same day, in its own words
OTHER_OUTLET_LEAD = frozenset("riverside gunman fans match abandoned stadium police hunt motorbike flags".split())


def test_the_same_toll_of_many_on_the_same_day_in_one_city_identifies_the_event():
    first = _incident("r1", attack_types=["Armed Assault"], killed=Count.of(9))
    second = _incident("r2", attack_types=["Armed Assault"], killed=Count.of(9))
    decision = _decide(second, "2021-03-08", OTHER_OUTLET_LEAD, first)
    assert decision.same, decision.reasons
    assert any("the same toll on the same day" in r for r in decision.reasons)


def test_a_different_toll_on_the_same_day_needs_more_to_identify_the_event():
    first = _incident("r1", attack_types=["Armed Assault"], killed=Count.of(9))
    second = _incident("r2", attack_types=["Armed Assault"], killed=Count.of(7))
    assert not _decide(second, "2021-03-08", OTHER_OUTLET_LEAD, first).same
