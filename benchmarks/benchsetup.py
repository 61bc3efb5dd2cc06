"""Shared set-up for the search benchmarks: Django on a throw-away database, search backends by alias."""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
# The engines CI runs, by the name --engines takes: (SEARCH_ENGINE, the variable that holds the engine's URL).
ENGINES = {
    "opensearch": ("opensearch", "OPENSEARCH_URL"),  # OpenSearch 2.19 (engines.sh: opensearch)
    "opensearch3": ("opensearch", "OPENSEARCH3_URL"),  # OpenSearch 3.3 (engines.sh: opensearch3)
    "elasticsearch": ("elasticsearch", "ELASTICSEARCH_URL"),  # Elasticsearch 7.10
}
ENGINE_LABELS = {}


def add_engine_arguments(parser):
    parser.add_argument(
        "--engines",
        default=None,
        help=f"comma-separated, of {', '.join(ENGINES)} (default: each whose URL variable is set: "
        + ", ".join(variable for _engine, variable in ENGINES.values())
        + ")",
    )


def chosen_engines(value):
    """The engines named by --engines, or each whose URL is in the environment."""
    if value is None:
        return [engine for engine, (_search_engine, variable) in ENGINES.items() if os.environ.get(variable)]
    engines = [engine for engine in value.split(",") if engine]
    unknown = sorted(set(engines) - set(ENGINES))
    if unknown:
        sys.exit(f"unknown engine {', '.join(unknown)}: expected {', '.join(ENGINES)}")
    return engines


def start_django():
    """Django with test settings on DATABASE_URL (default: a SQLite file in a temporary directory)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp(prefix='zhinan-bench-')}/bench.sqlite3")
    import django

    django.setup()


def fresh_database():
    """Create an empty, migrated database beside the configured one (test_… name); returns a teardown."""
    from django.db import connection

    connection.settings_dict.setdefault("TEST", {})
    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = connection.settings_dict["NAME"] + ".bench"
    else:
        connection.settings_dict["TEST"]["NAME"] = "zhinan_search_bench"
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    return lambda: connection.creation.destroy_test_db(old_name, verbosity=0)


def configure_backends(engines, prefix):
    """Aliases: "zhinan" (our database backend), "stock" (Wagtail's), and each engine whose URL is set.

    Indexing on save is off everywhere; the benchmarks time `update_index` instead.
    """
    from django.conf import settings

    from search.engines import DATABASE_BACKEND, search_backends

    backends = {
        "default": {**DATABASE_BACKEND, "AUTO_UPDATE": False},
        "stock": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False},
    }
    for engine in engines:
        search_engine, variable = ENGINES[engine]
        url = os.environ.get(variable)
        if not url:
            print(f"skipping {engine}: set {variable}", file=sys.stderr)
            continue
        environ = {"SEARCH_ENGINE": search_engine, "SEARCH_URL": url, "SEARCH_INDEX_PREFIX": f"{prefix}{engine}_"}
        backends[engine] = {**search_backends(environ)["default"], "AUTO_UPDATE": False}
    settings.WAGTAILSEARCH_BACKENDS = backends
    for engine in ENGINES:
        if engine in backends:
            ENGINE_LABELS[engine] = server_label(engine)
    return [alias for alias in backends if alias != "stock"]


def server_label(alias):
    """ "OpenSearch 3.3.2", "Elasticsearch 7.10.2": what the engine says it is, so that a table names the version."""
    from wagtail.search.backends import get_search_backend

    version = get_search_backend(alias).es.info()["version"]
    name = "OpenSearch" if version.get("distribution") == "opensearch" else "Elasticsearch"
    return f"{name} {version['number']}"


def drop_engine_indexes(aliases):
    from wagtail.search.backends import get_search_backend

    for alias in aliases:
        backend = get_search_backend(alias)
        if hasattr(backend, "es"):
            backend.es.indices.delete(index=f"{backend.index_prefix}*")


def machine_speed():
    """Seconds this machine takes for a fixed loop of pure Python, to read timings against.

    A virtual machine's speed drifts (the same loop took 0.5 to 0.95 s on the 2-core VM these benchmarks were
    written on), so a timing means little without the machine's speed around it.
    """
    started = time.perf_counter()
    sum(range(30_000_000))
    return f"{time.perf_counter() - started:.2f} s"


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def engine_label(alias):
    from django.db import connection

    if alias == "default":
        return f"zhinan {connection.vendor}"
    if alias == "stock":
        return f"stock Wagtail {connection.vendor}"
    return ENGINE_LABELS.get(alias, alias)


def refresh(alias):
    """Make just-indexed documents searchable, and planned for, as they are a minute later in production.

    Engines refresh about once a second on their own. PostgreSQL's autovacuum gets to a table soon after a bulk
    load: until then the GIN indexes keep the new entries in a pending list that every search reads through,
    and the planner guesses how many index entries a search matches.
    """
    from django.db import connection
    from wagtail.search.backends import get_search_backend

    get_search_backend(alias).refresh_indexes()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
