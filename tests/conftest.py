import os

import pytest

from tests.factories import make_site


@pytest.fixture
def site_tree(db):
    """(home, guide_index) as the default site."""
    return make_site()


@pytest.fixture
def guide_index(site_tree):
    return site_tree[1]


def require_service(available, reason):
    """Skip a test whose service (database, search engine, browser) is missing; in CI (CI=true) fail instead."""
    if available:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI: {reason}")
    pytest.skip(reason)
