"""The relevance gate: attack reports pass, sport and court stories with violent words do not."""
from __future__ import annotations

import json

from conftest import CLUSTERS

from incidentwire.extract.relevance import describes_attack


def test_every_cluster_report_of_an_attack_passes_the_gate():
    for path in CLUSTERS.glob("*.json"):
        cluster = json.loads(path.read_text())
        for report in cluster["reports"]:
            assert describes_attack(report["text"]) == (cluster["gold"] is not None), report["report_id"]


def test_cricket_report_with_death_bowling_and_blasted_fours_is_not_an_attack():
    text = ("Quetta's death bowling sank the Kings. Malik blasted eight fours and a six in his 71 off 49 balls "
            "before the innings fell apart; Naseem shattered the stumps and took two wickets in his four overs.")
    assert not describes_attack(text)


def test_court_story_about_an_old_bombing_is_not_an_attack():
    text = ("An anti-terrorism court in Karachi on Monday sentenced three men to death for the 2019 bombing of a "
            "bus that killed 40 people and wounded 60. The judge said the prosecution had proved its case.")
    assert not describes_attack(text)


def test_attack_on_a_court_is_an_attack():
    text = ("Gunmen stormed a district court in Peshawar on Monday and opened fire on lawyers, "
            "killing four people and wounding 11 before police shot the attackers dead.")
    assert describes_attack(text)


def test_short_gtd_style_summary_is_an_attack():
    assert describes_attack("Assailants detonated explosives at a school in Kohlu district, Balochistan, Pakistan. "
                            "No injuries or deaths were reported.")


def test_arrest_story_is_not_an_attack():
    text = ("Police arrested two suspected militants in Quetta on Tuesday and recovered explosives and "
            "detonators from their hideout, officials said.")
    assert not describes_attack(text)


def test_brief_report_of_a_killing_is_an_attack():
    assert describes_attack("CPI-Maoist cadres kill a TDP leader in the Nalgonda District.")


def test_flood_deaths_are_not_an_attack():
    text = ("More than 1,000 people have died in floods caused by monsoon rains, the disaster authority said on "
            "Sunday, with 119 deaths in the past 24 hours and more than 1,500 people injured.")
    assert not describes_attack(text)


def test_sentencing_of_a_captured_gunman_is_not_an_attack():
    text = ("A court on Thursday sentenced the only gunman captured alive after the 2008 attacks to death. "
            "He was convicted on Monday of the killing of 166 people; the judge said he should be hanged.")
    assert not describes_attack(text)


def test_toll_update_is_about_the_attack_even_in_a_story_about_executions():
    text = ("Pakistan hanged two convicted militants on Friday, the first executions since the school massacre. "
            "The toll in Tuesday's attack on the school has risen to 148 after more wounded students died.")
    assert describes_attack(text)


def test_caseless_wire_report_of_a_murder_inside_a_court_story_is_an_attack():
    # MUC-4 counts a trial or arrest report that tells of a specific murder as about that murder.
    text = ("the fourth criminal court judge today ordered the arrest of two soldiers accused of the murder of "
            "a union leader in san salvador on 16 november. the judge said the case will go to trial.")
    assert describes_attack(text)


def test_caseless_wire_report_of_a_dynamite_charge_is_an_attack():
    assert describes_attack("the terrorists placed a charge of dynamite under a bus carrying fishermen in lima.")


def test_caseless_wire_report_naming_guerrillas_but_no_act_is_not_an_attack():
    text = ("the government and the guerrillas will resume peace talks in caracas next week, the foreign "
            "minister said today after meeting the mediators.")
    assert not describes_attack(text)


def test_caseless_cricket_report_is_not_an_attack():
    text = ("malik blasted eight fours in the final over as the captain's innings won the match; naseem took two "
            "wickets and the league leaders scored 180 runs.")
    assert not describes_attack(text)
