"""Simultaneous misses of one kept page in a process are rendered once (web/renders.py): the other requests wait for
that render and get what it kept."""

import os
import threading
import time

import pytest
from django.core.cache import caches
from django.http import HttpResponse
from django.test import RequestFactory

from tests.conftest import require_service
from web import pagecache, renders
from web.caches import caches_from_url
from web.pagecache import LocalCopies, PublicPageCacheMiddleware, local_copies

VISITORS = 8


@pytest.fixture(autouse=True, params=["locmem", "redis"])
def shared_cache(request, settings, db, monkeypatch):
    """Every test runs on the local memory cache and on a real Redis (TEST_REDIS_URL); the content generation is
    read once, here, so that the visitors' threads do not read the database."""
    if request.param == "redis":
        url = os.environ.get("TEST_REDIS_URL")
        require_service(url, "TEST_REDIS_URL is not set (a Redis to test on)")
        settings.CACHES = caches_from_url(url)
    request.getfixturevalue("page_caches")
    monkeypatch.setattr(LocalCopies, "GENERATION_SECONDS", 3600)
    local_copies.current_generation()
    return request.param


def site_rendering(rendered, page=lambda request: HttpResponse(f"<p>{request.get_full_path()}</p>")):
    """The page cache in front of a view that takes 0.2 s to render `page(request)`; each render is noted in
    `rendered`. A request with a query string is offered as a variant, as the search and the guide views do."""

    def view(request):
        def render():
            rendered.append(request.get_full_path())
            time.sleep(0.2)
            return page(request)

        if request.GET:
            return pagecache.variant(request, lambda: (render(), None))[0]
        return render()

    return PublicPageCacheMiddleware(view)


def at_once(site, path):
    """The responses to VISITORS anonymous GETs of `path` that start together, each in a thread of its own."""
    start, responses = threading.Barrier(VISITORS), [None] * VISITORS

    def visit(index):
        request = RequestFactory().get(path)
        start.wait()
        responses[index] = site(request)

    threads = [threading.Thread(target=visit, args=(index,)) for index in range(VISITORS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


@pytest.mark.parametrize("path", ["/search/?q=new+query", "/guides/new-guide/"])
def test_visitors_missing_one_new_page_at_once_get_one_render(path):
    rendered = []
    responses = at_once(site_rendering(rendered), path)
    assert rendered == [path]
    assert {response.status_code for response in responses} == {200}
    assert {response.content for response in responses} == {f"<p>{path}</p>".encode()}


def test_a_render_that_keeps_nothing_lets_the_others_render_at_once(monkeypatch):
    """A page that may not be kept (here an error) is rendered by each visitor, none waiting out WAIT_SECONDS."""
    monkeypatch.setattr(renders, "WAIT_SECONDS", 30.0)
    rendered = []
    site = site_rendering(rendered, page=lambda request: HttpResponse("稍后再试", status=503))
    started = time.monotonic()
    responses = at_once(site, "/search/?q=failing")
    assert len(rendered) == VISITORS
    assert {response.status_code for response in responses} == {503}
    assert time.monotonic() - started < renders.WAIT_SECONDS


def redis_commands(monkeypatch):
    """The names of the commands sent to the shared Redis from now on (each one round trip)."""
    client, sent = caches["default"]._cache.get_client(), []
    send = client.execute_command
    monkeypatch.setattr(
        client, "execute_command", lambda *args, **options: sent.append(args[0]) or send(*args, **options)
    )
    return sent


@pytest.mark.parametrize("path", ["/search/?q=new+query", "/guides/new-guide/"])
def test_a_kept_page_costs_one_read_of_the_shared_cache_in_a_process_that_lacks_it_and_none_in_one_that_has_it(
    shared_cache, path, monkeypatch
):
    if shared_cache != "redis":
        pytest.skip("counts the commands sent to Redis")
    rendered = []
    site = site_rendering(rendered)
    sent = redis_commands(monkeypatch)
    site(RequestFactory().get(path))
    assert sent == ["GET", "SET"]  # looked up, rendered, kept
    sent.clear()
    site(RequestFactory().get(path))
    assert sent == []  # this process's copy
    local_copies.clear()  # another process
    local_copies.current_generation()
    site(RequestFactory().get(path))
    assert sent == ["GET"]
    assert rendered == [path]
