"""WAGTAILSEARCH_BACKENDS entry point for OpenSearch and Elasticsearch: Wagtail's backend named by ENGINE
(search.engines), with string queries analysed as public search analyses them (analysed.py), a page with its counts
and facets answered in one request (onerequest.py), and answers from the database when the engine is unreachable
(fallback.py)."""

from django.utils.module_loading import import_string

from .analysed import analysing
from .fallback import falling_back
from .onerequest import one_request


def SearchBackend(params):  # noqa: N802 - the name Wagtail's backend loader looks for
    params = dict(params)
    stock = import_string(f"{params.pop('ENGINE')}.SearchBackend")
    return analysing(falling_back(one_request(stock)))(params)
