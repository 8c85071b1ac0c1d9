"""The curated place data file (vocab/place_aliases.json), read once."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from pydantic import BaseModel, Field


class ExtraPlace(BaseModel):
    name: str
    kind: str
    country_code: str
    admin1: str | None = None
    latitude: float
    longitude: float
    population: int = 0
    aliases: list[str] = Field(default_factory=list)


class DisplayAffixes(BaseModel):
    prefixes: list[str] = Field(default_factory=list)
    suffixes: list[str] = Field(default_factory=list)


class PlaceAliases(BaseModel):
    name_suffixes: list[str]
    name_prefixes: list[str]
    admin_display_affixes: DisplayAffixes
    country_aliases: dict[str, list[str]]
    demonyms: dict[str, list[str]]
    admin_aliases: dict[str, dict[str, list[str]]]
    admin_display_names: dict[str, dict[str, str]] = Field(default_factory=dict)  # cc -> GeoNames name -> English
    extra_places: list[ExtraPlace]
    dateline_abbreviations: dict[str, str] = Field(default_factory=dict)  # 'Fla.' -> 'Florida'


@lru_cache(maxsize=1)
def load_place_aliases() -> PlaceAliases:
    path = resources.files("incidentwire.vocab").joinpath("place_aliases.json")
    return PlaceAliases.model_validate(json.loads(path.read_text(encoding="utf-8")))
