"""A big import is one transaction: a failure at any guide applies nothing, and nothing reaches the search index;
once it commits, every imported guide is indexed (in bulk, search.indexing) and found by search. Runs on SQLite
and PostgreSQL (DATABASE_URL); tests/search/test_bulk_indexing.py runs the same on the engines."""

import pytest
from wagtail.models import PageLogEntry, ReferenceIndex

from guides.importexport import import_guides
from guides.importexport.plan import apply
from guides.models import GuidePage
from tests.factories import make_guide

from .support import counts, new_guide_titles, with_new_guides

COUNT = 30


def found(client, title):
    response = client.get("/api/search/", {"q": title})
    assert response.status_code == 200, response.content
    return title in [result["title"] for result in response.json()["results"]]


def test_a_failure_in_the_middle_applies_nothing_and_indexes_nothing(content, client, guide_index):
    plan = import_guides(with_new_guides(COUNT), "list.json", dry_run=True)
    assert len(plan.created) == COUNT
    # Another editor takes the web address of the 20th new guide between the preview and the confirmation.
    make_guide(guide_index, slug=plan.created[19].page.slug)
    before = counts(), PageLogEntry.objects.count(), ReferenceIndex.objects.count()
    with pytest.raises(Exception, match="slug"):
        apply(plan)
    assert (counts(), PageLogEntry.objects.count(), ReferenceIndex.objects.count()) == before
    assert not GuidePage.objects.filter(title__in=new_guide_titles(COUNT)).exists()
    assert not any(found(client, title) for title in new_guide_titles(COUNT)[:19])


def test_every_imported_guide_is_published_recorded_and_found(content, client, django_capture_on_commit_callbacks):
    revisions, updates, guides = counts()
    with django_capture_on_commit_callbacks(execute=True):
        plan = import_guides(with_new_guides(COUNT), "list.json")
    assert len(plan.created) == COUNT
    assert counts() == (revisions + COUNT, updates + COUNT, guides + COUNT)
    imported = GuidePage.objects.filter(title__in=new_guide_titles(COUNT))
    assert imported.live().count() == COUNT
    # The snippets' usage (Wagtail's reference index) names every imported guide, as a save in the admin would.
    material = content["id_card"]
    users = {reference.object_id for reference in ReferenceIndex.get_references_to(material)}
    assert {str(pk) for pk in imported.values_list("pk", flat=True)} <= users
    assert [title for title in new_guide_titles(COUNT) if not found(client, title)] == []


def test_nothing_is_indexed_before_the_import_commits(content, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        import_guides(with_new_guides(2), "list.json")
        assert not any(found(client, title) for title in new_guide_titles(2))
    for callback in callbacks:
        callback()
    assert all(found(client, title) for title in new_guide_titles(2))
