"""A page's site from its tree path (web/sites.py): the one helper the models, the admin and the page cache use,
over the sites' root paths read once per content generation."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from guides.models import GuideIndexPage
from tests.factories import make_guide, make_site
from tests.sites.builders import add_site
from web.models import ContentGeneration
from web.pagecache import local_copies, sites_touching
from web.sites import site_of, site_roots, sites_holding, sites_within


@pytest.fixture
def province(db):
    """A province portal whose tree holds a city's site (its home page below the portal's), and a second city
    beside the portal."""
    portal_home, _portal_index = make_site()
    portal = Site.objects.get()
    city_home = portal_home.add_child(instance=GuideIndexPage(title="江南市", slug="jiangnan"))
    city = Site.objects.create(hostname="jiangnan.example", port=80, root_page=city_home)
    city_guide = make_guide(city_home, title="机动车驾驶证换证")
    other, other_index = add_site("jiangbei.example", "江北市")
    return {"portal": portal, "city": city, "other": other, "city_guide": city_guide, "other_index": other_index}


def test_a_page_belongs_to_the_site_of_its_nearest_root(province):
    guide = province["city_guide"]
    assert site_of(guide.path) == province["city"]
    assert sites_holding(guide.path) == [province["city"], province["portal"]]
    assert guide.sites() == [province["city"], province["portal"]]
    assert site_of(province["other_index"].path) == province["other"]
    assert site_of(Page.get_first_root_node().path) is None


def test_the_sites_within_a_subtree(province):
    portal_root = province["portal"].root_page.path
    assert {site.pk for site in sites_within(portal_root)} == {province["portal"].pk, province["city"].pk}
    assert sites_within(province["city_guide"].path) == []
    # The page cache's question: sites holding a path or lying below it.
    assert sites_touching(province["city"].root_page.path) == {province["portal"].pk, province["city"].pk}
    assert sites_touching(province["other_index"].path) == {province["other"].pk}


def root_queries():
    with CaptureQueriesContext(connection) as queries:
        site_roots()
    return [query for query in queries.captured_queries if "wagtailcore_site" in query["sql"]]


def test_the_roots_are_read_once_per_content_generation(province, page_caches):
    local_copies.recheck()
    assert root_queries()
    assert root_queries() == []  # the same generation: the copy
    ContentGeneration.objects.update(changed_at=2e9)  # a publish, a move or a Site's change anywhere
    local_copies.recheck()
    assert root_queries()


def test_with_the_page_caches_off_the_roots_are_read_every_time(province, settings):
    settings.PAGE_CACHE_SECONDS = 0
    assert root_queries()
    assert root_queries()


def test_a_site_made_or_moved_is_seen_at_once_in_the_transaction_that_made_it(province, page_caches):
    local_copies.recheck()
    site_roots()  # the copy of this generation, which the new site's commit has not yet replaced
    new, _index = add_site("jiangxi.example", "江西市")
    assert site_of(new.root_page.path) == new
    moved = province["city"].root_page
    moved.move(province["other"].root_page, pos="last-child")
    guide = Page.objects.get(pk=province["city_guide"].pk)
    assert sites_holding(guide.path) == [province["city"], province["other"]]
