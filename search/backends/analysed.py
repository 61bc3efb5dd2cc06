"""What someone types, analysed as public search analyses it, on every backend: the admin's searches too.

Wagtail's admin (page search, explorer, page chooser, snippet lists and choosers, documents) hands the backend
the raw text an editor typed, and asks for an autocomplete on named raw columns. Raw Chinese text has no word
boundaries, so on every engine 身份证 would not find 居民身份证, and pinyin would find nothing. Here a query that
is a string goes through the same analysis as a citizen's query (segmentation, synonyms, pinyin, initials) and
is matched against the analysed document each model indexes (search.documents); the named columns are left
aside, since they hold unsegmented text. Wagtail's page search first parses the text into one PlainText: that is
typed text too. Queries built otherwise (public search's, always a combination) pass through unchanged.

An autocomplete is the same search, plus the names whose pinyin starts with what was typed (shenf → 身份证), so
a chooser narrows while the editor is still typing a spelling.
"""

from dataclasses import replace
from functools import cache

from modelsearch.query import PlainText

from .. import vocabulary
from ..query import analyse_query

AUTOCOMPLETE_NAMES = 8  # names whose pinyin starts with a typed prefix, added to an autocomplete


def analysed(text, *, prefix=False):
    """The engine query for `text` as typed; with `prefix`, names spelt with it as a pinyin prefix join it."""
    words = vocabulary.current()
    query = analyse_query(words, text)
    completed = words.complete(query.text, limit=AUTOCOMPLETE_NAMES) if prefix and query.text else []
    for name in completed:
        query = replace(query, terms=tuple(dict.fromkeys((*query.terms, *analyse_query(words, name).terms))))
    return query.engine_query


def typed_text(query):
    """The text someone typed, if `query` is that (see the module docstring), else None."""
    if isinstance(query, str):
        return query
    return query.query_string if isinstance(query, PlainText) else None


class AnalysedQueryMixin:
    """For a search backend class: typed queries are analysed (see the module docstring)."""

    def search(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        text = typed_text(query)
        if text is not None:
            query, fields, operator = analysed(text), None, "or"
        return super().search(
            query, model_or_queryset, fields=fields, operator=operator, order_by_relevance=order_by_relevance
        )

    def autocomplete(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        text = typed_text(query)
        if text is not None:
            return super().search(
                analysed(text, prefix=True), model_or_queryset, operator="or", order_by_relevance=order_by_relevance
            )
        return super().autocomplete(
            query, model_or_queryset, fields=fields, operator=operator, order_by_relevance=order_by_relevance
        )


class EveryMatchWhole:
    """For a stock backend's results class: it cannot tell the matches that answer the whole query from those
    that match some of its words, so every match counts as whole and keeps the backend's own order."""

    def whole_first(self, whole_query, facets=False, count_limit=None):
        return self

    def whole_count(self):
        return self.count()

    def count_capped(self):
        return False  # a stock backend counts every match


@cache
def analysing(backend_class):
    """`backend_class` with string queries analysed: for the stock backends this project does not subclass."""
    # Named after the stock module, which tells the health check which engine answers (web/health.py).
    namespace = {"__module__": backend_class.__module__}
    results = backend_class.results_class
    if not hasattr(results, "whole_first"):  # ours and the engines' (onerequest.py) rank whole matches first
        namespace["results_class"] = type(
            results.__name__, (EveryMatchWhole, results), {"__module__": results.__module__}
        )
    return type(f"Analysed{backend_class.__name__}", (AnalysedQueryMixin, backend_class), namespace)
