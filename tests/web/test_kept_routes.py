"""A site's pages are routed through a map of their addresses kept per content generation (guides/models/routes.py),
not by Wagtail's walk down the tree: the same pages answer, view restrictions still hold, and a publish, an
unpublish or a new address shows as soon as the generation changes."""

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import make_guide
from web.models import ContentGeneration
from web.pagecache import local_copies

pytestmark = pytest.mark.usefixtures("page_caches")
WALK = '"wagtailcore_page"."slug" ='  # Wagtail's route(): get_children().get(slug=…), once per path segment


@pytest.fixture
def visitor(client):
    client.cookies["seen"] = "1"  # another cookie: no cached page is served, every request is routed
    return client


def new_generation():
    ContentGeneration.objects.update(changed_at=F("changed_at") + 1)  # as the commit of a change would
    local_copies.recheck()


def routed(visitor, path):
    with CaptureQueriesContext(connection) as queries:
        response = visitor.get(path)
    return response.status_code, [query["sql"] for query in queries.captured_queries if WALK in query["sql"]]


def test_pages_and_their_sub_routes_are_found_without_walking_the_tree(visitor, guide_index, settings):
    guide = make_guide(guide_index, title="结婚登记")
    for path in (guide.url, f"{guide.url}print/", "/guides/", "/departments/"):
        assert routed(visitor, path) == (200, []), path
    assert routed(visitor, "/guides/no-such-guide/")[0] == 404
    assert routed(visitor, f"{guide.url}no-such-route/")[0] == 404
    settings.PAGE_CACHE_SECONDS = 0  # nothing kept: Wagtail walks as before
    status, walked = routed(visitor, guide.url)
    assert status == 200 and walked


@pytest.mark.parametrize("restricted", ["guide", "section"])
def test_a_restricted_guide_stays_restricted(visitor, guide_index, restricted):
    guide = make_guide(guide_index, title="结婚登记")
    assert routed(visitor, guide.url)[0] == 200
    page = {"guide": guide, "section": guide_index}[restricted]
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = visitor.get(guide.url)
    assert response.status_code == 302 and "/login" in response["Location"]


def test_a_publish_an_unpublish_and_a_new_address_show_with_the_generation(visitor, guide_index):
    guide = make_guide(guide_index, title="结婚登记")
    assert routed(visitor, guide.url)[0] == 200
    draft = make_guide(guide_index, title="离婚登记", publish=False, live=False)
    assert routed(visitor, f"/guides/{draft.slug}/")[0] == 404
    draft.change_note = "新增"
    draft.save_revision().publish()
    new_generation()
    assert routed(visitor, f"/guides/{draft.slug}/")[0] == 200
    old_url = guide.url
    guide.slug, guide.change_note = "jiehun", "地址更新"
    guide.save_revision().publish()
    new_generation()
    assert routed(visitor, "/guides/jiehun/")[0] == 200
    assert routed(visitor, old_url)[0] == 404
    guide.refresh_from_db()
    guide.unpublish()
    new_generation()
    assert routed(visitor, "/guides/jiehun/")[0] == 404
