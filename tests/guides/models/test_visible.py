"""visible(): with the page caches on, the view restrictions are read once per content generation, and a page
made private leaves every list at once all the same."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from guides.models import GuidePage
from tests.factories import make_guide
from web.pagecache import local_copies
from web.sites import EVERY_SITE


def restriction_reads(pages):
    with CaptureQueriesContext(connection) as queries:
        titles = sorted(pages.visible(EVERY_SITE).values_list("title", flat=True))
    return titles, [query for query in queries.captured_queries if "pageviewrestriction" in query["sql"]]


@pytest.mark.django_db
def test_a_page_made_private_leaves_the_lists_at_once(guide_index, page_caches, django_capture_on_commit_callbacks):
    open_guide = make_guide(guide_index, title="公开的事项")
    hidden = make_guide(guide_index, title="内部的事项")
    local_copies.recheck()
    assert restriction_reads(GuidePage.objects)[0] == ["公开的事项", "内部的事项"]
    titles, reads = restriction_reads(GuidePage.objects)
    assert reads == []  # read once for the generation

    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    assert restriction_reads(GuidePage.objects)[0] == ["公开的事项"]
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=guide_index, restriction_type=PageViewRestriction.LOGIN)
    assert restriction_reads(GuidePage.objects)[0] == []  # a section: the page and everything below it
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.filter(page=guide_index).delete()
        restriction.delete()
    assert restriction_reads(GuidePage.objects)[0] == [open_guide.title, hidden.title]


@pytest.mark.django_db
def test_with_the_page_caches_off_each_call_reads_them(guide_index):
    make_guide(guide_index, title="公开的事项")
    assert restriction_reads(GuidePage.objects)[1]
    assert restriction_reads(GuidePage.objects)[1]
