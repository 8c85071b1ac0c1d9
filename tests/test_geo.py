"""The offline gazetteer: spelling variants, provinces and districts, countries and demonyms."""

import pytest

from incidentwire.geo import Gazetteer, similar_names
from incidentwire.geo import gazetteer as gazetteer_module


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def test_lookup_finds_karachi_in_sindh(gazetteer):
    place = gazetteer.lookup("Karachi")[0]
    assert (place.name, place.kind, place.country, place.admin1) == ("Karachi", "city", "Pakistan", "Sindh")


def test_lookup_ignores_spaces_case_and_suffixes(gazetteer):
    assert gazetteer.lookup("Miranshah")[0].name == "Miran Shah"
    assert gazetteer.lookup("miran shah town")[0].name == "Miran Shah"
    assert gazetteer.lookup("Mosul city", "IQ")[0].name == "Mosul"


def test_lookup_puts_requested_country_first(gazetteer):
    assert gazetteer.lookup("Hyderabad", "PK")[0].country_code == "PK"
    assert gazetteer.lookup("Hyderabad", "IN")[0].country_code == "IN"


def test_fuzzy_lookup_matches_transliterations(gazetteer):
    assert any(p.name == "Qaisar" for p in gazetteer.fuzzy_lookup("Qaysar", "AF"))
    assert any(p.name == "Miran Shah" for p in gazetteer.fuzzy_lookup("Miranshah", "PK"))


def test_similar_names_accepts_road_and_bazaar_spellings():
    assert similar_names("Sharah-e-Faisal", "Shahrah-e-Faisal")
    assert similar_names("Sadar", "Saddar")
    assert not similar_names("Karachi", "Quetta")


@pytest.mark.parametrize(
    "word, country",
    [
        ("Pakistan", "Pakistan"),
        ("Pakistani", "Pakistan"),
        ("Iraqi", "Iraq"),
        ("Afghan", "Afghanistan"),
        ("Filipino", "Philippines"),
        ("West Bank and Gaza Strip", "Palestinian Territory"),
    ],
)
def test_country_resolves_names_and_demonyms(gazetteer, word, country):
    assert gazetteer.country(word).name == country


@pytest.mark.parametrize(
    "alias, name",
    [
        ("KP", "Khyber Pakhtunkhwa"),
        ("NWFP", "Khyber Pakhtunkhwa"),
        ("Khyber Pakhtunkhwa", "Khyber Pakhtunkhwa"),
        ("FATA", "Federally Administered Tribal Areas"),
        ("Salahuddin", "Saladin"),
        ("Al Anbar", "Anbar"),
        ("Ninewa", "Nineveh"),
        ("Balochistan", "Balochistan"),
        ("Borno", "Borno"),
        ("Helmand", "Helmand"),
        ("Lakki Marwat", "Lakki Marwat"),
        ("North Waziristan", "North Waziristan"),
    ],
)
def test_admin1_resolves_provinces_districts_and_aliases(gazetteer, alias, name):
    assert gazetteer.admin1(alias).name == name


def test_admin1_returns_none_for_a_city_only_name(gazetteer):
    assert gazetteer.admin1("Mosul", "IQ") is None


def test_a_second_load_reads_the_cache_and_builds_nothing(monkeypatch):
    # what makes a load cheap is that it reads the cached index, not how long a busy machine takes
    Gazetteer.load()  # builds and caches the index if this machine has none yet
    Gazetteer._loaded = None

    def no_build():
        raise AssertionError("the cached index was rebuilt")

    monkeypatch.setattr(gazetteer_module, "build_index", no_build)
    assert Gazetteer.load().lookup("Mogadishu")[0].country_code == "SO"


def test_capital_of_a_country(gazetteer):
    assert gazetteer.capital("SO").name == "Mogadishu"
    assert gazetteer.country_code_of("Afghan") == "AF"


def test_admin1_display_name_is_english_and_old_name_still_finds_it(gazetteer):
    assert gazetteer.lookup("Krasnogorsk", "RU")[0].admin1 == "Moscow Oblast"
    assert gazetteer.admin1("Moskovskaya", "RU").name == "Moscow Oblast"


@pytest.mark.parametrize(
    ("city", "code", "province"),
    [
        ("Mosul", "IQ", "Nineveh"),
        ("Tikrit", "IQ", "Saladin"),
        ("New Delhi", "IN", "Delhi"),
        ("Benghazi", "LY", "Benghazi"),
    ],
)
def test_provinces_are_shown_by_the_names_english_reports_use(gazetteer, city, code, province):
    assert gazetteer.lookup(city, code)[0].admin1 == province


def test_capital_ranks_above_a_same_named_province_abroad(gazetteer):
    place = gazetteer.lookup("santiago")[0]
    assert (place.kind, place.country_code) == ("city", "CL")


def test_big_city_ranks_above_a_same_named_small_municipality(gazetteer):
    place = gazetteer.lookup("medellin")[0]
    assert (place.kind, place.country_code) == ("city", "CO")


@pytest.mark.parametrize(
    "one, other",
    [("Abu Ghraib", "Abu Ghurayb"), ("Heet", "Hit"), ("Shegal district", "Shigal district"), ("Kisweh", "Kiswah")],
)
def test_similar_names_accepts_two_romanisations_of_one_name(one, other):
    assert similar_names(one, other)


@pytest.mark.parametrize("one, other", [("Karma", "Garma"), ("Sibi", "Swabi"), ("Kirkuk", "Karak"), ("Homs", "Hama")])
def test_similar_names_refuses_different_places_with_like_consonants(one, other):
    assert not similar_names(one, other)


def test_a_district_seat_is_named_by_its_district_not_geonames_administrative_word(gazetteer):
    """GeoNames calls it 'Alaqahdari Sarobi' (the district centre of Sarobi); reports say 'Sarobi'."""
    names = [p.name for p in gazetteer.lookup("Sarobi", "AF")]
    assert names and not any(n.startswith("Alaqahdari") for n in names)
