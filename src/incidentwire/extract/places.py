"""Where the incident happened: country, province, city and the attacked site, with their spans.

Place mentions come from structural phrases ("Bama village, Borno state, Nigeria", "the city of X"),
spaCy GPE/LOC entities and capitalised runs, all resolved with the gazetteer. The country is voted by
every mention (weighted by position and by the kind of place), then the incident's chain of places
is the earliest specific one in the country, preferring sentences that describe the attack and
skipping background ("his home town", "officials said in the capital").
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from pydantic import BaseModel, Field

from ..geo import Gazetteer, Place, fold, name_key
from ..geo.aliases import load_place_aliases
from .place_context import is_actor, is_name_part, recalled_tokens
from .place_cues import Cues, load_cues as _cues, without_article as _without_article
from .sites import find_site
from .spans import Context, Found

Span = tuple[int, int]
CHAIN_GLUE = re.compile(r"^(?:,\s*|\s+of\s+(?:the\s+)?|\s+in\s+(?:the\s+)?)$")
KIND_VOTE = {"country": 3.0, "admin1": 2.0, "admin2": 1.5, "city": 1.0}
MIN_CITY_POPULATION_UNHINTED = 1000


class Location(BaseModel):
    country: str | None = None
    admin1: str | None = None
    city: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: str | None = None
    site: str | None = None
    spans: dict[str, list[Span]] = Field(default_factory=dict)


@dataclass
class Mention:
    """A name in the text that may be a place, with the kind of place its wording says it is."""

    name: str
    start: int
    end: int
    hint: str | None  # settlement | area | district | province | None
    source: str  # structural | entity | run
    sentence: int = 0
    weight: float = 1.0
    places: list[Place] = field(default_factory=list)
    phrase_end: int = -1  # end of the name with its kind word ('Mosul city')
    aside: bool = False  # beside the attack's place: 'near X', 'a X court'
    modifier: bool = False  # used as an adjective: 'US troops'
    attack_place: bool = False  # governed by the attack's words: 'attack at X', 'abduction of girls from X'
    not_here: bool = False  # the text puts the attack elsewhere: 'near X', 'a X court', 'caught in X'

    @property
    def span(self) -> Span:
        return (self.start, self.end)


# 'KABUL -', 'PESHAWAR, Pakistan -', 'New Delhi:', 'NAIROBI (Reuters) -' at the very start of a report
DATELINE = re.compile(r"^\s*(?P<name>[A-Z][A-Za-z'’.\-]*(?: [A-Z][A-Za-z'’.\-]*){0,3})"
                      r"(?:,\s*(?P<region>[A-Z][A-Za-z'’.\-]*(?: [A-Z][A-Za-z'’.\-]*){0,3}))?"
                      r"\s*(?:\([^)]{1,40}\)\s*)?(?:[-–—]+|:)\s")
# 'Madrid (spain), 19 nov 89 (domestic service) --', 'San salvador, no date --': a wire service's dateline;
WIRE_DATELINE = re.compile(r"^\s*(?P<name>[A-Z][\w'’.\-]*(?: [\w'’.\-]+){0,3}?)(?:\s*\((?P<region>[^()\d]{2,30})\))?,"
                           r"\s*(?:\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{2,4}|[A-Za-z]{3,9}\.?\s+\d{1,2}(?:,\s*\d{4})?|no date)"
                           r"\s*(?:\([^)]{1,60}\)\s*)?(?:--|[-–—]|:)\s")  # 'New Delhi, Feb 15:' in South Asian press
# 'Somalia's capital', 'the Afghan capital'
CAPITAL = re.compile(r"\b(?:the\s+(?P<demonym>[A-Z][a-z]+)\s+capital|(?P<country>[A-Z][a-z]+(?: [A-Z][a-z]+)?)['’]s\s+capital)\b")
YEAR = re.compile(r"\b(?:19[5-9]\d|20\d\d)\b")
POSSESSIVE = re.compile(r"['’]s\b\s*")
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
OWNER_SUFFIX = re.compile(r"^-(?:based|backed|born|linked|led|funded|trained|allied|made|registered|flagged)\b",
                          re.IGNORECASE)


# --- finding mentions ---------------------------------------------------------------------------

def _structural_mentions(text: str, cues: Cues) -> list[Mention]:
    found = []
    for pattern in (cues.structural_after, cues.structural_before):
        for m in pattern.finditer(text):
            word = m.group("word").lower()
            if pattern is cues.structural_after and _kind_word_starts_a_name(text, m):
                continue  # 'Crocus City Hall', 'Kansas City Chiefs': the kind word belongs to a longer name
            hint = cues.hint_of_word.get(word)
            if pattern is cues.structural_before and hint == "area":
                hint = None  # 'the Police Lines area of Peshawar': Peshawar holds the area, whatever kind it is
            found.append(Mention(m.group("name"), m.start("name"), m.end("name"),
                                 hint, "structural", phrase_end=max(m.end(), m.end("name"))))
    return found


def _kind_word_starts_a_name(text: str, m: re.Match) -> bool:
    return m.group("word")[0].isupper() and re.match(r"\s+[A-Z]", text[m.end():]) is not None


def _entity_mentions(ctx: Context) -> list[Mention]:
    return [Mention(_without_article(e.text), e.start_char + (len(e.text) - len(_without_article(e.text))),
                    e.end_char, None, "entity")
            for e in ctx.doc.ents if e.label_ in ("GPE", "LOC", "FAC", "NORP")]


def _run_mentions(text: str, cues: Cues) -> list[Mention]:
    return [Mention(m.group(), m.start(), m.end(), None, "run") for m in cues.capitalised_run.finditer(text)]


def _dateline_mentions(text: str, cues: Cues) -> list[Mention]:
    """The filing place before the dash or colon: a weak witness, since reporters file from capitals."""
    m = WIRE_DATELINE.match(text) or DATELINE.match(text)
    if not m:
        return []
    found = [_dateline_name(m, cues)]
    if m.group("region"):
        region = load_place_aliases().dateline_abbreviations.get(m.group("region"), m.group("region"))
        found.append(Mention(region, m.start("region"), m.end("region"), None, "dateline"))
    return found


def _dateline_name(m: re.Match, cues: Cues) -> Mention:
    """'Guatemala city' names the city, not the country its first word also names."""
    name = m.group("name")
    head, _, last = name.rpartition(" ")
    hint = cues.hint_of_word.get(last.lower()) if head else None
    if hint == "settlement":
        return Mention(head, m.start("name"), m.start("name") + len(head), hint, "dateline", phrase_end=m.end("name"))
    return Mention(name, m.start("name"), m.end("name"), None, "dateline")


def _capital_mentions(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """'in Somalia's capital' names the capital city as surely as its name does."""
    found = []
    for m in CAPITAL.finditer(text):
        code = gazetteer.country_code_of(m.group("demonym") or m.group("country"))
        capital = gazetteer.capital(code) if code else None
        if capital is not None:
            found.append(Mention(capital.name, m.start(), m.end(), "settlement", "capital", places=[capital]))
    return found


def _split_possessive(mention: Mention) -> list[Mention]:
    """'Pakistan's Bajaur' is Bajaur, in Pakistan; 'Colombo's' is Colombo."""
    parts = []
    offset = 0
    for piece in POSSESSIVE.split(mention.name):
        start = mention.name.index(piece, offset) if piece else offset
        offset = start + len(piece)
        if piece:
            parts.append((piece, mention.start + start))
    if len(parts) <= 1:
        if parts and parts[0][0] != mention.name:
            mention.name, mention.end = parts[0][0], parts[0][1] + len(parts[0][0])
        return [mention]
    owners = [Mention(name, start, start + len(name), None, "run") for name, start in parts[:-1]]
    name, start = parts[-1]
    return owners + [Mention(name, start, start + len(name), mention.hint, mention.source,
                             phrase_end=mention.phrase_end)]


def _site_prefix_mentions(mentions: list[Mention], cues: Cues, gazetteer: Gazetteer) -> list[Mention]:
    """'Garissa University College', 'Bannu Cantonment': the place a named site is called after."""
    found = []
    for mention in mentions:
        words = mention.name.split()
        if mention.source != "run" or len(words) < 2 or not cues.site_head.search(mention.name):
            continue
        for size in range(len(words) - 1, 0, -1):
            prefix = " ".join(words[:size])
            if any(p.kind != "city" or p.population >= 20000 for p in gazetteer.lookup(prefix)):
                found.append(Mention(prefix, mention.start, mention.start + len(prefix), None, "run"))
                break
    return found


# 'Jammu and Kashmir', 'Trinidad and Tobago': one place whose name holds 'and'
JOINED_NAME = re.compile(r"\b[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+)? and [A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+)?")


def _joined_name_mentions(text: str, gazetteer: Gazetteer) -> list[Mention]:
    found = []
    for m in JOINED_NAME.finditer(text):
        name = POSSESSIVE.split(m.group())[0]
        if any(p.kind in ("country", "admin1", "admin2") for p in gazetteer.lookup(name)[:3]):
            found.append(Mention(name, m.start(), m.start() + len(name), None, "entity"))
    return found


def _inside_longer_name(mention: Mention, ctx: Context, cues: Cues) -> bool:
    """'an Ariana Grande concert', 'Jomo Kenyatta International Airport': part of a person's name."""
    return mention.source in ("run", "entity") and is_name_part(ctx.doc, mention.start, mention.end, cues.keeps_place)


def _inside_actor_name(mention: Mention, ctx: Context) -> bool:
    """'the Islamic State group' is a group, not a state."""
    end = max(mention.end, mention.phrase_end)
    return mention.source == "structural" and any(
        e.start_char < end and mention.start < e.end_char and e.label_ in ("ARMED_GROUP", "FORCE")
        and e.end_char >= end for e in ctx.doc.ents)


NOT_PLACE_LABELS = frozenset({"PERSON", "DATE", "TIME", "ARMED_GROUP", "FORCE"})


def _is_not_place(mention: Mention, ctx: Context, cues: Cues, gazetteer: Gazetteer) -> bool:
    """Month and weekday names, and names spaCy reads as people or dates, are not towns."""
    if fold(mention.name) in cues.not_place:
        return True
    if any(p.kind == "country" for p in gazetteer.lookup(mention.name)[:1]):
        return False  # spaCy calls "Burkina Faso's" a person
    if mention.source != "run":
        return False
    # The tokens' entity labels, not doc.ents: that builds every entity span anew on each call.
    words = ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if words is None:
        return False
    # 'Had', 'Of', 'Most' capitalised at a line start are words, not towns ('Al Had', Yemen)
    common_words = all(t.is_stop or t.pos_ != "PROPN" for t in words)
    if common_words or (len(words) == 1 and words[0].lower_ in cues.keeps_place):
        return True  # a lone 'University' or 'Port' is a word of a name, not the US town of that name
    # 'Manchester Arena' read as a person is still a landmark, whose first word may name the town
    landmark = len(words) > 1 and cues.site_head.search(mention.name) is not None
    return not landmark and any(t.ent_type_ in NOT_PLACE_LABELS for t in words)


def _merged_mentions(ctx: Context, cues: Cues, gazetteer: Gazetteer) -> list[Mention]:
    """Dateline and structural mentions first, then entities and runs where they do not overlap a kept one."""
    kept: list[Mention] = []
    candidates = (_dateline_mentions(ctx.text, cues) + _capital_mentions(ctx.text, gazetteer)
                  + _joined_name_mentions(ctx.text, gazetteer) + _structural_mentions(ctx.text, cues)
                  + _entity_mentions(ctx) + _run_mentions(ctx.text, cues))
    for mention in [part for m in candidates for part in _split_possessive(m)]:
        if _is_not_place(mention, ctx, cues, gazetteer) or _inside_actor_name(mention, ctx) \
                or _inside_longer_name(mention, ctx, cues):
            continue
        if not any(mention.start < k.end and k.start < mention.end for k in kept):
            kept.append(mention)
    kept += [m for m in _site_prefix_mentions(kept, cues, gazetteer) if not _inside_longer_name(m, ctx, cues)]
    kept = [m for m in kept if not (m.source == "run" and cues.site_head.search(m.name) and len(m.name.split()) > 1
                                    and any(o is not m and o.start == m.start for o in kept))]
    return sorted(kept, key=lambda m: m.start)


# --- weighing and resolving ---------------------------------------------------------------------

def _sentence_weights(ctx: Context, cues: Cues, mentions: list[Mention]) -> None:
    """Earlier sentences, and sentences about the attack, weigh more; background clauses weigh little."""
    sentences = list(ctx.doc.sents)
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
                before = ctx.text[sent.start_char:mention.start]
                weight = 1.0 / (1.0 + 0.35 * i)
                if i not in about_attack:
                    about_attack[i] = bool(cues.attack.search(sent.text))
                if about_attack[i]:
                    weight *= 2.0
                if (cues.background.search(before[-80:]) or cues.background.search(ctx.text[mention.end:mention.end + 25])
                        or _earlier_year_before(before[-80:], ctx) or acting):
                    weight *= ASIDE_WEIGHT
                if words is not None and any(t.i in recalled for t in words):
                    # 'The bombing came weeks after a bomber struck X': another attack's place
                    mention.aside = True  # not not_here: a filing city recalled for an old attack may be this one's
                    mention.weight = weight * ASIDE_WEIGHT
                    break
                if INSTITUTION_OF.search(before[-40:]):
                    weight *= ASIDE_WEIGHT  # 'a student at the University of California': a name, not a scene
                after = ctx.text[max(mention.end, mention.phrase_end):]
                # 'near Moscow' is beside the attack; GTD's 'near Peshawar city, X province' still names it
                near = cues.vicinity_before.search(before[-30:]) and mention.source != "structural"
                institution = cues.institution_after.match(after)
                later = cues.later_event_before.search(before[-60:])
                if near or institution or later:
                    mention.aside = True
                    weight *= ASIDE_WEIGHT
                    # 'outside Kabul airport' is still in Kabul; 'near Moscow' is not
                    mention.not_here = bool(institution or later or (near and not _is_modifier(ctx, mention)))
                elif cues.attack_place_before.search(before[-120:]) and not re.match(r"\s+[A-Z]", after):
                    # 'at the Taj Mahal Palace': a word of a longer proper name is not the attack's place
                    mention.attack_place = True
                    weight *= ATTACK_PLACE_FACTOR
                mention.weight = weight
                break


def _weigh_dateline(gazetteer: Gazetteer, text: str, mentions: list[Mention]) -> None:
    """A dateline naming a big city ('KABUL -') is strong evidence; a small or unknown one stays weak, and so
    does a big one when the body points to another country ('MEXICO CITY - ... a bomb in San Salvador')."""
    body_votes = _country_votes(gazetteer, text, [m for m in mentions if m.source != "dateline"])
    for mention in mentions:
        if mention.source != "dateline" or not mention.places:
            continue
        if _body_points_elsewhere(body_votes, mention.places[0].country_code):
            continue  # the agency's desk, not the attack's country
        if any(p.kind in ("city", "admin1") and p.population >= DATELINE_CITY_POPULATION for p in mention.places[:2]):
            mention.weight = DATELINE_CITY_WEIGHT


def _body_points_elsewhere(body_votes: dict[str, float], filing_country: str) -> bool:
    """The body's own places vote clearly for one country other than the one the report was filed from.

    Clearly: twice the filing country's vote and twice any other's ('COLOMBO - ... a bomber had studied in
    Britain and Australia' points nowhere in particular, so Colombo stands).
    """
    if not body_votes:
        return False
    leader, *others = sorted(body_votes, key=body_votes.get, reverse=True)
    lead = body_votes[leader]
    runner_up = max((body_votes[c] for c in others if c != filing_country), default=0.0)
    return (leader != filing_country and lead >= FOREIGN_BODY_MIN_VOTE
            and body_votes.get(filing_country, 0.0) < lead / 2 and runner_up < lead / 2)


def _earlier_year_before(before: str, ctx: Context) -> bool:
    """'since the 1998 bombing of the US embassy in Nairobi': a year before publication marks history."""
    if ctx.published is None:
        return False
    return any(int(y) < ctx.published.year for y in YEAR.findall(before))


def _is_modifier(ctx: Context, mention: Mention) -> bool:
    """'US troops', 'Afghan officials', 'Pakistan-based', 'Pakistan's foreign minister': whose, not where."""
    if OWNER_SUFFIX.match(ctx.text[mention.end:mention.end + 12]):
        return True
    span = ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    last = span[-1]
    if mention.phrase_end > mention.end and last.head.idx >= mention.end:
        return False  # "Orissa's Koraput district": the kind word it qualifies makes it a place
    if last.dep_ == "poss":
        return _is_owner_of(last.head)
    return last.dep_ in ("compound", "amod", "nmod") and last.head.i > last.i and last.head.pos_ in ("NOUN", "PROPN") \
        and not last.head.is_title


def _is_owner_of(head) -> bool:
    """'Pakistan's foreign minister' owns a person or body; 'Pakistan's northwest' is still a place."""
    words = {head.lower_} | {t.lower_ for t in head.lefts if t.dep_ in ("amod", "compound")}
    return head.pos_ == "NOUN" and not words & _cues().possessive_place_heads

def _resolve(gazetteer: Gazetteer, mention: Mention, country_code: str | None = None) -> list[Place]:
    if mention.source == "capital":
        return [p for p in mention.places if country_code is None or p.country_code == country_code]
    places = _as_country_name(gazetteer, mention, gazetteer.lookup(mention.name, country_code))
    if not country_code and mention.hint is None:
        places = _bigger_city_first(places)
    if country_code:
        places = [p for p in places if p.country_code == country_code]
    allowed = {"settlement": ("city", "admin2"), "area": ("city", "admin2"),
               "district": ("admin2", "city", "admin1"), "province": ("admin1", "admin2")}.get(mention.hint)
    if allowed:
        places = [p for p in places if p.kind in allowed]
    if mention.source in ("run", "dateline") and not country_code:
        places = [p for p in places if p.kind != "city" or p.population >= 20000]
    elif mention.hint is None and not (country_code and mention.attack_place):
        # 'the abduction of schoolgirls from Chibok': the attack's own village may be tiny
        places = [p for p in places if p.kind != "city" or p.population >= MIN_CITY_POPULATION_UNHINTED]
    if country_code and mention.hint is None and _is_major_place_elsewhere(gazetteer, mention.name, country_code):
        places = [p for p in places if p.kind != "city" or p.population >= SMALL_TOWN_POPULATION]
    return places


def _bigger_city_first(places: list[Place]) -> list[Place]:
    """A bare 'Manchester' is the English city of 400,000, not the smaller Jamaican parish of that name."""
    if not places or places[0].kind not in ("admin1", "admin2"):
        return places
    top = places[0]
    bigger = next((p for p in places if p.kind == "city" and p.country_code != top.country_code
                   and p.population >= max(top.population, TOWN_VOTE_POPULATION)), None)
    return [bigger] + [p for p in places if p is not bigger] if bigger else places


def _as_country_name(gazetteer: Gazetteer, mention: Mention, places: list[Place]) -> list[Place]:
    """'Colombia' is the country, not the Colombian town of that name, unless the text calls it a town;
    a capital called after its country ('Mexico City', 'Kuwait') stays, and so does a region of that name
    ('West Bank', 'England' in 'Zubeidat village, West Bank, West Bank and Gaza Strip')."""
    countries = [p for p in places if p.kind == "country"]
    if mention.hint is not None or not countries:
        return places
    capitals = [c for c in (gazetteer.capital(p.country_code) for p in countries)
                if c is not None and name_key(c.name) == name_key(mention.name)]
    return [p for p in places if p.kind != "city"] + capitals


def _is_major_place_elsewhere(gazetteer: Gazetteer, name: str, country_code: str) -> bool:
    """'Kabul' is the Afghan capital, never Cabool, Missouri, however the country vote went."""
    return any(p.country_code != country_code and (p.kind == "country" or p.population >= MAJOR_PLACE_POPULATION)
               for p in gazetteer.lookup(name)[:3])


def _country_votes(gazetteer: Gazetteer, text: str, mentions: list[Mention]) -> dict[str, float]:
    votes: dict[str, float] = defaultdict(float)
    for chain in _chains(text, mentions):
        last = chain[-1]
        inner = chain[-2] if len(chain) > 1 else None
        # 'at least 60 Afghans, US and Afghan officials' is a list of people, not 'X city, Country'
        if inner is not None and (inner.places or inner.hint) and not gazetteer.is_demonym(inner.name) and not last.modifier \
                and last.places and last.places[0].kind == "country":
            votes[last.places[0].country_code] += 3.0 * last.weight  # 'X city, Y province, Country'
    for mention in mentions:
        if gazetteer.is_demonym(mention.name):
            votes[gazetteer.country(mention.name).country_code] += WHO_VOTE * mention.weight
            continue
        if not mention.places:
            continue
        top = mention.places[0]
        if top.kind == "city" and mention.source != "structural" and top.population < 5000:
            continue
        if top.kind == "country" and mention.modifier:
            votes[top.country_code] += WHO_VOTE * mention.weight  # 'US troops' says who, not where
            continue
        if mention.source == "dateline":
            town = max((p for p in mention.places if p.kind == "city"), key=lambda p: p.population, default=top)
            # a dateline names a town, not Colombo, Brazil; named again in the body, it is where the story is
            repeated = any(m is not mention and name_key(m.name) == name_key(mention.name) for m in mentions)
            votes[town.country_code] += KIND_VOTE["city"] * mention.weight * (3.0 if repeated else 1.0)
            continue
        if top.kind == "city" and mention.hint is None and top.population < TOWN_VOTE_POPULATION \
                and not (mention.attack_place and mention.source == "entity"):
            # a bare name matching some small town abroad ('the Taj' -> At Taj, Libya) is weak evidence
            votes[top.country_code] += SMALL_TOWN_VOTE * mention.weight
            continue
        votes[top.country_code] += KIND_VOTE[top.kind] * mention.weight
    return votes


def _add_dateline_corroboration(gazetteer: Gazetteer, mentions: list[Mention], votes: dict[str, float]) -> None:
    """'KANO - ... schoolgirls from Chibok': small places of the filing country confirm that country."""
    codes = {p.country_code for m in mentions if m.source == "dateline" for p in m.places[:1]}
    for code in codes:
        for m in mentions:
            if m.source in ("dateline", "capital") or m.aside or m.weight < 0.5 or m.places:
                continue
            if any(p.country_code == code for p in gazetteer.lookup(m.name, code)):
                votes[code] += 1.0 * m.weight


# --- choosing the incident's places ---------------------------------------------------------------

def _chains(text: str, mentions: list[Mention]) -> list[list[Mention]]:
    """Runs of mentions joined only by ', ' or ' of ' / ' in ': 'X town, Y district, Z province, Country'."""
    chains: list[list[Mention]] = []
    for mention in mentions:
        previous = chains[-1][-1] if chains else None
        if previous and CHAIN_GLUE.match(text[max(previous.end, previous.phrase_end):mention.start]):
            chains[-1].append(mention)
        else:
            chains.append([mention])
    return chains


def _is_place_in(mention: Mention, country_code: str) -> bool:
    return mention.hint is not None and mention.source == "structural" or any(
        p.country_code == country_code for p in mention.places)


def _chain_score(chain: list[Mention], country_code: str) -> float:
    score = 0.0
    for mention in chain:
        if mention.aside or mention.source == "dateline" or not _is_place_in(mention, country_code):
            continue
        kinds = {p.kind for p in mention.places if p.country_code == country_code}
        if mention.modifier and kinds == {"country"}:
            continue  # "Russia's security service" says whose, not where
        specific = 1.0 if (mention.hint in ("settlement", "area", "district") or "city" in kinds or "admin2" in kinds) else 0.4
        score += mention.weight * specific
    return score


def _pick_city(chain: list[Mention], country_code: str, text: str) -> tuple[Mention | None, Place | None]:
    """The chain's settlement: last 'town/city/village', else first 'area', else a resolved city, else a district."""
    def city_place(m: Mention) -> Place | None:
        return next((p for p in m.places if p.country_code == country_code and p.kind == "city"), None)

    chain = [m for m in chain if not m.aside]
    settlements = [m for m in chain if m.hint == "settlement"]
    if settlements:
        return settlements[-1], city_place(settlements[-1])
    areas = [m for m in chain if m.hint == "area"]
    # 'the Police Lines area of Peshawar': a resolved city after the area is the city
    after_area = [m for m in chain if areas and m.start > areas[0].start and m.hint is None and city_place(m)]
    if areas and not after_area:
        return areas[0], city_place(areas[0])
    for m in chain:
        if m.hint is None and city_place(m) is not None:
            return m, city_place(m)
    districts = [m for m in chain if m.hint == "district"]
    if districts:
        return districts[0], None
    return _unresolved_head(chain, country_code, text), None


def _unresolved_head(chain: list[Mention], country_code: str, text: str) -> Mention | None:
    """'in Tuz Khormato, Saladin governorate': a name the gazetteer lacks, placed by what follows it."""
    if not chain:
        return None
    head = chain[0]
    if head.source == "run" and _cues().site_head.search(head.name):
        return None
    comma_joined = len(chain) > 1 and text[head.end:chain[1].start].strip() == ","
    if head.hint is None and not head.places and comma_joined and _is_place_in(chain[1], country_code):
        return head
    return None


def _pick_admin(chain: list[Mention], country_code: str, kind: str) -> tuple[Mention | None, Place | None]:
    for m in chain:
        if m.hint in ("settlement", "area"):
            continue
        place = next((p for p in m.places if p.country_code == country_code and p.kind == kind), None)
        if place is not None:
            return m, place
    return None, None


def _same_name_spans(mentions: list[Mention], name: str) -> list[Span]:
    key = name_key(name)
    return [m.span for m in mentions if name_key(m.name) == key]


# --- the whole location -------------------------------------------------------------------------

def find_location(ctx: Context, gazetteer: Gazetteer | None = None) -> Found[Location]:
    """The incident's location; `spans` covers every field, and `value.spans` splits them per field."""
    gazetteer = gazetteer or Gazetteer.load()
    cues = _cues()
    mentions = _merged_mentions(ctx, cues, gazetteer)
    _sentence_weights(ctx, cues, mentions)
    for mention in mentions:
        mention.places = _resolve(gazetteer, mention)
    _weigh_dateline(gazetteer, ctx.text, mentions)
    votes = _country_votes(gazetteer, ctx.text, mentions)
    _add_dateline_corroboration(gazetteer, mentions, votes)
    location = Location()
    site = find_site(ctx)
    if site.value:
        location.site, location.spans["site"] = site.value, site.spans
    if not votes:
        return Found(location, [s for spans in location.spans.values() for s in spans])
    country_code = max(votes, key=votes.get)
    _fill_places(ctx, gazetteer, mentions, country_code, location)
    return Found(location, sorted({s for spans in location.spans.values() for s in spans}))


def _fill_places(ctx: Context, gazetteer: Gazetteer, mentions: list[Mention], country_code: str,
                 location: Location) -> None:
    for mention in mentions:
        mention.places = _resolve(gazetteer, mention, country_code)
    chains = [c for c in _chains(ctx.text, mentions) if _chain_score(c, country_code) > 0]
    chain = max(chains, key=lambda c: _chain_score(c, country_code) + _repeat_bonus(c, mentions, country_code),
                default=[])
    city_mention, city_place = _pick_city(chain, country_code, ctx.text)
    if city_place is None and city_mention is not None and city_mention.hint == "district":
        city_place = _same_named_city(gazetteer, city_mention, chain, country_code)
    if city_mention is None or (city_place is None and city_mention.hint in ("district", "area") and not _has_admin(chain, country_code)):
        # 'MOGADISHU - ... in Hodan district': an urban district of the filing city or the named capital
        known_mention, known_place = _dateline_city(mentions, chain, country_code)
        if known_place is None and city_mention is not None:
            known_mention, known_place = _capital_city(mentions, country_code)
        if known_place is not None or city_mention is None:
            city_mention, city_place = known_mention, known_place
    admin1_mention, admin1_place = _pick_admin(chain, country_code, "admin1")
    admin2_mention, admin2_place = _pick_admin(chain, country_code, "admin2")
    if admin1_place is None:
        admin1_place = _admin1_of(gazetteer, city_place or admin2_place, country_code)
        admin1_mention = city_mention if city_place else admin2_mention

    country = gazetteer.country_by_code(country_code)
    location.country = country.name
    location.spans["country"] = _country_spans(gazetteer, mentions, country_code) or (
        [city_mention.span] if city_mention else [])
    if admin1_place is not None:
        location.admin1 = admin1_place.name
        location.spans["admin1"] = _same_name_spans(mentions, admin1_mention.name) if admin1_mention else []
    if city_mention is not None:
        location.city = city_place.name if city_place else _city_as_written(ctx.text, city_mention)
        location.spans["city"] = _same_name_spans(mentions, city_mention.name)
    best = [(city_place, "city", city_mention), (admin2_place, "district", admin2_mention),
            (admin1_place, "province", admin1_mention), (country, "country", None)]
    place, precision, mention = next((b for b in best if b[0] is not None))
    location.latitude, location.longitude, location.geo_precision = place.latitude, place.longitude, precision
    location.spans["latitude"] = [mention.span] if mention else location.spans["country"][:1]
    location.spans["longitude"] = location.spans["latitude"]


def _repeat_bonus(chain: list[Mention], mentions: list[Mention], country_code: str) -> float:
    """A city named again elsewhere in the attack's telling ('the blasts in Colombo') gains standing."""
    keys = {(p.name, p.kind) for m in chain if not m.aside and m.source != "dateline"
            for p in m.places[:1] if p.country_code == country_code and p.kind == "city"}
    return 0.5 * sum(m.weight for m in mentions if m not in chain and not m.aside
                     and any((p.name, p.kind) in keys for p in m.places[:1]))


def _same_named_city(gazetteer: Gazetteer, mention: Mention, chain: list[Mention], country_code: str) -> Place | None:
    """'Bannu district' happened in Bannu when the district's seat carries its name."""
    admin1s = {p.name for m in chain for p in m.places if p.kind == "admin1" and p.country_code == country_code}
    for place in gazetteer.lookup(mention.name, country_code):
        if place.kind == "city" and place.country_code == country_code and (not admin1s or place.admin1 in admin1s):
            return place
    return None


def _has_admin(chain: list[Mention], country_code: str) -> bool:
    return any(p.kind in ("admin1", "admin2") for m in chain if not m.aside for p in m.places if p.country_code == country_code)


def _dateline_city(mentions: list[Mention], chain: list[Mention], country_code: str) -> tuple[Mention | None, Place | None]:
    """The filing city stands for the attack's when the body names no other town: not when the body puts it
    beside the attack ('near Moscow', 'a Moscow court'), nor when the body's province is another one."""
    admins = {p.name for m in chain if not m.aside for p in m.places if p.country_code == country_code
              and p.kind in ("admin1", "admin2")}
    for m in mentions:
        if m.source != "dateline":
            continue
        place = next((p for p in m.places if p.country_code == country_code and p.kind == "city"), None)
        if place is None or (admins and not admins & {place.admin1, place.admin2}):
            continue
        body = [o for o in mentions if o.source != "dateline" and name_key(o.name) == name_key(m.name)]
        if body and all(o.not_here for o in body):
            continue
        return m, place
    return None, None


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
    exact = next((p for p in gazetteer.lookup(place.admin1, country_code)
                  if p.kind == "admin1" and p.name == place.admin1 and p.country_code == country_code), None)
    return exact or gazetteer.admin1(place.admin1, country_code)  # 'Moscow Oblast' is not the city 'Moscow'


def _city_as_written(text: str, mention: Mention) -> str:
    """An unresolved district keeps its word ('Qaysar district'), as GTD writes rural places."""
    if mention.hint == "district":
        tail = re.match(r"\s+\w+", text[mention.end:])
        return mention.name + (tail.group().lower().replace("  ", " ") if tail else "")
    return mention.name


def _country_spans(gazetteer: Gazetteer, mentions: list[Mention], country_code: str) -> list[Span]:
    spans = []
    for mention in mentions:
        country = gazetteer.country(mention.name)
        if country is not None and country.country_code == country_code:
            spans.append(mention.span)
    return spans
