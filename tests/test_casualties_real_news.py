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
    text = (
        "GAROWE, Sept 14: A roadside bomb killed six soldiers near the town on Tuesday. "
        "Officials put the number of people killed in two decades of insurgency at more than 52,000. "
        "The rebellion has left some 90,000 people dead."
    )
    assert tolls(text)[0] == 6


def test_a_count_over_a_period_is_not_this_attacks_toll():
    text = (
        "A car bomb killed nine people at a checkpoint on Monday. "
        "Monitors say 1,240 civilians were killed in the first six months of this year."
    )
    assert tolls(text)[0] == 9


def test_another_attack_told_as_a_day_or_week_before_is_not_this_one():
    text = (
        "Gunmen attacked a bus station on Monday, killing 14 passengers. "
        "The assault came a week after a bomber killed 61 people at a wedding in the north."
    )
    assert tolls(text)[0] == 14


def test_another_attack_introduced_as_a_new_event_is_not_this_one():
    text = (
        "A suicide bomber struck a police academy on Monday, killing 17 recruits. "
        "Hours later a roadside bomb on the airport road killed three people. "
        "The group, which claimed a March raid on a prison in which 31 guards were killed, "
        "has not commented."
    )
    assert tolls(text)[0] == 17


def test_a_toll_of_several_attacks_together_is_not_this_ones():
    text = (
        "A bomb killed 40 people at a bus stop on Monday night. A second blast at a market in "
        "another district killed four. Taken together, the two bombings left at least 44 people dead."
    )
    assert tolls(text)[0] == 40


def test_the_groups_own_boast_is_not_the_toll_but_is_a_conflict():
    text = (
        "Gunmen stormed a hotel on Monday, killing 12 people, police said. "
        "In a statement, the group said its fighters had killed 80 crusaders."
    )
    c = casualties(text)
    assert c.killed.value.best == 12
    assert any(conflict.field == "killed" and 80 in conflict.values for conflict in c.conflicts)


# ---------------------------------------------------------------- toll phrasing


def test_a_dateline_city_is_not_a_victim():
    text = "Mogadishu, Sept 14: At least 12 AMISOM personnel were killed when their convoy was ambushed."
    assert tolls(text)[0] == 12


def test_a_dateline_with_its_country_does_not_swallow_the_leads_subject():
    """Without a sentence break after "QUETTA, Pakistan -", the parser makes the city the subject and
    "Gunmen killed" reads as gunmen who were killed."""
    text = "PESHAWAR, Pakistan - Gunmen killed four policemen at a checkpoint on the edge of the city on Tuesday."
    assert tolls(text) == (4, None, None)


def test_lost_their_lives_counts_the_subject():
    text = "Twenty-three BSF jawans lost their lives when militants ambushed the patrol on Monday."
    assert tolls(text)[0] == 23


def test_known_to_have_died_counts_the_subject():
    text = "Church officials said on Tuesday that 31 worshippers are now known to have died in the raid."
    assert tolls(text)[0] == 31


def test_succumbed_to_injuries_is_a_death():
    text = "Two more policemen succumbed to their injuries in hospital after the grenade attack."
    assert tolls(text)[0] == 2


def test_deaths_among_the_wounded_add_to_the_dead():
    told_as_a_part = (
        "Grenades hit a bus stand on Friday. Six traders were injured and one of them died later in hospital."
    )
    told_by_a_relative = "Grenades hit a bus stand on Friday, injuring six traders, one of whom died later in hospital."
    after_a_toll = (
        "Grenades hit a bus stand on Friday, killing two porters and injuring six traders. "
        "Two of the injured died later in hospital, doctors said."
    )
    assert tolls(told_as_a_part)[0] == 1
    assert tolls(told_by_a_relative)[0] == 1
    assert tolls(after_a_toll)[0] == 4


def test_a_part_of_the_dead_is_not_more_dead():
    assert tolls("Grenades hit a bus stand on Friday. Nine people were killed, two of them porters.")[0] == 9


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
    text = (
        "Gunmen fired on the parade on Friday. The toll now stands at 33 dead, the attacker among them, and 71 wounded."
    )
    assert tolls(text) == (32, 71, 1)


def test_a_later_figure_wins_over_an_earlier_one_and_both_are_conflicts():
    text = (
        "A car bomb exploded outside the ministry on Monday. The police chief had said in the morning "
        "that about 30 people were killed. By evening officials said 26 people had died."
    )
    c = casualties(text)
    assert c.killed.value.best == 26
    assert any(conflict.field == "killed" and {26, 30} <= set(conflict.values) for conflict in c.conflicts)


# ---------------------------------------------------------------- more numbers that belong to something else


def test_the_whole_after_of_is_the_toll_not_the_part():
    assert (
        tolls("A bomb tore through a bus station. Officials said 12 of the 41 dead had not been identified.")[0] == 41
    )
    assert tolls("Doctors said eight of the 30 wounded were in critical condition.")[1] == 30
    assert tolls("Of the 64 people wounded, about 20 were still being treated in hospitals.")[1] == 64
    assert tolls("Thirty of the 41 people shot dead at the hotel last Friday were tourists.")[0] == 41


def test_a_total_told_with_its_parts_is_not_added_to_them():
    text = "Eleven people, nine pilgrims and two guards, were killed when gunmen raided the shrine."
    assert tolls(text)[0] == 11


def test_also_killed_after_another_incident_belongs_to_that_incident():
    text = (
        "A suicide bomber killed 22 soldiers at a checkpoint on Thursday, officials said. "
        "On Monday a gunfight in the hills of another district left three policemen dead. "
        "Officials said two militants were also killed."
    )
    assert tolls(text) == (22, None, 1)


def test_an_earlier_month_dates_another_incident():
    text = (
        "Gunmen stormed a school on Monday, killing 14 pupils. "
        "In June, gunmen killed 41 students at a college in the north."
    )
    assert tolls(text)[0] == 14


def test_a_toll_in_an_aside_about_an_earlier_date_is_that_events():
    text = (
        "Nineteen of the 26 people shot dead at the resort last Friday were foreigners, making it the worst "
        "attack since the station bombings of 4 May 2009, which killed 61 people."
    )
    assert tolls(text, datetime.date(2021, 9, 14))[0] == 26


def test_that_attack_points_back_at_another_incident():
    text = (
        "A gunman killed nine people at a church on Sunday before police shot him dead. Twelve days earlier, "
        "two men had stabbed a priest in a village to the north. The group also claimed that attack; both "
        "assailants were shot dead by police."
    )
    assert tolls(text)[2] == 1


def test_an_older_toll_in_a_past_perfect_aside_loses():
    text = (
        "The president said 60 people were killed and 140 wounded in the bombing, raising the official "
        "toll, which the ministry had put at 41 dead and 200 injured."
    )
    assert tolls(text)[:2] == (60, 140)


def test_bodies_reported_earlier_are_an_older_figure():
    text = "The minister said 15 people had been killed, well below the 22 bodies counted earlier by rescuers."
    assert tolls(text)[0] == 15


def test_a_groups_news_outlet_gives_the_groups_own_figure():
    text = (
        "Gunmen stormed a cafe on Friday, killing 18 people and wounding 25, the army said. "
        "Nashir said 31 people had been killed and 60 wounded."
    )
    assert tolls(text)[:2] == (18, 25)


def test_hostages_killed_or_found_dead_are_not_the_hostage_count():
    assert casualties("Gunmen killed 14 hostages before commandos stormed the hotel.").hostages.value.best is None
    found = casualties("Rescuers found the bodies of six hostages in the basement.")
    assert found.hostages.value.best is None


def test_hostages_a_group_holds_are_its_record_not_this_attack():
    text = (
        "The rebels, who are believed to be holding 40 hostages, denied any role in Tuesday's bombing "
        "that killed nine people."
    )
    c = casualties(text)
    assert (c.killed.value.best, c.hostages.value.best) == (9, None)


def test_a_country_is_no_victim():
    text = "A bomb killed 12 shoppers at the market. The prime minister said France had been wounded."
    assert tolls(text)[:2] == (12, None)


def test_a_list_with_a_vague_part_has_no_exact_total():
    text = "The blast killed 13 soldiers and wounded 45 soldiers and dozens of civilians."
    assert tolls(text)[:2] == (13, None)


# ---------------------------------------------------------------- more toll phrasing


def test_another_and_n_more_are_counted():
    assert tolls("One soldier was killed and another was injured when the patrol was ambushed.")[:2] == (1, 1)
    text = "At least nine people were killed in the blast and at least 30 more were wounded; shops were also damaged."
    assert tolls(text)[:2] == (9, 30)


def test_an_older_figure_given_up_for_a_vague_one_is_no_toll():
    text = (
        "A bomb exploded at the academy on Monday. The ministry first said eight people were killed and 10 "
        "wounded. Later officials said 12 had died. Dozens of people were injured."
    )
    assert tolls(text)[:2] == (12, None)


def test_people_taken_in_an_abduction_are_the_hostages():
    text = (
        "Gunmen raided a boarding school on Monday night. Police said 112 girls were taken from the school. "
        "Parents demanded the release of the abducted girls."
    )
    assert casualties(text).hostages.value.best == 112
    missing = "Gunmen raided a boarding school and abducted students. Parents said 85 girls were missing."
    assert casualties(missing).hostages.value.best == 85
    assert casualties("Gunmen raided a school. Police said 112 girls were taken home.").hostages.value.best is None


def test_along_with_adds_one_more_of_the_dead():
    text = (
        "Gunmen fired on a car in the city. Khan, a local councillor, was killed in the attack, along with his guard."
    )
    assert tolls(text)[0] == 2


def test_beaten_is_an_injury_and_hanged_prisoners_are_no_toll():
    assert tolls("The guard was badly beaten before being rescued by officials.")[1] == 1
    text = "Gunmen attacked a school on Tuesday, killing 14 pupils. On Friday the state hanged two convicted militants."
    assert tolls(text) == (14, None, None)  # an execution, not the attack's dead


def test_sentenced_to_death_is_no_killing():
    text = "The kidnappers demanded the release of six members recently sentenced to death."
    assert tolls(text)[0] is None


def test_people_freed_from_a_siege_are_the_hostages():
    siege = casualties(
        "Gunmen stormed a hotel on Friday. The siege ended when commandos freed about 170 guests and staff."
    )
    assert (siege.hostages.value.best, siege.hostages.value.approximate) == (170, True)
    rescue = casualties(
        "Gunmen stormed a hotel on Friday, killing 12. Police later rescued 40 guests from a nearby building."
    )
    assert rescue.hostages.value.best is None  # no one was said to be held


def test_nearly_two_dozen_is_24_and_approximate():
    c = casualties("Nearly two dozen people were injured when a bomb went off at the bus stand.")
    assert (c.wounded.value.best, c.wounded.value.high, c.wounded.value.approximate) == (24, 24, True)
    exact = casualties("Twelve people were injured when a bomb went off at the bus stand.")
    assert exact.wounded.value.approximate is False


def test_several_hundred_is_no_figure():
    text = "Several hundred guerrillas attacked the camp, killing 12 policemen."
    c = casualties(text)
    assert (c.killed.value.best, c.perpetrator_count.value) == (12, None)


def test_a_place_word_before_the_people_counted_is_no_unit():
    assert tolls("At least three school children were injured in the blast near the market.")[1] == 3
    assert tolls("Gunmen fired 20 mortar rounds at the base, killing two soldiers.")[0] == 2


def test_the_killing_of_names_the_dead():
    text = "The minister resigned over the killing of 76 policemen by rebels in the forest."
    assert tolls(text)[0] == 76


def test_a_toll_broken_down_between_dashes_keeps_its_wounded():
    text = (
        "A bomb hit the church on Sunday. Officials put the toll at 15 dead - nine worshippers, five "
        "soldiers and a guard - and 80 wounded."
    )
    assert tolls(text)[:2] == (15, 80)


def test_people_taken_to_hospital_are_the_wounded_when_nothing_else_counts_them():
    assert tolls("A bomb killed 12 people at the market. More than 60 people were taken to hospital.")[:2] == (12, 60)
    assert tolls("A bomb killed 12 people. Forty survivors are on admission in hospitals in the city.")[1] == 40
    assert tolls("A bomb killed 12 people at the market and wounded 30. More than 60 were taken to hospital.")[1] == 30
    assert tolls("A bomb killed 12 people at the market. Eleven were treated in the city's main hospital.")[1] is None


def test_a_wounded_man_who_died_is_counted_among_the_dead_only():
    text = "A policeman who was wounded in the blast died in hospital on Thursday, and the toll rose to 31."
    assert tolls(text)[:2] == (31, None)


# ---------------------------------------------------------------- attackers killed


def test_one_man_shot_dead_by_police_is_the_attacker():
    text = "A gunman opened fire on tourists at a beach bar on Friday, killing 19 people before police shot him dead."
    c = casualties(text)
    assert tolls(text) == (19, None, 1)
    assert c.perpetrator_count.value == 1


def test_a_named_man_shot_dead_by_police_is_an_attacker_killed():
    assert tolls("Kamau was shot dead by police after he stabbed five shoppers at the mall.")[2] == 1


def test_people_soldiers_shot_dead_stay_victims():
    assert tolls("Soldiers shot dead two civilians at a checkpoint on Friday.") == (2, None, None)


def test_attackers_who_blew_themselves_up_all_died():
    c = casualties("Two attackers stormed the bank and then blew themselves up, killing six guards.")
    assert (c.killed.value.best, c.killed_perpetrators.value.best, c.perpetrator_count.value) == (6, 2, 2)


def test_a_suicide_car_bombing_had_one_attacker_killed():
    assert tolls("A suicide car bombing at the checkpoint killed 11 soldiers on Monday.") == (11, None, 1)


def test_the_attackers_own_losses_are_attackers_killed():
    assert tolls("Police said the rebels had lost eight of their own fighters in the ambush.") == (None, None, 8)
    assert tolls("The army said it lost 12 soldiers in the attack on the base.")[0] == 12


def test_police_who_break_in_and_kill_him_killed_the_attacker():
    text = (
        "A gunman opened fire inside the club early Sunday and held people hostage for three hours before "
        "police blasted through a wall with an armored vehicle and killed him."
    )
    c = casualties(text)
    assert (c.killed_perpetrators.value.best, c.perpetrator_count.value) == (1, 1)


def test_bombers_counted_by_what_they_did_died_by_it():
    c = casualties(
        "A bomb hit a market on Friday, killing 19 people. An Austrian couple who blew themselves up "
        "at the gate were behind it, police said."
    )
    assert (c.killed_perpetrators.value.best, c.perpetrator_count.value) == (2, 2)
    claim = casualties(
        "A bomb hit a market on Friday, killing 19 people. The group said two of its members had "
        "detonated explosive belts among the crowd."
    )
    assert claim.perpetrator_count.value is None  # the group's own word is no count


def test_the_driver_of_a_car_bomb_counted_in_the_toll_is_the_attacker():
    text = (
        "A car packed with explosives blew up at the academy on Monday. By the evening officials gave a toll "
        "of 14 dead, a figure they said included the driver."
    )
    assert tolls(text) == (13, None, 1)
    assert tolls("A truck bomb exploded at the gate. The toll rose to 31 dead, among them the driver.") == (30, None, 1)
    assert tolls("A bomb exploded on a bus on Monday. The toll rose to 12, among them the bus driver.")[0] == 12


def test_twin_suicide_bombings_had_two_bombers():
    c = casualties("The group claimed Friday's twin suicide bombings at the shrine, which killed 31 pilgrims.")
    assert (c.killed.value.best, c.killed_perpetrators.value.best, c.perpetrator_count.value) == (31, 2, 2)


def test_the_driver_killed_in_a_car_bomb_is_the_bomber():
    text = (
        "A suicide bomber drove an explosives-laden truck at the camp gate. Soldiers fired on the truck, "
        "setting it off and killing the driver; no one else was hurt."
    )
    assert tolls(text)[2] == 1
    assert tolls("A car bomb exploded near the market, killing the driver of a passing bus.")[:3] == (1, None, None)


def test_an_attacker_shot_by_police_before_he_could_flee_died():
    text = (
        "Following the blast, the assailant attacked and injured one officer with a machete before being "
        "shot and killed by police officers."
    )
    assert tolls(text) == (None, 1, 1)


def test_attackers_in_the_same_list_as_victims_are_kept_apart():
    text = "Three soldiers and nine assailants were killed in the firefight that followed."
    assert tolls(text) == (3, None, 9)
    text = "Five people were killed, including three of the gunmen, and many more were injured."
    assert tolls(text)[::2] == (2, 3)


def test_the_assailants_all_died_says_more_than_a_suicide_bomber():
    text = (
        "At least two assailants, including a suicide bomber, attacked an aid office. The assailants and "
        "at least one other person died in the firefight."
    )
    assert tolls(text)[::2] == (1, 2)


def test_suspects_arrested_are_not_attackers_accounted_for():
    c = casualties("Gunmen stormed the hotel. Police said four attackers had been killed and nine suspects arrested.")
    assert (c.killed_perpetrators.value.best, c.perpetrator_count.value) == (4, None)


def test_a_toll_including_uncounted_attackers_is_not_the_victims_toll():
    text = (
        "Militants attacked the base on Friday, killing eight soldiers, the minister said. "
        "Officials put the number of dead at about 30, including attackers."
    )
    assert tolls(text)[0] == 8


def test_attackers_told_by_their_deed_and_accounted_for_are_counted():
    assert (
        casualties("The three men who attacked the airport were foreigners, officials said.").perpetrator_count.value
        == 3
    )
    assert casualties("The FBI said the man who killed 49 people at the club acted alone.").perpetrator_count.value == 1
    c = casualties("Six of the gunmen were killed in the assault and one was captured, the army said.")
    assert (c.killed_perpetrators.value.best, c.perpetrator_count.value) == (6, 7)


def test_an_approximate_toll_stays_approximate_through_merging():
    from incidentwire.merge.readings import Reading
    from incidentwire.merge.reconcile import reconcile
    from incidentwire.model import Count, Incident

    def reading(report_id, published, count):
        return Reading(Incident(id=report_id, reports=[report_id], wounded=count), report_id, published, 0)

    rough = reading("a", "2021-09-14", Count.of(24, approximate=True))
    merged = reconcile("m", [rough]).incident
    assert (merged.wounded.best, merged.wounded.approximate) == (24, True)
    exact = reading("b", "2021-09-15", Count.of(26))
    assert reconcile("m", [rough, exact]).incident.wounded.approximate is False
    assert Count.model_validate({"best": 3, "low": 3, "high": 3}).approximate is False  # old data loads
