"""Finding the incident's location (country, province, city, site) with the spans that prove it."""
import datetime
import math
from pathlib import Path

import pytest

from incidentwire.extract.places import find_location
from incidentwire.extract.spans import Context
from incidentwire.nlp import get_nlp

FOUNDING_REPORT = Path("/work/shared/data/examples/karachi-kpo-2023/report.txt")


def locate(text: str, published=None):
    return find_location(Context(doc=get_nlp()(text), published=published, report_id="t")).value


def km(lat1, lon1, lat2, lon2):
    p = math.pi / 180
    a = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
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
    loc = locate("05/08/2013: A suicide bomber detonated an explosive vest in a carpenter's workshop in "
                 "Mosul city, Nineveh governorate, Iraq. One person was killed.")
    assert (loc.country, loc.admin1, loc.city, loc.geo_precision) == ("Iraq", "Ninawa", "Mosul", "city")


def test_area_inside_a_district_is_the_city():
    loc = locate("Assailants detonated two explosive devices at a residence in Mamash Khel area, Bannu district, "
                 "Khyber Pakhtunkhwa province, Pakistan.")
    assert loc.city.lower().startswith("mamash") and loc.admin1 == "Khyber Pakhtunkhwa"


def test_neighbourhood_of_a_city_gives_the_city():
    loc = locate("A roadside bomb detonated in the Saidiyah area of Baghdad city, Baghdad governorate, Iraq.")
    assert loc.city == "Baghdad"


def test_district_without_town_is_kept_as_written():
    loc = locate("A roadside bomb detonated near a tractor in Yahya Khil district, Paktika province, Afghanistan.")
    assert loc.city.lower().startswith("yahya khil") and loc.admin1 == "Paktika"


def test_background_city_does_not_replace_the_attack_city():
    loc = locate("Gunmen opened fire on a police van in Peshawar on Monday, killing two constables. "
                 "One of the constables was buried in his home town of Quetta, relatives said.")
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
