"""Places in long news reports: one test per kind of miss seen in real reports, each in our own words.

A report names many places that are not the attack's: countries that act or react, other attacks it
recalls, a person whose first name is a town, the desk it was filed from, where the wounded were taken.
"""

import datetime

from incidentwire.extract.places import find_location
from incidentwire.extract.spans import Context
from incidentwire.nlp import get_nlp


def locate(text: str, published=datetime.date(2021, 6, 20)):
    return find_location(Context(doc=get_nlp()(text), published=published, report_id="t")).value


def test_a_country_that_acts_or_reacts_is_not_where_it_happened():
    # the filing country speaks, denies and is urged; the attack's own city is named once
    loc = locate(
        "ISLAMABAD: Pakistan on Sunday rejected charges that it had any hand in Friday's suicide bombing in "
        "Kandahar that killed 14 people at a crowded market. Pakistan said the accusation was baseless and "
        "that Islamabad itself had lost thousands of citizens to terrorism. Pakistan also urged Kabul to share "
        "its evidence. Washington called on Pakistan to act against militant havens, and Pakistan promised "
        "to cooperate."
    )
    assert (loc.country, loc.city) == ("Afghanistan", "Kandahar")


def test_another_attack_recalled_later_in_the_report_does_not_place_this_one():
    # the recalled attack names a full 'city, province, country' chain; this one only its city
    loc = locate(
        "KABUL - A car bomb killed 20 people near the interior ministry in Kabul on Tuesday. The blast came a "
        "week after a suicide bomber struck a rally in Quetta, Balochistan, Pakistan, killing 25."
    )
    assert (loc.country, loc.city) == ("Afghanistan", "Kabul")


def test_a_first_name_that_is_also_a_place_is_not_a_place():
    # 'Sydney' is a city abroad; here it is the first name of an actress whose premiere drew the crowd
    loc = locate(
        "Fans were queueing for a Sydney Sweeney film premiere when a man stabbed three people outside the "
        "cinema in Lyon, police said."
    )
    assert (loc.country, loc.city) == ("France", "Lyon")


def test_a_place_in_an_institution_s_name_is_not_the_scene():
    # a victim's university names a state and a town; neither is where the attack happened
    loc = locate(
        "A student at the University of Texas, Austin, was among the 12 people killed when gunmen stormed a "
        "cafe in Nairobi on Friday."
    )
    assert (loc.country, loc.city) == ("Kenya", "Nairobi")


def test_a_bare_city_name_is_the_big_city_not_a_smaller_province_abroad():
    # 'Manchester' is also a Jamaican parish; the English city is far larger
    loc = locate(
        "A bomb went off outside a concert hall in Manchester on Monday night, killing 22 people, police said."
    )
    assert (loc.country, loc.city) == ("United Kingdom", "Manchester")


def test_a_name_made_of_two_joined_by_and_is_one_place():
    # 'Jammu and Kashmir' is the state, not the city of Jammu
    loc = locate(
        "NEW DELHI: Six soldiers were killed in a militant attack on an army post in Jammu and Kashmir's "
        "Kupwara district on Monday, the army said."
    )
    assert loc.admin1 == "Jammu and Kashmir"
    assert loc.city != "Jammu"


def test_a_us_dateline_with_a_state_abbreviation_places_the_attack_in_that_state():
    loc = locate(
        "DAYTON, Ohio - A gunman killed nine people outside a bar early Sunday before officers shot him "
        "dead. He wore body armour like that used in France by attackers in 2015, police said."
    )
    assert (loc.country, loc.admin1, loc.city) == ("United States", "Ohio", "Dayton")


def test_a_government_called_on_to_act_is_not_where_it_happened():
    # the report's only other country is a government asked to hand over the group's leaders
    loc = locate(
        "LIMA - Peru's government said on Friday that the rebels carried out the car bombing that killed nine "
        "cadets at a police school in the capital. The president called on Bolivia to arrest four commanders "
        "of the group who live in La Paz."
    )
    assert (loc.country, loc.city) == ("Peru", "Lima")


def test_a_capital_district_is_the_province_of_its_city():
    loc = locate("Gunmen stormed a hotel in Bamako, Mali, on Friday and took guests hostage.")
    assert (loc.country, loc.admin1, loc.city) == ("Mali", "Bamako", "Bamako")


def test_a_town_of_the_filing_country_wins_over_a_small_region_of_that_name_abroad():
    # 'Uri' is an Indian town and a Swiss canton; the dateline says which
    loc = locate("SRINAGAR - Militants stormed an army brigade headquarters in Uri before dawn on Sunday, killing 17.")
    assert (loc.country, loc.city) == ("India", "Uri")


def test_a_village_known_abroad_only_as_an_old_name_of_a_city_stays_in_the_filing_country():
    # 'Kalari' is also an old name of Cagliari; nothing in the report is Italian
    loc = locate("MAIDUGURI - Gunmen on motorcycles raided the village of Kalari overnight, killing 12 farmers.")
    assert (loc.country, loc.city) == ("Nigeria", "Kalari")


def test_a_major_city_abroad_still_wins_over_the_filing_desk():
    loc = locate("MEXICO CITY - A bomb exploded outside a bank in San Salvador on Monday, killing two guards.")
    assert loc.country == "El Salvador"
