"""The guides a search may find are kept, compiled, per site and content generation (search.service.visible_guides
and RankedQueryCompilerMixin.allowed): a view restriction, an unpublish or a page moved out of the site is followed
by the next search, as soon as the change is committed. On the database backends one statement ranks the page,
returns its guides' fields and counts the facets."""

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from guides.models import Department, GuidePage
from search import service
from tests.factories import make_guide

pytestmark = pytest.mark.usefixtures("page_caches")


def found(q):
    params = service.SearchParams(q=q, site=Site.objects.get())
    return {guide.title for guide in service.search(params, log=False).page or ()}


@pytest.fixture
def guides(guide_index, search_index):
    made = {name: make_guide(guide_index, title=f"居民身份证{name}") for name in ("换领", "补领", "挂失")}
    search_index.refresh()
    return made


def test_the_kept_filter_is_kept_within_a_generation(guides):
    params = service.SearchParams(q="身份证", site=Site.objects.get())
    assert service.visible_guides(params) is service.visible_guides(params)
    assert found("身份证") == {"居民身份证换领", "居民身份证补领", "居民身份证挂失"}


@pytest.mark.parametrize("change", ["restricted", "unpublished", "moved"])
def test_a_change_to_what_is_visible_is_followed_at_once(
    guides, guide_index, search_index, change, django_capture_on_commit_callbacks
):
    assert found("身份证") == {"居民身份证换领", "居民身份证补领", "居民身份证挂失"}  # the filter is kept now
    guide = guides["补领"]
    with django_capture_on_commit_callbacks(execute=True):
        if change == "restricted":
            PageViewRestriction.objects.create(page=guide, restriction_type=PageViewRestriction.LOGIN)
        elif change == "unpublished":
            guide.unpublish()
        else:  # to a section of the tree that no site shows
            outside = Page.get_first_root_node().add_child(instance=Page(title="归档", slug="archive"))
            guide.move(outside, pos="last-child")
    search_index.refresh()
    assert found("身份证") == {"居民身份证换领", "居民身份证挂失"}


def test_one_statement_ranks_the_page_loads_its_guides_and_counts_the_facets(guides):
    params = service.SearchParams(q="身份证", site=Site.objects.get())
    with CaptureQueriesContext(connection) as queries:
        outcome = service.search(params, log=False)
    statements = [query["sql"] for query in queries.captured_queries]
    assert len([sql for sql in statements if "WITH ranked" in sql]) == 1
    others = [sql for sql in statements if "WITH ranked" not in sql]
    assert not [sql for sql in others if '"page_ptr_id" IN (' in sql or "GROUP BY" in sql]  # no in_bulk, no facets
    assert outcome.total == 3 and sum(option["count"] for option in outcome.facets["online"]) == 3
    loaded = GuidePage.objects.only(*service.RESULT_FIELDS).select_related("department").in_bulk()
    for guide in outcome.page:
        expected = loaded[guide.pk]
        assert guide.get_deferred_fields() == expected.get_deferred_fields()
        assert not guide._state.adding and guide._state.db == expected._state.db
        for name in ("id", "title", "url_path", "item_code", "summary", "committed_limit_days", "online_level"):
            assert getattr(guide, name) == getattr(expected, name)
        assert guide.department == expected.department and guide.department.name == expected.department.name


@pytest.mark.parametrize("relation", [None, "department"])
def test_results_go_through_the_constructor_when_something_receives_post_init(guides, relation):
    """The page statement builds its objects without the constructor, which sends post_init: a receiver for a
    result's model, or for a relation it loads, would miss them. With one connected, they are built as usual."""
    seen = set()

    def receiver(sender, instance, **kwargs):
        seen.add(id(instance))

    model = Department if relation else GuidePage
    post_init.connect(receiver, sender=model)
    try:
        outcome = service.search(service.SearchParams(q="身份证", site=Site.objects.get()), log=False)
    finally:
        post_init.disconnect(receiver, sender=model)
    built = [getattr(guide, relation) if relation else guide for guide in outcome.page]
    assert len(built) == 3 and all(id(each) in seen for each in built)
