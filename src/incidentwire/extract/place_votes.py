"""How much each place mention counts, which gazetteer places it may be, and the country they vote for.

Earlier sentences and sentences about the attack weigh more; background, asides ('near X') and owners
('US troops', 'Pakistan-based') weigh little. Each mention resolves to the gazetteer's places its wording
allows, and every mention votes for a country, weighted by its place's kind.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..geo import Gazetteer, Place, name_key
from ..geo.names import drops_a_kind_word, has_arabic_article
from ..nlp import report_sentences
from ..text import fold
from .context import in_background
from .place_context import is_actor, recalled_tokens
from .place_cues import Cues
from .place_cues import load_cues as _cues
from .place_mentions import Mention, mention_chains
from .spans import Context

# 'the Kenya attack', 'a Kabul bombing': the name before the event is where it happened, not whose it was
EVENTS_PLACED_BY_A_MODIFIER = frozenset(
    {"attack", "attacks", "bombing", "bombings", "blast", "blasts", "siege", "massacre", "shooting", "explosion"}
)
KIND_VOTE = {"country": 3.0, "admin1": 2.0, "admin2": 1.5, "city": 1.0}
MIN_CITY_POPULATION_UNHINTED = 1000
YEAR = re.compile(r"\b(?:19[5-9]\d|20\d\d)\b")
# 'travelled between Sanaa city and al-Bayda': a route's end, not where it happened
BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?$", re.IGNORECASE)
# 'an army officer said in Bamako': where a statement was made
STATEMENT_IN = re.compile(r"\b(?:said|told reporters|announced|speaking)\s+(?:in|at)\s+(?:the\s+)?$", re.IGNORECASE)
# 'near the border with Mali', 'where Niger meets Mali and Burkina Faso', 'militants crossing from Mali': a
# neighbour of the attack's place, named to say where it lies
NEIGHBOUR = re.compile(
    r"\b(?:border(?:s|ing)?(?:\s+with)?|(?:frontier|boundary)\s+with|neighbou?ring|crossing\s+(?:over\s+)?from|meets|adjoining)\s+"
    r"(?:the\s+)?(?:(?:[A-Z][\w'-]+\s+){1,3}and\s+)?$"
)
# 'since Kenya sent troops into Somalia': the country an army went into, not where this attack struck
DEPLOYED_INTO = re.compile(r"\b(?:troops|forces|soldiers)\s+(?:(?:were|was|went|had|have|been)\s+){0,2}(?:in)?to\s+$")
# 'the gunmen were Palestinians from the Israeli-occupied West Bank', 'he hailed from Nangarhar': where people
# come from, not where the attack was
ORIGIN_BEFORE = re.compile(
    r"(?:\b(?:(?:were|was|are|is)\s+(?:[A-Za-z'-]+\s+){0,2}|hail(?:s|ed)?\s+|originally\s+)"
    r"|\b(?:[A-Z][a-z]+ians|residents|natives|nationals|citizens|villagers|refugees)\s+)from\s+"
    r"(?:the\s+)?(?:[A-Za-z-]+-occupied\s+)?$"
)
# 'about 60 miles southeast of the capital, Dushanbe', '40 km from Maiduguri': the attack was that far away
MILES_AWAY = re.compile(
    r"\b\d+\s*(?:km|kms|kilometres|kilometers|miles|mi)\s+(?:\(\d+\s*\w+\)\s+)?(?:[\w-]+\s+)?(?:of|from)\s+"
    r"(?:the\s+)?(?:(?:capital|city|town),?\s+)?$",
    re.IGNORECASE,
)
CITY_EDGE = re.compile(
    r"\b(?:outskirts|edge|in\s+the\s+(?:far\s+)?(?:north|south|east|west|centre|center|heart)(?:ern)?(?:\s+part)?)"
    r"\s+of\s+(?:the\s+)?(?:city\s+of\s+)?$",
    re.IGNORECASE,
)
# 'the University of X', 'the Bank of X': a place in an institution's name
INSTITUTION_OF = re.compile(r"\b(?:University|College|Bank|Institute|School|Academy|Museum)\s+of\s+(?:the\s+)?$")
DATELINE_WEIGHT = 0.3
DATELINE_CITY_WEIGHT = 1.5  # a filing city of this size is usually where the story is
DATELINE_CITY_POPULATION = 100_000
FOREIGN_BODY_MIN_VOTE = 2.0  # the body's lead must rest on more than one passing mention
ASIDE_WEIGHT = 0.2
ATTACK_PLACE_FACTOR = 2.0
WHO_VOTE = 0.15  # 'American service members', 'French embassy', 'US troops': who, not where
MAJOR_PLACE_POPULATION = 500_000
SMALL_TOWN_POPULATION = 50_000
TOWN_VOTE_POPULATION = 100_000
SMALL_TOWN_VOTE = 0.3
# 'Pakistan-based group', 'Iran-backed militia': the name says whose, not where
OWNER_SUFFIX = re.compile(
    r"^-(?:based|backed|born|linked|led|funded|trained|allied|made|registered|flagged)\b", re.IGNORECASE
)


def weigh_sentences(ctx: Context, cues: Cues, mentions: list[Mention]) -> None:
    """Earlier sentences, and sentences about the attack, weigh more; background clauses weigh little."""
    sentences = report_sentences(ctx.doc)
    about_attack: dict[int, bool] = {}  # per sentence, searched once however many places it names
    recalled = recalled_tokens(ctx.doc, ctx.published)
    for mention in mentions:
        mention.modifier = _is_modifier(ctx, mention)
        if mention.source == "dateline":
            mention.weight = DATELINE_WEIGHT
            continue
        words = ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        # the report's first word is its dateline, however the parser reads it
        acting = words is not None and mention.source != "structural" and mention.start > 0 and is_actor(words)
        mention.modifier = mention.modifier or acting  # 'Pakistan denied': a government, not a place
        for i, sent in enumerate(sentences):
            if sent.start_char <= mention.start < sent.end_char:
                mention.sentence = i
                before = ctx.text[sent.start_char : mention.start]
                weight = 1.0 / (1.0 + 0.35 * i)
                if i not in about_attack:
                    about_attack[i] = bool(cues.attack.search(sent.text))
                if about_attack[i]:
                    weight *= 2.0
                if (
                    _background_before(before[-80:], cues)
                    or (
                        cues.background.search(ctx.text[mention.end : mention.end + 25])
                        and not ATTRIBUTION_AFTER.match(ctx.text, mention.end)
                    )
                    or _earlier_year_before(before[-80:], ctx)
                    or acting
                ):
                    weight *= ASIDE_WEIGHT
                if words is not None and any(t.i in recalled for t in words):
                    # 'The bombing came weeks after a bomber struck X': another attack's place
                    mention.aside = True  # not not_here: a filing city recalled for an old attack may be this one's
                    mention.weight = weight * ASIDE_WEIGHT
                    break
                if in_background(ctx.doc, mention.start):
                    weight *= ASIDE_WEIGHT  # the document's reading: another attack, an earlier year
                if INSTITUTION_OF.search(before[-40:]):
                    weight *= ASIDE_WEIGHT  # 'a student at the University of California': a name, not a scene
                after = ctx.text[max(mention.end, mention.phrase_end) :]
                # 'near Moscow' is beside the attack; GTD's 'near Peshawar city, X province' still names it
                mention.after_near = bool(cues.vicinity_before.search(before[-30:]))
                mention.far = bool(MILES_AWAY.search(before[-60:]))
                # 'on the outskirts of Jerusalem' is still Jerusalem, as GTD names it; 'near Moscow' is not
                near = mention.after_near and mention.source != "structural" and not CITY_EDGE.search(before[-40:])
                institution = cues.institution_after.match(after)
                later = (
                    cues.later_event_before.search(before[-60:])
                    or BETWEEN.search(before[-30:])
                    or STATEMENT_IN.search(before[-40:])
                    or NEIGHBOUR.search(before[-60:])
                    or ORIGIN_BEFORE.search(before[-60:])
                    or (DEPLOYED_INTO.search(before[-40:]) and Gazetteer.load().country(mention.name) is not None)
                )
                if near or institution or later or mention.far:
                    mention.aside = True
                    weight *= ASIDE_WEIGHT
                    # 'outside Kabul airport' is still in Kabul; 'near Moscow' is not
                    # 'near Erbil International Airport' is beside the airport, which is in Erbil
                    beside_the_town = near and not _is_modifier(ctx, mention) and not mention.site_prefix
                    mention.not_here = bool(institution or later or beside_the_town or mention.far)
                    mention.vicinity = bool(
                        (near or mention.far)
                        and not institution
                        and not later
                        and about_attack[i]
                        and not after.startswith(("'s", "’s"))
                    )
                elif cues.attack_place_before.search(_before_the_kind_phrase(mention, before)[-120:]) and not re.match(
                    r"\s+[A-Z]", after
                ):
                    # 'at the Taj Mahal Palace': a word of a longer proper name is not the attack's place
                    mention.attack_place = True
                    weight *= ATTACK_PLACE_FACTOR
                mention.weight = weight
                break
    _capitals_in_apposition(ctx.text, mentions)


# 'in the mixed Arab and Kurdish city of ': the words that call the next name a town
KIND_PHRASE_END = re.compile(
    r"\b(?:the|a|an)\s+(?:(?!(?:the|a|an|in|at|on|of|from|near|after|before)\b)[\w'’-]+\s+){0,5}?(?:city|town|village|hamlet|settlement|district|area|region|province)"
    r"\s+of\s+$",
    re.IGNORECASE,
)


# ', a military statement said': who tells it, not where the statement was made
ATTRIBUTION_AFTER = re.compile(r",\s+(?:a|an|the)\s+[^,.;]{0,30}?\bstatement\s+(?:said|says|added)\b")
NEARBY_WORD = re.compile(r"\b(?:nearby|neighbou?ring|adjacent|adjoining)\b", re.IGNORECASE)


def _before_the_kind_phrase(mention: Mention, before: str) -> str:
    """What stands before 'the city of X' as a whole, so 'the attack in the city of X' governs X."""
    if mention.source != "structural":
        return before
    phrase = KIND_PHRASE_END.search(before[-100:])
    if phrase and NEARBY_WORD.search(phrase.group()):
        return before  # 'in the nearby village of X' is beside the attack's own place
    return before[: len(before) - len(before[-100:]) + phrase.start()] if phrase else before


def _background_before(before: str, cues: Cues) -> bool:
    """A background word before the place ('officials said in X', 'were taken to X'), unless the attack's own
    word stands between them: 'Petro condemned the killings of two officers in Cúcuta' places the killings."""
    found = list(cues.background.finditer(before))
    return bool(found) and not cues.attack.search(before, found[-1].end())


def _capitals_in_apposition(text: str, mentions: list[Mention]) -> None:
    """ "near Mogadishu, the Somali capital": the capital is the place just named, and as near as it."""
    for before, mention in zip(mentions, mentions[1:]):
        if mention.source != "capital" or before.name.lower() != mention.name.lower():
            continue
        if re.fullmatch(r",\s*", text[before.end : mention.start]):
            mention.aside, mention.not_here = before.aside, before.not_here
            mention.vicinity, mention.weight = before.vicinity, min(mention.weight, before.weight)


def prefer_the_filing_country(gazetteer: Gazetteer, mentions: list[Mention]) -> None:
    """'SRINAGAR - ... an army camp in Uri': a name with a reading in the dateline's country means that
    one (the Indian town, not the Swiss canton), unless its foreign reading is a country or a major city
    ('MEXICO CITY - ... a bomb in San Salvador'). A foreign reading reached only through another of the
    place's names ('Kalari', an old name of Cagliari) is dropped: no evidence against the dateline."""
    filing = _filing_country(mentions)
    if filing is None:
        return
    for mention in mentions:
        if mention.source in ("dateline", "capital") or not mention.places:
            continue
        top = mention.places[0]
        if top.country_code == filing or top.kind == "country" or top.population >= MAJOR_PLACE_POPULATION:
            continue
        at_home = resolve(gazetteer, mention, filing)
        if at_home:
            mention.places = at_home + [p for p in mention.places if p.country_code != filing]
        elif all(name_key(p.name) != name_key(mention.name) for p in mention.places):
            mention.places = []


def _filing_country(mentions: list[Mention]) -> str | None:
    """The country of a dateline naming a sizeable city, the only kind that tells where a story is."""
    for mention in mentions:
        if mention.source == "dateline" and mention.places and _names_a_sizeable_town(mention):
            return mention.places[0].country_code
    return None


def _names_a_sizeable_town(mention: Mention) -> bool:
    return any(p.kind in ("city", "admin1") and p.population >= DATELINE_CITY_POPULATION for p in mention.places[:2])


def weigh_dateline(gazetteer: Gazetteer, text: str, mentions: list[Mention]) -> None:
    """A dateline naming a big city ('KABUL -') is strong evidence; a small or unknown one stays weak, and so
    does a big one when the body points to another country ('MEXICO CITY - ... a bomb in San Salvador')."""
    body_votes = country_votes(gazetteer, text, [m for m in mentions if m.source != "dateline"])
    for mention in mentions:
        if mention.source != "dateline" or not mention.places:
            continue
        if _body_points_elsewhere(body_votes, mention.places[0].country_code):
            continue  # the agency's desk, not the attack's country
        if _names_a_sizeable_town(mention):
            mention.weight = DATELINE_CITY_WEIGHT


def _body_points_elsewhere(body_votes: dict[str, float], filing_country: str) -> bool:
    """The body's own places vote clearly for one country other than the one the report was filed from.

    Clearly: twice the filing country's vote and twice any other's ('COLOMBO - ... a bomber had studied in
    Britain and Australia' points nowhere in particular, so Colombo stands).
    """
    if not body_votes:
        return False
    leader, *others = sorted(body_votes, key=lambda code: body_votes[code], reverse=True)
    lead = body_votes[leader]
    runner_up = max((body_votes[c] for c in others if c != filing_country), default=0.0)
    return (
        leader != filing_country
        and lead >= FOREIGN_BODY_MIN_VOTE
        and body_votes.get(filing_country, 0.0) < lead / 2
        and runner_up < lead / 2
    )


def _earlier_year_before(before: str, ctx: Context) -> bool:
    """'since the 1998 bombing of the US embassy in Nairobi': a year before publication marks history."""
    if ctx.published is None:
        return False
    return any(int(y) < ctx.published.year for y in YEAR.findall(before))


def _is_modifier(ctx: Context, mention: Mention) -> bool:
    """'US troops', 'Afghan officials', 'Pakistan-based', 'Pakistan's foreign minister': whose, not where."""
    if OWNER_SUFFIX.match(ctx.text[mention.end : mention.end + 12]):
        return True
    span = ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    last = span[-1]
    if mention.phrase_end > mention.end and last.head.idx >= mention.end:
        return False  # "Orissa's Koraput district": the kind word it qualifies makes it a place
    if last.dep_ == "poss":
        return _is_owner_of(last.head)
    return (
        last.dep_ in ("compound", "amod", "nmod")
        and last.head.i > last.i
        and last.head.pos_ in ("NOUN", "PROPN")
        and not last.head.is_title
        and last.head.lower_ not in EVENTS_PLACED_BY_A_MODIFIER
        # 'the northern Mozambique gas town of Palma': a country before a kind word says where the town is
        and last.head.lower_ not in _cues().hint_of_word
    )


def _is_owner_of(head) -> bool:
    """'Pakistan's foreign minister' owns a person or body; 'Pakistan's northwest' is still a place."""
    words = {head.lower_} | {t.lower_ for t in head.lefts if t.dep_ in ("amod", "compound")}
    # the tagger calls a lower-case 'ministry' a proper noun now and then; it is still a common noun
    common = head.pos_ == "NOUN" or (head.pos_ == "PROPN" and head.is_lower)
    return common and not words & _cues().possessive_place_heads


def resolve(gazetteer: Gazetteer, mention: Mention, country_code: str | None = None) -> list[Place]:
    if mention.source == "capital":
        return [p for p in mention.places if country_code is None or p.country_code == country_code]
    places = _as_country_name(gazetteer, mention, gazetteer.lookup(mention.name, country_code))
    if not country_code and mention.hint is None:
        places = _bigger_city_first(places)
    if country_code:
        places = [p for p in places if p.country_code == country_code]
    allowed = {
        "settlement": ("city", "admin2"),
        "area": ("city", "admin2"),
        "district": ("admin2", "city", "admin1"),
        "province": ("admin1", "admin2"),
    }.get(mention.hint or "")
    if allowed:
        places = [p for p in places if p.kind in allowed]
    if mention.source != "dateline" and _an_acronym(mention.name):
        # '(NAN)', the News Agency of Nigeria, is no Thai province: a body's capitals name a country or a
        # big region ('KP', 'UAE') when they name a place at all
        places = [p for p in places if p.kind == "country" or p.population >= ACRONYM_PLACE_POPULATION]
    if mention.source in ("run", "dateline") and not country_code:
        places = [p for p in places if p.kind != "city" or p.population >= 20000]
    elif mention.hint is None and not (country_code and mention.attack_place):
        # 'the abduction of schoolgirls from Chibok': the attack's own village may be tiny
        places = [p for p in places if p.kind != "city" or p.population >= MIN_CITY_POPULATION_UNHINTED]
    if country_code and mention.hint is None and is_major_place_elsewhere(gazetteer, mention.name, country_code):
        places = [p for p in places if p.kind != "city" or p.population >= SMALL_TOWN_POPULATION]
    return _without_lesser_city_readings(mention, places)


ACRONYM_PLACE_POPULATION = 1_000_000


def _an_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return 2 <= len(letters) <= 4 and name.isupper()


def _without_lesser_city_readings(mention: Mention, places: list[Place]) -> list[Place]:
    """A small town reached only through one of its other names ('Tree', an old name of a village of 800) is
    no reading of a capitalised word in a longer name ('the Tree of Life synagogue'); nor is a small town named
    after a state the text names ('a synagogue in California' is not California City). A district seat
    called by its district's name ('LAKKI MARWAT -', the town Lakki) stays."""
    key = name_key(mention.name)
    if has_arabic_article(mention.name):
        # 'al-Barth', a village in Sinai, is no German town of 9,000 called Barth
        places = [
            p for p in places if p.kind != "city" or p.population >= SMALL_TOWN_POPULATION or name_key(p.name) == key
        ]
    if mention.hint in ("district", "province"):
        # 'Molai district' is no French village of 1,500 that once bore that name
        return [
            p for p in places if p.kind != "city" or p.population >= SMALL_TOWN_POPULATION or name_key(p.name) == key
        ]
    if mention.hint is not None:
        return places
    regions = {p.country_code for p in places if p.kind in ("admin1", "country") and name_key(p.name) == key}
    return [
        p
        for p in places
        if p.kind != "city"
        or p.population >= SMALL_TOWN_POPULATION
        or (p.country_code not in regions and (name_key(p.name) == key or mention.source != "run"))
        # 'in Kidal': a province's seat of its own name is a town, not only the province
        or (p.country_code in regions and name_key(p.name) == key and p.population >= PROVINCE_SEAT_POPULATION)
    ]


PROVINCE_SEAT_POPULATION = 20_000


def _bigger_city_first(places: list[Place]) -> list[Place]:
    """A bare 'Manchester' is the English city of 400,000, not the smaller Jamaican parish of that name; but
    'Bali' is the island, not Paris, one of whose other names it is."""
    if not places or places[0].kind not in ("admin1", "admin2"):
        return places
    top = places[0]
    bigger = next(
        (
            p
            for p in places
            if p.kind == "city"
            and p.country_code != top.country_code
            and name_key(p.name) == name_key(top.name)
            and p.population >= max(top.population, TOWN_VOTE_POPULATION)
        ),
        None,
    )
    return [bigger] + [p for p in places if p is not bigger] if bigger else places


def _as_country_name(gazetteer: Gazetteer, mention: Mention, places: list[Place]) -> list[Place]:
    """'Colombia' is the country, not the Colombian town of that name, unless the text calls it a town;
    a capital called after its country ('Mexico City', 'Kuwait') stays, and so does a region of that name
    ('West Bank', 'England' in 'Zubeidat village, West Bank, West Bank and Gaza Strip')."""
    countries = [p for p in places if p.kind == "country"]
    if mention.hint is not None or not countries:
        return places
    capitals = [
        c
        for c in (gazetteer.capital(p.country_code) for p in countries)
        if c is not None and name_key(c.name) == name_key(mention.name)
    ]
    # 'Jersey City' is the city of that whole name, not the island its key also reaches
    whole = [p for p in places if p.kind == "city" and fold(p.name) == fold(mention.name) and p not in capitals]
    if whole and drops_a_kind_word(mention.name) and all(fold(c.name) != fold(mention.name) for c in countries):
        return whole + [p for p in places if p.kind != "city"] + capitals
    return [p for p in places if p.kind != "city"] + capitals


def is_major_place_elsewhere(gazetteer: Gazetteer, name: str, country_code: str) -> bool:
    """'Kabul' is the Afghan capital, never Cabool, Missouri, however the country vote went."""
    return any(
        p.country_code != country_code and (p.kind == "country" or p.population >= MAJOR_PLACE_POPULATION)
        for p in gazetteer.lookup(name)[:3]
    )


def prefer_the_named_countries(gazetteer: Gazetteer, mentions: list[Mention]) -> None:
    """'Lebanon's security forces ... the city of Tripoli': of a name's readings in several countries, one in a
    country the report names comes first, unless the report names the country of the likeliest reading too."""
    named = {m.places[0].country_code for m in mentions if m.places and m.places[0].kind == "country"}
    for mention in mentions:
        if not mention.places or mention.places[0].country_code in named or mention.places[0].kind == "country":
            continue
        if mention.source == "dateline":
            continue
        # by its own name only ('Beni territory' read as a province abroad: the town Beni in the named country)
        own_name = [p for p in gazetteer.lookup(mention.name) if name_key(p.name) == name_key(mention.name)]
        in_named = next((p for p in own_name if p.country_code in named and p.kind != "country"), None)
        if in_named is not None:
            mention.places = [in_named] + [p for p in mention.places if p != in_named]


def country_votes(gazetteer: Gazetteer, text: str, mentions: list[Mention]) -> dict[str, float]:
    votes: dict[str, float] = defaultdict(float)
    chains = mention_chains(text, mentions)
    for chain in chains:
        last = chain[-1]
        inner = chain[-2] if len(chain) > 1 else None
        # 'at least 60 Afghans, US and Afghan officials' is a list of people, not 'X city, Country'
        if (
            inner is not None
            and (inner.places or inner.hint)
            and not gazetteer.is_demonym(inner.name)
            and not last.modifier
            and last.places
            and last.places[0].kind == "country"
        ):
            votes[last.places[0].country_code] += 3.0 * last.weight  # 'X city, Y province, Country'
    placed_by_the_chain = _placed_abroad_by_their_chain(chains)
    for mention in mentions:
        if id(mention) in placed_by_the_chain:
            continue
        if gazetteer.is_demonym(mention.name) and not _the_countrys_own_name(gazetteer, mention.name):
            people_of = gazetteer.country(mention.name)
            if people_of is not None:
                # 'the Mozambican town of Palma' says where the town is; 'Mozambican soldiers' only who
                where = _kind_word_after(text, mention.start, mention.end)
                votes[people_of.country_code] += (3.0 * KIND_VOTE["country"] if where else WHO_VOTE) * mention.weight
            continue
        if not mention.places:
            continue
        top = mention.places[0]
        if mention.hint == "area" and top.kind != "city":
            continue  # 'the Santa Fe neighborhood' of Tijuana is a quarter, no vote for a county abroad
        if top.kind == "city" and mention.source != "structural" and top.population < 5000:
            continue
        if top.kind == "country" and mention.modifier:
            votes[top.country_code] += WHO_VOTE * mention.weight  # 'US troops' says who, not where
            continue
        if mention.source == "dateline":
            towns = [p for p in mention.places if p.kind == "city"]
            # 'YALA:' is the Thai town of that name, not Patan in Nepal, one of whose other names it is
            own_named = [p for p in towns if name_key(p.name) == name_key(mention.name)]
            town = max(own_named or towns, key=lambda p: p.population, default=top)
            # a dateline names a town, not Colombo, Brazil; named again in the body, it is where the story is
            repeated = any(m is not mention and name_key(m.name) == name_key(mention.name) for m in mentions)
            votes[town.country_code] += KIND_VOTE["city"] * mention.weight * (3.0 if repeated else 1.0)
            continue
        if (
            top.kind == "city"
            and mention.hint is None
            and top.population < TOWN_VOTE_POPULATION
            and not (mention.attack_place and mention.source == "entity")
        ):
            # a bare name matching some small town abroad ('the Taj' -> At Taj, Libya) is weak evidence
            votes[top.country_code] += SMALL_TOWN_VOTE * mention.weight
            continue
        votes[top.country_code] += KIND_VOTE[top.kind] * mention.weight
    return votes


def _the_countrys_own_name(gazetteer: Gazetteer, name: str) -> bool:
    """'Myanmar' is a people's word ('Myanmar troops') and the country's name ('Myanmar's frontier'): as a
    name it is a place, and the modifier test tells the troops apart."""
    country = gazetteer.country(name)
    return country is not None and fold(country.name) == fold(name)


SETTLEMENT_KIND_WORDS = frozenset({"town", "city", "village", "capital", "port", "hamlet"})


def _kind_word_after(text: str, start: int, end: int) -> bool:
    """A place's kind word right after a people's name: 'Mozambican town', 'the Kuwaiti capital'."""
    # a settlement told with its article ('the Mozambican town'); 'Somali region' is a province's own name
    if not re.search(r"\b(?:the|a|an)\s+(?:[a-z-]+\s+){0,2}$", text[max(0, start - 30) : start]):
        return False
    words = re.match(r"\s+(?:[a-z-]+\s+){0,2}?([a-z]+)\b", text[end : end + 40])
    return words is not None and words.group(1) in SETTLEMENT_KIND_WORDS


def _placed_abroad_by_their_chain(chains: list[list[Mention]]) -> set[int]:
    """'Salama village in Mkunumbi Division, Lamu County': what follows a town puts it in Kenya, so the town's
    own readings abroad (a Salama in Guatemala) cast no vote."""
    placed = set()
    for chain in chains:
        for i, mention in enumerate(chain):
            after = {p.country_code for m in chain[i + 1 :] for p in m.places}
            if mention.places and after and not after & {p.country_code for p in mention.places}:
                placed.add(id(mention))
    return placed


def add_dateline_corroboration(gazetteer: Gazetteer, mentions: list[Mention], votes: dict[str, float]) -> None:
    """'KANO - ... schoolgirls from Chibok': small places of the filing country confirm that country."""
    codes = {p.country_code for m in mentions if m.source == "dateline" for p in m.places[:1]}
    for code in codes:
        for m in mentions:
            if m.source in ("dateline", "capital") or m.aside or m.weight < 0.5 or m.places:
                continue
            if any(p.country_code == code for p in gazetteer.lookup(m.name, code)):
                votes[code] += 1.0 * m.weight


# --- choosing the incident's places ---------------------------------------------------------------
