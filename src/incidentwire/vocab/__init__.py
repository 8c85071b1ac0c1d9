"""Curated knowledge kept as data files beside this module, so analysts can extend it without Python.

Every file here is read by `load(name, Model)`: the file's pydantic model (in `vocab.models`, or beside the
code that reads it) names its keys, and a misspelt or unknown key is refused with the file and the key named.

Comments, one convention for every file: a key that starts with an underscore is a comment, never data.
`_about` says what the whole file is (the model's `about`); `_<section>` notes the section it stands before.
In a .jsonl file, a line holding only underscore keys (`{"_about": "..."}`) is a comment line.

groups.jsonl  one armed group per line: {"name": GTD canonical name, "aliases": [...],
              "acronyms": [case-sensitive short forms], "countries": [...]}
forces.jsonl  one security force or responder per line, same keys plus "kind".
site_words.json  the words of attacked sites: landmark heads, modifiers that make a generic landmark one
              place, wordings of one head ('bazaar' = 'market'); read by the site extractor and the merge.
type_words.json  the words the attack, weapon and target type rules read beside gtd_types.json's cue phrases;
              their words of killing and wounding are casualty_cues.json's.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

COMMENT = "_"  # a key starting with this is a comment
ABOUT = "_about"  # the comment that says what a file is


class VocabError(ValueError):
    """A vocab file that does not match its model: the message names the file and the key."""


class VocabFile(BaseModel):
    """The base of a vocab file's model: no key beyond those it names; `_about` read as `about`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    about: str = ""


class VocabEntry(BaseModel):
    """One line of groups.jsonl or forces.jsonl."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    aliases: list[str] = Field(default_factory=list)
    acronyms: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    kind: str | None = None


ModelT = TypeVar("ModelT", bound=BaseModel)


@cache
def load(name: str, model: type[ModelT]) -> Any:
    """The vocab file `name` read through `model`, read once: a .json file is one model, a .jsonl file
    a tuple of models (one a line). A key the model does not name is refused (VocabError)."""
    path = resources.files(__package__).joinpath(name)
    if name.endswith(".jsonl"):
        return tuple(_read_jsonl(path, model))
    return validated(path, model)


def load_json(filename: str, model: type[ModelT]) -> ModelT:
    """`load` for a .json file (the name older code calls it by)."""
    return load(filename, model)


def _read_jsonl(path: Traversable, model: type[ModelT]) -> list[ModelT]:
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except ValueError as error:
            raise VocabError(f"{path}, line {number}: not JSON ({error})") from None
        if isinstance(raw, dict) and raw and all(key.startswith(COMMENT) for key in raw):
            continue  # a comment line
        where = f"{path}, line {number}"
        entries.append(_model_of(_without_comments(raw, where), model, where))
    return entries


def validated(path: Traversable, model: type[ModelT]) -> ModelT:
    """A JSON data file (a vocab file or a shipped model's weights) read through its pydantic model."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise VocabError(f"{path}: not JSON ({error})") from None
    return _model_of(_without_comments(raw, str(path)), model, str(path))


def _without_comments(raw: Any, where: str) -> Any:
    """The file's data: comment keys dropped, `_about` kept as `about`."""
    if not isinstance(raw, dict):
        return raw
    data = {}
    for key, value in raw.items():
        if key == ABOUT:
            data["about"] = value
        elif key.startswith(COMMENT):
            if not isinstance(value, str):
                raise VocabError(f"{where}: comment key {key!r} holds {type(value).__name__}, not text")
        else:
            data[key] = value
    return data


def _model_of(data: Any, model: type[ModelT], where: str) -> ModelT:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(_problem(e) for e in error.errors())
        raise VocabError(f"{where}: {problems}") from None


def _problem(error: Any) -> str:
    key = ".".join(str(part) for part in error["loc"]) or "(top)"
    if error["type"] == "extra_forbidden":
        return f"unknown key {key!r} (misspelt? the keys are those its model names)"
    if error["type"] == "missing":
        return f"missing key {key!r}"
    return f"key {key!r}: {error['msg']}"


def load_groups() -> tuple[VocabEntry, ...]:
    return load("groups.jsonl", VocabEntry)


def load_forces() -> tuple[VocabEntry, ...]:
    return load("forces.jsonl", VocabEntry)


def load_site_words() -> Any:
    from .models import SiteWords

    return load("site_words.json", SiteWords)
