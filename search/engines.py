"""Which search engine answers, from the environment.

    SEARCH_ENGINE=database        (default) SQLite FTS5 or PostgreSQL full-text search, whichever DATABASE_URL is
    SEARCH_ENGINE=opensearch      OpenSearch 3 or 2 (Wagtail's opensearch3 backend, opensearch-py 3)
    SEARCH_ENGINE=elasticsearch   Elasticsearch 7 (Wagtail's elasticsearch7 backend, elasticsearch 7.17)
    SEARCH_ENGINE=elasticsearch8  Elasticsearch 8 or 9 (Wagtail's elasticsearch8 / elasticsearch9 backends): install
    SEARCH_ENGINE=elasticsearch9  the matching client in place of 7.17 (`pip install "elasticsearch>=8,<9"`, or 9)
    SEARCH_URL                    the engine's node URLs, comma-separated (e.g. http://10.0.0.1:9200,http://10.0.0.2:9200)
    SEARCH_REPLICAS               replicas of each index (default 0, right for one node; 1 or more for a cluster)
    SEARCH_INDEX_PREFIX           index name prefix on the engine (default "zhinan_"); one per site or test run
    SEARCH_TIMEOUT                seconds one request to the engine may take (default 5)

CI tests `opensearch` on OpenSearch 3.3 and 2.19 and `elasticsearch` on Elasticsearch 7.10. The elasticsearch8 and
elasticsearch9 names are Wagtail's backends with the settings below; no Elasticsearch 8 or 9 server could be run in
CI, so they are not tested here.

With an engine, the database backend stays configured as "database" and kept up to date, so search can answer
from it when the engine is unreachable; `manage.py update_index` repairs the engine afterwards. It rebuilds every
index from these settings, so the replicas an index keeps are the ones SEARCH_REPLICAS names.
"""

import copy
import os
from urllib.parse import urlparse

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
# number_of_replicas is replaced by SEARCH_REPLICAS.
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
    urls = node_urls(engine, environ.get("SEARCH_URL", ""))
    settings = copy.deepcopy(INDEX_SETTINGS)
    settings["settings"]["index"]["number_of_replicas"] = replicas(environ.get("SEARCH_REPLICAS", ""))
    return {
        "default": {
            # Wagtail's backend for the engine, with queries typed in the admin analysed (search/backends/engine.py).
            "BACKEND": "search.backends.engine",
            "ENGINE": ENGINE_BACKENDS[engine],
            "URLS": urls,
            "INDEX_PREFIX": environ.get("SEARCH_INDEX_PREFIX", "zhinan_"),
            "TIMEOUT": int(environ.get("SEARCH_TIMEOUT", "5")),
            # One node: no retry, so a search falls back to the database at once when the engine is down. Several:
            # a request that finds its node down tries each of the others once before falling back.
            "OPTIONS": {"max_retries": len(urls) - 1},
            "INDEX_SETTINGS": settings,
        },
        DATABASE_ALIAS: dict(DATABASE_BACKEND),
    }


def node_urls(engine, value):
    """The node URLs in SEARCH_URL (comma-separated), each checked to be http(s)://host[:port][/path]."""
    urls = [url.strip() for url in value.split(",") if url.strip()]
    if not urls:
        raise ImproperlyConfigured(f"SEARCH_ENGINE={engine} needs SEARCH_URL, e.g. http://127.0.0.1:9200")
    for url in urls:
        if not is_node_url(url):
            raise ImproperlyConfigured(f"SEARCH_URL: {url!r} is not the http:// or https:// URL of a node")
    return urls


def is_node_url(url):
    parts = urlparse(url)
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def replicas(value):
    """SEARCH_REPLICAS as a number of replicas (empty: 0)."""
    value = value.strip() or "0"
    if not (value.isascii() and value.isdigit()):
        raise ImproperlyConfigured(f"SEARCH_REPLICAS must be a whole number of replicas (0 or more), not {value!r}")
    return int(value)
