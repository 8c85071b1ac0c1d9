"""Perpetrators and responders read from real-looking report sentences."""

from __future__ import annotations

import datetime

import pytest
from conftest import FOUNDING_REPORT, require_shared

from incidentwire.extract.actors import find_perpetrators, find_responders
from incidentwire.extract.spans import Context
from incidentwire.nlp import get_nlp

TTP = "Tehrik-i-Taliban Pakistan (TTP)"


def ctx_of(text: str) -> Context:
    return Context(doc=get_nlp()(text), published=datetime.date(2023, 2, 18), report_id="t")


def perps(text: str):
    return find_perpetrators(ctx_of(text)).value


@pytest.mark.parametrize(
    "written",
    [
        "Tehreek-e-Taliban Pakistan",
        "Tehrik-i-Taliban Pakistan",
        "TTP",
        "the Pakistani Taliban",
    ],
)
def test_ttp_spellings_resolve_to_gtd_name(written):
    found = perps(
        f"A suicide bomber struck a police post in Peshawar. {written} claimed responsibility for the attack."
    )
    assert [p.name for p in found] == [TTP]
    assert found[0].claimed is True


@pytest.mark.parametrize("written", ["Daesh", "ISIS", "the Islamic State group"])
def test_islamic_state_aliases_in_iraq_resolve_to_isil(written):
    found = perps(f"A car bomb exploded in Baghdad, Iraq, killing nine people. {written} claimed responsibility.")
    assert found[0].name == "Islamic State of Iraq and the Levant (ISIL)"


def test_islamic_state_in_pakistan_is_coded_as_khorasan_chapter():
    found = perps("A bomber struck a rally in Bajaur, Pakistan. Police said ISIS was behind the attack.")
    assert found[0].name == "Khorasan Chapter of the Islamic State"
    assert found[0].claimed is False


def test_taliban_alone_is_coded_by_country():
    afghan = perps("Gunmen attacked a checkpoint in Ghazni province, Afghanistan. The Taliban claimed responsibility.")
    pakistani = perps(
        "Gunmen attacked a checkpoint in Bannu, Khyber Pakhtunkhwa, Pakistan. The Taliban claimed responsibility."
    )
    assert afghan[0].name == "Taliban"
    assert pakistani[0].name == TTP


def test_al_shabaab_spelling_variant():
    found = perps("Militants stormed a hotel in Mogadishu, Somalia. Al-Shabab said it carried out the assault.")
    assert found[0].name == "Al-Shabaab" and found[0].responsibility == "claimed"


def test_attribution_is_blamed_not_claimed():
    found = perps(
        "No group claimed responsibility for the incident; however, officials attributed the attack to Boko Haram."
    )
    assert found[0].name == "Boko Haram"
    assert found[0].responsibility == "blamed" and found[0].claimed is False


def test_suspicion_is_suspected():
    found = perps(
        "A roadside bomb hit an army truck in Kismayo, Somalia. Al-Shabaab is suspected of carrying out the blast."
    )
    assert found[0].responsibility == "suspected"


def test_group_blamed_and_denying_is_denied():
    found = perps(
        "Authorities blamed the Bangsamoro Islamic Freedom Fighters for the kidnapping. "
        "A BIFF spokesman denied that the group was involved."
    )
    assert found[0].name == "Bangsamoro Islamic Freedom Movement (BIFM)"
    assert found[0].responsibility == "denied" and found[0].claimed is False


def test_denial_alone_makes_no_perpetrator():
    assert perps("A bomb exploded at a market in Kabul, Afghanistan. The Taliban denied any involvement.") == []


def test_no_group_claimed_gives_no_perpetrator():
    assert perps("Gunmen shot dead two policemen in Quetta. No group claimed responsibility for the incident.") == []


def test_generic_name_needs_an_attribution():
    assert perps("The district has a long history of separatists and tribesmen.") == []
    found = perps("No group claimed responsibility; however, police attributed the shooting to Maoists.")
    assert found[0].name == "Maoists"


def test_anti_group_compound_is_not_the_group():
    assert perps("Gunmen killed a former member of the anti-Maoist Salwa Judum group.") == []


def test_background_group_mention_is_not_a_perpetrator():
    text = (
        "Gunmen attacked a police station in Karachi, killing four. The TTP claimed responsibility. "
        "Lashkar-e-Jhangvi has mounted attacks in the city in recent weeks."
    )
    assert [p.name for p in perps(text)] == [TTP]


def test_claimant_is_listed_before_the_group_authorities_blame():
    text = (
        "Islamic State of Iraq and the Levant (ISIL) claimed responsibility for the bombing; "
        "however, authorities attributed the attack to the Al-Nusrah Front."
    )
    assert [p.name for p in perps(text)] == ["Islamic State of Iraq and the Levant (ISIL)", "Al-Nusrah Front"]


def test_group_acting_as_attacker_without_claim():
    found = perps("Taliban militants stormed a counter-terrorism centre in Bannu, Khyber Pakhtunkhwa, Pakistan.")
    assert found[0].name == TTP and found[0].claimed is False


def test_founding_report_ttp_claimed_and_mentions_as_written():
    found = find_perpetrators(ctx_of(require_shared(FOUNDING_REPORT).read_text(encoding="utf-8")))
    assert [p.name for p in found.value] == [TTP]
    assert found.value[0].claimed is True
    assert "Tehreek-i-Taliban Pakistan" in found.value[0].mentions
    text = FOUNDING_REPORT.read_text(encoding="utf-8")
    assert any(text[s:e] == "claimed responsibility" for s, e in found.spans)


def test_founding_report_responders_are_rangers_and_police():
    responders = find_responders(ctx_of(require_shared(FOUNDING_REPORT).read_text(encoding="utf-8"))).value
    assert "Pakistan Rangers" in responders and "Police" in responders


def test_police_station_alone_does_not_make_police_a_responder():
    text = "Gunmen stormed a police station in Karachi. Rescue 1122 rushed the injured to hospital."
    assert "Police" not in find_responders(ctx_of(text)).value


def test_attacked_soldiers_are_targets_not_responders():
    text = "Assailants ambushed soldiers in Kismayo. AMISOM troops returned fire and killed three assailants."
    responders = find_responders(ctx_of(text)).value
    assert "AMISOM" in responders and "Army" not in responders


def test_killed_policemen_are_not_responders():
    text = "Two policemen were killed when militants opened fire on a checkpoint near the operation area."
    assert find_responders(ctx_of(text)).value == []


# --- groups named as suspects by officials ---------------------------------------------------


def test_attack_said_to_be_the_work_of_a_group_blames_it():
    found = perps(
        "A suicide bomber struck a mosque in Peshawar on Monday. The provincial police chief said "
        "on Thursday that the bombing was the work of Jamaat-ul-Ahrar."
    )
    assert found[0].name == "Jamaat-ul-Ahrar" and found[0].responsibility == "blamed"


def test_inquiry_into_a_network_linked_to_a_group_makes_it_the_suspect():
    found = perps(
        "Investigators said the inquiry was focused on a cell linked to Lashkar-e-Jhangvi, "
        "after the bomb killed 12 people at a market in Quetta."
    )
    assert found[0].name == "Lashkar-e-Jhangvi" and found[0].claimed is False


def test_government_naming_a_local_group_as_main_suspect():
    found = perps(
        "Churches and hotels in Colombo, Sri Lanka, were bombed on Sunday. The government named "
        "a local Islamist group, National Thowheeth Jama'ath, as the main suspect."
    )
    assert found[0].name == "National Thowheeth Jama'ath" and found[0].responsibility == "suspected"


def test_group_said_not_to_have_claimed_is_the_suspect_without_a_claim():
    found = perps("The truck bomb in Mogadishu killed more than 300 people. Al-Shabaab has not claimed the bombing.")
    assert [p.name for p in found] == ["Al-Shabaab"] and found[0].claimed is False


def test_group_the_government_holds_responsible_is_blamed():
    found = perps("Al-Shabaab, which the government holds responsible, has never claimed the Mogadishu bombing.")
    assert found[0].name == "Al-Shabaab" and found[0].responsibility == "blamed" and not found[0].claimed


def test_gunmen_from_a_group_make_it_the_attacker():
    found = perps("Gunmen from the Somali group al Shabaab stormed a college in Garissa, Kenya, before dawn.")
    assert found[0].name == "Al-Shabaab"


def test_spokesman_for_the_group_speaking_of_its_fighters_is_a_claim():
    found = perps(
        "Gunmen stormed a hotel in Mogadishu, Somalia. Al-Shabaab fighters were still inside. "
        "A spokesman for the group said its fighters were holding several guests."
    )
    assert found[0].name == "Al-Shabaab" and found[0].claimed is True


def test_relative_clause_claim_counts():
    found = perps("Police arrested five men over the college siege, which al-Shabaab claimed, in Garissa, Kenya.")
    assert found[0].name == "Al-Shabaab" and found[0].claimed is True


def test_group_denial_noun_does_not_make_it_the_perpetrator():
    found = perps(
        "The police chief said the Tehreek-e-Taliban Pakistan's denial did not change the focus of the "
        "inquiry, which was on militants linked to Jamaat-ul-Ahrar."
    )
    assert [p.name for p in found] == ["Jamaat-ul-Ahrar"]


# --- a global brand's claim against the local group named as the attacker -------------------


def test_remote_islamic_state_claim_yields_to_the_local_group_behind_it():
    found = perps(
        "The Islamic State group claimed responsibility for the church bombings in Sri Lanka. "
        "The defence minister said National Thowheeth Jama'ath was behind the bombings."
    )
    assert [p.name for p in found] == ["National Thowheeth Jama'ath", "Islamic State of Iraq and the Levant (ISIL)"]
    assert any(p.claimed for p in found) and found[0].claimed is False


def test_islamic_state_claim_at_home_stays_first():
    found = perps(
        "A car bomb exploded in Baghdad, Iraq. The Islamic State claimed responsibility for the attack; "
        "however, officials said the Mahdi Army was behind it."
    )
    assert found[0].name == "Islamic State of Iraq and the Levant (ISIL)"


# --- groups only in the background ------------------------------------------------------------


def test_group_that_has_attacked_schools_before_is_background():
    text = (
        "Gunmen abducted dozens of girls from a school in Borno state, Nigeria. No group has claimed the raid, "
        "but Boko Haram has attacked schools before."
    )
    assert perps(text) == []


def test_group_that_frequently_uses_car_bombs_is_background():
    text = "A car bomb exploded near the port in Mogadishu. Al-Shabaab frequently sets off car bombs in the capital."
    assert perps(text) == []


def test_linked_prefix_describes_the_claimant_not_a_second_group():
    found = perps(
        "An al Qaeda-linked alliance, Jamaat Nusrat al-Islam wal Muslimin, claimed the attacks on the "
        "embassy in Ouagadougou."
    )
    assert [p.name for p in found] == ["Jamaat Nusrat al-Islam wal Muslimin (JNIM)"]


def test_massacre_by_the_taliban_makes_them_the_attacker():
    found = perps(
        "Pakistan hanged two militants, the first executions since the Taliban massacre at a school in "
        "Peshawar, Pakistan."
    )
    assert found[0].name == TTP


def test_target_of_a_later_drone_strike_is_not_the_perpetrator():
    text = (
        "A bomb killed 12 people at a market in Quetta, Pakistan, on Monday. No group claimed it. A US drone "
        "strike in North Waziristan later killed a senior Haqqani Network commander."
    )
    assert perps(text) == []


def test_an_earlier_threat_warning_does_not_make_a_perpetrator():
    text = (
        "A bomb killed 12 people in Kabul, Afghanistan. In a warning issued last week, the Haqqani Network "
        "threatened to strike the capital."
    )
    assert perps(text) == []


def test_group_that_claimed_to_have_killed_soldiers_claims_the_attack():
    found = perps(
        "Insurgents overran an army post in Ghazni province, Afghanistan. The Taliban claimed to have "
        "killed 20 soldiers."
    )
    assert found[0].name == "Taliban" and found[0].claimed is True
