"""Search test fixtures. The behaviour suite runs on whichever engine the environment configures:

    pytest tests/search                                                       # SQLite (or DATABASE_URL)
    SEARCH_ENGINE=opensearch SEARCH_URL=http://127.0.0.1:9201 pytest -m engine tests/search
    SEARCH_ENGINE=elasticsearch SEARCH_URL=http://127.0.0.1:9251 pytest -m engine tests/search

With an engine configured, the behaviour tests carry the `engine` marker; every test starts from empty indexes
named with this run's own prefix, and the indexes are deleted at the end.
"""

import os
import uuid

import pytest
from django.conf import settings
from modelsearch.index import get_indexed_models
from wagtail.search.backends import get_search_backend

from search.engines import DATABASE_ALIAS
from tests.conftest import require_service

BEHAVIOUR_MODULES = (
    "test_behaviour.py",
    "test_hostile.py",
    "test_admin_search.py",
    "test_search_page.py",
    "test_bulk_indexing.py",
)


def engine_configured():
    return DATABASE_ALIAS in settings.WAGTAILSEARCH_BACKENDS


def pytest_collection_modifyitems(config, items):
    if not engine_configured():
        return
    for item in items:
        if item.path.name in BEHAVIOUR_MODULES:
            item.add_marker(pytest.mark.engine)


@pytest.fixture(scope="session")
def engine_prefix(django_db_setup):
    """A per-run index prefix, so runs on one engine never see each other's documents."""
    if not engine_configured():
        yield None
        return
    prefix = f"zhinan_test_{os.getpid()}_{uuid.uuid4().hex[:6]}_"
    settings.WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"] = prefix
    yield prefix
    wipe(get_search_backend(), prefix)


def wipe(backend, prefix):
    """Delete every index (and alias target, after update_index's atomic rebuild) this run created."""
    backend.es.indices.delete(index=f"{prefix}*")


class SearchIndex:
    """The configured backend, emptied for one test; `refresh()` makes new documents searchable."""

    def __init__(self, backend):
        self.backend = backend

    def refresh(self):
        self.backend.refresh_indexes()


@pytest.fixture
def search_index(db, engine_prefix):
    backend = get_search_backend()
    if engine_prefix:
        require_service(backend.es.ping(), f"no search engine at {settings.WAGTAILSEARCH_BACKENDS['default']['URLS']}")
        wipe(backend, engine_prefix)
        for index in backend.all_indexes():
            index.put()
        for model in get_indexed_models():
            backend.get_index_for_model(model).add_model(model)
    return SearchIndex(backend)
