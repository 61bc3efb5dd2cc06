"""The request's site is looked up once per content generation (web/sites.py), and a change to a Site shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from web.models import ContentGeneration
from web.pagecache import local_copies


@pytest.fixture(autouse=True)
def page_caches_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


def site_queries(client, path="/search/"):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return [query for query in queries.captured_queries if "wagtailcore_site" in query["sql"]]


def test_the_site_is_found_once_per_generation(client, site_tree):
    local_copies.recheck()
    site_queries(client)
    assert site_queries(client) == []  # the next request reuses it
    ContentGeneration.objects.update(changed_at=2e9)  # a publish anywhere
    local_copies.recheck()
    assert site_queries(client)  # looked up again in the new generation


def test_renaming_a_site_shows(client, site_tree, django_capture_on_commit_callbacks):
    client.get("/search/")
    site = Site.objects.get()
    site.site_name = "改名后的站点"
    with django_capture_on_commit_callbacks(execute=True):
        site.save()
    assert client.get("/search/").context["request"]._wagtail_site.site_name == "改名后的站点"
