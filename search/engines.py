"""Which search engine answers, from the environment: SEARCH_ENGINE and SEARCH_URL.

    SEARCH_ENGINE=database        (default) SQLite FTS5 or PostgreSQL full-text search, whichever DATABASE_URL is
    SEARCH_ENGINE=opensearch      OpenSearch 2 at SEARCH_URL (Wagtail's opensearch2 backend)
    SEARCH_ENGINE=elasticsearch   Elasticsearch 7 at SEARCH_URL (Wagtail's elasticsearch7 backend)
    SEARCH_INDEX_PREFIX           index name prefix on the engine (default "zhinan_"); one per site or test run

Elasticsearch 8 or 9: install `elasticsearch>=8,<9` (or 9) and use the same settings with BACKEND
"wagtail.search.backends.elasticsearch8" (or elasticsearch9); INDEX_SETTINGS below apply unchanged.

With an engine, the database backend stays configured as "database" and kept up to date, so search can answer
from it when the engine is unreachable; `manage.py update_index` repairs the engine afterwards.
"""

import os

from django.core.exceptions import ImproperlyConfigured

DATABASE_ALIAS = "database"

ENGINE_BACKENDS = {
    "opensearch": "wagtail.search.backends.opensearch2",
    "elasticsearch": "wagtail.search.backends.elasticsearch7",
}

# Our analysis already segmented and normalised the text: the engine must only split on whitespace and fold case.
# The default analyzer is what `_all_text` (where searches go) is analysed with; es_extra cannot reach it.
INDEX_SETTINGS = {
    "settings": {
        "index": {"number_of_shards": 1, "number_of_replicas": 0},
        "analysis": {
            "analyzer": {
                "default": {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]},
            },
        },
    }
}

DATABASE_BACKEND = {
    "BACKEND": "search.backends.database",
    # PostgreSQL: no stemming or stop words; the analysis in search/ did the language work.
    "SEARCH_CONFIG": "simple",
}


def search_backends(environ=os.environ):
    """The WAGTAILSEARCH_BACKENDS setting for this environment."""
    engine = environ.get("SEARCH_ENGINE", "database").strip().lower() or "database"
    if engine == "database":
        return {"default": dict(DATABASE_BACKEND)}
    if engine not in ENGINE_BACKENDS:
        raise ImproperlyConfigured(f"SEARCH_ENGINE must be database, opensearch or elasticsearch, not {engine!r}")
    url = environ.get("SEARCH_URL", "").strip()
    if not url:
        raise ImproperlyConfigured(f"SEARCH_ENGINE={engine} needs SEARCH_URL, e.g. http://127.0.0.1:9200")
    return {
        "default": {
            "BACKEND": ENGINE_BACKENDS[engine],
            "URLS": [url],
            "INDEX_PREFIX": environ.get("SEARCH_INDEX_PREFIX", "zhinan_"),
            "TIMEOUT": int(environ.get("SEARCH_TIMEOUT", "5")),
            "OPTIONS": {"max_retries": 0},
            "INDEX_SETTINGS": INDEX_SETTINGS,
        },
        DATABASE_ALIAS: dict(DATABASE_BACKEND),
    }
