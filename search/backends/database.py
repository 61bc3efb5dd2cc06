"""WAGTAILSEARCH_BACKENDS entry point for the database: the ranked backend for SQLite FTS5 or PostgreSQL."""

from django.db import connection
from modelsearch.backends.database import SearchBackend as stock_database_backend

from .analysed import analysing


def SearchBackend(params):  # noqa: N802 - the name Wagtail's backend loader looks for
    # Imported here: each vendor's modules only load where that vendor's index models exist.
    if connection.vendor == "postgresql":
        from .postgres import RankedPostgresSearchBackend

        return RankedPostgresSearchBackend(params)
    backend = stock_database_backend(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        from .sqlite import RankedSQLiteSearchBackend

        if isinstance(backend, SQLiteSearchBackend):
            return RankedSQLiteSearchBackend(params)
    # Without FTS5 (or on another vendor) the stock loader's backend is kept, with the analysis.
    return analysing(type(backend))(params)
