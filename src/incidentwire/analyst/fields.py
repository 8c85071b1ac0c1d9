"""The fields an analyst can correct: what a correction's value is, and how it is read from and written to
an Incident. Values travel as JSON (what the API takes and the audit stores).

A field may cover several Incident attributes: `place` sets country, admin1, city, coordinates and precision.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from .. import vocab
from ..model import COUNT_FIELDS, Count, Incident, Perpetrator, Responsibility
from ..vocab.models import GtdCodes

PLACE_ATTRIBUTES = ("country", "admin1", "city", "latitude", "longitude", "geo_precision")
TYPE_FIELDS = ("attack_types", "target_types", "weapon_types")
# every attribute whose source field_sources reports
SOURCE_ATTRIBUTES = (
    "date",
    *PLACE_ATTRIBUTES,
    "site",
    "perpetrators",
    "attack_types",
    "suicide",
    "target_types",
    "weapon_types",
    *COUNT_FIELDS,
    "perpetrator_count",
    "duration_hours",
    "responders",
)


class BadCorrection(ValueError):
    """A correction whose field or value is not one an analyst can set."""


class PerpetratorValue(BaseModel):
    name: str
    responsibility: Responsibility | None = None


class PlaceValue(BaseModel):
    country: str | None = None
    admin1: str | None = None
    city: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: str | None = None


@dataclass(frozen=True)
class FieldSpec:
    name: str
    attributes: tuple[str, ...]
    parse: Callable[[Any], Any]  # the API's value -> the canonical JSON value (raises BadCorrection)
    read: Callable[[Incident], Any]  # an incident's value, as JSON
    write: Callable[[Incident, Any], None]
    same: Callable[[Any, Any], bool] = lambda a, b: a == b


def _validated(adapter: TypeAdapter, value: Any, field: str) -> Any:
    try:
        return adapter.validate_python(value)
    except ValidationError as error:
        raise BadCorrection(f"{field}: {error.errors()[0]['msg']}") from None


_COUNT = TypeAdapter(Count)


def _parse_count(field: str) -> Callable[[Any], Any]:
    def parse(value: Any) -> dict:
        if isinstance(value, int) and not isinstance(value, bool):
            value = {"best": value}
        count = _validated(_COUNT, value, field)
        if count.best is None and (count.low is not None or count.high is not None):
            raise BadCorrection(f"{field}: a low or high needs a best figure")
        count = Count.of(count.best, count.low, count.high)
        best, low, high = count.best, count.low, count.high  # Count.of gives a best figure its low and high
        if best is not None and (best < 0 or low is None or high is None or not low <= best <= high):
            raise BadCorrection(f"{field}: figures must be 0 or more, with low <= best <= high")
        return count.model_dump()

    return parse


def _same_figures(a: dict | None, b: dict | None) -> bool:
    """Two counts agree when their figures do: a reading stored before counts carried `approximate`
    is the same reading."""
    figures = lambda count: None if count is None else tuple(count.get(k) for k in ("best", "low", "high"))  # noqa: E731
    return figures(a) == figures(b)


def _count_spec(field: str) -> FieldSpec:
    return FieldSpec(
        field,
        (field,),
        _parse_count(field),
        lambda i: getattr(i, field).model_dump(),
        lambda i, v: setattr(i, field, Count.model_validate(v)),
        same=_same_figures,
    )


def _parse_date(value: Any) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise BadCorrection(f"date: {value!r} is not YYYY-MM-DD") from None


def _write_date(incident: Incident, value: str | None) -> None:
    incident.date = value
    incident.date_precision = "day" if value else None


def _parse_place(value: Any) -> dict:
    return _validated(TypeAdapter(PlaceValue), value, "place").model_dump()


def _read_place(incident: Incident) -> dict:
    return {name: getattr(incident, name) for name in PLACE_ATTRIBUTES}


def _write_place(incident: Incident, value: dict) -> None:
    for name in PLACE_ATTRIBUTES:
        setattr(incident, name, value.get(name))


def _same_place(a: dict | None, b: dict | None) -> bool:
    def key(p: dict | None) -> tuple:
        return tuple((p or {}).get(name) for name in ("country", "admin1", "city"))

    return key(a) == key(b)


def _parse_text(value: Any) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise BadCorrection("site: a text or null")
    return value.strip()


_PERPETRATORS = TypeAdapter(list[PerpetratorValue])


def _parse_perpetrators(value: Any) -> list[dict]:
    found = _validated(_PERPETRATORS, value, "perpetrators")
    return [p.model_dump() for p in found if p.name.strip()]


def _read_perpetrators(incident: Incident) -> list[dict]:
    return [
        {"name": p.name, "responsibility": p.responsibility or ("claimed" if p.claimed else None)}
        for p in incident.perpetrators
    ]


def _write_perpetrators(incident: Incident, value: list[dict]) -> None:
    mentions = {p.name: p.mentions for p in incident.perpetrators}
    incident.perpetrators = [
        Perpetrator(
            name=p["name"],
            responsibility=p.get("responsibility"),
            claimed=p.get("responsibility") == "claimed",
            mentions=mentions.get(p["name"], []),
        )
        for p in value
    ]


@lru_cache(maxsize=1)
def gtd_names() -> dict[str, tuple[str, ...]]:
    codes = vocab.load("gtd_codes.json", GtdCodes)
    return {name: tuple(getattr(codes, name)) for name in TYPE_FIELDS}


def _parse_types(field: str) -> Callable[[Any], Any]:
    def parse(value: Any) -> list[str]:
        types = _validated(TypeAdapter(list[str]), value, field)
        known = gtd_names()[field]
        unknown = [t for t in types if t not in known and t != "Unknown"]
        if unknown:
            raise BadCorrection(f"{field}: {unknown[0]!r} is not a GTD category ({', '.join(known)})")
        return list(dict.fromkeys(types))

    return parse


def _list_spec(field: str) -> FieldSpec:
    return FieldSpec(
        field, (field,), _parse_types(field), lambda i: list(getattr(i, field)), lambda i, v: setattr(i, field, list(v))
    )


def _parse_suicide(value: Any) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise BadCorrection("suicide: true, false or null")


FIELDS: dict[str, FieldSpec] = {
    **{name: _count_spec(name) for name in COUNT_FIELDS},
    "date": FieldSpec("date", ("date", "date_precision"), _parse_date, lambda i: i.date, _write_date),
    "place": FieldSpec("place", PLACE_ATTRIBUTES, _parse_place, _read_place, _write_place, _same_place),
    "site": FieldSpec("site", ("site",), _parse_text, lambda i: i.site, lambda i, v: setattr(i, "site", v)),
    "perpetrators": FieldSpec(
        "perpetrators", ("perpetrators",), _parse_perpetrators, _read_perpetrators, _write_perpetrators
    ),
    **{name: _list_spec(name) for name in TYPE_FIELDS},
    "suicide": FieldSpec(
        "suicide", ("suicide",), _parse_suicide, lambda i: i.suicide, lambda i, v: setattr(i, "suicide", v)
    ),
}


def spec(field: str) -> FieldSpec:
    if field not in FIELDS:
        raise BadCorrection(f"field {field!r}: not correctable; one of {', '.join(FIELDS)}")
    return FIELDS[field]


def is_blank(value: Any) -> bool:
    """No value at all: the machine has nothing to disagree with."""
    if isinstance(value, dict):
        return all(v is None for v in value.values())
    return value is None or value == []
