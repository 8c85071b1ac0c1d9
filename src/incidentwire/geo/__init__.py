"""Offline geography: the GeoNames gazetteer and place-name normalisation."""

from .gazetteer import Gazetteer, Place
from .names import fold, name_key, similar_names

__all__ = ["Gazetteer", "Place", "fold", "name_key", "similar_names"]
