"""The search results page kept for the next visitor (web.pagecache.variant): what is kept, for whom, how long,
with which headers, and that every search is still logged."""

import os

import pytest
from django.test import Client

from search import querylog
from search.models import QueryDay, QueryLog
from tests.factories import make_guide
from web.models import ContentGeneration
from web.pagecache import local_copies, variants

pytestmark = pytest.mark.usefixtures("page_caches")


@pytest.fixture
def guides(guide_index, search_index):
    made = [make_guide(guide_index, title="居民身份证申领"), make_guide(guide_index, title="不动产首次登记")]
    search_index.refresh()
    return made


def search(client, q, **params):
    return client.get("/search/", {"q": q, **params})


def test_a_repeated_search_is_served_from_the_kept_page_and_still_logged(client, guides, django_assert_max_num_queries):
    first = search(client, "身份证")
    assert first.status_code == 200 and "申领" in first.content.decode()
    assert first["Cache-Control"] == "public, max-age=0, s-maxage=1"  # nginx or a CDN may keep it one second
    assert "Cookie" in first["Vary"] and first["ETag"] and first["Last-Modified"]
    # Nothing is searched or rendered again: what is left is the query log's insert and its day's count (an update,
    # then an insert in a savepoint on a new day), and the content generation, read at most once a second; with
    # SEARCH_QUERY_LOG_DEFERRED the log's queries leave the request too.
    with django_assert_max_num_queries(5):
        again = search(client, "身份证")
    assert again.content == first.content
    assert QueryLog.objects.filter(normalised="身份证").count() == 2


def test_a_revalidation_gets_304(client, guides):
    first = search(client, "身份证")
    response = client.get("/search/", {"q": "身份证"}, headers={"if-none-match": first["ETag"]})
    assert response.status_code == 304


def test_each_query_filter_and_page_is_its_own_page(client, guides):
    assert "申领" in search(client, "身份证").content.decode()
    other = search(client, "不动产").content.decode()
    assert "首次登记" in other and "申领" not in other
    assert search(client, "身份证", audience="business").content != search(client, "身份证").content


def test_a_publish_shows_at_once(client, guides, guide_index, search_index):
    assert "移民登记" not in search(client, "火星").content.decode()
    make_guide(guide_index, title="火星移民登记")  # the publish starts a new generation on commit
    search_index.refresh()
    ContentGeneration.objects.update(changed_at=2e9)  # as the commit hook would (tests never commit)
    local_copies.recheck()
    assert "移民登记" in search(client, "火星").content.decode()


def test_signed_in_visitors_and_other_cookies_are_never_kept(client, guides, admin_user):
    signed_in = Client()
    signed_in.force_login(admin_user)
    response = signed_in.get("/search/", {"q": "身份证"})
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    client.cookies["zhinan_senior"] = "1"
    assert "no-store" in search(client, "身份证")["Cache-Control"]
    assert not variants.entries


def test_bad_parameters_are_not_kept(client, guides):
    assert search(client, "身份证", page="x").status_code == 400
    assert not variants.entries


def test_the_kept_pages_are_bounded_in_entries_and_bytes(client, guides, settings):
    settings.PAGE_VARIANT_ENTRIES = 3
    for q in ("身份证", "不动产", "登记", "申领", "首次"):
        search(client, q)
    assert len(variants.entries) == 3
    settings.PAGE_VARIANT_BYTES = len(next(iter(variants.entries.values()))[2].content) + 1
    search(client, "居民")
    assert len(variants.entries) <= 1 and variants.size <= settings.PAGE_VARIANT_BYTES


def test_the_query_log_is_written_in_batches_and_at_exit(client, guides, settings, monkeypatch):
    settings.SEARCH_QUERY_LOG_DEFERRED = True
    monkeypatch.setattr(querylog.pending, "writer_pid", os.getpid())  # no thread: this test writes the batch
    for q in ("身份证", "身份证", "不动产"):
        search(client, q)
    assert not QueryLog.objects.exists()  # not on the request path
    querylog.pending.flush()  # what the thread does every second, and atexit on a normal shutdown
    assert QueryLog.objects.count() == 3
    assert QueryDay.objects.get(normalised="身份证").searches == 2
