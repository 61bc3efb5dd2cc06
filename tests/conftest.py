import pytest

from tests.factories import make_site


@pytest.fixture
def site_tree(db):
    """(home, guide_index) as the default site."""
    return make_site()


@pytest.fixture
def guide_index(site_tree):
    return site_tree[1]
