"""Storage: SQLite by default, PostgreSQL by URL, one schema migrated by Alembic."""

from .repository import IncidentFilters, IncidentPage, Store, default_db_url, open_store

__all__ = ["Store", "IncidentFilters", "IncidentPage", "open_store", "default_db_url"]
