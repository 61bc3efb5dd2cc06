"""The engines' side of one ranked search per page (search.service.run_search): the page of hits, the total,
how many answer the whole query and the facet counts, from one request.

Whole matches first: the query is wrapped in a function_score that multiplies the score of every hit matching
the whole query by 2**30. A power of two multiplies a float exactly, so the whole matches keep the order the
query gives them among themselves, and it lifts them above the partial ones unless a partial hit scores 2**30
times a whole one, which BM25 does not come near (a term found in every document still scores about 1/N).
The same request asks for the total (track_total_hits, counted up to the search's count limit as the database
backends count it: ranked.py), a filter aggregation counting the whole matches and a
terms aggregation per bounded filter field (ranked.bounded_fields) — booleans too, which Wagtail's own facet
request cannot count (it sends "missing": 0).
"""

from collections import OrderedDict
from functools import cache

from .fallback import with_results_mixin
from .ranked import bounded_fields, counted_up_to

WHOLE_WEIGHT = 2**30


class OneRequestResultsMixin:
    """For an engine's results class: `whole_first`, and the counts and facets read from the page's request."""

    FACETS_BOOLEANS = True

    def whole_first(self, whole_query, facets=False, count_limit=None):
        """These results with the matches of `whole_query` as well first (None: every match counts as whole); with
        `facets`, the page's request counts the facets too. The total is counted up to `count_limit` (None:
        settings.SEARCH_COUNT_LIMIT)."""
        compiler = self.query_compiler
        compiler.whole_query = whole_query
        compiler.facets_wanted = facets
        compiler.count_limit = count_limit
        compiler.answered = None  # the page request's response, once it has been sent
        return self

    def _one_request(self):
        return getattr(self.query_compiler, "answered", False) is not False

    def _whole_filter(self):
        compiler = self.query_compiler
        whole = type(compiler)(compiler.queryset, compiler.whole_query, fields=compiler.fields)
        return whole.get_inner_query()

    def _get_es_body(self, for_count=False):
        body = super()._get_es_body(for_count=for_count)
        if self._one_request() and self.query_compiler.whole_query is not None and not for_count:
            function = {"filter": self._whole_filter(), "weight": WHOLE_WEIGHT}
            body["query"] = {"function_score": {"query": body["query"], "functions": [function]}}
        return body

    def _aggregations(self):
        """The whole matches' count and each bounded field's terms. Facets are shown only when the count is not
        capped (search.service.run_search), so the matches then have at most as many values as the count limit:
        that many buckets hold every one (a province's departments are many more than a site's)."""
        compiler = self.query_compiler
        fields = bounded_fields(compiler.queryset.model) if compiler.facets_wanted else {}
        size = counted_up_to(compiler)
        aggregations = {
            name: {"terms": {"field": compiler.mapping.get_field_column_name(field), "size": size}}
            for name, field in fields.items()
        }
        if compiler.whole_query is not None:
            aggregations["_whole"] = {"filter": self._whole_filter()}
        return aggregations

    def _backend_do_search(self, body, **kwargs):
        page = self._one_request() and "from_" in kwargs
        if page:
            counted = counted_up_to(self.query_compiler)
            body = {**body, "track_total_hits": counted, "aggregations": self._aggregations()}
        response = super()._backend_do_search(body, **kwargs)
        if page:
            self.query_compiler.answered = response
        return response

    def _answered(self):
        """The page request's response (asking for an empty page if no page has been asked for)."""
        compiler = self.query_compiler
        if compiler.answered is None:
            index = self.backend.get_index_for_model(compiler.queryset.model).name
            self._backend_do_search(self._get_es_body(), index=index, _source=False, from_=0, size=0)
        return compiler.answered

    def _total(self):
        """The page request's hits.total: {"value": up to the count limit, "relation": "eq", or "gte" above it}."""
        total = self._answered()["hits"]["total"]
        return total if isinstance(total, dict) else {"value": total, "relation": "eq"}

    def _do_count(self):
        if not self._one_request():
            return super()._do_count()
        total = self._total()["value"] - self.start
        if self.stop is not None:
            total = min(total, self.stop - self.start)
        return max(total, 0)

    def count_capped(self):
        """Whether more results match than count() says: it stopped at the count limit."""
        return self._one_request() and self._total()["relation"] == "gte"

    def whole_count(self):
        """How many of the results answer the whole query (see whole_first); of a capped count, as many."""
        if self.query_compiler.whole_query is None:
            return self.count()
        return min(self._answered()["aggregations"]["_whole"]["doc_count"], self.count())

    def facet(self, field_name):
        model = self.query_compiler.queryset.model
        name = model._meta.get_field(field_name).name  # "department_id" counts as "department"
        if not self._one_request() or name not in bounded_fields(model):
            return super().facet(field_name)
        compiler = self.query_compiler
        if name not in (compiler.answered or {}).get("aggregations", {}):
            compiler.facets_wanted, compiler.answered = True, None  # not counted with the page: ask for them
        buckets = self._answered()["aggregations"][name]["buckets"]
        return OrderedDict((bucket["key"], bucket["doc_count"]) for bucket in buckets)


@cache
def one_request(backend_class):
    """`backend_class` (an engine's) with results that answer a page, its counts and its facets in one request."""
    return with_results_mixin(backend_class, OneRequestResultsMixin, "OneRequest")
