"""The public page cache: served from the cache, dropped on publish/unpublish/move/reference changes."""

import os
import re

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from tests.conftest import require_service
from tests.factories import make_guide
from web.caches import caches_from_url
from web.models import ContentGeneration
from web.pagecache import PublicPageCacheMiddleware, content_generation, local_copies, page_key


@pytest.fixture(autouse=True, params=["locmem", "redis"])
def page_cache(request, settings):
    """Every test runs on the local memory cache and on a real Redis (TEST_REDIS_URL, e.g. from
    `.ci/services/redis.sh start`)."""
    if request.param == "redis":
        url = os.environ.get("TEST_REDIS_URL")
        require_service(url, "TEST_REDIS_URL is not set (a Redis to test on)")
        settings.CACHES = caches_from_url(url)
    request.getfixturevalue("page_caches")  # after CACHES, so that it empties the cache this test uses


TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def cached_entry(path):
    return cache.get(page_key(RequestFactory().get(path)))


@pytest.fixture
def guide(guide_index):
    return make_guide(guide_index, title="不动产登记")


def get(client, url, **headers):
    return client.get(url, headers=headers)


def test_a_guide_page_is_served_from_the_cache_with_validators(client, guide, django_assert_num_queries, monkeypatch):
    monkeypatch.setattr(local_copies, "GENERATION_SECONDS", 60)  # the generation is read from the database once
    first = get(client, guide.url)
    assert first.status_code == 200
    assert first["ETag"].startswith('"')
    assert "Last-Modified" in first
    with django_assert_num_queries(0):
        second = get(client, guide.url)
    assert TOKEN.sub("", second.content.decode()) == TOKEN.sub("", first.content.decode())  # tokens are per visit
    assert second["ETag"] == first["ETag"]


def test_a_hot_page_is_served_from_this_process_without_the_shared_cache(client, guide, monkeypatch):
    first = get(client, guide.url)
    reads, shared = [], caches["default"]
    monkeypatch.setattr(shared, "get", lambda *args, **kwargs: reads.append(args) or (None, None))
    monkeypatch.setattr(shared, "get_many", lambda *args, **kwargs: reads.append(args) or {})
    second = get(client, guide.url)
    assert second["ETag"] == first["ETag"]
    assert reads == []


def test_a_publish_in_another_process_shows_here_within_a_second(client, guide, monkeypatch):
    first = get(client, guide.url)
    ContentGeneration.objects.update(changed_at=1e9)  # a publish in another process
    assert get(client, guide.url)["Last-Modified"] == first["Last-Modified"]  # this process trusts its generation
    monkeypatch.setattr(local_copies, "read_at", local_copies.read_at - local_copies.GENERATION_SECONDS - 0.01)
    assert get(client, guide.url)["Last-Modified"] == "Sun, 09 Sep 2001 01:46:40 GMT"  # rendered in the new one


def test_conditional_gets_answer_not_modified(client, guide):
    first = get(client, guide.url)
    assert get(client, guide.url, if_none_match=first["ETag"]).status_code == 304
    assert get(client, guide.url, if_modified_since=first["Last-Modified"]).status_code == 304


def test_publishing_a_change_shows_at_once(client, guide_index, django_capture_on_commit_callbacks):
    guide = make_guide(guide_index, title="旧标题")
    assert "旧标题" in get(client, guide.url).content.decode()
    guide.title = "新标题"
    with django_capture_on_commit_callbacks(execute=True):
        guide.change_note = "内容更新"  # a guide that was live before needs one to go live again
        guide.save_revision().publish()
    assert "新标题" in get(client, guide.url).content.decode()


def test_unpublishing_removes_the_page_and_its_listing(client, guide_index, django_capture_on_commit_callbacks):
    guide = make_guide(guide_index, title="待撤下事项")
    assert get(client, guide.url).status_code == 200
    assert "待撤下事项" in get(client, guide_index.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        guide.unpublish()
    assert get(client, guide.url).status_code == 404
    assert "待撤下事项" not in get(client, guide_index.url).content.decode()


def test_moving_a_page_starts_a_new_generation(client, guide_index, django_capture_on_commit_callbacks):
    guide = make_guide(guide_index)
    get(client, guide.url)
    site_id = guide.get_site().pk  # the generation of the guide's site
    before = content_generation().get(site_id)
    with django_capture_on_commit_callbacks(execute=True):
        guide.move(guide_index, pos="last-child")
    assert content_generation()[site_id] != before


def test_a_department_change_reaches_cached_guides(client, guide_index, django_capture_on_commit_callbacks):
    guide = make_guide(guide_index)
    get(client, guide.url)
    guide.department.name = "临江市行政审批局"
    with django_capture_on_commit_callbacks(execute=True):
        guide.department.save()
    assert "临江市行政审批局" in get(client, guide.url).content.decode()


def test_a_query_string_is_never_cached(client, guide):
    get(client, guide.url + "?q=1")
    assert cached_entry(guide.url) is None


def test_signed_in_editors_are_never_served_from_the_cache(client, guide, admin_user):
    client.force_login(admin_user)
    response = get(client, guide.url)
    assert "ETag" not in response
    assert cached_entry(guide.url) is None


def test_health_is_never_cached(client, db):
    response = get(client, "/healthz")
    assert "no-cache" in response["Cache-Control"]
    assert cached_entry("/healthz") is None


def test_only_cookie_less_visitors_share_cached_pages(client, guide):
    get(client, guide.url)
    client.cookies["csrftoken"] = "x" * 32
    assert "ETag" in get(client, guide.url)
    client.cookies["senior_mode"] = "1"
    assert "ETag" not in get(client, guide.url)


def test_each_visitor_gets_a_form_token_of_their_own(rf, db):
    renders = []

    def view_with_form(request):
        renders.append(request)
        return HttpResponse(f'<form><input type="hidden" name="csrfmiddlewaretoken" value="{get_token(request)}">')

    site = PublicPageCacheMiddleware(CsrfViewMiddleware(view_with_form))  # the order in settings.MIDDLEWARE
    first, second = site(rf.get("/form/")), site(rf.get("/form/"))
    assert len(renders) == 1
    tokens = [TOKEN.search(response.content.decode()).group(1) for response in (first, second)]
    assert tokens[0] != tokens[1]
    post = rf.post("/form/", {"csrfmiddlewaretoken": tokens[1]})
    post.COOKIES[settings.CSRF_COOKIE_NAME] = second.cookies[settings.CSRF_COOKIE_NAME].value
    assert CsrfViewMiddleware(view_with_form).process_view(post, view_with_form, (), {}) is None


def test_a_returning_visitor_gets_the_secret_of_their_cookie_and_can_post(rf, db):
    def view_with_form(request):
        response = HttpResponse(f'<form><input type="hidden" name="csrfmiddlewaretoken" value="{get_token(request)}">')
        response["Content-Length"] = str(len(response.content))  # as CommonMiddleware does
        return response

    site = PublicPageCacheMiddleware(CsrfViewMiddleware(view_with_form))
    first = site(rf.get("/form/"))  # rendered and cached; sets the cookie
    secret = first.cookies[settings.CSRF_COOKIE_NAME].value
    again = rf.get("/form/")
    again.COOKIES[settings.CSRF_COOKIE_NAME] = secret
    served = site(again)
    token = TOKEN.search(served.content.decode()).group(1)
    assert token == secret
    assert served["Content-Length"] == str(len(served.content))
    for cookie, refused in ((secret, False), ("y" * 32, True)):  # their own cookie; another visitor's
        post = rf.post("/form/", {"csrfmiddlewaretoken": token})
        post.COOKIES[settings.CSRF_COOKIE_NAME] = cookie
        answer = CsrfViewMiddleware(view_with_form).process_view(post, view_with_form, (), {})
        assert (answer is not None and answer.status_code == 403) is refused


def test_guide_pages_with_feedback_forms_are_cached(client, guide):
    first = get(client, guide.url)
    assert 'name="csrfmiddlewaretoken"' in first.content.decode()
    assert cached_entry(guide.url) is not None


def test_making_a_page_private_takes_it_out_of_the_cache(client, guide, django_capture_on_commit_callbacks):
    assert get(client, guide.url).status_code == 200  # cached, public
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=guide, restriction_type=PageViewRestriction.LOGIN)
    response = get(client, guide.url)
    assert response.status_code == 302  # to the sign-in page, not the copy cached while it was public
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert get(client, guide.url).status_code == 200
