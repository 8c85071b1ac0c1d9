"""classify_types: GTD attack, target and weapon types (primary first) and the suicide flag."""

import datetime
import re

import pytest
from conftest import FOUNDING_REPORT
from spacy.tokens import Span

from incidentwire.extract.spans import Context
from incidentwire.extract.types import classify_types
from incidentwire.nlp import get_nlp

FOUNDING = FOUNDING_REPORT


def types_of(text: str):
    return classify_types(Context(doc=get_nlp()(text), published=datetime.date(2013, 5, 7), report_id="t"))


def test_founding_report_is_armed_assault_and_bombing_on_police_with_a_suicide_bomber():
    if not FOUNDING.exists():
        pytest.skip("shared data not mounted")
    t = types_of(FOUNDING.read_text(encoding="utf-8"))
    assert {"Armed Assault", "Bombing/Explosion"} <= set(t.attack_types.value)
    assert t.target_types.value[0] == "Police"
    assert {"Firearms", "Explosives"} <= set(t.weapon_types.value)
    assert t.suicide.value is True


def test_roadside_bomb_on_police_patrol_is_a_bombing_with_explosives_against_police():
    t = types_of(
        "A roadside bomb detonated near a police patrol in Baghdad city, Iraq. "
        "One police officer was injured in the blast."
    )
    assert t.attack_types.value[0] == "Bombing/Explosion"
    assert t.weapon_types.value == ["Explosives"]
    assert t.target_types.value[0] == "Police"
    assert t.suicide.value is False


def test_bombing_outranks_armed_assault_and_weapons_follow_the_primary_attack():
    t = types_of("Gunmen opened fire on a military checkpost and then detonated a car bomb, killing two soldiers.")
    assert t.attack_types.value[:2] == ["Bombing/Explosion", "Armed Assault"]
    assert t.weapon_types.value[:2] == ["Explosives", "Firearms"]
    assert t.target_types.value[0] == "Military"


def test_kidnapping_outranks_armed_assault():
    t = types_of("Gunmen opened fire on a convoy and abducted two aid workers in Kunar province.")
    assert t.attack_types.value[0] == "Hostage Taking (Kidnapping)"
    assert "Armed Assault" in t.attack_types.value


def test_hostages_held_in_a_seized_building_make_a_barricade_incident():
    t = types_of(
        "Militants gained control of a police station in Bannu, taking hostages "
        "in order to bargain with the authorities."
    )
    assert t.attack_types.value[0] == "Hostage Taking (Barricade Incident)"
    assert t.target_types.value[0] == "Police"


def test_arson_on_a_school_is_a_facility_attack_with_incendiary_weapons():
    t = types_of("Assailants set fire to a girls' school in Chilas overnight. No one was hurt.")
    assert t.attack_types.value[0] == "Facility/Infrastructure Attack"
    assert t.weapon_types.value[0] == "Incendiary"
    assert t.target_types.value[0] == "Educational Institution"


def test_responders_who_speak_or_act_are_not_the_target():
    t = types_of("Police said an explosive device detonated outside a mosque in Quetta, killing three worshippers.")
    assert t.target_types.value[0] == "Religious Figures/Institutions"


def test_victims_class_decides_the_target_when_no_place_is_named():
    t = types_of("A bomb exploded in Kabul, killing two soldiers.")
    assert t.target_types.value == ["Military"]


def test_target_types_carry_the_words_that_prove_them():
    text = "Assailants fired rockets at a telecom tower in Panjgur."
    t = types_of(text)
    assert t.target_types.value[0] == "Telecommunication"
    assert [text[s:e] for s, e in t.target_spans["Telecommunication"]] == ["telecom tower"]


def test_place_names_containing_cue_words_are_not_targets():
    t = types_of("A roadside bomb detonated in Baqubah city, Diyala governorate, Iraq. One person was killed.")
    assert t.target_types.value[0] == "Private Citizens & Property"


def test_attack_spans_quote_the_cue_words():
    text = "Gunmen shot dead a shopkeeper in Peshawar."
    t = types_of(text)
    assert "Armed Assault" in t.attack_types.value
    assert {text[s:e] for s, e in t.attack_spans["Armed Assault"]} >= {"Gunmen"}
    assert t.weapon_types.value[0] == "Firearms"


@pytest.mark.parametrize(
    "text",
    [
        "A suicide bomber blew himself up at a checkpoint in Bannu.",
        "The attacker detonated his suicide vest near the gate of the compound.",
        "A suicide attack on a police station in Dera Ismail Khan killed four officers.",
    ],
)
def test_suicide_cues_make_suicide_true(text):
    assert types_of(text).suicide.value is True


def test_hedged_suicide_is_unknown_not_true():
    t = types_of("Officials said the blast near the market was a suspected suicide attack.")
    assert t.suicide.value is None
    assert t.suicide.spans  # the hedged cue is still shown


def test_suicide_in_another_sense_is_not_a_suicide_attack():
    t = types_of("Gunmen shot a shopkeeper in Lahore; his brother had committed suicide last year.")
    assert t.suicide.value is False


def test_text_with_no_attack_gives_unknown_types_and_no_suicide_claim():
    t = types_of("The cricket match in Karachi drew a large crowd on Saturday.")
    assert t.attack_types.value == ["Unknown"]
    assert t.weapon_types.value == ["Unknown"]
    assert t.suicide.value is None


def test_forces_named_as_taking_part_in_the_operation_are_responders_not_targets():
    t = types_of(
        "Militants stormed a police station in Karachi and a suicide bomber blew himself up. "
        "The operation involved Rangers and army commandos."
    )
    assert t.target_types.value[0] == "Police"
    assert "Military" not in t.target_types.value


def test_bomb_at_a_named_officials_vehicle_is_an_assassination_and_a_bombing():
    t = types_of(
        "An explosive device detonated near the vehicle of Mohammad Lal Hakimi in Marja district. "
        "Hakimi, the Marja District Attorney, was killed in the blast."
    )
    assert t.attack_types.value[:2] == ["Assassination", "Bombing/Explosion"]
    assert t.target_types.value[0] == "Government (General)"


def test_shooting_an_unnamed_council_member_is_an_assassination_of_government():
    t = types_of("Gunmen opened fire on a Riyadh area council member in Kirkuk, Iraq. The council member was killed.")
    assert t.attack_types.value[0] == "Assassination"
    assert "Armed Assault" in t.attack_types.value
    assert t.target_types.value[0] == "Government (General)"


def test_a_sector_word_in_the_role_decides_the_assassinated_persons_sector():
    t = types_of("A roadside bomb detonated near a police chief's convoy in Kirkuk city, Iraq.")
    assert t.attack_types.value[0] == "Assassination"
    assert t.target_types.value[0] == "Police"


def test_a_role_holder_listed_among_the_dead_is_not_an_assassination():
    t = types_of(
        "A suicide bomber blew himself up in a crowded market in Quetta. "
        "The dead included a local official and nine shoppers."
    )
    assert "Assassination" not in t.attack_types.value


def test_an_attack_on_a_leaders_brother_is_not_an_assassination():
    t = types_of("Gunmen opened fire on the brother of a party leader in Karachi.")
    assert "Assassination" not in t.attack_types.value


def test_setting_named_vehicles_on_fire_is_a_facility_attack():
    t = types_of("Assailants set two vehicles on fire in Nein village, Israel.")
    assert t.attack_types.value[0] == "Facility/Infrastructure Attack"
    assert t.weapon_types.value[0] == "Incendiary"


def test_attack_with_no_method_that_only_damaged_property_is_a_facility_attack():
    t = types_of(
        "Assailants attacked an oil pipeline in Marib governorate, Yemen. "
        "There were no reported casualties; however, the pipeline was damaged."
    )
    assert t.attack_types.value == ["Facility/Infrastructure Attack"]
    assert t.target_types.value[0] == "Utilities"


def test_a_school_used_as_a_polling_station_is_a_government_target():
    t = types_of(
        "Assailants threw a grenade at a girls' school in Nushki district. "
        "The school was a proposed polling station for the upcoming election."
    )
    assert t.target_types.value[0] == "Government (General)"


# --- news-style reports: only this attack's own sentences add types -----------------------------


def test_earlier_attack_dated_by_year_adds_no_type_or_suicide():
    t = types_of(
        "Gunmen opened fire on a bus in Quetta on Tuesday, killing six passengers. "
        "In 2009, a suicide bomber blew up a car at the same depot."
    )
    assert t.attack_types.value == ["Armed Assault"]
    assert t.weapon_types.value == ["Firearms"]
    assert t.suicide.value is False


def test_group_history_told_with_last_year_adds_no_type():
    t = types_of(
        "A bomb exploded at a vegetable market in Parachinar on Friday, killing 12 people. "
        "Last year, the group kidnapped two engineers and set fire to a girls' school."
    )
    assert t.attack_types.value == ["Bombing/Explosion"]
    assert t.weapon_types.value == ["Explosives"]


def test_reprisal_phrase_adds_no_type():
    t = types_of(
        "A car bomb exploded outside a church in Jos on Sunday, killing eight worshippers. "
        "A minister said the attack was carried out in retaliation for the shootings at a mosque."
    )
    assert t.attack_types.value == ["Bombing/Explosion"]


def test_security_forces_firing_is_the_response_not_an_armed_assault():
    t = types_of(
        "A suicide bomber blew himself up at a checkpoint outside Mogadishu on Monday, killing "
        "five people. Troops opened fire on the crowd after the explosion."
    )
    assert t.attack_types.value == ["Bombing/Explosion"]
    assert t.weapon_types.value == ["Explosives"]


def test_attackers_shot_by_police_is_no_armed_assault():
    t = types_of(
        "A bomber detonated explosives at the gate of a court in Peshawar, wounding four people. "
        "The attackers were shot by police before they could enter."
    )
    assert "Armed Assault" not in t.attack_types.value


def test_denied_second_explosion_and_gunmen_add_nothing():
    t = types_of(
        "A suicide bomber struck a queue outside the passport office in Kabul on Thursday. "
        "Officials said there had been no gunmen and no second blast."
    )
    assert t.attack_types.value == ["Bombing/Explosion"]
    assert t.weapon_types.value == ["Explosives"]


def test_fire_caused_by_a_blast_is_no_facility_attack_or_incendiary_weapon():
    t = types_of(
        "A truck packed with explosives blew up at a busy junction in Baidoa, killing 20 people "
        "and setting cars and stalls ablaze."
    )
    assert t.attack_types.value == ["Bombing/Explosion"]
    assert t.weapon_types.value == ["Explosives"]


def test_fire_set_by_the_attackers_stays_incendiary():
    t = types_of("Gunmen stormed a village near Maiduguri, opened fire on residents and set fire to dozens of homes.")
    assert "Facility/Infrastructure Attack" in t.attack_types.value
    assert "Incendiary" in t.weapon_types.value


def test_assault_on_the_office_of_the_police_chief_is_no_assassination():
    t = types_of(
        "Militants armed with rifles and grenades stormed the office of the police chief in "
        "Quetta on Friday, killing four policemen."
    )
    assert "Assassination" not in t.attack_types.value
    assert t.target_types.value[0] == "Police"


def test_army_run_school_is_an_educational_target():
    t = types_of("Gunmen attacked an army-run school in Kohat on Tuesday, killing 30 pupils.")
    assert t.target_types.value == ["Educational Institution"]


def test_students_of_an_attacked_college_count_as_the_college():
    t = types_of("Gunmen killed 40 people, most of them students, during an assault on a college in Mubi on Wednesday.")
    assert t.target_types.value == ["Educational Institution"]


def test_hostages_held_inside_a_hotel_make_a_barricade_incident():
    t = types_of("Gunmen stormed a hotel in Bamako on Friday and were holding hostages inside, officials said.")
    assert t.attack_types.value[0] == "Hostage Taking (Barricade Incident)"


def test_rally_of_a_violent_party_is_a_violent_political_party_target():
    t = types_of(
        "An explosive device detonated at a Pakistan Peoples Party (PPP) election rally in Larkana city, "
        "Sindh province, Pakistan. Three people were killed in the blast."
    )
    assert t.target_types.value[0] == "Violent Political Party"


def test_rally_of_a_party_not_coded_violent_stays_government():
    t = types_of(
        "An explosive device detonated at an election rally in Larkana city, Sindh province, Pakistan. "
        "Three people were killed in the blast."
    )
    assert t.target_types.value[0] == "Government (General)"


def test_explosives_laden_vehicle_is_the_weapon_not_the_target():
    t = types_of("An explosives-laden vehicle was discovered and defused in Kirkuk city, Iraq.")
    assert t.target_types.value == ["Unknown"]


def test_car_bomb_outside_city_hall_targets_the_government():
    t = types_of(
        "An explosives-laden vehicle detonated outside City Hall in Tikrit city, Iraq. "
        "Six civilians were killed in the blast."
    )
    assert t.target_types.value[0] == "Government (General)"


def test_bomb_going_off_on_its_makers_has_unknown_target():
    t = types_of(
        "Two individuals were killed when the explosive device they were attempting to plant "
        "detonated prematurely in Chora district, Afghanistan."
    )
    assert t.target_types.value == ["Unknown"]


def test_bomb_in_a_town_with_no_target_named_is_a_public_area_attack():
    t = types_of(
        "An explosive device detonated in the Latifiya area of Baghdad city, Iraq. No further information is available."
    )
    assert t.target_types.value == ["Private Citizens & Property"]


def test_generic_outpost_belongs_to_the_force_whose_members_were_killed():
    t = types_of(
        "Gunmen attacked an outpost near the border crossing in Anbar province, Iraq. "
        "Three policemen were killed in the attack."
    )
    assert t.target_types.value[0] == "Police"


def test_military_rank_of_a_police_officer_keeps_the_police_sector():
    t = types_of(
        "An explosive device detonated near a police convoy in Mosul city, Iraq. One police officer, "
        "Lieutenant Colonel Ahmed Saleh, was killed in the blast."
    )
    assert t.target_types.value[0] == "Police"


def test_land_mine_is_a_weapon_not_a_mining_business():
    t = types_of("A land mine detonated in the Loti area of Dera Bugti town, Pakistan. One civilian was killed.")
    assert t.target_types.value[0] == "Private Citizens & Property"


def test_title_inside_a_village_name_is_no_prominent_target():
    t = types_of(
        "Assailants attempted to kidnap polling staff at a polling station in Sheikh Jabbar village, Pakistan."
    )
    assert t.target_types.value[0] == "Government (General)"


def test_person_the_attack_is_attributed_to_is_no_target():
    t = types_of(
        "An explosives-laden vehicle detonated outside the post office in Hatay town, Turkey. Authorities "
        "attributed the attack to Ali Kaya, the leader of a local gang."
    )
    assert t.target_types.value[0] == "Government (General)"


# --- cue phrases: one pass of plain Python must find what spaCy's Matcher found with the same phrases ---

CUE_TEXTS = [
    "Militants set two vehicles and a house on fire in Kandahar. Suicide bombers detonated explosives-laden cars.",
    "The gunmen set up a camp. Later on fire were three shops, police said.",  # '...' starts no sentence
    "Attackers set the old red wooden police station of the small northern village on fire.",  # 11 words
    "Attackers set the red wooden police station of the small northern village on fire.",  # 10 words
    "A roadside bombing killed a police officer and wounded the deputy governor of Helmand province.",
    "Gunmen holding five people hostage barricaded themselves inside the Pakistan People's Party office.",
    "The bomb exploded prematurely while planting it near a girls' school, a year after previous bombings.",
    "Rockets and mortars hit the army headquarters; an AK-47-wielding sniper shot a polling station worker.",
]


def _spacy_cue_matcher(tests: tuple) -> list[dict]:
    """The token pattern spaCy's Matcher was given for a cue phrase before issue 6."""
    from incidentwire.extract import types

    kinds = {
        types.EXACT: lambda w: {"LOWER": w},
        types.PREFIX: lambda w: {"LOWER": {"REGEX": "^" + re.escape(w)}},
        types.GAP: lambda w: {"IS_SENT_START": False, "OP": "{0,10}"},
    }
    return [kinds[kind](word) for kind, word in tests]


def test_cue_spans_match_what_spacys_matcher_finds_with_the_same_phrases():
    from spacy.matcher import Matcher
    from spacy.util import filter_spans

    from incidentwire.extract.types import CUE_LISTS, cue_index, cue_spans

    nlp = get_nlp()
    matchers = {name: Matcher(nlp.vocab) for name in CUE_LISTS}
    for pattern in cue_index().patterns:
        matchers[pattern.cue_list].add(pattern.label, [_spacy_cue_matcher(pattern.tests)])
    texts = CUE_TEXTS + ([FOUNDING.read_text(encoding="utf-8")] if FOUNDING.exists() else [])
    for doc in nlp.pipe(texts):
        for name, matcher in matchers.items():
            spacy_spans = filter_spans([Span(doc, s, e, label=k) for k, s, e in matcher(doc)])
            expected = [(s.label_, s.start, s.end) for s in sorted(spacy_spans, key=lambda s: s.start)]
            assert [(s.label_, s.start, s.end) for s in cue_spans(doc, name)] == expected, (name, doc.text)


def test_a_gap_phrase_spans_up_to_ten_words_of_one_sentence():
    from incidentwire.extract.types import cue_spans

    nlp = get_nlp()
    texts = [s.text for s in cue_spans(nlp(CUE_TEXTS[0]), "acts")]
    assert "set two vehicles and a house on fire" in texts
    assert not any(s.text.startswith("set") for d in nlp.pipe(CUE_TEXTS[1:3]) for s in cue_spans(d, "acts"))


def test_a_starred_cue_word_matches_longer_words():
    from incidentwire.extract.types import cue_spans

    doc = get_nlp()("Two bombings and a bomber's vest were reported.")
    assert {"bombings", "bomber"} <= {s.text.lower() for s in cue_spans(doc, "acts")}


def test_a_concert_venue_named_city_hall_is_a_business_not_the_government():
    types = types_of(
        "Gunmen burst into the Crocus City Hall concert venue near Moscow, shooting at people and killing at least 40."
    )
    # the people shot in the venue make it also a Private Citizens target (as the corpus's gold codes it)
    assert types.target_types.value == ["Business", "Private Citizens & Property"]


def test_whom_an_official_told_is_no_target():
    types = types_of(
        "Three churches were bombed on Sunday. The defence minister told parliament that the "
        "attacks were carried out by a local group."
    )
    assert "Government (General)" not in types.target_types.value


def test_an_attackers_kin_names_no_target():
    types = types_of(
        "Gunmen killed 148 people at Garissa University College. One of the gunmen was the son "
        "of a government official, the ministry said."
    )
    assert types.target_types.value == ["Educational Institution"]


def test_an_official_who_resigns_over_an_attack_is_no_target():
    types = types_of("The home minister resigned on Sunday after gunmen attacked the Taj Mahal Palace hotel.")
    assert types.target_types.value == ["Business"]


def test_being_trained_is_no_train():
    types = types_of("Gunmen who were trained in camps abroad attacked the hotel, killing 20 people.")
    assert "Transportation" not in types.target_types.value


def test_a_named_persons_kidnapping_told_without_a_weapon_is_done_with_firearms():
    """An assassination listed first must not hide the kidnapping's conventional weapon (GTD codes most
    kidnappings that name no weapon as Firearms)."""
    t = types_of("Assailants abducted Rahim Zadran, a district official, in Khost city. He was freed two days later.")
    assert "Hostage Taking (Kidnapping)" in t.attack_types.value
    assert t.weapon_types.value == ["Firearms"]
