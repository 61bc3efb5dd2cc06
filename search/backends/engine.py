"""WAGTAILSEARCH_BACKENDS entry point for OpenSearch and Elasticsearch: Wagtail's backend named by ENGINE
(search.engines), with string queries analysed as public search analyses them (analysed.py), answering from the
database when the engine is unreachable (fallback.py)."""

from django.utils.module_loading import import_string

from .analysed import analysing
from .fallback import falling_back


def SearchBackend(params):  # noqa: N802 - the name Wagtail's backend loader looks for
    params = dict(params)
    stock = import_string(f"{params.pop('ENGINE')}.SearchBackend")
    return analysing(falling_back(stock))(params)
