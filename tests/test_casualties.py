"""Casualty figures read from the parse: victims, attackers, wounded, hostages, attackers, duration."""

import datetime
import json

import pytest
from conftest import CLUSTERS, FOUNDING_REPORT, require_shared

from incidentwire.extract.casualties import count_casualties
from incidentwire.extract.spans import Context
from incidentwire.nlp import get_nlp

FOUNDING = FOUNDING_REPORT


def casualties(text, published=None):
    return count_casualties(Context(doc=get_nlp()(text), published=published, report_id="t"))


def bests(c):
    return (c.killed.value.best, c.killed_perpetrators.value.best, c.wounded.value.best, c.hostages.value.best)


def test_killed_and_wounded_from_one_clause_with_an_including_subset():
    c = casualties("The attack left four people dead, including two policemen, and 19 others injured.")
    assert (c.killed.value.best, c.wounded.value.best) == (4, 19)


def test_words_and_digits_are_both_read():
    c = casualties("Eleven civilians were injured when the bomb exploded, and twenty-one people were killed.")
    assert (c.killed.value.best, c.wounded.value.best) == (21, 11)


def test_at_least_gives_the_stated_number():
    c = casualties("A suicide attacker set off explosives at a rally, killing at least 61 people.")
    assert c.killed.value.best == 61 and c.killed.value.low == 61


def test_more_than_gives_the_stated_number():
    c = casualties("More than 150 people were injured in the blast.")
    assert c.wounded.value.best == 150


def test_active_voice_killed_and_wounded_others():
    c = casualties("Gunmen killed two soldiers and wounded three others near the checkpoint.")
    assert (c.killed.value.best, c.wounded.value.best) == (2, 3)


def test_vague_amounts_state_no_number():
    c = casualties("Dozens of people were killed and several were wounded in the attack.")
    assert (c.killed.value.best, c.wounded.value.best) == (None, None)


def test_no_injuries_or_deaths_reported_is_zero_and_zero():
    c = casualties("A bomb exploded outside the office. No injuries or deaths were reported.")
    assert (c.killed.value.best, c.wounded.value.best) == (0, 0)
    assert c.killed.spans and c.wounded.spans


def test_no_one_injured_is_zero_not_one():
    assert casualties("No one was injured in the blast.").wounded.value.best == 0


def test_not_injured_is_zero():
    assert casualties("The candidate was not injured in the attack.").wounded.value.best == 0


@pytest.mark.parametrize(
    "text",
    [
        "Irfan Baloch reported that up to 30 officers were present during the encounter.",
        "Hundreds of officers and their families are housed within the compound.",
        "Three floors of the five-storey building had been cleared.",
        "The insurgents had three bags of food with them.",
        "A 25-year-old man said the convention opened at 4 p.m. on 05/07/2013.",
        "The PPP's 5 candidates said this was one of five coordinated assaults.",
    ],
)
def test_numbers_that_count_no_casualties_are_not_taken(text):
    assert bests(casualties(text)) == (None, None, None, None)


def test_victim_total_including_assailants_splits_into_victims_and_attackers():
    c = casualties("Nine people, including four assailants, were killed in the attack.")
    assert (c.killed.value.best, c.killed_perpetrators.value.best) == (5, 4)


def test_attackers_killed_by_security_forces_count_as_perpetrators():
    c = casualties("Security forces killed three militants after the raid on the police post.")
    assert (c.killed.value.best, c.killed_perpetrators.value.best) == (None, 3)


def test_suicide_bomber_who_blew_himself_up_is_one_dead_attacker():
    c = casualties("A suicide bomber blew himself up at a market, killing 5 people.")
    assert (c.killed.value.best, c.killed_perpetrators.value.best) == (5, 1)


def test_later_toll_supersedes_but_range_spans_both():
    c = casualties("Twelve people were killed in the blast on Monday. By Tuesday the death toll rose to 84.")
    assert (c.killed.value.best, c.killed.value.low, c.killed.value.high) == (84, 12, 84)


def test_between_figures_give_a_range():
    c = casualties("Between eight and 10 people were killed in the attack.")
    assert (c.killed.value.best, c.killed.value.low, c.killed.value.high) == (8, 8, 10)


def test_kidnapped_people_are_hostages():
    assert casualties("Gunmen kidnapped three engineers from the site.").hostages.value.best == 3


def test_conjoined_victims_add_up():
    c = casualties("Two soldiers and a junior officer were martyred in the exchange of fire.")
    assert c.killed.value.best == 3


def test_an_additional_sentence_adds_to_the_toll():
    c = casualties(
        "Two police officers were killed in the firefight. In addition, a bomber detonated a vest, killing a civilian."
    )
    assert c.killed.value.best == 3


@pytest.mark.parametrize(
    "text, count",
    [
        ("Three attackers parked a car at the entrance.", 3),
        ("A group of 10 gunmen stormed the hotel.", 10),
        ("Two suicide bombers attacked the base.", 2),
        ("Somewhere between eight and 10 assailants arrived in a vehicle.", 8),  # the range's lower end
    ],
)
def test_perpetrator_count(text, count):
    assert casualties(text).perpetrator_count.value == count


@pytest.mark.parametrize(
    "text, hours",
    [
        ("After a 4-hour long operation, troops regained control.", 4.0),
        ("The siege lasted 14 hours before the commandos went in.", 14.0),
        ("It ended a gun battle of more than three hours.", 3.0),
        ("The gunmen fired on the crowd and fled.", None),
    ],
)
def test_duration_only_where_stated(text, hours):
    assert casualties(text).duration_hours.value == hours


def test_figures_that_disagree_are_recorded_as_a_conflict():
    c = casualties("Police said three people were killed. A hospital official said five people were killed.")
    assert c.killed.value.low == 3 and c.killed.value.high == 5
    assert any(x.field == "killed" and x.values == [3, 5] for x in c.conflicts)


def test_founding_report():
    c = casualties(require_shared(FOUNDING).read_text(encoding="utf-8"), datetime.date(2023, 2, 18))
    assert (c.killed.value.best, c.wounded.value.best, c.killed_perpetrators.value.best) == (4, 19, 5)
    assert c.perpetrator_count.value == 3
    assert c.duration_hours.value == 4.0
    assert any(x.field == "killed_perpetrators" and x.values == [3, 5] for x in c.conflicts)
    text = FOUNDING.read_text(encoding="utf-8")
    start, end = c.wounded.spans[0]
    assert "19 others injured" in text[start:end]


def _cluster_reports():
    for path in sorted(CLUSTERS.glob("pk-2023-*.json")) if CLUSTERS.exists() else []:
        for report in json.loads(path.read_text(encoding="utf-8"))["reports"]:
            yield pytest.param(report, id=report["report_id"])


@pytest.mark.parametrize("report", list(_cluster_reports()))
def test_cluster_reports_give_their_expected_figures(report):
    c = casualties(report["text"])
    expected = report["expected"]
    assert c.killed.value.best == expected["killed"]
    assert c.wounded.value.best == expected["wounded"]
    assert c.killed_perpetrators.value.best == expected["killed_perpetrators"]


def test_a_cricket_report_has_no_casualties():
    report = json.loads(require_shared(CLUSTERS / "neg-karachi-psl-match.json").read_text(encoding="utf-8"))["reports"][
        0
    ]
    assert bests(casualties(report["text"])) == (None, None, None, None)


def test_a_range_of_attackers_counts_its_lower_end():
    assert casualties("Eight to 10 assailants stormed the compound.").perpetrator_count.value == 8


def test_the_attackers_were_killed_counts_every_attacker():
    c = casualties("Two assailants tried to plant a bomb. The perpetrators were killed when it went off early.")
    assert (c.perpetrator_count.value, c.killed_perpetrators.value.best) == (2, 2)


@pytest.mark.parametrize(
    "text, killed",
    [
        ("Three employees were stabbed to death.", 3),
        ("Both officers were killed in the attack.", 2),
        ("Shirazi's son and bodyguard were killed in the explosion.", 2),
        ("Four United States (US) soldiers were killed in the attack.", 4),
    ],
)
def test_victims_counted_without_a_plain_number(text, killed):
    assert casualties(text).killed.value.best == killed


def test_militia_fighters_are_victims_unless_an_armed_group_names_them():
    assert casualties("Four Sahwa fighters were killed in the attack.").killed.value.best == 4


# ---------------------------------------------------------------- news-style reports


def test_a_past_year_attack_with_its_own_toll_is_not_counted():
    c = casualties(
        "Gunmen killed nine people at a hotel on Friday. In 2015, a bombing at the same hotel killed 40 people.",
        datetime.date(2019, 6, 1),
    )
    assert c.killed.value.best == 9


def test_a_past_attack_in_a_relative_clause_is_not_counted():
    c = casualties(
        "A car bomb killed 12 soldiers on Monday. It was the worst attack since the 2009 siege "
        "of the academy, in which 300 people died.",
        datetime.date(2016, 3, 7),
    )
    assert c.killed.value.best == 12


def test_last_year_attack_is_not_counted():
    c = casualties(
        "A bomb killed six worshippers at a shrine on Sunday. In May last year a suicide bomber "
        "killed more than 50 people at the same shrine.",
        datetime.date(2020, 8, 2),
    )
    assert c.killed.value.best == 6


def test_an_attack_in_a_place_the_lead_never_names_is_not_counted():
    c = casualties(
        "QUETTA - Militants stormed a police post in Quetta on Sunday, wounding three officers. "
        "Hours earlier, gunmen raided a checkpoint in Kandahar, leaving two soldiers dead.",
        datetime.date(2021, 5, 9),
    )
    assert (c.killed.value.best, c.wounded.value.best) == (None, 3)


def test_a_toll_that_rose_wins_over_the_older_one_told_in_past_perfect():
    c = casualties(
        "The number of people killed in the blast rose to 72 on Tuesday. The toll had stood at 45 on Monday night."
    )
    assert (c.killed.value.best, c.killed.value.low, c.killed.value.high) == (72, 45, 72)


def test_a_toll_revised_down_is_the_best_figure():
    c = casualties(
        "Officials revised the death toll down to 61 on Friday. The ministry had said on "
        "Tuesday that 78 people had died."
    )
    assert c.killed.value.best == 61


def test_a_first_figure_gives_way_to_a_later_count():
    c = casualties("An inquiry said 230 deaths had been confirmed. The police first put the toll at 190.")
    assert c.killed.value.best == 230


def test_split_figures_for_one_attack_are_summed():
    c = casualties("The blast killed 9 police officers and at least 40 civilians, officials said.")
    assert c.killed.value.best == 49


def test_a_breakdown_of_a_figure_is_not_added_to_it():
    c = casualties("The bombing killed 7 soldiers. The 7 dead soldiers were five privates, a sergeant and a captain.")
    assert c.killed.value.best == 7


def test_a_later_toll_of_one_group_replaces_its_share():
    c = casualties(
        "The attack killed 5 French soldiers and at least 20 Malians. "
        "Local officials put the Malian toll above 30 by Sunday."
    )
    assert c.killed.value.best == 35


def test_a_group_toll_in_addition_to_another_group_is_summed():
    c = casualties(
        "Iraqi health officials said the number of Iraqis killed had risen to about 60, making the "
        "attack one of the deadliest of the war, in addition to the 4 American contractors."
    )
    assert c.killed.value.best == 64


def test_an_including_subset_is_not_added():
    c = casualties("At least 30 people were killed, including 6 police officers.")
    assert c.killed.value.best == 30


def test_one_hospitals_intake_is_not_the_toll():
    c = casualties("The explosion killed 14 people. A hospital in the city said it had received 25 wounded.")
    assert (c.killed.value.best, c.wounded.value.best) == (14, None)


@pytest.mark.parametrize(
    "text, count",
    [
        ("A lone gunman opened fire in the square, killing four people.", 1),
        ("Investigators said only one suicide bomber struck the gate.", 1),
        ("Police said five gunmen had been detained after the attack on the bank.", 5),
        ("Soldiers ended the siege when they killed the six attackers.", 6),
        ("A suicide bomber struck a crowded market, killing 20 people.", None),
        ("Police said 12 suspects had been arrested in connection with the bombing.", None),
        ("The state hanged three convicted militants on Friday.", None),
    ],
)
def test_perpetrator_count_from_news_wording(text, count):
    assert casualties(text).perpetrator_count.value == count


def test_a_suicide_bomber_in_doubt_is_no_dead_attacker():
    c = casualties(
        "A blast killed 30 people in the mosque. Police said it was too early to say whether a "
        "suicide bomber was involved."
    )
    assert c.killed_perpetrators.value.best is None


def test_all_the_bombers_of_a_suicide_bombing_died():
    c = casualties("The suicide bombings killed 80 people. Officials said seven bombers had carried out the attacks.")
    assert (c.perpetrator_count.value, c.killed_perpetrators.value.best) == (7, 7)


def test_a_wounded_man_who_died_is_not_a_wounded_figure():
    c = casualties("The toll reached 31 after another wounded policeman died overnight.")
    assert (c.killed.value.best, c.wounded.value.best) == (31, None)


def test_different_figures_for_this_attack_are_a_conflict_but_background_is_not():
    c = casualties(
        "Police said 8 people were killed. A hospital official said 11 people were killed. "
        "In 2010, a bombing in the same town killed 70.",
        datetime.date(2018, 1, 4),
    )
    (conflict,) = [x for x in c.conflicts if x.field == "killed"]
    assert conflict.values == [8, 11]
