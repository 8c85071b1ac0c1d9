"""Where the incident happened: country, province, city and the attacked site, with their spans.

Place mentions come from structural phrases ("Bama village, Borno state, Nigeria", "the city of X"),
spaCy GPE/LOC entities and capitalised runs, all resolved with the gazetteer. The country is voted by
every mention (weighted by position and by the kind of place), then the incident's chain of places
is the earliest specific one in the country, preferring sentences that describe the attack and
skipping background ("his home town", "officials said in the capital").
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field
from spacy.tokens import Doc

from ..geo import Gazetteer, Place, name_key
from .place_cues import load_cues as _cues
from .place_mentions import Mention, Span, mention_chains, merged_mentions
from .place_votes import (
    ASIDE_WEIGHT,
    MAJOR_PLACE_POPULATION,
    add_dateline_corroboration,
    country_votes,
    prefer_the_filing_country,
    prefer_the_named_countries,
    resolve,
    weigh_dateline,
    weigh_sentences,
)
from .sites import find_site
from .spans import Context, Found, doc_text


class Location(BaseModel):
    country: str | None = None
    admin1: str | None = None
    city: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: str | None = None
    site: str | None = None
    spans: dict[str, list[Span]] = Field(default_factory=dict)


# --- choosing the incident's places ---------------------------------------------------------------


def _is_place_in(mention: Mention, country_code: str) -> bool:
    return (
        mention.hint is not None
        and mention.source == "structural"
        or any(p.country_code == country_code for p in mention.places)
    )


def _chain_score(chain: list[Mention], country_code: str, text: str) -> float:
    score = 0.0
    for mention in chain:
        if mention.placed_by_bearing and not mention.aside and _is_place_in(chain[-1], country_code):
            score += mention.weight  # 'attacked a wedding in Ain Tamr, west of Kerbala'
            continue
        if mention.aside or mention.source == "dateline" or not _is_place_in(mention, country_code):
            continue
        if (
            mention.source == "structural"
            and not mention.places
            and _owned_by_another_country(text, mention, country_code)
        ):
            continue  # 'in Nigeria's Abadam district', told in a report of an attack in Chad
        kinds = {p.kind for p in mention.places if p.country_code == country_code}
        if mention.modifier and kinds == {"country"}:
            continue  # "Russia's security service" says whose, not where
        names_a_town = mention.hint in ("settlement", "area", "district") or "city" in kinds or "admin2" in kinds
        # 'in Mexico' names the country first, whatever town bears its name
        specific = 1.0 if names_a_town and not (mention.hint is None and _country_first(mention)) else 0.4
        score += mention.weight * specific
    return score


OWNER_BEFORE = re.compile(r"\b(?P<owner>[A-Z][a-z]+(?: [A-Z][a-z]+)?)['’]s\s+$")


def _owned_by_another_country(text: str, mention: Mention, country_code: str) -> bool:
    owner = OWNER_BEFORE.search(text[max(0, mention.start - 40) : mention.start])
    if owner is None:
        return False
    country = Gazetteer.load().country(owner.group("owner"))
    return country is not None and country.country_code != country_code


# Countries whose GeoNames first level is a region of provinces, where GTD codes the province (the second level)
PROVINCES_AT_ADMIN2 = frozenset({"PH"})
REGIONS_CODED_WHOLE = frozenset({"Metro Manila", "National Capital Region"})
PROVINCE_PREFIX = re.compile(r"^Province of (?:the )?")


def _province_below_the_region(country_code: str, district: Place | None, town: Place | None) -> str | None:
    """'Jolo' lies in the Autonomous Region in Muslim Mindanao, and in Sulu province, which GTD names."""
    if country_code not in PROVINCES_AT_ADMIN2:
        return None
    if town is not None and town.admin1 in REGIONS_CODED_WHOLE:
        return None  # GTD codes Manila's cities as Metropolitan Manila
    name = district.name if district is not None else town.admin2 if town is not None else None
    return PROVINCE_PREFIX.sub("", name).strip() if name else None


# A short name two countries share: the gazetteer reads it as the first; news today mostly means the second
SHARED_SHORT_NAMES = {"congo": ("CG", "CD")}


def _read_shared_short_names(gazetteer: Gazetteer, mentions: list[Mention]) -> None:
    """'eastern Congo' in a report that also says 'Democratic Republic of Congo', or names Beni, is the DRC."""
    for mention in mentions:
        codes = SHARED_SHORT_NAMES.get(mention.name.lower())
        if codes is None or not mention.places or mention.places[0].country_code != codes[0]:
            continue
        first, other = codes
        told = {p.country_code for m in mentions if name_key(m.name) != name_key(mention.name) for p in m.places[:1]}
        country = gazetteer.country_by_code(other)
        if other in told and first not in told and country is not None:
            mention.places = [country]


def _country_first(mention: Mention) -> bool:
    return bool(mention.places) and mention.places[0].kind == "country"


def _pick_city(chain: list[Mention], country_code: str, text: str) -> tuple[Mention | None, Place | None]:
    """The chain's settlement: last 'town/city/village', else first 'area', else a resolved city, else a district."""

    def city_place(m: Mention) -> Place | None:
        return next((p for p in m.places if p.country_code == country_code and p.kind == "city"), None)

    if chain and chain[0].placed_by_bearing and not chain[0].aside:
        return chain[0], city_place(chain[0])  # 'Masambo, 50 km from the city of Beni': Beni only says where
    chain = [m for m in chain if not m.aside]
    settlements = [m for m in chain if m.hint == "settlement"]
    if settlements:
        # the last settlement told, and of 'Salama and Juhudi villages' the first named
        last = next(m for m in settlements if m.phrase_end == settlements[-1].phrase_end)
        return last, city_place(last)
    areas = [m for m in chain if m.hint == "area"]
    # 'the Police Lines area of Peshawar': a resolved city after the area is the city
    after_area = [m for m in chain if areas and m.start > areas[0].start and m.hint is None and city_place(m)]
    if areas and not after_area:
        return areas[0], city_place(areas[0])
    for m in chain:
        if m.hint is None and city_place(m) is not None:
            return m, city_place(m)
    # 'the Dagestan region' called a district is a province: no town of its own, nor is the town of its
    # name ('the western Tillaberi region') where it happened
    districts = [m for m in chain if m.hint == "district" and not _read_as_a_province(m, country_code, text)]
    town = _unresolved_head(chain, country_code, text)
    if districts and not (town is not None and town.source == "entity" and town.start < districts[0].start):
        return districts[0], None  # 'in Huyum, in the Askira-Uba district': the village NER names is the town
    return town, None


def _read_as_a_province(mention: Mention, country_code: str, text: str) -> bool:
    """Every reading of the name is a province, or a 'region' reads first as the province, not its town."""
    if _a_province(mention):
        return True
    first = next((p for p in mention.places if p.country_code == country_code), None)
    kind_word = text[mention.end : max(mention.end, mention.phrase_end)].strip().lower()
    return first is not None and first.kind == "admin1" and kind_word == "region"


def _a_province(mention: Mention) -> bool:
    return bool(mention.places) and all(p.kind == "admin1" for p in mention.places)


def _unresolved_head(chain: list[Mention], country_code: str, text: str) -> Mention | None:
    """'in Tuz Khormato, Saladin governorate': a name the gazetteer lacks, placed by what follows it."""
    if not chain:
        return None
    head = chain[0]
    if head.source == "run" and _cues().site_head.search(head.name):
        return None
    comma_joined = len(chain) > 1 and (
        head.placed_by_bearing or re.fullmatch(r",(?:\s+in(?:\s+the)?)?", text[head.end : chain[1].start].strip())
    )
    if head.hint is None and not head.places and comma_joined and _is_place_in(chain[1], country_code):
        return head
    return None


def _pick_admin(chain: list[Mention], country_code: str, kind: str) -> tuple[Mention | None, Place | None]:
    """The chain's province is its last ('pilgrims from Uttar Pradesh in Reasi district of Jammu and Kashmir':
    the chain runs from the smallest place to the largest, and a province named first is where people came
    from); its district is its first."""
    for m in reversed(chain) if kind == "admin1" else chain:
        if m.hint in ("settlement", "area"):
            continue
        place = next((p for p in m.places if p.country_code == country_code and p.kind == kind), None)
        if place is not None:
            return m, place
    return None, None


def _province_told_beside(
    mentions: list[Mention], town: Mention, country_code: str
) -> tuple[Mention | None, Place | None]:
    """'the village of Motogatta in the vast Tillaberi region': a town the gazetteer lacks takes the
    province its own sentence names, after it and not beside another place."""
    for m in mentions:
        if m.sentence != town.sentence or m.start <= town.start or m.aside or m.modifier:
            continue
        place = next((p for p in m.places if p.country_code == country_code and p.kind == "admin1"), None)
        if place is not None and m.hint in ("province", "district", None):
            return m, place
    return None, None


def _province_told_just_before(
    mentions: list[Mention], town: Mention, country_code: str
) -> tuple[Mention | None, Place | None]:
    """'a raid on a school in Nigeria's northwestern state of Kebbi. ... in the remote town of Birnin Yauri':
    an unknown town takes the one province told in its own sentence or the one before, whatever comes later."""
    near = [
        (m, p)
        for m, p in _provinces_told(mentions, country_code)
        if town.sentence - 1 <= m.sentence <= town.sentence and not m.modifier
    ]
    if len({p.name for _, p in near}) != 1:
        return None, None
    return near[0]


def _provinces_told(mentions: list[Mention], country_code: str) -> list[tuple[Mention, Place]]:
    """The provinces of the country the report names, outside asides and the dateline, with their mentions."""
    return [
        (m, p)
        for m in mentions
        if not m.aside and m.source != "dateline"
        for p in m.places[:1]
        if p.country_code == country_code and p.kind == "admin1"
    ]


def _provinces_named(mentions: list[Mention], country_code: str) -> set[str]:
    return {name_key(p.name) for _, p in _provinces_told(mentions, country_code)}


def _reading_in_a_named_province(
    gazetteer: Gazetteer, town: Mention, place: Place, mentions: list[Mention], country_code: str
) -> Place | None:
    """'El Aguaje, a town in the Aguililla region of Michoacan state': of the towns of that name, the one
    in a province the report names; none, where the report names one province and the gazetteer knows
    several towns of that name but none in it (the village is too small for it: the name as written)."""
    provinces = _provinces_named(mentions, country_code)

    def in_a_named_province(reading: Place) -> bool:
        province = _admin1_of(gazetteer, reading, country_code)
        return name_key(reading.admin1 or "") in provinces or (
            province is not None and name_key(province.name) in provinces
        )

    if not provinces or in_a_named_province(place):
        return place
    # one town of the name: provinces are redrawn (FATA, Beqaa), the town stays; several: some other village
    readings = [p for p in town.places if p.country_code == country_code and p.kind == "city"]
    return next(
        (p for p in town.places if p.country_code == country_code and p.kind == "city" and in_a_named_province(p)),
        None if len(provinces) == 1 and len(readings) > 1 and place.population < MAJOR_PLACE_POPULATION else place,
    )


def _province_of_the_district(
    gazetteer: Gazetteer, chain: list[Mention], town: Mention, country_code: str
) -> tuple[Mention | None, Place | None]:
    """'Gidan Halilu village in Birnin-Magaji Local Government Area': the district the gazetteer knows
    (as a town of that name) says which province the unknown village is in."""
    for m in chain:
        if m.start <= town.start or m.aside:
            continue
        place = next((p for p in m.places if p.country_code == country_code and p.admin1), None)
        province = _admin1_of(gazetteer, place, country_code)
        if province is not None:
            return m, province
    return None, None


def _the_one_province_named(mentions: list[Mention], country_code: str) -> tuple[Mention | None, Place | None]:
    """A town the gazetteer lacks, in a report that names one province of the country and no other
    ('an attack on a Zamfara State community ... at Magarya village'): the town is in that province."""
    named = _provinces_told(mentions, country_code)
    if not named or len({p.name for _, p in named}) > 1:
        return None, None
    return named[0]


def _same_name_spans(mentions: list[Mention], name: str) -> list[Span]:
    key = name_key(name)
    return [m.span for m in mentions if name_key(m.name) == key]


# --- the whole location -------------------------------------------------------------------------


def find_location(ctx: Context, gazetteer: Gazetteer | None = None) -> Found[Location]:
    """The incident's location; `spans` covers every field, and `value.spans` splits them per field."""
    gazetteer = gazetteer or Gazetteer.load()
    cues = _cues()
    mentions = merged_mentions(ctx, cues, gazetteer)
    weigh_sentences(ctx, cues, mentions)
    for mention in mentions:
        mention.places = resolve(gazetteer, mention)
    prefer_the_filing_country(gazetteer, mentions)
    weigh_dateline(gazetteer, ctx.text, mentions)
    _read_shared_short_names(gazetteer, mentions)
    prefer_the_named_countries(gazetteer, mentions)
    votes = country_votes(gazetteer, ctx.text, mentions)
    add_dateline_corroboration(gazetteer, mentions, votes)
    _prefer_a_country_told_by_its_province(gazetteer, mentions, votes)
    location = Location()
    site = find_site(ctx)
    if site.value:
        location.site, location.spans["site"] = site.value, site.spans
    if not votes:
        return Found(location, [s for spans in location.spans.values() for s in spans])
    country_code = max(votes, key=lambda code: votes[code])
    _fill_places(ctx, gazetteer, mentions, country_code, location)
    return Found(location, sorted({s for spans in location.spans.values() for s in spans}))


def _prefer_a_country_told_by_its_province(
    gazetteer: Gazetteer, mentions: list[Mention], votes: dict[str, float]
) -> None:
    """'the 92 Chadian soldiers ... the attack in Boma ... in Lac province': a town read in a country the
    report never names (Boma, Congo) loses to the country whose province it names ('Lac province') and
    whose name or people it names too."""
    if not votes:
        return
    top = max(votes, key=lambda code: votes[code])
    named = {m.places[0].country_code for m in mentions if m.places and m.places[0].kind == "country"}
    named |= {
        c.country_code for m in mentions if gazetteer.is_demonym(m.name) for c in [gazetteer.country(m.name)] if c
    }
    provinces = {
        m.places[0].country_code
        for m in mentions
        if m.source == "structural" and m.places and m.places[0].kind == "admin1" and not m.not_here
    }
    if top in named or top in provinces:
        return
    rivals = [code for code in provinces & named if code in votes]
    if rivals:
        best = max(rivals, key=lambda code: votes[code])
        votes[best] = votes[top] + 1.0


def _fill_places(
    ctx: Context, gazetteer: Gazetteer, mentions: list[Mention], country_code: str, location: Location
) -> None:
    for mention in mentions:
        mention.places = resolve(gazetteer, mention, country_code)
    scored = [(c, _chain_score(c, country_code, ctx.text)) for c in mention_chains(ctx.text, mentions)]
    scored = [(c, score) for c, score in scored if score > 0]
    # a chain naming only the country says nothing the vote has not: any chain naming a place in it comes first
    scored = [(c, score) for c, score in scored if not _only_the_country(c, country_code)] or scored
    chain = max(scored, key=lambda cs: cs[1] + _repeat_bonus(cs[0], mentions, country_code), default=([], 0.0))[0]
    told_in_the_body = max(
        scored, key=lambda cs: cs[1] + _repeat_bonus(cs[0], mentions, country_code, False), default=([], 0.0)
    )[0]
    if told_in_the_body is not chain and any(m.attack_place and m.hint == "settlement" for m in told_in_the_body):
        # 'attacked in Moli village' outweighs a city that only the filing line names again
        chain = told_in_the_body
    city_mention, city_place = _pick_city(chain, country_code, ctx.text)
    if chain and all(m.source == "dateline" for m in chain):
        # 'BAGHDAD - ... in the city of Jalawla': the filing city gives way to the town the body calls one
        town = _town_named_elsewhere(mentions, chain, country_code)
        if town is not None:
            city_mention, city_place = town
    village = _village_in_the_district(ctx.doc, mentions, chain, city_mention, country_code)
    if village is not None:
        city_mention, city_place = village
    if city_place is None and city_mention is not None and city_mention.hint == "district":
        city_place = _same_named_city(gazetteer, city_mention, chain, country_code)
    if city_mention is None or (
        city_place is None and city_mention.hint in ("district", "area") and not _has_admin(chain, country_code)
    ):
        city_mention, city_place = _city_told_otherwise(
            ctx.doc, gazetteer, mentions, chain, country_code, city_mention, city_place
        )
    if city_mention is not None and city_place is not None:
        city_place = _reading_in_a_named_province(gazetteer, city_mention, city_place, mentions, country_code)
    admin1_mention, admin1_place = _pick_admin(chain, country_code, "admin1")
    admin2_mention, admin2_place = _pick_admin(chain, country_code, "admin2")
    if admin1_place is None:
        admin1_place = _admin1_of(gazetteer, city_place or admin2_place, country_code)
        admin1_mention = city_mention if city_place else admin2_mention
    if admin1_place is None and city_mention is not None and city_place is None:
        admin1_mention, admin1_place = _province_told_beside(mentions, city_mention, country_code)
    if admin1_place is None and city_mention is not None and city_place is None:
        admin1_mention, admin1_place = _province_of_the_district(gazetteer, chain, city_mention, country_code)
    if admin1_place is None and city_mention is not None and city_place is None:
        admin1_mention, admin1_place = _province_told_just_before(mentions, city_mention, country_code)
    if admin1_place is None and city_mention is not None and city_place is None:
        admin1_mention, admin1_place = _the_one_province_named(mentions, country_code)
    if admin1_place is None and city_place is None:
        admin1_mention, admin1_place = _province_of_a_town_beside(gazetteer, mentions, country_code)

    country = gazetteer.country_by_code(country_code)
    if country is None:  # the code came from a vote for one of the gazetteer's own places
        raise LookupError(f"no country {country_code} in the gazetteer")
    location.country = country.name
    location.spans["country"] = _country_spans(gazetteer, mentions, country_code) or (
        [city_mention.span] if city_mention else []
    )
    if admin1_place is not None:
        location.admin1 = admin1_place.name
        location.spans["admin1"] = _same_name_spans(mentions, admin1_mention.name) if admin1_mention else []
    province = _province_below_the_region(country_code, admin2_place, city_place)
    if province is not None:  # GTD's provstate for the Philippines is the province, not the region
        location.admin1 = province
        told = [admin2_mention.span] if admin2_place and admin2_mention else location.spans.get("admin1", [])
        location.spans["admin1"] = told or ([city_mention.span] if city_mention else [])
    if city_mention is not None:
        location.city = city_place.name if city_place else _city_as_written(ctx.text, city_mention)
        location.spans["city"] = _same_name_spans(mentions, city_mention.name)
    best = [
        (city_place, "city", city_mention),
        (admin2_place, "district", admin2_mention),
        (admin1_place, "province", admin1_mention),
        (country, "country", None),
    ]
    place, precision, placed_by = next((p, kind, m) for p, kind, m in best if p is not None)
    location.latitude, location.longitude, location.geo_precision = place.latitude, place.longitude, precision
    location.spans["latitude"] = [placed_by.span] if placed_by else location.spans["country"][:1]
    location.spans["longitude"] = location.spans["latitude"]


def _province_of_a_town_beside(
    gazetteer: Gazetteer, mentions: list[Mention], country_code: str
) -> tuple[Mention | None, Place | None]:
    """'a base 40 km from Maiduguri', 'a village near Kaduna': no town of its own, but the province of the
    town it was beside."""
    for m in mentions:
        if not (m.vicinity or m.far or m.after_near) or m.source == "dateline":
            continue
        town = next((p for p in m.places if p.country_code == country_code and p.kind == "city"), None)
        province = _admin1_of(gazetteer, town, country_code)
        if province is not None:
            return m, province
    return None, None


def _only_the_country(chain: list[Mention], country_code: str) -> bool:
    """'the Democratic Republic of the Congo' is the country, whatever kind word 'republic' seems to be."""
    return all(
        (m.hint is None or (m.places and m.places[0].kind == "country"))
        and all(p.kind == "country" for p in m.places if p.country_code == country_code)
        for m in chain
    )


def _repeat_bonus(chain: list[Mention], mentions: list[Mention], country_code: str, dateline: bool = True) -> float:
    """A city named again elsewhere in the attack's telling ('the blasts in Colombo') gains standing."""
    keys = {
        (p.name, p.kind)
        for m in chain
        if not m.aside and m.source != "dateline"
        for p in m.places[:1]
        if p.country_code == country_code and p.kind == "city"
    }
    return 0.5 * sum(
        m.weight
        for m in mentions
        if m not in chain
        and not m.aside
        and (dateline or m.source != "dateline")
        and any((p.name, p.kind) in keys for p in m.places[:1])
    )


def _same_named_city(gazetteer: Gazetteer, mention: Mention, chain: list[Mention], country_code: str) -> Place | None:
    """'Bannu district' happened in Bannu when the district's seat carries its name."""
    admin1s = {p.name for m in chain for p in m.places if p.kind == "admin1" and p.country_code == country_code}
    for place in gazetteer.lookup(mention.name, country_code):
        if place.kind == "city" and place.country_code == country_code and (not admin1s or place.admin1 in admin1s):
            return place
    return None


def _has_admin(chain: list[Mention], country_code: str) -> bool:
    return any(
        p.kind in ("admin1", "admin2") for m in chain if not m.aside for p in m.places if p.country_code == country_code
    )


def _dateline_city(
    mentions: list[Mention], chain: list[Mention], country_code: str
) -> tuple[Mention | None, Place | None]:
    """The filing city stands for the attack's when the body names no other town: not when the body puts it
    beside the attack ('near Moscow', 'a Moscow court'), nor when the body's province is another one."""
    # the provinces the body places the attack in, in its chain or beside it ("Yala province's Muang district")
    admins = {
        p.name
        for m in [*chain, *(o for o in mentions if o.hint == "province" and o.source == "structural")]
        if not m.aside
        for p in m.places
        if p.country_code == country_code and p.kind in ("admin1", "admin2")
    }
    for m in mentions:
        if m.source != "dateline":
            continue
        place = next((p for p in m.places if p.country_code == country_code and p.kind == "city"), None)
        if place is None or (admins and not admins & {place.admin1, place.admin2}):
            continue
        if place.admin2 and _districts_told(mentions, country_code) - {place.admin2}:
            continue  # 'IMPHAL - ... in Manipur's Bishnupur district': the filing city lies in another district
        body = [o for o in mentions if o.source != "dateline" and name_key(o.name) == name_key(m.name)]
        if body and (all(o.not_here for o in body) or body[0].not_here):
            continue  # the body's first word of it puts the attack beside it: 'a checkpoint near Mogadishu'
        return m, place
    return None, None


def _districts_told(mentions: list[Mention], country_code: str) -> set[str]:
    """The districts the body names as districts ('Bishnupur district'), as the gazetteer knows them."""
    return {
        p.name
        for m in mentions
        if m.hint == "district" and m.source == "structural" and not m.aside
        for p in m.places[:1]
        if p.country_code == country_code and p.kind == "admin2"
    }


Town = tuple[Mention, Place | None]


def _city_told_otherwise(
    doc: Doc,
    gazetteer: Gazetteer,
    mentions: list[Mention],
    chain: list[Mention],
    country_code: str,
    mention: Mention | None,
    place: Place | None,
) -> tuple[Mention | None, Place | None]:
    """The chain names no town: the town named elsewhere in the telling ('the Bam area ...; a bomb near the
    town of Namsiguia'), else the town the attack was beside ('a base near Boulikessi'), as GTD names them;
    else an urban district's filing city ('MOGADISHU - ... in Hodan district') or the named capital."""
    town = (
        _town_named_elsewhere(mentions, chain, country_code)
        or _town_beside_the_attack(gazetteer, mentions, country_code)
        or (_unknown_place_attacked(doc, gazetteer, mentions) if mention is None else None)
    )
    if town is not None:
        return town
    known_mention, known_place = _dateline_city(mentions, chain, country_code)
    if known_place is None and mention is not None:
        known_mention, known_place = _capital_city(mentions, country_code)
    if known_place is not None or mention is None:
        return known_mention, known_place
    return mention, place


def _village_in_the_district(
    doc: Doc, mentions: list[Mention], chain: list[Mention], district: Mention | None, country_code: str
) -> Town | None:
    """'Maoists blew up a vehicle in Bijapur district ... near Ambeli village': the village the attack was
    at, or beside, is GTD's city; the district only when no town is named. Only a village told after the
    district, in its sentence or the next, and never one beside another attack."""
    if district is None or district.hint != "district":
        return None
    for m in mentions:
        if m in chain or m.start < district.start or m.hint != "settlement" or m.source != "structural":
            continue
        if m.sentence > district.sentence + 1 and not _attacked_by_name(doc, m):
            continue  # told further on, a town is another story's ('militants hide out around Peshawar')
        if (m.not_here and not m.after_near) or m.far or m.weight < 0.5 * ASIDE_WEIGHT:
            continue
        if m.places and not any(p.country_code == country_code for p in m.places):
            continue
        provinces = _provinces_named(mentions, country_code)
        town = next((p for p in m.places if p.country_code == country_code and p.kind == "city"), None)
        # a village of that name in another province is another village: this one, the gazetteer lacks
        return m, town if town is None or not provinces or name_key(town.admin1 or "") in provinces else None
    return None


# the pipeline has no lemmatizer: the verbs as written
ATTACKED_PLACE_VERBS = frozenset(
    f"{stem}{ending}" for stem in ("attack", "storm", "raid", "invad", "ambush", "torch") for ending in ("ed", "ing")
) | {"overran", "overrun", "burned", "burnt"}


def _attacked_by_name(doc: Doc, mention: Mention) -> bool:
    """'Assailants attacked Salama and Juhudi villages': the village is what the attack verb struck."""
    span = doc.char_span(mention.start, max(mention.end, mention.phrase_end), alignment_mode="expand")
    if span is None:
        return False
    head = span.root
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    verb = head.head
    return head.dep_ == "dobj" and verb.lower_ in ATTACKED_PLACE_VERBS


def _town_named_elsewhere(mentions: list[Mention], chain: list[Mention], country_code: str) -> Town | None:
    """A town the text calls one ('the town of X') outside the chosen chain, in a sentence about the attack."""
    for m in mentions:
        if (
            m in chain
            or m.aside
            or m.after_near
            or m.hint not in ("settlement", "area", "district")
            or m.source != "structural"
            or m.weight < 0.5
        ):
            continue
        if m.hint != "settlement" and not any(p.country_code == country_code and p.kind == "city" for p in m.places):
            continue  # 'the coastal area of Ahwar', 'Ahwar directorate': a town the gazetteer knows by that name
        if m.places and not any(p.country_code == country_code for p in m.places):
            continue
        return m, next((p for p in m.places if p.country_code == country_code and p.kind == "city"), None)
    return None


def _town_beside_the_attack(gazetteer: Gazetteer, mentions: list[Mention], country_code: str) -> Town | None:
    """'near Boulikessi', in a sentence about the attack: a town the gazetteer knows, or one NER names as a place.
    Not a big city: 'the Crocus City Hall near Moscow' stands in a town of its own; but a site called after
    the city ('near Erbil International Airport') is the city's."""
    for m in mentions:
        if not m.vicinity or m.source == "dateline" or gazetteer.country(m.name) is not None:
            continue  # 'the worst attack outside Iraq and Syria' names countries, not a town beside the attack
        towns = [p for p in m.places if p.kind == "city"]
        if not m.site_prefix and any(p.population >= MAJOR_PLACE_POPULATION for p in towns):
            continue
        place = next(
            (
                p
                for p in towns
                if p.country_code == country_code and (m.site_prefix or p.population < MAJOR_PLACE_POPULATION)
            ),
            None,
        )
        if place is not None or (m.source == "entity" and m.label == "GPE" and not m.places):
            return m, place
    return None


# not PRODUCT: spaCy calls many an unknown town one
NOT_A_TOWN_LABELS = frozenset({"PERSON", "ORG", "NORP", "FAC", "EVENT", "WORK_OF_ART", "LAW", "ARMED_GROUP", "FORCE"})


def _unknown_place_attacked(doc: Doc, gazetteer: Gazetteer, mentions: list[Mention]) -> Town | None:
    """'in the attack on Amchide': a name the gazetteer lacks, told as the attack's own place, is the town
    when nothing else names one; never a site ('the attack on the Sahafi Hotel') nor a person or a body."""
    for m in mentions:
        if not m.attack_place or m.aside or m.modifier or m.hint is not None or m.source not in ("run", "entity"):
            continue
        if m.weight < 0.5:
            continue  # told far from the attack's telling ('arrests in separate operations in X')
        if m.places or gazetteer.lookup(m.name):
            continue  # a place the gazetteer knows anywhere ('France') is no unknown town of this country
        if m.source == "entity" and m.label not in ("GPE", "LOC"):
            continue
        if _cues().site_head.search(m.name) or not m.name[:1].isupper():
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        # a lone word read as a person survives as a run only when the report tells it as a place
        labels = NOT_A_TOWN_LABELS - {"PERSON"} if m.source == "run" and len(span) == 1 else NOT_A_TOWN_LABELS
        if any(t.ent_type_ in labels for t in span):
            continue
        if _described_as_no_town(doc_text(doc)[m.end : m.end + 60]):
            continue  # 'inside Pulse, a gay nightclub': a building's name
        return m, None
    return None


APPOSITION = re.compile(r",\s+(?:a|an|the)\s+(?P<words>(?:[\w'’-]+\s*){1,5})")


def _described_as_no_town(after: str) -> bool:
    """What the words after a name call it: 'Amchide, a trading village' is a town, 'Pulse, a club' not."""
    apposition = APPOSITION.match(after)
    if apposition is None:
        return False
    return not any(w.lower() in _cues().hint_of_word for w in apposition.group("words").split())


def _capital_city(mentions: list[Mention], country_code: str) -> tuple[Mention | None, Place | None]:
    for m in mentions:
        if m.source == "capital" and not m.aside:
            place = next((p for p in m.places if p.country_code == country_code), None)
            if place is not None:
                return m, place
    return None, None


def _admin1_of(gazetteer: Gazetteer, place: Place | None, country_code: str) -> Place | None:
    if place is None or not place.admin1:
        return None
    exact = next(
        (
            p
            for p in gazetteer.lookup(place.admin1, country_code)
            if p.kind == "admin1" and p.name == place.admin1 and p.country_code == country_code
        ),
        None,
    )
    return exact or gazetteer.admin1(place.admin1, country_code)  # 'Moscow Oblast' is not the city 'Moscow'


def _city_as_written(text: str, mention: Mention) -> str:
    """An unresolved district keeps its word ('Qaysar district'), as GTD writes rural places."""
    if mention.hint == "district":
        tail = re.match(r"\s+\w+", text[mention.end :])
        word = tail.group().lower().replace("  ", " ") if tail else ""
        # 'Zurmi Local Government Area', 'Bajaur tribal district': the district, in GTD's words
        return mention.name + (" district" if word.strip() in ("local", "lga", "tribal") else word)
    return mention.name


def _country_spans(gazetteer: Gazetteer, mentions: list[Mention], country_code: str) -> list[Span]:
    spans = []
    for mention in mentions:
        country = gazetteer.country(mention.name)
        if country is not None and country.country_code == country_code:
            spans.append(mention.span)
    return spans
