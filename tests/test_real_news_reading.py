"""Real news read right, stage 2: one test per kind of miss seen in published reports, each in our own words.

Reports pasted from web pages keep their headline and standfirst above the dateline; wire copy loses its
dash; a later sentence recalls another day's attack or the war's running toll; a lead names the counted
dead; a town is named beside the attack or after "the provincial capital of".
"""

import datetime

from incidentwire.extract.pipeline import extract_record
from incidentwire.model import Incident, Report
from incidentwire.text import body_start, headline_end, match_dateline


def incident_of(text: str, published: str = "2024-05-14") -> Incident:
    record = extract_record(Report(id="t", text=text, published=published))
    assert record.incidents, f"no incident for: {text[:60]}"
    return record.incidents[0]


# --- where the report's own telling starts ---------------------------------------------------------


def test_a_headline_line_pasted_above_the_dateline_leaves_the_dateline_found():
    text = "Gunmen kill five at church in Dagestan\nMOSCOW - Gunmen killed five worshippers on Sunday."
    found = match_dateline(text)
    assert found is not None and found.group("name") == "MOSCOW"
    assert headline_end(text) == text.index("MOSCOW") == body_start(text)


def test_a_line_ending_in_a_full_stop_is_a_sentence_not_a_headline():
    assert headline_end("Police said five died.\nMOSCOW - A bomb went off.") == 0


def test_wire_copy_that_lost_its_dash_still_has_a_dateline():
    for text, name in (
        ("DIYARBAKIR, Turkey, July 27 Two soldiers were killed by a roadside bomb.", "DIYARBAKIR"),
        ("ANKARA Two Turkish soldiers were killed on Monday.", "ANKARA"),
        ("Islamabad, Pakistan (CNN)The death toll rose to 40 on Friday.", "Islamabad"),
    ):
        found = match_dateline(text)
        assert found is not None and found.group("name") == name, text


def test_a_capitalised_first_word_is_no_dateline_without_a_dash():
    assert match_dateline("THE rebel leader ordered the raid, the army said.") is None
    assert match_dateline("Gunmen killed four policemen on Monday.") is None


def test_the_headline_and_the_lead_giving_one_toll_are_one_figure_not_two():
    text = (
        "Nineteen dead as bombers strike police post in the east\n\n"
        "(AP) — At least 19 people were killed when two car bombs exploded at the gate of a police post in "
        "the provincial capital of Gardez on Monday, officials said.\n\n"
        "The provincial police chief was among the dead."
    )
    incident = incident_of(text, "2024-05-14")
    assert incident.killed.best == 19
    assert incident.city == "Gardez"


def test_a_dateline_after_a_headline_and_a_quote_still_opens_the_body():
    text = (
        "Bomber kills 31 in crowded park\n\n"
        '"They came for the families," a police officer said.\n\n'
        "LAHORE, Pakistan — At least 31 people were killed when a suicide bomber blew himself up in a "
        "crowded park in Lahore on Sunday, officials said.\n\n"
        "Most of the dead were women and children."
    )
    incident = incident_of(text, "2024-05-13")
    assert incident.killed.best == 31
    assert incident.city == "Lahore"


# --- the document's reading: what is background -------------------------------------------------------


def test_a_later_sentence_recalling_last_months_attack_in_a_relative_clause_gives_no_toll():
    text = (
        "MOSUL - A suicide car bomber struck a vegetable market on Saturday, killing seven people and wounding "
        "22, police said. Saturday's attack hit the same market where a truck bomb killed 40 people and "
        "wounded 90 last month."
    )
    incident = incident_of(text, "2024-05-12")
    assert (incident.killed.best, incident.wounded.best) == (7, 22)


def test_another_weekdays_attack_told_later_is_background():
    text = (
        "MAIDUGURI, Nigeria - A teenage suicide bomber killed 18 people at a cattle market on Tuesday, "
        "witnesses said. The market is where two bombers on Saturday detonated explosives that killed 45 "
        "people."
    )
    assert incident_of(text, "2024-05-15").killed.best == 18


def test_another_weekdays_claim_is_not_this_attacks_perpetrator():
    text = (
        "GARDEZ - Gunmen stormed a police compound on Sunday, killing nine officers, and the Taliban claimed "
        "the attack. Daesh claimed responsibility for a bombing at a mosque in Kabul on Thursday."
    )
    names = [p.name for p in incident_of(text, "2024-05-13").perpetrators]
    assert any("Taliban" in n for n in names)
    assert not any("Islamic State" in n for n in names)


def test_a_running_toll_told_since_then_is_not_the_toll():
    text = (
        "Two soldiers were killed when rebels attacked an army post in Hakkari province on Friday night, "
        "security sources said. The group resumed its campaign in 2015. Since then, more than 600 members of "
        "the security forces have been killed and over 5,000 rebels killed in operations across the region."
    )
    incident = incident_of(text, "2024-05-11")
    assert incident.killed.best == 2
    assert incident.killed_perpetrators.best is None


def test_a_toll_of_separate_clashes_is_not_this_attacks():
    text = (
        "A civilian was killed and three police officers wounded when a gunman fired on them in a cafe in "
        "the town of Khasavyurt on Thursday, officials said. Four suspected militants were shot dead and "
        "seven officers were wounded in three separate clashes on Tuesday."
    )
    incident = incident_of(text, "2024-05-10")
    assert (incident.killed.best, incident.wounded.best) == (1, 3)


def test_a_previously_unknown_group_still_claims_the_attack():
    text = (
        "MUMBAI - Gunmen attacked a railway station and two hotels on Wednesday, killing at least 60 people. "
        "The attackers fired on travellers at the station. A previously unknown group calling itself the "
        "Deccan Mujahideen claimed responsibility in emails to news outlets."
    )
    incident = incident_of(text, "2024-05-16")
    assert any("Deccan Mujahideen" in p.name and p.claimed for p in incident.perpetrators)


def test_a_claim_before_a_semicolon_stands_though_the_clause_after_it_is_history():
    text = (
        "KARACHI - Gunmen stormed a police office on Friday night, and four people were killed before the "
        "siege ended. The Tehreek-e-Taliban Pakistan said it had carried out the raid; over the past several "
        "months the group has repeatedly targeted the police."
    )
    incident = incident_of(text, "2024-05-11")
    assert any("Taliban" in p.name and p.claimed for p in incident.perpetrators)


# --- who the dead are ---------------------------------------------------------------------------------


def test_the_names_after_a_counted_noun_are_the_counted_dead():
    text = (
        "Two policemen, Ali Raza and Imran Baig, were killed when militants ambushed their patrol in "
        "Dera Ismail Khan on Monday, officials said."
    )
    assert incident_of(text, "2024-05-14").killed.best == 2


def test_a_second_noun_with_its_own_wound_word_is_wounded_not_dead():
    text = (
        "A shopkeeper was killed and four soldiers wounded when a gunman opened fire on a checkpoint in "
        "Kizlyar on Thursday, officials said."
    )
    incident = incident_of(text, "2024-05-17")
    assert (incident.killed.best, incident.wounded.best) == (1, 4)


# --- places -------------------------------------------------------------------------------------------


def test_the_town_of_the_region_is_the_town_not_the_region():
    # "the Dagestan city of Kizlyar": Kizlyar is the city, Dagestan where it lies; the filing city is Moscow
    text = (
        "Gunmen attack churchgoers in southern Russia\n"
        "MOSCOW - A gunman opened fire on people leaving a service at a church in the predominantly Muslim "
        "Dagestan region on Sunday, killing four. The shooting happened in the Dagestan city of Kizlyar."
    )
    incident = incident_of(text, "2024-05-13")
    assert (incident.country, incident.city) == ("Russia", "Kizlyar")


def test_a_northern_city_named_by_its_peoples_word_names_no_city():
    text = (
        "A suicide car bomber struck a market in a northern Iraqi city on Saturday, killing nine people. "
        "The attack in the city of Tal Afar killed mostly shoppers."
    )
    assert incident_of(text, "2024-05-12").city in ("Tall Afar", "Tal Afar")


def test_a_town_beside_the_attack_is_the_city_gtd_names():
    text = (
        "At least nine soldiers were killed in an attack on an army base near Boulikessi, army sources said. "
        "No group has claimed the assault, an officer said in Bamako."
    )
    incident = incident_of(text, "2024-05-14")
    assert (incident.country, incident.city) == ("Mali", "Boulikessi")


def test_a_town_named_elsewhere_in_the_telling_beats_the_filing_city():
    text = (
        "OUAGADOUGOU, Burkina Faso (AP) — At least 11 soldiers were killed in northern Burkina Faso when "
        "their vehicles hit land mines, the army said. The explosions took place in the Bam area, the army "
        "said. The first vehicle hit a bomb near the town of Namsiguia."
    )
    assert incident_of(text, "2024-05-14").city == "Namsiguia"


def test_a_state_named_as_the_place_is_not_a_small_town_of_that_name():
    text = (
        "POWAY, United States - A gunman opened fire at a synagogue in California on Saturday, killing one "
        "person and wounding three. The shooting in the town of Poway came as worshippers marked a holiday."
    )
    incident = incident_of(text, "2024-05-12")
    assert (incident.admin1, incident.city) == ("California", "Poway")


def test_a_foreign_ministry_condemning_does_not_move_the_attack_abroad():
    text = (
        "BAMAKO - Gunmen stormed a hotel on Friday, and the siege ended with 20 dead, the president said. "
        "The dead included three engineers of a Chinese state firm. China's foreign ministry condemned the "
        "killing of its citizens. France has about 3,000 troops in Mali, deployed after Islamist groups "
        "seized the north in 2012."
    )
    assert incident_of(text, "2024-05-11").country == "Mali"


def test_a_recalled_attack_elsewhere_does_not_pull_the_city_to_the_capital():
    text = (
        "KULOWALE, Somalia – Gunmen opened fire at a school gathering in Somalia on Tuesday, killing six "
        "people, police said. The shooting in the town of Kulowale sent parents running. On Sunday, a truck "
        "bomb in Mogadishu killed dozens of people."
    )
    assert incident_of(text, datetime.date(2024, 5, 15).isoformat()).city == "Kulowale"


# --- pages as a feed or a scrape delivers them -----------------------------------------------------


def test_a_standfirst_adding_to_a_lost_headline_is_not_the_lead():
    text = (
        "Another 30 were hurt as the bomb tore through the queue.\n\n"
        "A militant faction has claimed responsibility for an attack in the provincial capital that killed 19 "
        "people and wounded 30 at a passport office on Tuesday."
    )
    assert headline_end(text) == text.index("A militant")
    assert incident_of(text).killed.best == 19


def test_a_dateline_with_its_region_and_day_opens_the_body():
    found = match_dateline("Headline here\nGAROWE, Somalia, Mar 3 – Fighters overran a base on Sunday.")
    assert found is not None and (found.group("name"), found.group("region")) == ("GAROWE", "Somalia")


def test_a_blank_line_ends_a_sentence_so_a_headline_toll_is_not_added_to_the_lead():
    text = (
        "NEWS\nLorry ploughs into festival crowd, killing six\n\n\n\n"
        "Six people were killed and 40 injured when a lorry was driven into a festival crowd in Lyon on Friday "
        "evening, prosecutors said.\n\nThe driver was arrested at the scene."
    )
    incident = incident_of(text, "2024-05-18")
    assert (incident.killed.best, incident.wounded.best) == (6, 40)


def test_a_bylines_date_is_no_count_of_people():
    text = (
        "Gunmen storm a wedding hall\nBy our correspondent, June 3, 2024\n"
        "Thirty people have been killed in an attack on a wedding hall in Kano, police said."
    )
    assert incident_of(text, "2024-06-03").killed.best == 30


def test_a_photo_caption_is_clutter_not_the_report():
    from incidentwire.read.clutter import mask_clutter

    text = "[Photo caption: Mourners outside the hall on Sunday. © Agency]\n\nTwelve people were killed on Sunday."
    masked = mask_clutter(text)
    assert "Mourners" not in masked and "Twelve people were killed" in masked and len(masked) == len(text)


def test_a_menu_line_above_the_lead_does_not_date_the_attack():
    text = (
        "THE VALLEY POST\n"
        "Home  News  National  Politics  Business  Sports  Opinion  Obituaries\nSaturday, June 17, 2023\n\n"
        "At least 20 people were killed when rebels attacked a boarding school in Bundibugyo on Friday night, "
        "police said.\n\nSoldiers were pursuing the attackers."
    )
    incident = incident_of(text, "2023-06-17")
    assert (incident.date, incident.killed.best) == ("2023-06-16", 20)


def test_a_killers_deed_is_dated_by_the_attack_they_carried_out():
    text = (
        "A suicide bomber killed 12 people at a bus stop in Kabul on Monday. A rally a year ago was attacked "
        "by bombers who killed 80 people."
    )
    assert incident_of(text, "2024-07-24").killed.best == 12
