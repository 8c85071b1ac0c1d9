"""Tolls as real news states them: one test per kind of miss seen in published reports.

Every report here is short and written for the test; none is taken from an article.
"""
import datetime

from incidentwire.extract.casualties import count_casualties
from incidentwire.extract.numbers import find_quantities
from incidentwire.extract.spans import Context
from incidentwire.nlp import get_nlp

PUBLISHED = datetime.date(2021, 9, 14)


def casualties(text, published=PUBLISHED):
    return count_casualties(Context(doc=get_nlp()(text), published=published, report_id="t"))


def tolls(text, published=PUBLISHED):
    c = casualties(text, published)
    return (c.killed.value.best, c.wounded.value.best, c.killed_perpetrators.value.best)


# ---------------------------------------------------------------- numbers that belong to something else

def test_a_wars_toll_over_years_is_not_this_attacks_toll():
    text = ("GAROWE, Sept 14: A roadside bomb killed six soldiers near the town on Tuesday. "
            "Officials put the number of people killed in two decades of insurgency at more than 52,000. "
            "The rebellion has left some 90,000 people dead.")
    assert tolls(text)[0] == 6


def test_a_count_over_a_period_is_not_this_attacks_toll():
    text = ("A car bomb killed nine people at a checkpoint on Monday. "
            "Monitors say 1,240 civilians were killed in the first six months of this year.")
    assert tolls(text)[0] == 9


def test_another_attack_told_as_a_day_or_week_before_is_not_this_one():
    text = ("Gunmen attacked a bus station on Monday, killing 14 passengers. "
            "The assault came a week after a bomber killed 61 people at a wedding in the north.")
    assert tolls(text)[0] == 14


def test_another_attack_introduced_as_a_new_event_is_not_this_one():
    text = ("A suicide bomber struck a police academy on Monday, killing 17 recruits. "
            "Hours later a roadside bomb on the airport road killed three people. "
            "The group, which claimed a March raid on a prison in which 31 guards were killed, "
            "has not commented.")
    assert tolls(text)[0] == 17


def test_a_toll_of_several_attacks_together_is_not_this_ones():
    text = ("A bomb killed 40 people at a bus stop on Monday night. A second blast at a market in "
            "another district killed four. Taken together, the two bombings left at least 44 people dead.")
    assert tolls(text)[0] == 40


def test_the_groups_own_boast_is_not_the_toll_but_is_a_conflict():
    text = ("Gunmen stormed a hotel on Monday, killing 12 people, police said. "
            "In a statement, the group said its fighters had killed 80 crusaders.")
    c = casualties(text)
    assert c.killed.value.best == 12
    assert any(conflict.field == "killed" and 80 in conflict.values for conflict in c.conflicts)


# ---------------------------------------------------------------- toll phrasing

def test_a_dateline_city_is_not_a_victim():
    text = "Mogadishu, Sept 14: At least 12 AMISOM personnel were killed when their convoy was ambushed."
    assert tolls(text)[0] == 12


def test_lost_their_lives_counts_the_subject():
    text = "Twenty-three BSF jawans lost their lives when militants ambushed the patrol on Monday."
    assert tolls(text)[0] == 23


def test_known_to_have_died_counts_the_subject():
    text = "Church officials said on Tuesday that 31 worshippers are now known to have died in the raid."
    assert tolls(text)[0] == 31


def test_succumbed_to_injuries_is_a_death():
    text = "Two more policemen succumbed to their injuries in hospital after the grenade attack."
    assert tolls(text)[0] == 2


def test_bodies_recovered_count_the_dead():
    text = "Rescuers recovered 19 bodies from the rubble of the hotel after the bombers struck."
    assert tolls(text)[0] == 19


def test_were_dead_after_a_copula_is_read():
    text = "Seventy people were dead and 120 were wounded after the gunmen opened fire, the governor said."
    assert tolls(text)[:2] == (70, 120)


def test_dozens_counted_in_dozens_are_exact_and_approximate():
    (q,) = find_quantities("nearly three dozen")
    assert (q.best, q.high) == (36, 36)
    text = "At least 15 soldiers were killed and nearly three dozen injured when the convoy was hit."
    assert tolls(text)[:2] == (15, 36)


def test_a_toll_that_stands_at_dead_and_wounded_is_split_by_its_words():
    text = ("Gunmen fired on the parade on Friday. The toll now stands at 33 dead, the attacker among "
            "them, and 71 wounded.")
    assert tolls(text) == (32, 71, 1)


def test_a_later_figure_wins_over_an_earlier_one_and_both_are_conflicts():
    text = ("A car bomb exploded outside the ministry on Monday. The police chief had said in the morning "
            "that about 30 people were killed. By evening officials said 26 people had died.")
    c = casualties(text)
    assert c.killed.value.best == 26
    assert any(conflict.field == "killed" and {26, 30} <= set(conflict.values) for conflict in c.conflicts)
