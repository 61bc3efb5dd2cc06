import contextlib
import os

import pytest
from django.core.cache import cache
from django.db import transaction

from guides.demo.loader import load
from tests.factories import make_site
from web.pagecache import local_copies


@pytest.fixture
def site_tree(db):
    """(home, guide_index) as the default site."""
    return make_site()


@pytest.fixture
def guide_index(site_tree):
    return site_tree[1]


@pytest.fixture
def page_caches(settings):
    """The page caches on (60 s), empty before and after the test: the shared cache and this process's copies."""
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    local_copies.clear()
    yield
    cache.clear()
    local_copies.clear()


def require_service(available, reason):
    """Skip a test whose service (database, search engine, browser) is missing; in CI (CI=true) fail instead."""
    if available:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI: {reason}")
    pytest.skip(reason)


@contextlib.contextmanager
def module_data(django_db_blocker):
    """The test database open for a module-scoped fixture, in a transaction rolled back when the module ends: data
    built once for a module's tests instead of once per test. Each test (with `db`) still runs in a savepoint of its
    own, so what one test changes the next does not see."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once for the module that asks for it, rolled back afterwards."""
    with module_data(django_db_blocker):
        yield load()
