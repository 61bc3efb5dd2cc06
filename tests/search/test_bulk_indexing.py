"""Index-on-save put off and done in bulk (search.indexing), on whichever backend the environment configures: the
database (SQLite, PostgreSQL) or, with SEARCH_ENGINE, OpenSearch / Elasticsearch with the database beside it."""

import datetime

import pytest
from django.conf import settings
from wagtail.search.backends import get_search_backend

from guides.importexport import import_guides
from guides.importexport.plan import apply
from guides.models import GuidePage
from search import indexing
from search.engines import DATABASE_ALIAS
from tests.factories import make_guide
from tests.guides.importexport.support import new_guide_titles, with_new_guides

COUNT = 12


@pytest.fixture
def online_guide(guide_index, search_index):
    """One fully online guide, the template of the imported ones."""
    return make_guide(
        guide_index,
        title="个体工商户设立登记",
        online_level="full",
        online_url="https://zwfw.example.gov.cn/gt",
        visits_required=0,
        committed_limit_days=0,
        next_review_due=datetime.date(2027, 3, 1),
    )


def backends():
    """The configured backend and, beside an engine, the database backend that is kept up to date with it."""
    aliases = ["default", *([DATABASE_ALIAS] if DATABASE_ALIAS in settings.WAGTAILSEARCH_BACKENDS else [])]
    return [get_search_backend(alias) for alias in aliases]


def found(titles, search_index):
    """For each backend, the titles it finds, each searched for by itself."""
    search_index.refresh()
    return [
        [title for title in titles if title in [page.title for page in backend.search(title, GuidePage.objects.all())]]
        for backend in backends()
    ]


def everywhere(titles):
    return [list(titles)] * len(backends())


def test_an_import_is_indexed_in_bulk_once_it_commits(online_guide, search_index, django_capture_on_commit_callbacks):
    titles = new_guide_titles(COUNT)
    with django_capture_on_commit_callbacks() as callbacks:
        plan = import_guides(with_new_guides(COUNT, template=0), "list.json")
        assert len(plan.created) == COUNT
        assert found(titles, search_index) == everywhere([])
    for callback in callbacks:
        callback()
    assert found(titles, search_index) == everywhere(titles)


def test_a_failed_import_reaches_no_index(online_guide, search_index, guide_index, django_capture_on_commit_callbacks):
    titles = new_guide_titles(COUNT)
    plan = import_guides(with_new_guides(COUNT, template=0), "list.json", dry_run=True)
    make_guide(guide_index, slug=plan.created[-1].page.slug)  # the last new guide's address is taken meanwhile
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Exception, match="slug"):
        apply(plan)
    assert found(titles, search_index) == everywhere([])


def test_saves_outside_a_deferred_block_are_indexed_at_once(online_guide, search_index):
    assert found([online_guide.title], search_index) == everywhere([online_guide.title])


def test_nested_blocks_index_with_the_outermost(guide_index, search_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), indexing.deferred():
        with indexing.deferred():
            inner = make_guide(guide_index, title="林木采伐审批")
        assert found([inner.title], search_index) == everywhere([])
    assert found([inner.title], search_index) == everywhere([inner.title])
