"""WAGTAILSEARCH_BACKENDS entry point for the database: the ranked SQLite backend on SQLite FTS5, stock elsewhere."""

from django.db import connection
from modelsearch.backends.database import SearchBackend as stock_database_backend


def SearchBackend(params):  # noqa: N802 - the name Wagtail's backend loader looks for
    backend = stock_database_backend(params)
    if connection.vendor != "sqlite":
        return backend
    # Imported here: the SQLite modules only load where the SQLite FTS5 model exists.
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    from .sqlite import RankedSQLiteSearchBackend

    return RankedSQLiteSearchBackend(params) if isinstance(backend, SQLiteSearchBackend) else backend
