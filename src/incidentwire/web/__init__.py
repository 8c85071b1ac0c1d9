"""The web face of the store: a JSON API and an analyst's dashboard, served by `incidentwire serve`."""

from .app import create_app

__all__ = ["create_app"]
