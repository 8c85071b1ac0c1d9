"""A place correction resolved in the gazetteer: the analyst names country, province and city; the
gazetteer gives their GeoNames spelling and the coordinates they imply (the finest level named)."""

from __future__ import annotations

from .fields import BadCorrection, PlaceValue


def resolve_place(value: dict) -> dict:
    """{country, admin1, city} -> the full place, as GeoNames names it, with coordinates and precision."""
    from ..geo.gazetteer import Gazetteer  # loaded on the first place correction only

    asked = PlaceValue.model_validate(value)
    if not asked.country:
        raise BadCorrection("place: a country is needed")
    gazetteer = Gazetteer.load()
    country = gazetteer.country(asked.country)
    if country is None:
        raise BadCorrection(f"place: no country {asked.country!r} in the gazetteer")
    found = PlaceValue(
        country=country.country, latitude=country.latitude, longitude=country.longitude, geo_precision="country"
    )
    if asked.admin1:
        province = gazetteer.admin1(asked.admin1, country.country_code)
        if province is None:
            raise BadCorrection(f"place: no province {asked.admin1!r} in {country.country}")
        found = found.model_copy(
            update={
                "admin1": province.admin1 or province.name,
                "latitude": province.latitude,
                "longitude": province.longitude,
                "geo_precision": "province",
            }
        )
    if asked.city:
        found = _with_city(gazetteer, found, asked.city, country.country_code)
    return found.model_dump()


def _with_city(gazetteer, found: PlaceValue, city: str, country_code: str) -> PlaceValue:
    cities = [p for p in gazetteer.lookup(city, country_code) if p.kind == "city" and p.country_code == country_code]
    if found.admin1:
        cities = [p for p in cities if p.admin1 == found.admin1] or cities
    if not cities:
        raise BadCorrection(f"place: no city {city!r} in {found.country}")
    place = cities[0]
    return found.model_copy(
        update={
            "city": place.name,
            "admin1": found.admin1 or place.admin1,
            "latitude": place.latitude,
            "longitude": place.longitude,
            "geo_precision": "city",
        }
    )
