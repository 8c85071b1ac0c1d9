"""Curated knowledge kept as data files beside this module, so analysts can extend it without Python.

groups.jsonl  one armed group per line: {"name": GTD canonical name, "aliases": [...],
              "acronyms": [case-sensitive short forms], "countries": [...]}
forces.jsonl  one security force or responder per line, same keys plus "kind".
site_words.json  the words of attacked sites: landmark heads, modifiers that make a generic landmark one
              place, wordings of one head ('bazaar' = 'market'); read by the site extractor and the merge.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import TypeVar

from pydantic import BaseModel, Field, ValidationError


class VocabEntry(BaseModel):
    name: str
    aliases: list[str] = Field(default_factory=list)
    acronyms: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    kind: str | None = None


def _read_jsonl(filename: str) -> list[VocabEntry]:
    path = resources.files(__package__).joinpath(filename)
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("//"):
            entries.append(VocabEntry.model_validate(json.loads(line)))
    return entries


@lru_cache(maxsize=1)
def load_groups() -> tuple[VocabEntry, ...]:
    return tuple(_read_jsonl("groups.jsonl"))


@lru_cache(maxsize=1)
def load_forces() -> tuple[VocabEntry, ...]:
    return tuple(_read_jsonl("forces.jsonl"))


@lru_cache(maxsize=1)
def load_site_words() -> dict:
    return json.loads(resources.files(__package__).joinpath("site_words.json").read_text(encoding="utf-8"))


ModelT = TypeVar("ModelT", bound=BaseModel)


def load_json(filename: str, model: type[ModelT]) -> ModelT:
    """A vocab JSON file validated by its model: a misspelt or unknown key is refused, not ignored.

    A file documents itself in one `_about` key (the model's `about` field).
    """
    return validated(resources.files(__package__).joinpath(filename), model)


def validated(path: Traversable, model: type[ModelT]) -> ModelT:
    """A JSON data file (a vocab file or a shipped model's weights) read through its pydantic model."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    if "_about" in raw:
        raw["about"] = raw.pop("_about")
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        raise ValueError(f"{path}: {error}") from None
