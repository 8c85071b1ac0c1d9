"""Where the incident happened: country, province, city and the attacked site, with their spans.

Place mentions come from structural phrases ("Bama village, Borno state, Nigeria", "the city of X"),
spaCy GPE/LOC entities and capitalised runs, all resolved with the gazetteer. The country is voted by
every mention (weighted by position and by the kind of place), then the incident's chain of places
is the earliest specific one in the country, preferring sentences that describe the attack and
skipping background ("his home town", "officials said in the capital").
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from pydantic import BaseModel, Field

from ..geo import Gazetteer, Place, name_key
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

    @property
    def span(self) -> Span:
        return (self.start, self.end)


@dataclass
class Cues:
    hint_of_word: dict[str, str]
    structural_after: re.Pattern
    structural_before: re.Pattern
    capitalised_run: re.Pattern
    site_phrase: re.Pattern
    site_head: re.Pattern
    acronym_definition: re.Pattern
    attack: re.Pattern
    background: re.Pattern


NAME = r"(?:[A-Z][\w'’\-]*\.?)(?:[ \-](?:(?:al|el|ad|as|an|ar|e|i|ul|ud|de|del|da|do)[ \-])?[A-Z][\w'’\-]*)*"
STRUCTURAL_NAME = NAME + r"(?:\sand\s[A-Z][\w'’\-]*)?"


@lru_cache(maxsize=1)
def _cues() -> Cues:
    raw = json.loads(resources.files("incidentwire.vocab").joinpath("place_cues.json").read_text("utf-8"))
    hint_of_word = {}
    for hint, key in (("province", "province_words"), ("district", "district_words"),
                      ("area", "area_words"), ("settlement", "settlement_words")):
        hint_of_word.update({w.lower(): hint for w in raw[key]})
    words = "|".join(sorted(map(re.escape, hint_of_word), key=len, reverse=True))
    heads = "|".join(sorted(map(re.escape, raw["site_heads"]), key=len, reverse=True))
    return Cues(
        hint_of_word=hint_of_word,
        structural_after=re.compile(rf"(?:\bthe\s+)?(?P<name>{STRUCTURAL_NAME})\s+(?P<word>(?i:{words}))\b"),
        structural_before=re.compile(rf"\b(?P<word>(?i:{words}))\s+of\s+(?:the\s+)?(?P<name>{NAME})"),
        capitalised_run=re.compile(NAME),
        site_phrase=re.compile(rf"\b(?P<site>(?:[A-Z][\w'’\-]*\s+){{1,5}}(?:{heads}))\b"),
        site_head=re.compile(rf"\b(?:{heads})$"),
        acronym_definition=re.compile(rf"\b(?:{heads.lower()}|building|premises)\b[^.()]{{0,60}}\((?P<acr>[A-Z]{{2,6}})\)",
                                      re.IGNORECASE),
        attack=re.compile(r"\b(?:" + "|".join(map(re.escape, raw["attack_words"])) + r")\b", re.IGNORECASE),
        background=re.compile(r"\b(?:" + "|".join(map(re.escape, raw["background_cues"])) + r")\b", re.IGNORECASE),
    )


# --- finding mentions ---------------------------------------------------------------------------

def _structural_mentions(text: str, cues: Cues) -> list[Mention]:
    found = []
    for pattern in (cues.structural_after, cues.structural_before):
        for m in pattern.finditer(text):
            word = m.group("word").lower()
            found.append(Mention(m.group("name"), m.start("name"), m.end("name"),
                                 cues.hint_of_word.get(word), "structural", phrase_end=max(m.end(), m.end("name"))))
    return found


def _entity_mentions(ctx: Context) -> list[Mention]:
    return [Mention(_without_article(e.text), e.start_char + (len(e.text) - len(_without_article(e.text))),
                    e.end_char, None, "entity")
            for e in ctx.doc.ents if e.label_ in ("GPE", "LOC", "FAC", "NORP")]


def _run_mentions(text: str, cues: Cues) -> list[Mention]:
    return [Mention(m.group(), m.start(), m.end(), None, "run") for m in cues.capitalised_run.finditer(text)]


def _without_article(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name


def _merged_mentions(ctx: Context, cues: Cues) -> list[Mention]:
    """Structural mentions first, then entities and runs where they do not overlap a kept mention."""
    kept: list[Mention] = []
    for mention in (_structural_mentions(ctx.text, cues) + _entity_mentions(ctx) + _run_mentions(ctx.text, cues)):
        if not any(mention.start < k.end and k.start < mention.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


# --- weighing and resolving ---------------------------------------------------------------------

def _sentence_weights(ctx: Context, cues: Cues, mentions: list[Mention]) -> None:
    """Earlier sentences, and sentences about the attack, weigh more; background clauses weigh little."""
    sentences = list(ctx.doc.sents)
    for mention in mentions:
        for i, sent in enumerate(sentences):
            if sent.start_char <= mention.start < sent.end_char:
                mention.sentence = i
                before = ctx.text[sent.start_char:mention.start]
                weight = 1.0 / (1.0 + 0.35 * i)
                if cues.attack.search(sent.text):
                    weight *= 2.0
                if cues.background.search(before[-80:]) or cues.background.search(ctx.text[mention.end:mention.end + 25]):
                    weight *= 0.2
                mention.weight = weight
                break


def _resolve(gazetteer: Gazetteer, mention: Mention, country_code: str | None = None) -> list[Place]:
    places = gazetteer.lookup(mention.name, country_code)
    if country_code:
        places = [p for p in places if p.country_code == country_code]
    allowed = {"settlement": ("city", "admin2"), "area": ("city", "admin2"),
               "district": ("admin2", "city", "admin1"), "province": ("admin1", "admin2")}.get(mention.hint)
    if allowed:
        places = [p for p in places if p.kind in allowed]
    if mention.source == "run" and not country_code:
        places = [p for p in places if p.kind != "city" or p.population >= 20000]
    elif mention.hint is None:
        places = [p for p in places if p.kind != "city" or p.population >= MIN_CITY_POPULATION_UNHINTED]
    return places


def _country_votes(gazetteer: Gazetteer, text: str, mentions: list[Mention]) -> dict[str, float]:
    votes: dict[str, float] = defaultdict(float)
    for chain in _chains(text, mentions):
        last = chain[-1]
        if len(chain) > 1 and last.places and last.places[0].kind == "country":
            votes[last.places[0].country_code] += 3.0 * last.weight  # 'X city, Y province, Country'
    for mention in mentions:
        if gazetteer.is_demonym(mention.name):
            votes[gazetteer.country(mention.name).country_code] += 0.5 * mention.weight
            continue
        if not mention.places:
            continue
        top = mention.places[0]
        if top.kind == "city" and mention.source != "structural" and top.population < 5000:
            continue
        votes[top.country_code] += KIND_VOTE[top.kind] * mention.weight
    return votes


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
        if not _is_place_in(mention, country_code):
            continue
        kinds = {p.kind for p in mention.places if p.country_code == country_code}
        specific = 1.0 if (mention.hint in ("settlement", "area", "district") or "city" in kinds or "admin2" in kinds) else 0.4
        score += mention.weight * specific
    return score


def _pick_city(chain: list[Mention], country_code: str, text: str) -> tuple[Mention | None, Place | None]:
    """The chain's settlement: last 'town/city/village', else first 'area', else a resolved city, else a district."""
    def city_place(m: Mention) -> Place | None:
        return next((p for p in m.places if p.country_code == country_code and p.kind == "city"), None)

    settlements = [m for m in chain if m.hint == "settlement"]
    if settlements:
        return settlements[-1], city_place(settlements[-1])
    areas = [m for m in chain if m.hint == "area"]
    if areas:
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


# --- the attacked site --------------------------------------------------------------------------

def find_site(ctx: Context) -> Found[str | None]:
    """The named place attacked: a defined facility acronym used again ('KPO'), else a named facility."""
    cues, text = _cues(), ctx.text
    for m in cues.acronym_definition.finditer(text):
        acronym = m.group("acr")
        uses = [(u.start(), u.end()) for u in re.finditer(rf"\b{acronym}\b", text)]
        if len(uses) >= 2 and not _is_actor_acronym(ctx, uses[0]):
            return Found(acronym, uses)
    for sent in ctx.doc.sents:
        if not cues.attack.search(sent.text):
            continue
        for m in cues.site_phrase.finditer(sent.text):
            site = _without_article(m.group("site"))
            start = sent.start_char + m.end("site") - len(site)
            return Found(site, [(start, start + len(site))])
    return Found(None, [])


def _is_actor_acronym(ctx: Context, span: Span) -> bool:
    return any(e.start_char <= span[0] < e.end_char and e.label_ in ("ARMED_GROUP", "FORCE")
               for e in ctx.doc.ents)


# --- the whole location -------------------------------------------------------------------------

def find_location(ctx: Context, gazetteer: Gazetteer | None = None) -> Found[Location]:
    """The incident's location; `spans` covers every field, and `value.spans` splits them per field."""
    gazetteer = gazetteer or Gazetteer.load()
    cues = _cues()
    mentions = _merged_mentions(ctx, cues)
    _sentence_weights(ctx, cues, mentions)
    for mention in mentions:
        mention.places = _resolve(gazetteer, mention)
    votes = _country_votes(gazetteer, ctx.text, mentions)
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
    chain = max(chains, key=lambda c: _chain_score(c, country_code), default=[])
    city_mention, city_place = _pick_city(chain, country_code, ctx.text)
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


def _admin1_of(gazetteer: Gazetteer, place: Place | None, country_code: str) -> Place | None:
    if place is None or not place.admin1:
        return None
    return gazetteer.admin1(place.admin1, country_code)


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
