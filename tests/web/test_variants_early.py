"""A kept variant answers before routing (web.pagecache.PublicPageCacheMiddleware), as a cached page does: only
the same anonymous GET of the same host and full path in the same content generation, with the same headers as
the page the view rendered, and the view's hit handler called (the search logs the query)."""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction, Site

from guides.views import guide as guide_views
from search import views as search_views
from search.models import QueryLog
from tests.factories import make_guide
from web import pagecache
from web.pagecache import LocalCopies, variants
from web.senior import COOKIE as SENIOR_COOKIE

pytestmark = pytest.mark.usefixtures("page_caches")

ANSWER = {"q1": "本人办理"}


@pytest.fixture
def renders(monkeypatch):
    """The guide pages and results pages the views rendered."""
    rendered = []
    for module, name in ((guide_views, "render_guide_page"), (search_views, "render_search_page")):
        render = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *args, render=render: rendered.append(args) or render(*args))
    return rendered


@pytest.fixture
def generation_kept(monkeypatch):
    """The generation read once for the whole test, so that a request's queries do not depend on the clock."""
    monkeypatch.setattr(LocalCopies, "GENERATION_SECONDS", 3600)


@pytest.mark.usefixtures("generation_kept")
def test_a_kept_variant_is_answered_without_a_query_and_with_the_views_headers(
    client, situation_guide, renders, django_assert_num_queries
):
    first = client.get(situation_guide.url, ANSWER)
    assert first.status_code == 200 and len(renders) == 1
    with django_assert_num_queries(0):  # no session, no routing, no view restrictions, no render
        again = client.get(situation_guide.url, ANSWER)
    assert again.status_code == 200 and len(renders) == 1
    # Everything the middlewares inside the page cache add (language, framing, Vary) is kept with the page.
    assert set(again.headers) - {"Set-Cookie"} == set(first.headers) - {"Set-Cookie"}
    for header in ("ETag", "Last-Modified", "Cache-Control", "Vary", "Content-Language", "X-Frame-Options"):
        assert again[header] == first[header], header
    assert again["Cache-Control"] == "private, no-cache"  # it carries a form token
    assert client.get(situation_guide.url, ANSWER, headers={"if-none-match": first["ETag"]}).status_code == 304
    assert len(renders) == 1


def test_a_guide_made_private_after_its_variant_was_kept_is_not_shown(
    client, situation_guide, renders, django_capture_on_commit_callbacks
):
    assert client.get(situation_guide.url, ANSWER).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=situation_guide, restriction_type=PageViewRestriction.LOGIN)
    refused = client.get(situation_guide.url, ANSWER)
    assert refused.status_code == 302 and "/login" in refused["Location"]
    assert len(renders) == 1


def test_a_signed_in_editor_gets_the_page_rendered_for_them(client, situation_guide, renders, admin_user):
    client.get(situation_guide.url, ANSWER)
    editor = Client()
    editor.force_login(admin_user)
    response = editor.get(situation_guide.url, ANSWER)
    assert response.status_code == 200 and len(renders) == 2
    assert "no-store" in response["Cache-Control"]


def test_a_post_never_gets_the_kept_page(situation_guide, renders):
    visitor = Client(enforce_csrf_checks=True)
    visitor.get(situation_guide.url, ANSWER)
    query = "&".join(f"{name}={value}" for name, value in ANSWER.items())
    assert visitor.post(f"{situation_guide.url}?{query}").status_code == 403  # the CSRF check ran: the request went on
    assert len(renders) == 1


@pytest.mark.parametrize(
    ("cookie", "answered_early"),
    [("csrftoken", True), ("sessionid", False), (SENIOR_COOKIE, False), ("_ga", False)],
)
def test_only_the_csrf_cookie_is_answered_early(client, situation_guide, renders, cookie, answered_early):
    Client().get(situation_guide.url, ANSWER)
    client.cookies[cookie] = "x" * 32
    response = client.get(situation_guide.url, ANSWER)
    assert response.status_code == 200
    assert len(renders) == (1 if answered_early else 2)
    if not answered_early:
        assert "no-store" in response["Cache-Control"]


def test_the_same_path_on_another_sites_host_is_its_own_page(client, situation_guide, renders, settings):
    settings.ALLOWED_HOSTS = ["*"]
    client.get(situation_guide.url, ANSWER)
    Site.objects.create(hostname="jiangbei.example", root_page=Site.objects.get().root_page)
    pagecache.local_copies.clear()  # forget this process's site map (tests never commit, so no new generation)
    client.get(situation_guide.url, ANSWER)
    assert len(renders) == 1  # the first host's page, from the shared cache
    other = client.get(situation_guide.url, ANSWER, headers={"host": "jiangbei.example"})
    assert other.status_code == 200 and len(renders) == 2
    client.get(situation_guide.url, ANSWER, headers={"host": "jiangbei.example"})
    assert len(renders) == 2  # kept for that host in turn
    assert len(variants.entries) == 2


def test_a_head_goes_to_the_view(client, situation_guide, guide_index, renders):
    client.get(situation_guide.url, ANSWER)
    head = client.head(situation_guide.url, ANSWER)
    assert head.status_code == 200 and len(renders) == 2 and head["ETag"]
    make_guide(guide_index, title="居民身份证申领")
    assert client.get("/search/", {"q": "身份证"}).status_code == 200
    assert client.head("/search/", {"q": "身份证"}).status_code == 405  # the search answers GETs only


def test_a_kept_search_is_logged_and_a_worker_without_the_hit_handler_renders(
    client, guide_index, renders, monkeypatch
):
    make_guide(guide_index, title="居民身份证申领")
    for _ in range(2):
        assert client.get("/search/", {"q": "身份证"}).status_code == 200
    assert len(renders) == 1
    assert QueryLog.objects.filter(normalised="身份证").count() == 2
    assert variants.entries[next(iter(variants.entries))][4] == "search:page"
    monkeypatch.delitem(pagecache.hit_handlers, "search:page")  # a fresh worker given another's page
    assert client.get("/search/", {"q": "身份证"}).status_code == 200
    assert len(renders) == 2  # not answered without its hit handler: the view renders and logs
    assert QueryLog.objects.filter(normalised="身份证").count() == 3
