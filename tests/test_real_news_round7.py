"""Real news read right, seventh round: one test per kind of miss seen in published reports.

Every report here is short and written for the test, in our own words; none is taken from an article.
"""

from real_news import PUBLISHED, incident_of

# ---------------------------------------------------------------- tolls


def test_lives_claimed_of_counted_people_are_theirs():
    text = "An ambush on an army patrol in Tillaberi region on Monday claimed the lives of 14 soldiers, officials said."
    assert incident_of(text).killed.best == 14


def test_a_group_named_beside_its_kind_word_is_not_an_attacker_among_the_dead():
    text = (
        "Gunmen killed 12 villagers, including a local leader, in an attack claimed by the militant group "
        "Boko Haram in Gubio on Monday."
    )
    incident = incident_of(text)
    assert (incident.killed.best, incident.killed_perpetrators.best) == (12, None)


def test_a_count_for_the_group_s_whole_campaign_is_background():
    text = (
        "Gunmen killed five soldiers at a checkpoint in North Waziristan on Monday, the military said. "
        "More than 3,000 people have died in the group's campaign."
    )
    assert incident_of(text).killed.best == 5


def test_a_toll_told_right_after_another_attack_earlier_that_day_is_that_attack_s():
    text = (
        "Militants stormed an army base in Kunar province on Monday, killing eight soldiers, officials said.\n\n"
        "Earlier the same day, a military helicopter was shot down in Helmand. Twelve officers were killed in "
        "the attack, a ministry spokesman said."
    )
    assert incident_of(text).killed.best == 8


def test_victims_told_with_a_participle_beside_the_gunmen_are_not_other_attackers():
    text = (
        "Three people were killed and several others injured on Monday morning when two gunmen opened fire on "
        "people waiting at a bus stop in Jerusalem, police said."
    )
    assert incident_of(text).perpetrator_count == 2


# ---------------------------------------------------------------- dates


def test_a_lead_told_as_just_happened_is_not_dated_by_an_older_raid_further_down():
    text = (
        "Two suicide bombers have blown themselves up at a crowded market in Maiduguri, killing at least 12 "
        "people, officials say.\n\nThe city has been hit repeatedly. A raid on July 14 on a nearby camp left "
        "three soldiers dead."
    )
    assert incident_of(text).date == PUBLISHED


# ---------------------------------------------------------------- groups and places


def test_a_group_credited_with_recent_killings_elsewhere_is_not_the_suspect():
    text = (
        "Gunmen opened fire on worshippers at a mosque in Katsina state on Monday, killing 11 people, police "
        "said. No group has claimed the attack. Boko Haram claimed responsibility for recent killings in Borno."
    )
    assert incident_of(text).perpetrators == []


def test_a_bomb_at_the_site_of_an_earlier_bombing_is_placed_there():
    text = (
        "A remote-controlled bomb exploded on Monday as soldiers examined the site of an earlier pylon bombing "
        "in Wana town, South Waziristan, killing two soldiers and wounding four people."
    )
    assert incident_of(text).city == "Wana"
