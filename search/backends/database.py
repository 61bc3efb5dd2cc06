"""WAGTAILSEARCH_BACKENDS entry point for the database: the ranked backend for SQLite FTS5 or PostgreSQL."""

from django.db import connection
from modelsearch.backends.database import SearchBackend as stock_database_backend


def SearchBackend(params):  # noqa: N802 - the name Wagtail's backend loader looks for
    # Imported here: each vendor's modules only load where that vendor's index models exist.
    if connection.vendor == "postgresql":
        from .postgres import RankedPostgresSearchBackend

        return RankedPostgresSearchBackend(params)
    backend = stock_database_backend(params)
    if connection.vendor != "sqlite":
        return backend
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    from .sqlite import RankedSQLiteSearchBackend

    # Without FTS5 the stock loader gives its fallback backend, which is kept.
    return RankedSQLiteSearchBackend(params) if isinstance(backend, SQLiteSearchBackend) else backend
