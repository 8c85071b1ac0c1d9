"""Perpetrators and responders read from real-looking report sentences."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from incidentwire.extract.actors import find_perpetrators, find_responders
from incidentwire.extract.spans import Context
from incidentwire.nlp import get_nlp

FOUNDING_REPORT = Path("/work/shared/data/examples/karachi-kpo-2023/report.txt")
TTP = "Tehrik-i-Taliban Pakistan (TTP)"


def ctx_of(text: str) -> Context:
    return Context(doc=get_nlp()(text), published=datetime.date(2023, 2, 18), report_id="t")


def perps(text: str):
    return find_perpetrators(ctx_of(text)).value


@pytest.mark.parametrize("written", [
    "Tehreek-e-Taliban Pakistan", "Tehrik-i-Taliban Pakistan", "TTP", "the Pakistani Taliban",
])
def test_ttp_spellings_resolve_to_gtd_name(written):
    found = perps(f"A suicide bomber struck a police post in Peshawar. {written} claimed responsibility for the attack.")
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
    pakistani = perps("Gunmen attacked a checkpoint in Bannu, Khyber Pakhtunkhwa, Pakistan. The Taliban claimed responsibility.")
    assert afghan[0].name == "Taliban"
    assert pakistani[0].name == TTP


def test_al_shabaab_spelling_variant():
    found = perps("Militants stormed a hotel in Mogadishu, Somalia. Al-Shabab said it carried out the assault.")
    assert found[0].name == "Al-Shabaab" and found[0].responsibility == "claimed"


def test_attribution_is_blamed_not_claimed():
    found = perps("No group claimed responsibility for the incident; however, officials attributed the attack to Boko Haram.")
    assert found[0].name == "Boko Haram"
    assert found[0].responsibility == "blamed" and found[0].claimed is False


def test_suspicion_is_suspected():
    found = perps("A roadside bomb hit an army truck in Kismayo, Somalia. Al-Shabaab is suspected of carrying out the blast.")
    assert found[0].responsibility == "suspected"


def test_group_blamed_and_denying_is_denied():
    found = perps("Authorities blamed the Bangsamoro Islamic Freedom Fighters for the kidnapping. "
                  "A BIFF spokesman denied that the group was involved.")
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
    text = ("Gunmen attacked a police station in Karachi, killing four. The TTP claimed responsibility. "
            "Lashkar-e-Jhangvi has mounted attacks in the city in recent weeks.")
    assert [p.name for p in perps(text)] == [TTP]


def test_claimant_is_listed_before_the_group_authorities_blame():
    text = ("Islamic State of Iraq and the Levant (ISIL) claimed responsibility for the bombing; "
            "however, authorities attributed the attack to the Al-Nusrah Front.")
    assert [p.name for p in perps(text)] == ["Islamic State of Iraq and the Levant (ISIL)", "Al-Nusrah Front"]


def test_group_acting_as_attacker_without_claim():
    found = perps("Taliban militants stormed a counter-terrorism centre in Bannu, Khyber Pakhtunkhwa, Pakistan.")
    assert found[0].name == TTP and found[0].claimed is False


def test_founding_report_ttp_claimed_and_mentions_as_written():
    found = find_perpetrators(ctx_of(FOUNDING_REPORT.read_text(encoding="utf-8")))
    assert [p.name for p in found.value] == [TTP]
    assert found.value[0].claimed is True
    assert "Tehreek-i-Taliban Pakistan" in found.value[0].mentions
    text = FOUNDING_REPORT.read_text(encoding="utf-8")
    assert any(text[s:e] == "claimed responsibility" for s, e in found.spans)


def test_founding_report_responders_are_rangers_and_police():
    responders = find_responders(ctx_of(FOUNDING_REPORT.read_text(encoding="utf-8"))).value
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
