"""Which search engine answers, from the environment: SEARCH_ENGINE and SEARCH_URL.

    SEARCH_ENGINE=database        (default) SQLite FTS5 or PostgreSQL full-text search, whichever DATABASE_URL is
    SEARCH_ENGINE=opensearch      OpenSearch 3 or 2 at SEARCH_URL (Wagtail's opensearch3 backend, opensearch-py 3)
    SEARCH_ENGINE=elasticsearch   Elasticsearch 7 at SEARCH_URL (Wagtail's elasticsearch7 backend, elasticsearch 7.17)
    SEARCH_ENGINE=elasticsearch8  Elasticsearch 8 or 9 (Wagtail's elasticsearch8 / elasticsearch9 backends): install
    SEARCH_ENGINE=elasticsearch9  the matching client in place of 7.17 (`pip install "elasticsearch>=8,<9"`, or 9)
    SEARCH_INDEX_PREFIX           index name prefix on the engine (default "zhinan_"); one per site or test run

CI tests `opensearch` on OpenSearch 3.3 and 2.19 and `elasticsearch` on Elasticsearch 7.10. The elasticsearch8 and
elasticsearch9 names are Wagtail's backends with the settings below; no Elasticsearch 8 or 9 server could be run in
CI, so they are not tested here.

With an engine, the database backend stays configured as "database" and kept up to date, so search can answer
from it when the engine is unreachable; `manage.py update_index` repairs the engine afterwards.
"""

import os

from django.core.exceptions import ImproperlyConfigured

DATABASE_ALIAS = "database"

ENGINE_BACKENDS = {
    # opensearch-py 3 with the opensearch3 backend speaks to OpenSearch 2.x servers as well; the opensearch2 backend
    # does not work with opensearch-py 3 (it passes index names positionally), so it is not offered.
    "opensearch": "wagtail.search.backends.opensearch3",
    "elasticsearch": "wagtail.search.backends.elasticsearch7",
    "elasticsearch8": "wagtail.search.backends.elasticsearch8",
    "elasticsearch9": "wagtail.search.backends.elasticsearch9",
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
        names = ", ".join(["database", *ENGINE_BACKENDS])
        raise ImproperlyConfigured(f"SEARCH_ENGINE must be one of {names}, not {engine!r}")
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
