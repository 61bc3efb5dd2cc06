"""An unreachable search engine: every search answers from the database, and whoever asked can tell.

Wagtail's results are lazy: the engine is first asked when a list counts, pages or iterates them, which in the
admin happens deep in Wagtail's views and templates. So the fallback lives in the engine's results class, and
reaches every caller (public search, the API, the admin's page search, explorer, page chooser, snippet and
document lists and choosers): when the engine cannot be reached, the same compiled query (already analysed,
analysed.py) runs on the database backend, which is kept up to date beside the engine (search/engines.py).

`watch()` tells a caller whether any search inside it fell back: public search says so on its page and in the
query log; the admin says so in a message (search/middleware.py).
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from wagtail.search.backends import get_search_backend

from ..engines import DATABASE_ALIAS

logger = logging.getLogger(__name__)

_fallbacks = ContextVar("search_fallbacks", default=None)


@cache
def engine_errors():
    """Exceptions that mean the search engine cannot be reached (of the clients installed)."""
    errors = []
    for module, names in (
        ("opensearchpy.exceptions", ("ConnectionError", "ConnectionTimeout")),
        ("elasticsearch.exceptions", ("ConnectionError", "ConnectionTimeout")),
    ):
        try:
            imported = __import__(module, fromlist=list(names))
        except ImportError:
            continue
        errors.extend(getattr(imported, name) for name in names)
    return tuple(errors)


class Watch:
    """Whether a search fell back to the database while the watch was on."""

    def __init__(self):
        self.fell_back = False

    def __bool__(self):
        return self.fell_back


@contextmanager
def watch():
    """A Watch that is true once a search inside the `with` block answered from the database."""
    watched = Watch()
    token = _fallbacks.set(watched)
    try:
        yield watched
    finally:
        _fallbacks.reset(token)


def database_results(compiler, autocomplete):
    """The database backend's results for a query the engine compiled (its query object, not typed text)."""
    database = get_search_backend(DATABASE_ALIAS)
    compiler_class = database.autocomplete_query_compiler_class if autocomplete else database.query_compiler_class
    # _search, not search(): the query is compiled and analysed already, and must not be analysed twice.
    return database._search(  # noqa: SLF001 - modelsearch's one entry point taking a compiler class
        compiler_class,
        compiler.query,
        compiler.queryset,
        fields=compiler.fields,
        order_by_relevance=compiler.order_by_relevance,
    )


class DatabaseFallbackResultsMixin:
    """For an engine's results class: on an unreachable engine, the same slice of the database's results."""

    def _fallback(self, error):
        logger.warning("Search engine unreachable; answering from the database: %s", error)
        watched = _fallbacks.get()
        if watched is not None:
            watched.fell_back = True
        autocomplete = isinstance(self.query_compiler, self.backend.autocomplete_query_compiler_class)
        results = database_results(self.query_compiler, autocomplete)
        compiler = self.query_compiler
        if hasattr(compiler, "whole_query"):  # set by onerequest.py's whole_first: the database's answers the same
            results = results.whole_first(
                compiler.whole_query, facets=compiler.facets_wanted, count_limit=compiler.count_limit
            )
        if self._score_field:
            results = results.annotate_score(self._score_field)
        return results[self.start : self.stop]

    def _do_search(self):
        try:
            return list(super()._do_search())  # a generator: the engine is asked while it is listed
        except engine_errors() as error:
            return list(self._fallback(error))

    def _do_count(self):
        try:
            return super()._do_count()
        except engine_errors() as error:
            return self._fallback(error).count()

    def facet(self, field_name):
        try:
            return super().facet(field_name)
        except engine_errors() as error:
            return self._fallback(error).facet(field_name)

    def whole_count(self):
        try:
            return super().whole_count()
        except engine_errors() as error:
            return self._fallback(error).whole_count()

    def count_capped(self):
        try:
            return super().count_capped()
        except engine_errors() as error:
            return self._fallback(error).count_capped()


@cache
def falling_back(backend_class):
    """`backend_class` (an engine's) with results that answer from the database when the engine is unreachable."""
    return with_results_mixin(backend_class, DatabaseFallbackResultsMixin, "Fallback")


def with_results_mixin(backend_class, mixin, prefix):
    """A subclass of `backend_class` whose results class has `mixin` first (named `prefix` + the results' name)."""
    results_class = backend_class.results_class
    results = type(f"{prefix}{results_class.__name__}", (mixin, results_class), {})
    namespace = {"__module__": backend_class.__module__, "results_class": results}
    return type(backend_class.__name__, (backend_class,), namespace)
