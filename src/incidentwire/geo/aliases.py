"""The curated place data file (vocab/place_aliases.json), read once."""

from __future__ import annotations

from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field

from .. import vocab
from ..vocab import VocabFile


class ExtraPlace(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    kind: str
    country_code: str
    admin1: str | None = None
    latitude: float
    longitude: float
    population: int = 0
    aliases: list[str] = Field(default_factory=list)


class DisplayAffixes(BaseModel):
    model_config = ConfigDict(extra="forbid")

    prefixes: list[str] = Field(default_factory=list)
    suffixes: list[str] = Field(default_factory=list)


class PlaceAliases(VocabFile):
    name_suffixes: list[str]
    name_prefixes: list[str]
    admin_display_affixes: DisplayAffixes
    city_display_prefixes: list[str] = Field(default_factory=list)  # 'Alaqahdari ' before a district seat
    country_aliases: dict[str, list[str]]
    demonyms: dict[str, list[str]]
    admin_aliases: dict[str, dict[str, list[str]]]
    admin_display_names: dict[str, dict[str, str]] = Field(default_factory=dict)  # cc -> GeoNames name -> English
    extra_places: list[ExtraPlace]
    dateline_abbreviations: dict[str, str] = Field(default_factory=dict)  # 'Fla.' -> 'Florida'
    # cc -> old admin1 -> new admin1 -> [[lat, lon], ...]: the seats (and towns) of the provinces it became
    admin1_splits: dict[str, dict[str, dict[str, list[tuple[float, float]]]]] = Field(default_factory=dict)


@lru_cache(maxsize=1)
def load_place_aliases() -> PlaceAliases:
    return vocab.load("place_aliases.json", PlaceAliases)
