"""Where a report names places: every mention that may be a place, with the kind of place its wording says.

Mentions come from the dateline, structural phrases ("Bama village, Borno state"), "the Afghan capital",
spaCy GPE/LOC entities and capitalised runs; names that are people, groups or parts of longer names are
dropped. `mention_chains` groups mentions written as one address ("X town, Y district, Z province, Country").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..geo import Gazetteer, Place, name_key
from ..geo.aliases import load_place_aliases
from ..geo.names import name_keys
from ..text import fold, match_dateline
from .place_context import is_name_part
from .place_cues import NAME, Cues
from .place_cues import without_article as _without_article
from .spans import Context

Span = tuple[int, int]
CHAIN_GLUE = re.compile(r"^(?:,\s*|\s+of\s+(?:the\s+)?|,?\s+in\s+(?:the\s+)?)$")
# 'Ain Tamr, west of Kerbala', 'El Aguaje, 20 km south of Aguililla': a town told by where it lies from another
BEARING_GLUE = re.compile(
    r"^,\s+(?:(?:about|some|around|nearly|roughly)\s+)?"
    r"(?:(?P<distance>\d+\s*(?:km|kilomet(?:re|er)s|miles)\s+(?:\(\d+\s*(?:km|miles)\)\s+)?))?"
    r"(?:(?:due\s+)?(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+(?:of|from)|(?(distance)(?:away\s+)?from|(?!)))"
    r"\s+(?:the\s+)?(?:(?:city|town)\s+of\s+)?$",
    re.IGNORECASE,
)


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
    vicinity: bool = False  # 'near X', 'outside X': beside the town, which GTD still names as the city
    label: str = ""  # the NER label of an entity mention
    after_near: bool = False  # a vicinity word stands before it ('near Baghdad city'), whatever its source
    far: bool = False  # a distance stands before it ('60 miles southeast of Dushanbe'): the attack was away
    placed_by_bearing: bool = False  # 'Ain Tamr, west of Kerbala': a town placed by its bearing from another
    site_prefix: bool = False  # the town a named site is called after: 'Erbil' of 'Erbil International Airport'

    @property
    def span(self) -> Span:
        return (self.start, self.end)


# 'Somalia's capital', 'the Afghan capital'
CAPITAL = re.compile(
    r"\b(?:the\s+(?P<demonym>[A-Z][a-z]+)\s+capital"
    r"|(?P<country>[A-Z][a-z]+(?: [A-Z][a-z]+)?)['’]s\s+capital)\b"
)
POSSESSIVE = re.compile(r"['’]s\b\s*")
# 'the University of X', 'the Bank of X': a place in an institution's name


# --- finding mentions ---------------------------------------------------------------------------


# 'the Paktia provincial capital of Gardez', 'the state capital, Maiduguri': the capital is a town
CAPITAL_OF = re.compile(r"\bcapital(?:,\s*|\s+of\s+(?:the\s+)?)(?P<name>" + NAME + ")")


# 'the Police Lines area of': a named area; 'the coastal area of Ahwar' names the area itself
NAMED_AREA_BEFORE = re.compile(r"[A-Z][\w'’-]*\s+(?:(?:local\s+)?government\s+|council\s+|tribal\s+)?$")
LOCAL_GOVERNMENT = re.compile(r"\s+Local\s+Government$")


# 'a Borno community', 'a small Jere village'; not 'a checkpoint in Gossi town'
INDEFINITE_BEFORE = re.compile(
    r"\b(?:a|an)\s+(?:(?!(?:in|at|on|of|near|from|to|into|outside|inside|and|or)\b)[a-z-]+\s+){0,2}$"
)


def _structural_mentions(text: str, cues: Cues) -> list[Mention]:
    found = []
    for pattern in (cues.structural_after, cues.structural_before, cues.structural_bare, cues.structural_apposed):
        for m in pattern.finditer(text):
            word = m.group("word").lower()
            if pattern is cues.structural_after and _kind_word_starts_a_name(text, m):
                continue  # 'Crocus City Hall', 'Kansas City Chiefs': the kind word belongs to a longer name
            hint = cues.hint_of_word.get(word)
            if pattern is cues.structural_after and hint == "settlement" and _kind_of_the_next_name(text, m, cues):
                continue  # 'the Dagestan city of Kizlyar', 'the Niger town Inates': the second is the town
            if (
                pattern is cues.structural_after
                and hint == "settlement"
                and INDEFINITE_BEFORE.search(text[: m.start("name")])
            ):
                hint = None  # 'Zabarmari, a Borno community': a village of Borno, the state; no village called Borno
            if word == "community" and (pattern is cues.structural_before or re.search(r"['’]s$", m.group("name"))):
                continue  # 'Magarya community' is a village; 'Iraq's community of researchers' is people
            if pattern is cues.structural_before and word == "suburb" and re.search(r"\ban?\s+$", text[: m.start()]):
                continue  # 'a suburb of Paris' is beside Paris; 'the suburb of Krasnogorsk' is Krasnogorsk
            if (
                pattern is cues.structural_before
                and hint == "area"
                and NAMED_AREA_BEFORE.search(text[: m.start("word")])
            ):
                hint = None  # 'the Police Lines area of Peshawar': Peshawar holds the area, whatever kind it is
            name = m.group("name")
            council = LOCAL_GOVERNMENT.search(name) if pattern is cues.structural_after and hint == "area" else None
            if council is not None:  # 'Zurmi Local Government Area': a Nigerian district, called Zurmi
                name, hint = name[: council.start()], "district"
            plural = text[m.end("word") : m.end("word") + 1].lower() == "s"
            if pattern is not cues.structural_after:
                name = name if plural else name.partition(" and ")[0]  # 'the town of X and its people'
            elif plural and (" and " not in name or re.search(r"\bbetween\s+$", text[: m.start("name")])):
                continue  # 'Federally Administered Tribal Areas' is one name; 'between X and Y villages' neither
            phrase_end = max(m.end(), m.end("name"))
            found += [
                Mention(part, start, start + len(part), hint, "structural", phrase_end=phrase_end)
                for part, start in _each_named(name, m.start("name"), plural)
            ]
    return found


def _each_named(name: str, start: int, plural: bool) -> list[tuple[str, int]]:
    """'Buthidaung and Maungdaw townships' names two townships; 'Jammu and Kashmir state' one state."""
    first, joined, second = name.partition(" and ")
    if not plural or not joined:
        return [(name, start)]
    return [(first, start), (second, start + len(first) + len(joined))]


# 'the capital of Babil province': the name is the province's, told by its own kind word
PROVINCE_WORD_NEXT = re.compile(r"\s+(?:province|state|region|governorate|district|county|division)\b", re.IGNORECASE)


def _capital_of_mentions(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """'the provincial capital of Gardez': a town, unless the name is a country's ('the capital of Mali') or a
    province's ('the capital of Babil province')."""
    return [
        Mention(m.group("name"), m.start("name"), m.end("name"), "settlement", "structural", phrase_end=m.end())
        for m in CAPITAL_OF.finditer(text)
        if gazetteer.country(m.group("name")) is None and not PROVINCE_WORD_NEXT.match(text, m.end("name"))
    ]


POSSESSIVE_END = re.compile(r"['’]s$")
REPUBLIC_OF = re.compile(r"\bRepublic\s+of\s+(?:the\s+)?$", re.IGNORECASE)


def _described_structural_mentions(ctx: Context, cues: Cues, gazetteer: Gazetteer) -> list[Mention]:
    found = (_without_leading_demonyms(m, ctx, cues, gazetteer) for m in _structural_mentions(ctx.text, cues))
    # 'the Democratic Republic of the Congo' names a country; 'the Republic of Dagestan' a province
    return [
        _as_the_country_it_names(ctx.text, m, gazetteer)
        for m in found
        if m is not None
        and not (
            REPUBLIC_OF.search(ctx.text[max(0, m.start - 20) : m.start])
            and gazetteer.country(POSSESSIVE_END.sub("", m.name))
        )
    ]


PART_OF_BEFORE = re.compile(r"\b(?:region|province|state|area|part|district)s?\s+of\s+(?:the\s+)?$", re.IGNORECASE)


def _as_the_country_it_names(text: str, mention: Mention, gazetteer: Gazetteer) -> Mention:
    """'the Central African Republic', 'the Dominican Republic': the kind word is part of a country's name;
    'the western Tillaberi region of Niger' names the country, not Niger state of Nigeria."""
    if mention.hint != "settlement" and PART_OF_BEFORE.search(text[max(0, mention.start - 30) : mention.start]):
        country = gazetteer.country(mention.name)
        if country is not None and fold(country.name) == fold(mention.name):
            return Mention(mention.name, mention.start, mention.end, None, "run")
    if mention.phrase_end <= mention.end:
        return mention
    whole = POSSESSIVE_END.sub("", text[mention.start : mention.phrase_end].strip())
    country = gazetteer.country(whole)
    if country is None or fold(country.name) != fold(whole):
        return mention
    return Mention(whole, mention.start, mention.start + len(whole), None, "run")


def _kind_of_the_next_name(text: str, m: re.Match, cues: Cues) -> bool:
    if re.match(r"\s+of\s+(?:the\s+)?[A-Z]", text[m.end() :]):
        return True
    window = cues.structural_bare.finditer(text, max(0, m.start("name") - 40), m.end() + 60)
    return any(bare.start("word") == m.start("word") for bare in window)


def _without_leading_demonyms(mention: Mention, ctx: Context, cues: Cues, gazetteer: Gazetteer) -> Mention | None:
    """'the predominantly Muslim Dagestan region' is the Dagestan region: a people's or a faith's word before
    the name describes it; 'a northern Iraqi city' names no city at all."""
    words = ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if words is None:
        return mention
    first = 0
    # the gazetteer's demonyms and the faith words only: spaCy calls many an unknown town a NORP
    while first < len(words) and (words[first].lower_ in cues.faith_words or gazetteer.is_demonym(words[first].text)):
        first += 1
    if first == len(words):
        return None
    if first == 0:
        return mention
    start = words[first].idx
    mention.name, mention.start = ctx.text[start : mention.end], start
    return mention


def _kind_word_starts_a_name(text: str, m: re.Match) -> bool:
    return m.group("word")[0].isupper() and re.match(r"\s+[A-Z]", text[m.end() :]) is not None


# 'Mazar-e-Sharif', 'Dera-i-Ismail': NER may stop at the first hyphen of a name joined by a Persian or Arabic link
LINKED_NAME_REST = re.compile(r"(?:-(?:e|i|ul|al|el|ud|ad|as|ash|ar|an|es|ur|ut)-[A-Z][\w’']+)+")


def _entity_mentions(ctx: Context) -> list[Mention]:
    found = []
    cased = ctx.text != ctx.text.lower()
    for e in ctx.doc.ents:
        if e.label_ not in ("GPE", "LOC", "FAC", "NORP"):
            continue
        if cased and e.text == e.text.lower():
            continue  # 'a metro train': in a cased text a place's name has a capital ('al-Bab' too)
        rest = LINKED_NAME_REST.match(ctx.text, e.end_char)
        end = rest.end() if rest else e.end_char
        name = _without_article(ctx.text[e.start_char : end])
        found.append(Mention(name, end - len(name), end, None, "entity", label=e.label_))
    return found


def _run_mentions(text: str, cues: Cues) -> list[Mention]:
    return [Mention(m.group(), m.start(), m.end(), None, "run") for m in cues.capitalised_run.finditer(text)]


def _dateline_mentions(text: str, cues: Cues) -> list[Mention]:
    """The filing place before the dash or colon: a weak witness, since reporters file from capitals."""
    m = match_dateline(text)
    if not m or not m.group("name"):
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
    return owners + [
        Mention(name, start, start + len(name), mention.hint, mention.source, phrase_end=mention.phrase_end)
    ]


def _site_prefix_mentions(mentions: list[Mention], cues: Cues, gazetteer: Gazetteer) -> list[Mention]:
    """'Garissa University College', 'Bannu Cantonment': the place a named site is called after."""
    found = []
    for mention in mentions:
        words = mention.name.split()
        if mention.source not in ("run", "entity") or len(words) < 2 or not cues.site_head.search(mention.name):
            continue
        if any(name_key(p.name) == name_key(mention.name) for p in gazetteer.lookup(mention.name)[:3]):
            continue  # 'West Bank' is a place of its own, not a bank in a town called West
        for size in range(len(words) - 1, 0, -1):
            prefix = " ".join(words[:size])
            if any(p.kind != "city" or p.population >= 20000 for p in gazetteer.lookup(prefix)):
                found.append(Mention(prefix, mention.start, mention.start + len(prefix), None, "run", site_prefix=True))
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
    """'the Islamic State group' is a group, not a state; nor is Syria in 'the Islamic State of Iraq and Syria'."""
    end = max(mention.end, mention.phrase_end)
    actors = _actor_entities(ctx)
    if mention.source == "structural":
        return any(start < end and mention.start < stop and stop >= end for start, stop, _ in actors)
    # 'the Islamic State of Iraq and Syria (ISIS) claimed': a word inside the group's whole name
    return any(
        start <= mention.start and mention.end <= stop and group and (start, stop) != (mention.start, mention.end)
        for start, stop, group in actors
    )


def _actor_entities(ctx: Context) -> list[tuple[int, int, bool]]:
    """The groups' and forces' entity spans, (start, end, is a group), read once per document: `doc.ents`
    builds its spans anew on every call, too slow once per mention of a long page."""
    found = ctx.doc.user_data.get("incidentwire_actor_entities")
    if found is None:
        found = [
            (e.start_char, e.end_char, e.label_ == "ARMED_GROUP")
            for e in ctx.doc.ents
            if e.label_ in ("ARMED_GROUP", "FORCE")
        ]
        ctx.doc.user_data["incidentwire_actor_entities"] = found
    return found


NOT_PLACE_LABELS = frozenset({"PERSON", "DATE", "TIME", "ARMED_GROUP", "FORCE"})


# 'Kurdish-ruled', 'Taliban-held', 'Houthi-controlled': an adjective made of a name, no town
ADJECTIVE_COMPOUND = re.compile(
    r"-(?:ruled|controlled|held|based|led|backed|dominated|majority|speaking|occupied|run|linked|allied)$",
    re.IGNORECASE,
)


VILLAGE_WORDS = re.compile(r"\s+(?:village|villages|hamlet|hamlets)\b", re.IGNORECASE)


def _a_country_before_village(mention: Mention, ctx: Context, gazetteer: Gazetteer) -> bool:
    if mention.source != "structural" or not VILLAGE_WORDS.match(ctx.text, mention.end):
        return False
    return gazetteer.country(mention.name) is not None


def _is_not_place(mention: Mention, ctx: Context, cues: Cues, gazetteer: Gazetteer) -> bool:
    """Month and weekday names, and names spaCy reads as people or dates, are not towns."""
    if fold(mention.name) in cues.not_place or ADJECTIVE_COMPOUND.search(mention.name):
        return True
    # 'the State Emergency Management Agency': an office, whatever its last word
    office = mention.hint is not None and bool(set(fold(mention.name).split()) & cues.office_words)
    if office and not gazetteer.lookup(mention.name):
        return True
    if _a_country_before_village(mention, ctx, gazetteer):
        return True  # 'a central Mali village': whose village, not a village called Mali
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
    labels = {t.ent_type_ for t in words} & NOT_PLACE_LABELS
    if labels == {"PERSON"} and _a_city_read_as_a_person(mention, ctx, gazetteer):
        return False
    return not landmark and bool(labels)


# a place word stands before it: 'the entrance of Hillah', 'in Hillah'
PLACE_PREPOSITION_BEFORE = re.compile(r"\b(?:in|at|near|outside|around|into|entrance\s+of|outskirts\s+of)\s+$")
# it is used as a person: 'Hillah said', 'Mr Hillah'
PERSON_USE_AFTER = re.compile(r"\s*(?:,\s*)?(?:said|says|told|added|who|whose)\b")
PERSON_USE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sheikh|General|Gen|Col|President|Minister|Imam)\.?\s+$")
PERSON_READ_CITY_POPULATION = 100_000
DAY_AFTER = re.compile(
    r"\s+(?:on|late on|early on|last)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)


# what follows places it: 'in Gabalami in the country's far west', 'in Moli, near the border'
LOCATOR_AFTER = re.compile(
    r"\s*,?\s*(?:"
    r"in\s+the\s+(?:country|region|state|province)['’]s"
    r"|in\s+(?:(?:north|south)(?:east|west)?|east|west)(?:ern)?\s+[A-Z]"
    r"|in\s+(?:the\s+)?[A-Z][\w'’-]+\s+(?:province|state|region|district|county|governorate)\b"
    r"|(?:near|outside)\s+(?:the\s+)?[A-Z]"
    r"|(?:about|some)\s+\d+\s*(?:km|kilometres|kilometers|miles)\b"
    r"|(?:north|south|east|west)(?:east|west)?\s+of\b)"
)


def _a_city_read_as_a_person(mention: Mention, ctx: Context, gazetteer: Gazetteer) -> bool:
    """spaCy reads an unfamiliar town ('Hillah', 'Gabalami') as a person; one told as a place ('at the entrance
    of Hillah', 'in Gabalami in the country's far west') and never used as a person is still the town: a
    large city by its name alone, any other by the words that locate it."""
    if len(mention.name.split()) > 1:
        return False
    text = ctx.text
    uses = [m.start() for m in re.finditer(r"\b" + re.escape(mention.name) + r"\b", text)]
    if any(
        PERSON_USE_BEFORE.search(text[max(0, at - 20) : at])
        or PERSON_USE_AFTER.match(text, at + len(mention.name))
        or re.match(r"\s+[A-Z][a-z]", text[at + len(mention.name) :])  # 'Hillah Ahmed': a full name
        for at in uses
    ):
        return False
    told_as_a_place = [at for at in uses if PLACE_PREPOSITION_BEFORE.search(text[max(0, at - 30) : at])]
    if any(LOCATOR_AFTER.match(text, at + len(mention.name)) for at in told_as_a_place):
        return True
    if any(
        re.search(r"\bin\s+$", text[max(0, at - 4) : at]) and DAY_AFTER.match(text, at + len(mention.name))
        for at in told_as_a_place
    ):
        return gazetteer.lookup(mention.name) != []  # 'rioting in Londonderry on Thursday night'
    key = name_key(mention.name)
    return bool(told_as_a_place) and any(
        p.kind == "city"
        and p.population >= PERSON_READ_CITY_POPULATION
        and key in name_keys(p.name)  # 'Al Hillah' is Hillah; 'Bilimora', reached by another name, is no Mora
        for p in gazetteer.lookup(mention.name)
    )


def merged_mentions(ctx: Context, cues: Cues, gazetteer: Gazetteer) -> list[Mention]:
    """Dateline and structural mentions first, then entities and runs where they do not overlap a kept one."""
    kept: list[Mention] = []
    candidates = (
        _dateline_mentions(ctx.text, cues)
        + _capital_mentions(ctx.text, gazetteer)
        + _joined_name_mentions(ctx.text, gazetteer)
        + _capital_of_mentions(ctx.text, gazetteer)
        + _described_structural_mentions(ctx, cues, gazetteer)
        + _entity_mentions(ctx)
        + _run_mentions(ctx.text, cues)
    )
    for mention in [part for m in candidates for part in _split_possessive(m)]:
        if (
            _is_not_place(mention, ctx, cues, gazetteer)
            or _inside_actor_name(mention, ctx)
            or _inside_longer_name(mention, ctx, cues)
        ):
            continue
        if not any(mention.start < k.end and k.start < mention.end for k in kept):
            kept.append(mention)
    kept += [m for m in _site_prefix_mentions(kept, cues, gazetteer) if not _inside_longer_name(m, ctx, cues)]
    kept = [
        m
        for m in kept
        if not (
            m.source == "run"
            and cues.site_head.search(m.name)
            and len(m.name.split()) > 1
            and any(o is not m and o.start == m.start for o in kept)
        )
    ]
    return sorted(kept, key=lambda m: m.start)


def _named_by_one_kind_word(previous: Mention, mention: Mention) -> bool:
    """'Salama and Juhudi villages': two names of one phrase, placed alike by what follows."""
    return previous.source == mention.source == "structural" and previous.phrase_end == mention.phrase_end


def mention_chains(text: str, mentions: list[Mention]) -> list[list[Mention]]:
    """Runs of mentions joined only by ', ' or ' of ' / ' in ': 'X town, Y district, Z province, Country'."""
    chains: list[list[Mention]] = []
    for mention in mentions:
        previous = chains[-1][-1] if chains else None
        glue = text[max(previous.end, previous.phrase_end) : mention.start] if previous else ""
        if previous and (CHAIN_GLUE.match(glue) or _named_by_one_kind_word(previous, mention)):
            chains[-1].append(mention)
        elif previous and len(chains[-1]) == 1 and BEARING_GLUE.match(glue) and not previous.places:
            previous.placed_by_bearing = True  # the town the gazetteer lacks, placed by its neighbour
            chains[-1].append(mention)
        else:
            chains.append([mention])
    return chains
