"""A fresh worker renders a few pages of each site before it takes traffic (web/warmup.py), counts nothing a
visitor did, and starts whatever fails."""

import time

import pytest
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import DatabaseError, close_old_connections

from search.models import QueryDay, QueryLog
from tests.factories import make_guide
from web import warmup
from web.pagecache import local_copies, variants


@pytest.fixture
def application():
    """The site's WSGI application, keeping the test's connection open as Django's test client does (a worker's
    handler closes old connections around each request)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield get_wsgi_application()
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def test_the_home_a_guide_and_a_search_are_rendered_and_nothing_is_logged_or_cached(
    site_tree, application, settings, page_caches
):
    settings.SEARCH_QUERY_LOG_DEFERRED = False  # a search a visitor made would be written at once
    make_guide(site_tree[1], title="结婚登记")
    done = warmup.warm(application)
    assert [line.split(" ", 1)[1] for line in done] == ["200 OK"] * 3
    assert done[0].startswith("localhost/ ")
    assert "/guides/" in done[1]
    assert "/search/?q=" in done[2]
    assert not QueryLog.objects.exists()
    assert not QueryDay.objects.exists()
    assert not local_copies.pages and not variants.entries  # the caches hold only what visitors asked for


def test_a_site_whose_name_is_not_served_is_warmed_through_an_allowed_host(site_tree, application, settings):
    settings.ALLOWED_HOSTS = ["zhinan.example"]
    assert [line.split(" ", 1)[0] for line in warmup.warm(application)] == ["zhinan.example/"]


def test_a_failure_is_logged_and_the_worker_starts(site_tree, application, monkeypatch, caplog):
    def database_down(site):
        raise DatabaseError("connection refused")

    monkeypatch.setitem(warmup.pages, "paths", database_down)
    assert warmup.warm(application) == []
    assert "warm-up failed" in caplog.text


def test_the_master_hears_from_the_worker_during_a_long_page_and_not_after_the_bound(site_tree, monkeypatch):
    """gunicorn kills a worker that has not notified it within its timeout: a first search that builds the
    vocabulary of a province must not get the worker killed, and a warm-up stuck for good must not be kept alive."""
    monkeypatch.setitem(warmup.pages, "paths", lambda site: ["/"])
    monkeypatch.setattr(warmup, "get", lambda application, host, path: time.sleep(3.5) or "200 OK")
    beats = []
    warmup.warm(None, notify=lambda: beats.append(time.monotonic()))
    assert len(beats) >= 2  # one page of 3.5 s, a beat a second
    monkeypatch.setattr(warmup, "MAX_SECONDS", 0)
    beats.clear()
    warmup.warm(None, notify=lambda: beats.append(time.monotonic()))
    assert beats == []
