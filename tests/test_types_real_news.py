"""Attack and weapon types in long news reports: one test per kind of miss seen in real reports, each
in our own words.

A report tells weapons carried, supplied or found that were never used, recalls earlier attacks, and
names people only remembered or addressed; a type needs an act of this attack as its evidence.
"""

import datetime

import pytest

from incidentwire.extract.spans import Context
from incidentwire.extract.types import classify_types
from incidentwire.nlp import get_nlp

VEHICLE = "Vehicle (not to include vehicle-borne explosives, i.e., car or truck bombs)"


def types_of(text: str, published=datetime.date(2018, 9, 20)):
    return classify_types(Context(doc=get_nlp()(text), published=published, report_id="t"))


def test_a_lorry_driven_through_a_crowd_is_an_unarmed_assault_with_a_vehicle():
    t = types_of(
        "A man drove a heavy lorry through a crowd at a street market on Saturday night, killing "
        "eleven people and injuring dozens, the police said."
    )
    assert t.attack_types.value == ["Unarmed Assault"]
    assert t.weapon_types.value == [VEHICLE]


def test_a_van_driven_into_shoppers_told_in_the_passive_is_a_ramming():
    t = types_of("Nine people died when a rented van was driven into shoppers on a busy avenue on Friday.")
    assert "Unarmed Assault" in t.attack_types.value
    assert VEHICLE in t.weapon_types.value


def test_a_truck_rammed_through_a_gate_is_a_ramming_but_a_truck_bomb_is_not():
    rammed = types_of("A man rammed a stolen truck through the gate of a barracks, injuring four guards.")
    bombed = types_of(
        "Militants drove an explosives-laden truck into the gate of a police compound, where it "
        "blew up, killing six officers."
    )
    assert "Unarmed Assault" in rammed.attack_types.value
    assert bombed.attack_types.value == ["Bombing/Explosion"]
    assert VEHICLE not in bombed.weapon_types.value


def test_an_inert_grenade_found_afterwards_is_no_bombing():
    t = types_of(
        "A man drove a truck into a crowd watching a parade, killing twenty people. He fired a "
        "handgun at officers before he was killed. Investigators found an inert grenade in the cab."
    )
    assert "Bombing/Explosion" not in t.attack_types.value
    assert "Explosives" not in t.weapon_types.value


def test_a_handgun_fired_at_officers_is_an_armed_assault():
    t = types_of(
        "A man drove a truck into a crowd watching a parade, killing twenty people. He fired a "
        "handgun at officers before he was killed."
    )
    assert set(t.attack_types.value) == {"Unarmed Assault", "Armed Assault"}
    assert "Firearms" in t.weapon_types.value


def test_explosives_only_carried_by_gunmen_who_opened_fire_make_no_bombing():
    t = types_of(
        "Weeks after gunmen armed with rifles and explosives opened fire on worshippers at a chapel, "
        "no arrest has been made."
    )
    assert t.attack_types.value == ["Armed Assault"]
    assert set(t.weapon_types.value) == {"Firearms", "Explosives"}


def test_a_pistol_supplied_to_the_attacker_is_not_a_weapon_of_the_attack():
    t = types_of(
        "A woman was killed when a van was driven into pedestrians on the bridge. Two men have "
        "been charged with supplying the driver with a pistol."
    )
    assert "Firearms" not in t.weapon_types.value


def test_an_attack_the_report_says_this_one_came_after_is_another_event():
    t = types_of(
        "A truck bomb exploded outside a ministry in the capital on Tuesday, killing 40 people. "
        "The bombing came two weeks after a gunman shot dead a senior judge outside his home."
    )
    assert t.attack_types.value == ["Bombing/Explosion"]
    assert t.weapon_types.value == ["Explosives"]


def test_an_earlier_month_told_with_when_is_another_event():
    t = types_of(
        "A bomb went off at a concert hall on Monday, killing 12. It was the second attack in the "
        "country this year after February, when a man stabbed two guards outside a palace."
    )
    assert t.attack_types.value == ["Bombing/Explosion"]
    assert "Melee" not in t.weapon_types.value


def test_a_sentence_opening_on_another_month_tells_another_attack():
    t = types_of(
        "A gunman opened fire on tourists at a lakeside resort on Friday, killing 17. "
        "In March, a suicide bomber killed nine soldiers at a border post.",
        published=datetime.date(2018, 6, 30),
    )
    assert t.attack_types.value == ["Armed Assault"]
    assert "Explosives" not in t.weapon_types.value


def test_the_governor_whose_death_the_crowd_marked_was_not_assassinated():
    t = types_of(
        "Two bombs tore through a crowd marking the anniversary of the death of Governor Ramon Ortiz, "
        "killing 30 mourners."
    )
    assert t.attack_types.value == ["Bombing/Explosion"]


def test_the_saint_a_shrine_is_named_for_was_not_assassinated():
    t = types_of("Militants attacked the shrine of Sheikh Ramon Ortiz in Esteli on Friday, killing 30 pilgrims.")
    assert "Assassination" not in t.attack_types.value


def test_a_president_sent_a_message_about_the_bombing_was_not_its_target():
    t = types_of(
        "A truck bomb killed 60 people in the capital on Monday. The prime minister condemned the "
        "bombing in a message to President Omar Haidari."
    )
    assert t.attack_types.value == ["Bombing/Explosion"]


def test_the_leader_an_attack_was_carried_out_for_is_not_its_target():
    t = types_of(
        "A gunman opened fire in a dance hall, killing 20 people. He told negotiators he was "
        "carrying out the attack for Abu Karim al-Tikriti, the leader of the group."
    )
    assert "Assassination" not in t.attack_types.value


def test_hostages_killed_at_a_restaurant_tell_a_barricade_not_a_kidnapping():
    t = types_of(
        "A student was among the 18 hostages killed by militants at a restaurant in the capital "
        "on Friday night, the foreign minister said."
    )
    assert t.attack_types.value == ["Hostage Taking (Barricade Incident)"]


def test_police_blasting_through_a_wall_is_the_response_not_a_bombing():
    t = types_of(
        "A gunman opened fire inside a nightclub and held people hostage for three hours before "
        "police blasted through a wall with an armoured vehicle and killed him."
    )
    assert "Bombing/Explosion" not in t.attack_types.value
    assert "Explosives" not in t.weapon_types.value


def test_cars_set_alight_by_gunmen_who_killed_worshippers_are_incendiary_not_a_facility_attack():
    t = types_of(
        "Gunmen opened fire on worshippers leaving a chapel, killing 40. Six cars parked outside were set alight."
    )
    assert "Incendiary" in t.weapon_types.value
    assert "Facility/Infrastructure Attack" not in t.attack_types.value


def test_grenades_carried_by_gunmen_who_shot_diners_make_no_bombing_but_gunmen_armed_with_them_may_bomb():
    shot = types_of("Gunmen carrying rifles and grenades opened fire on diners at a guest house, killing nine.")
    attacked = types_of("Gunmen armed with rifles and grenades attacked three hotels, killing 60 people.")
    assert "Bombing/Explosion" not in shot.attack_types.value
    assert {"Firearms", "Explosives"} <= set(shot.weapon_types.value)
    assert "Bombing/Explosion" in attacked.attack_types.value


def test_a_force_named_only_in_its_spokesman_s_title_is_not_the_target_of_a_bombing_of_a_crowd():
    t = types_of(
        "A bomb exploded among people leaving a concert on Monday night, killing 19 and injuring 50. "
        "John Harper, the chief constable of the county police, said eleven of the injured were children."
    )
    assert t.target_types.value == ["Private Citizens & Property"]


def test_the_hospital_the_wounded_were_taken_to_is_no_target():
    t = types_of(
        "Nine people were killed and 30 were taken to the city hospital when a van was driven into a crowd on Friday."
    )
    assert t.target_types.value == ["Private Citizens & Property"]


def test_a_hospital_bombed_is_still_the_target():
    t = types_of("A bomb exploded at the entrance of a hospital in the city on Friday, killing six patients.")
    assert t.target_types.value[0] == "Business"


def test_the_group_calling_its_attacker_a_soldier_makes_no_military_target():
    one_of = types_of(
        "The group said the driver, who rammed a van into a crowd at a night market and killed 14 "
        "people, was one of its soldiers."
    )
    called = types_of(
        "The group called him a soldier of the caliphate after he drove a van into a crowd at a "
        "night market, killing 14 people."
    )
    assert one_of.target_types.value == ["Private Citizens & Property"]
    assert called.target_types.value == ["Private Citizens & Property"]


def test_the_group_s_past_bombings_in_a_relative_clause_are_not_this_attack():
    t = types_of(
        "Gunmen opened fire on worshippers at a mosque on Friday, killing 30. Police blamed the "
        "Northern Front. The group, which claimed bombings of two churches in the capital, has not "
        "commented."
    )
    assert t.attack_types.value == ["Armed Assault"]
    assert "Explosives" not in t.weapon_types.value


def test_a_gun_and_bomb_attack_is_an_armed_assault_and_a_bombing():
    t = types_of(
        "Thirty people have now died after Tuesday's gun and bomb attack on the city's main "
        "railway station, officials said."
    )
    assert set(t.attack_types.value) == {"Armed Assault", "Bombing/Explosion"}


# --- sieges told without the word 'hostage' ----------------------------------------------------


def test_a_siege_of_a_hotel_ended_by_commandos_is_a_barricade_incident():
    t = types_of(
        "Troops freed about ninety guests after a siege of some six hours at a lakeside hotel, "
        "where gunmen had opened fire at breakfast, killing twelve."
    )
    assert "Hostage Taking (Barricade Incident)" in t.attack_types.value


def test_a_standoff_after_a_shooting_is_a_barricade_incident_but_a_negated_one_is_not():
    told = types_of(
        "A gunman shot dead nine people in a dance hall; during the standoff that followed he "
        "spoke to negotiators twice."
    )
    denied = types_of("A gunman shot dead nine people in a dance hall. There was no standoff: he fled.")
    assert "Hostage Taking (Barricade Incident)" in told.attack_types.value
    assert "Hostage Taking (Barricade Incident)" not in denied.attack_types.value


def test_diners_held_overnight_are_hostages_held_at_the_site():
    t = types_of(
        "The gunmen held diners overnight before soldiers stormed the restaurant. Eighteen "
        "hostages and one officer were killed."
    )
    assert t.attack_types.value[0] == "Hostage Taking (Barricade Incident)"


# --- other events told beside this one -------------------------------------------------------

# case: (text, this attack's target types, an attack type of the other event that must not show)
OTHER_EVENTS = {
    "the abduction an attack came after, however the parse hangs it": (
        "Gunmen opened fire on worshippers at a chapel on Sunday, killing 30. The attack came barely a week "
        "after the Prelate of the Baptist Church of Ghana, Paul Okon, was abducted by gunmen in Volta Region; "
        "he was freed a day later.",
        ["Religious Figures/Institutions"],
        "Hostage Taking (Kidnapping)",
    ),
    "the killing an attack was followed by": (
        "A lorry was driven into a crowd on a seaside promenade, killing 60 people. The attack was followed "
        "nine days later by the murder of a priest at the altar of his chapel.",
        ["Private Citizens & Property"],
        None,
    ),
    "a sentence opening a day after the attack": (
        "A gunman killed 30 people at a nightclub on Sunday. A day after the shooting, in another country, "
        "a man stabbed a police commander to death at his home.",
        ["Business", "Private Citizens & Property"],
        "Assassination",
    ),
    "a sentence opening months before the attack": (
        "A gunman killed 30 people at a nightclub on Sunday. Six months earlier, a couple shot dead twelve "
        "people at a county office.",
        ["Business", "Private Citizens & Property"],
        None,
    ),
}


@pytest.mark.parametrize("case", OTHER_EVENTS, ids=list(OTHER_EVENTS))
def test_another_event_told_beside_this_one_adds_no_type(case):
    text, targets, other_attack = OTHER_EVENTS[case]
    t = types_of(text)
    assert t.target_types.value == targets
    assert other_attack not in t.attack_types.value


# --- who speaks, orders or responds is no target --------------------------------------------

NOT_TARGETED = {
    "the force a speaker heads": (
        "Ian Marsh, Chief Constable of the County Police, said the bomber had died at the scene, where 19 "
        "concert-goers were also killed.",
        ["Police"],
    ),
    "a minister ordering police": (
        "The death toll from Sunday's truck bombing in the capital rose to 150. Omar Rashid, the prime "
        "minister, ordered police to stop using the hand-held bomb detectors.",
        ["Government (General)", "Police"],
    ),
    "the minister a warning was not passed to": (
        "The toll from Sunday's bombing rose to 250, and officials said a warning of the plot had not been "
        "passed to the prime minister.",
        ["Government (General)"],
    ),
    "police officials cautioning": (
        "The toll from the bombing rose to 20 on Monday. Police officials cautioned that the bombers' "
        "identity was not yet confirmed.",
        ["Police"],
    ),
}


@pytest.mark.parametrize("case", NOT_TARGETED, ids=list(NOT_TARGETED))
def test_who_speaks_or_orders_is_no_target(case):
    text, not_targeted = NOT_TARGETED[case]
    assert not set(not_targeted) & set(types_of(text).target_types.value)


def test_the_vehicle_responders_broke_in_with_is_no_target():
    t = types_of(
        "A gunman opened fire inside a nightclub, killing 40, and held people hostage until police "
        "broke through a wall with an armored vehicle."
    )
    assert "Military" not in t.target_types.value
    assert t.target_types.value[0] == "Business"


def test_special_forces_who_worked_through_a_hotel_are_responders():
    t = types_of(
        "Gunmen stormed a hotel in the capital and held guests for hours before special forces "
        "worked through the building floor by floor to free them."
    )
    assert "Military" not in t.target_types.value
    assert t.target_types.value[0] == "Business"


# --- what a target word only names -------------------------------------------------------------

# case: (text, target types expected)
TARGETS_NAMED_RIGHT = {
    "a public venue whose patrons were killed is the venue and private citizens": (
        "A gunman opened fire inside a crowded nightclub early on Sunday, killing 30 people.",
        ["Business", "Private Citizens & Property"],
    ),
    "an arena is a business": (
        "A bomb went off in the foyer of an arena as fans left after a show, killing 19 people.",
        ["Business", "Private Citizens & Property"],
    ),
    "a group told as whose mark an attack bore is no target": (
        "Three gunmen opened fire at the terminal of the city's airport, in an attack the minister said "
        "bore the marks of Islamic State.",
        ["Airports & Aircraft"],
    ),
    "a group's name told as where the attack was is no target": (
        "Militants set off a bomb at a crowded mosque in Egypt's North Sinai province during prayers.",
        ["Religious Figures/Institutions"],
    ),
    "a cue inside a named area is part of the name": (
        "Gunmen stormed a church in Ikole, headquarters of Ikole Local Government Area, killing 20 worshippers.",
        ["Religious Figures/Institutions"],
    ),
    "a force whose name says police is police": (
        "At least 30 CRPF personnel were killed when a suicide bomber rammed a car into their convoy.",
        ["Police"],
    ),
    "the Red Cross is an NGO, not a diplomatic target": (
        "Gunmen seized two International Committee of the Red Cross (ICRC) staff on a road near the town.",
        ["NGO"],
    ),
    "African Union troops are military": (
        "Militants attacked an AMISOM camp near the river crossing, burning two trucks.",
        ["Military"],
    ),
    "a bomb detonated by a power pole went off beside it": (
        "An explosive device detonated by a power pole on the coastal road; the pole was damaged.",
        ["Utilities"],
    ),
    "a food kiosk is a business": (
        "A car bomb exploded beside a food kiosk in the port city, killing nine.",
        ["Business"],
    ),
    "an aid group's workers are an NGO": ("Gunmen abducted four workers of a German aid group in the hills.", ["NGO"]),
    "the school girls were abducted from is the target, not a source": (
        "Gunmen abducted more than 200 girls from a boarding school in the town on Monday night.",
        ["Educational Institution"],
    ),
    "a mosque inside a police compound is both the police's and the mosque": (
        "Officials revised the death toll from Monday's suicide bombing at the Police Lines mosque down to 84.",
        ["Police", "Religious Figures/Institutions"],
    ),
    "a violent party's election office is that party's target": (
        "Assailants threw a grenade at a Pakistan Muslim League-Nawaz (PML-N) election office in Sibi town, "
        "injuring three.",
        ["Violent Political Party", "Private Citizens & Property"],
    ),
    "a state's armed police force is police, not the military": (
        "Assailants attacked a Chhattisgarh Armed Forces camp in Dantewada district, killing two officers.",
        ["Police"],
    ),
    "a paramilitary police patrol is police": (
        "Maoist rebels ambushed a patrol of paramilitary police in a forest, killing 75 policemen.",
        ["Police"],
    ),
    "a joint checkpoint of two forces is both": (
        "A suicide bomber targeted a joint military and police checkpoint in the city, killing four people.",
        ["Military", "Police"],
    ),
    "a police cadet school is police": (
        "A car bomb tore through a police cadet school in the capital on Thursday, killing 21.",
        ["Police"],
    ),
    "where a victim studied is no target": (
        "Maya, a student at the University of Leeds, was among 20 hostages killed by militants at a "
        "restaurant on Friday.",
        ["Private Citizens & Property", "Business"],
    ),
    "where the attackers were educated or what a father runs is no target": (
        "Gunmen shot dead 20 diners at a cafe. Police said the attackers were educated at elite schools, "
        "and one victim's father runs a textile business.",
        ["Business", "Private Citizens & Property"],
    ),
    "the student the attacker was identified as is no target": (
        "The toll from Friday's beach shooting rose to 38. Officials identified the attacker as Ali Omar, 23, "
        "an electronics student.",
        ["Unknown"],
    ),
    "what the army's air strikes hit is the response": (
        "Gunmen killed 300 worshippers at a mosque, and the army announced air strikes on militant hideouts.",
        ["Religious Figures/Institutions"],
    ),
    "a company of a police force is the force": (
        "A company of the Central Reserve Police Force was cut down by gunfire in an ambush, killing 76.",
        ["Police"],
    ),
    "a cathedral is a religious institution": (
        "Two bombs went off inside a cathedral during Sunday Mass, killing 20.",
        ["Religious Figures/Institutions"],
    ),
    "the ministry that put the toll at a figure is no target": (
        "More than 150 died in the truck bombing near the embassy, a toll which the health ministry had put at 90.",
        ["Government (Diplomatic)"],
    ),
    "the official toll and a military target name no official or soldier": (
        "The rebels admitted the bombing of a university, calling it a legitimate military target, and the "
        "official toll rose to 21.",
        ["Educational Institution"],
    ),
}


@pytest.mark.parametrize("case", TARGETS_NAMED_RIGHT, ids=list(TARGETS_NAMED_RIGHT))
def test_a_target_word_names_only_what_was_attacked(case):
    text, targets = TARGETS_NAMED_RIGHT[case]
    assert types_of(text).target_types.value == targets


def test_the_home_of_a_name_the_report_gives_a_role_is_that_role_s_target_however_the_name_is_tagged():
    t = types_of(
        "Gunmen opened fire on the house of Efren Dagohoy in Matalom town, Leyte province. Dagohoy, "
        "a village chairman, escaped unhurt."
    )
    assert t.target_types.value == ["Government (General)"]
    assert t.attack_types.value[0] == "Assassination"


# case: (text, the sector a wrongly found person would have given)
NOT_ASSASSINATED = {
    "a name modifying a mosque names the mosque": (
        "The death toll from the attack on al-Rawda mosque, Mayor Ali Hassan said, rose to 305.",
        "Government (General)",
    ),
    "a country the parser takes for a person": (
        "Mali began three days of mourning for the victims of Friday's assault on a hotel in the capital. "
        "The Front has been blamed for attacks on army posts in central Mali, where its leader is the "
        "preacher Amadou Koufa.",
        "Private Citizens & Property",
    ),
    "a general buried where the bombs went off": (
        "The bombs went off on the road leading to the cemetery where Haddadi is buried, as crowds marked "
        "the anniversary of General Haddadi's death, killing 90 people.",
        "Military",
    ),
}


@pytest.mark.parametrize("case", NOT_ASSASSINATED, ids=list(NOT_ASSASSINATED))
def test_no_person_named_beside_the_attack_was_assassinated(case):
    text, wrong_sector = NOT_ASSASSINATED[case]
    t = types_of(text)
    assert "Assassination" not in t.attack_types.value
    assert wrong_sector not in t.target_types.value


def test_the_attack_a_later_day_is_reckoned_from_is_still_this_attack():
    t = types_of("The toll rose to 30 on Monday. A day after the bombing, in another city, police arrested two men.")
    assert t.attack_types.value == ["Bombing/Explosion"]
