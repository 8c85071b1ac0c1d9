"""Finding the incident's location (country, province, city, site) with the spans that prove it."""

import datetime
import math

import pytest
from conftest import FOUNDING_REPORT

from incidentwire.extract.places import find_location
from incidentwire.extract.spans import Context
from incidentwire.nlp import get_nlp


def locate(text: str, published=None):
    return find_location(Context(doc=get_nlp()(text), published=published, report_id="t")).value


def km(lat1, lon1, lat2, lon2):
    p = math.pi / 180
    a = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(a))


@pytest.mark.skipif(not FOUNDING_REPORT.exists(), reason="shared data not present")
def test_founding_report_is_karachi_police_office():
    text = FOUNDING_REPORT.read_text(encoding="utf-8")
    loc = locate(text, datetime.date(2023, 2, 18))
    assert (loc.country, loc.admin1, loc.city) == ("Pakistan", "Sindh", "Karachi")
    assert km(loc.latitude, loc.longitude, 24.86, 67.01) <= 30
    assert loc.site in ("KPO", "Karachi Police Office")
    assert all(text[s:e] == "Karachi" for s, e in loc.spans["city"])


def test_gtd_style_chain_gives_city_province_and_country():
    loc = locate(
        "05/08/2013: A suicide bomber detonated an explosive vest in a carpenter's workshop in "
        "Mosul city, Nineveh governorate, Iraq. One person was killed."
    )
    assert (loc.country, loc.admin1, loc.city, loc.geo_precision) == ("Iraq", "Nineveh", "Mosul", "city")


def test_area_inside_a_district_is_the_city():
    loc = locate(
        "Assailants detonated two explosive devices at a residence in Mamash Khel area, Bannu district, "
        "Khyber Pakhtunkhwa province, Pakistan."
    )
    assert loc.city.lower().startswith("mamash") and loc.admin1 == "Khyber Pakhtunkhwa"


def test_neighbourhood_of_a_city_gives_the_city():
    loc = locate("A roadside bomb detonated in the Saidiyah area of Baghdad city, Baghdad governorate, Iraq.")
    assert loc.city == "Baghdad"


def test_district_without_town_is_kept_as_written():
    loc = locate("A roadside bomb detonated near a tractor in Yahya Khil district, Paktika province, Afghanistan.")
    assert loc.city.lower().startswith("yahya khil") and loc.admin1 == "Paktika"


def test_background_city_does_not_replace_the_attack_city():
    loc = locate(
        "Gunmen opened fire on a police van in Peshawar on Monday, killing two constables. "
        "One of the constables was buried in his home town of Quetta, relatives said."
    )
    assert loc.city == "Peshawar" and loc.admin1 == "Khyber Pakhtunkhwa"


def test_village_missing_from_gazetteer_keeps_name_with_province_coordinates():
    loc = locate("Boko Haram fighters attacked Kawuriwa Ngala village, Borno state, Nigeria, killing 9.")
    assert loc.city == "Kawuriwa Ngala" and loc.admin1 == "Borno" and loc.country == "Nigeria"
    assert loc.geo_precision == "province" and loc.latitude is not None


def test_named_school_is_the_site():
    loc = locate("Militants blew up the Sufaid Middle School in Bajaur district, Pakistan, on Sunday.")
    assert loc.site == "Sufaid Middle School" and loc.country == "Pakistan"


def test_demonym_gives_country_when_no_place_is_named():
    loc = locate("Pakistani police said three attackers were killed in the raid.")
    assert loc.country == "Pakistan" and loc.city is None and loc.geo_precision == "country"


def test_text_without_places_has_no_location():
    loc = locate("Gunmen opened fire on a bus, killing four people.")
    assert loc.country is None and loc.city is None


# --- news-style reports ------------------------------------------------------------------------


def test_dateline_in_another_country_does_not_place_the_attack():
    loc = locate(
        "WASHINGTON - The Pentagon said on Friday that a suicide bomber struck a checkpoint at Kandahar "
        "airport on Thursday, killing 9 people.",
        datetime.date(2021, 9, 3),
    )
    assert (loc.country, loc.city) == ("Afghanistan", "Kandahar")


def test_upper_case_dateline_is_the_city_when_the_body_names_no_other_place():
    loc = locate(
        "KABUL - A suicide bomber killed 12 worshippers at a mosque on Friday, Afghan officials said.",
        datetime.date(2022, 4, 29),
    )
    assert (loc.country, loc.city) == ("Afghanistan", "Kabul")


def test_attack_town_beats_the_filing_city():
    loc = locate(
        "MAIDUGURI, Nigeria - Gunmen abducted 40 pupils from a school in the town of Damboa late on "
        "Tuesday, residents said.",
        datetime.date(2020, 2, 5),
    )
    assert (loc.country, loc.admin1, loc.city) == ("Nigeria", "Borno", "Damboa")


def test_historic_attack_in_another_city_is_background():
    loc = locate(
        "NAIROBI - Gunmen killed 30 people at a bus station in Mandera on Thursday. It was the worst "
        "attack since the 1998 bombing of the US embassy in Nairobi.",
        datetime.date(2016, 6, 3),
    )
    assert loc.city == "Mandera"


def test_attack_cited_as_motive_abroad_does_not_move_the_country():
    loc = locate(
        "COLOMBO - Suicide bombers struck three churches in Sri Lanka on Sunday, killing 250 people. "
        "The minister said the bombings were carried out in retaliation for the shootings at two mosques "
        "in Christchurch, New Zealand.",
        datetime.date(2019, 4, 24),
    )
    assert (loc.country, loc.city) == ("Sri Lanka", "Colombo")


def test_month_name_is_not_a_town():
    loc = locate(
        "WASHINGTON - The August 26 bombing at Kabul airport killed 170 Afghans, an inquiry found.",
        datetime.date(2022, 2, 4),
    )
    assert (loc.country, loc.city) == ("Afghanistan", "Kabul")


def test_country_used_as_adjective_does_not_outvote_the_attack_place():
    loc = locate(
        "KABUL - US officials said the blast at Kabul airport killed 13 US troops and dozens of Afghans.",
        datetime.date(2021, 8, 27),
    )
    assert (loc.country, loc.admin1, loc.city) == ("Afghanistan", "Kabul", "Kabul")


def test_district_with_a_same_named_city_gives_that_city_and_its_coordinates():
    loc = locate("Militants stormed a police station in Bannu district on Sunday and took six officers hostage.")
    assert loc.city == "Bannu" and loc.geo_precision == "city"
    assert km(loc.latitude, loc.longitude, 32.99, 70.60) <= 30


def test_possessive_country_is_dropped_from_the_district():
    loc = locate("A suicide bomber struck a political rally in Pakistan's Kurram district on Monday, killing 20.")
    assert loc.country == "Pakistan" and "Pakistan" not in (loc.city or "")


def test_place_named_in_a_site_name_is_the_city():
    loc = locate(
        "NAIROBI - Gunmen who killed 40 people at Garissa University College were trained abroad, the ministry said.",
        datetime.date(2015, 4, 8),
    )
    assert (loc.country, loc.city) == ("Kenya", "Garissa")


def test_venue_only_near_a_city_has_no_city():
    loc = locate("Gunmen attacked the Crocus City Hall near Moscow on Friday, killing 40 people in Russia.")
    assert loc.country == "Russia" and loc.city is None


def test_capital_of_a_country_is_its_capital_city():
    loc = locate("A truck bomb exploded at a busy junction in Somalia's capital on Saturday, killing 20 people.")
    assert (loc.country, loc.city) == ("Somalia", "Mogadishu")


def test_named_venue_with_hall_is_the_site():
    loc = locate("Gunmen opened fire in the Crocus City Hall concert venue on Friday, killing 40 people in Russia.")
    assert loc.site == "Crocus City Hall"


# --- news-style weighting classes ---------------------------------------------------------------


def test_demonyms_of_victims_do_not_outvote_the_dateline_and_attack_place():
    loc = locate(
        "BAGHDAD - A car bomb at Baghdad airport killed four American contractors and two British guards, "
        "US and British officials said.",
        datetime.date(2010, 5, 3),
    )
    assert (loc.country, loc.city) == ("Iraq", "Baghdad")


def test_targeted_foreign_embassy_does_not_move_the_country_away_from_a_big_dateline():
    loc = locate(
        "NAIROBI - Gunmen attacked the Italian embassy on Monday, wounding two guards.", datetime.date(2016, 3, 7)
    )
    assert (loc.country, loc.city) == ("Kenya", "Nairobi")


def test_country_of_the_attackers_origin_is_background():
    loc = locate(
        "LAHORE - Gunmen killed six people in Lahore on Friday. Police said one gunman was from Afghanistan. "
        "Afghanistan's foreign ministry denied any link.",
        datetime.date(2014, 6, 6),
    )
    assert (loc.country, loc.city) == ("Pakistan", "Lahore")


def test_area_of_a_city_gives_the_city():
    loc = locate(
        "QUETTA, Pakistan - A bomb went off in a market in the Hazara Town area of Quetta on Tuesday, killing 9.",
        datetime.date(2019, 4, 9),
    )
    assert (loc.city, loc.admin1) == ("Quetta", "Balochistan")


def test_urban_district_of_the_capital_gives_the_capital():
    loc = locate(
        "MOGADISHU - A car bomb exploded near a hotel in Somalia's capital on Sunday, killing 7. "
        "The blast hit a checkpoint in Wadajir district, police said.",
        datetime.date(2019, 7, 14),
    )
    assert (loc.country, loc.city) == ("Somalia", "Mogadishu")


def test_village_named_in_the_attack_phrase_beats_the_dateline():
    loc = locate(
        "MAIDUGURI - Boko Haram claimed the abduction of 40 pupils from Chibok last week, police said.",
        datetime.date(2015, 3, 2),
    )
    assert (loc.country, loc.admin1, loc.city) == ("Nigeria", "Borno", "Chibok")


def test_place_of_arrest_is_not_the_incident_place():
    loc = locate(
        "MOSCOW - Gunmen attacked a concert venue near Moscow on Friday, killing 40 people. Four suspects "
        "were caught in the Tver region the next day.",
        datetime.date(2024, 3, 23),
    )
    assert loc.country == "Russia" and loc.city is None and loc.admin1 != "Tver"


def test_capital_name_is_not_a_small_town_abroad_when_the_vote_goes_astray():
    from incidentwire.extract.place_votes import is_major_place_elsewhere
    from incidentwire.geo import Gazetteer

    assert is_major_place_elsewhere(Gazetteer.load(), "Kabul", "US")
    assert not is_major_place_elsewhere(Gazetteer.load(), "Peshawar", "PK")


def test_dateline_city_named_again_in_the_body_outweighs_countries_in_background():
    text = (
        "COLOMBO - The health ministry on Thursday revised the toll from the Easter bombings to 253. "
        "One of the bombers had studied in Britain and Australia, the deputy minister said. "
        "Most of the blasts hit Colombo and its suburbs."
    )
    location = locate(text)
    assert (location.country, location.city) == ("Sri Lanka", "Colombo")


def test_site_of_an_earlier_attack_recalled_in_background_is_not_the_site():
    text = (
        "PESHAWAR - A suicide bomber blew himself up inside a mosque in the Police Lines area of Peshawar on "
        "Monday, killing 28 people. It was the deadliest attack in the city since the 2014 Army Public School "
        "massacre, in which gunmen killed 149 people."
    )
    location = locate(text, published=datetime.date(2023, 1, 30))
    assert location.site != "Army Public School"


def test_bare_santiago_is_the_chilean_capital():
    loc = locate("Santiago, 29 mar 89 -- [text] terrorists bombed two banks in santiago last night.")
    assert loc.country == "Chile"


def test_bare_medellin_is_in_colombia():
    loc = locate("A judge was assassinated in Medellin today by a group of paid assassins.")
    assert (loc.country, loc.city) == ("Colombia", "Medellin")


def test_foreign_wire_dateline_yields_to_the_body_country():
    loc = locate(
        "MEXICO CITY, 12 nov 89 (afp) -- A bomb exploded today in San Salvador, the capital of El Salvador, "
        "killing three people in San Salvador."
    )
    assert loc.country == "El Salvador"


def test_country_name_is_not_a_same_named_town():
    loc = locate("Guerrillas attacked a military base in Colombia on Friday, killing four soldiers.")
    assert (loc.country, loc.city) == ("Colombia", None)


def test_dateline_city_stands_when_the_body_names_several_other_countries():
    loc = locate(
        "COLOMBO - Sri Lanka's health ministry on Thursday lowered the death toll from the Easter Sunday "
        "suicide bombings to 253. Officials said nine bombers, including a woman, had carried out the "
        "attacks, and that one of them had studied in Britain and Australia. Most of the blasts hit Colombo "
        "and its suburbs."
    )
    assert (loc.country, loc.city) == ("Sri Lanka", "Colombo")


def test_region_named_like_a_territory_stays_the_region():
    loc = locate("Settlers torched two cars in Zubeidat village, West Bank, West Bank and Gaza Strip, on Tuesday.")
    assert loc.admin1 == "West Bank"


# --- the attacked site, named or made distinct, read from the attack's sentence -------------------


def test_generic_landmark_with_a_distinguishing_modifier_is_the_site():
    text = "QUETTA - A roadside bomb struck a police patrol near the main bazaar in Quetta on Monday, killing 5 people."
    loc = locate(text)
    assert loc.site == "main bazaar"
    assert [text[s:e] for s, e in loc.spans["site"]] == ["main bazaar"]


@pytest.mark.parametrize(
    "text, site",
    [
        # a named landmark whose head noun is lower-case
        (
            "MOGADISHU - A truck bomb exploded at the busy Zoobe junction in Mogadishu on Saturday, killing 20 people. "
            "The blast destroyed the Safari hotel.",
            "Zoobe junction",
        ),
        # the Arabic article belongs to the name
        (
            "BAGHDAD - A car bomb parked near the entrance of al-Kindi hospital in eastern Baghdad exploded on Monday, "
            "killing seven people.",
            "al-Kindi hospital",
        ),
        # a landmark of a landmark keeps its owner
        (
            "A suicide bomber struck outside the Kabul airport's Abbey Gate on Thursday, killing 170 people.",
            "Kabul airport's Abbey Gate",
        ),
    ],
)
def test_the_attacked_landmark_is_the_site(text, site):
    assert locate(text).site == site


def test_kind_of_landmark_without_a_name_is_no_site():
    loc = locate("A bomb exploded in a Shiite mosque in Quetta on Friday, killing 5 worshippers.")
    assert loc.site is None


def test_hospital_the_wounded_were_taken_to_is_not_the_site():
    loc = locate(
        "Gunmen opened fire on a police van in Peshawar, killing two; the wounded were taken to Lady Reading hospital."
    )
    assert loc.site is None
