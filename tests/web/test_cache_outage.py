"""The shared cache unreachable: pages are still served, without waiting for it; the rate limit counts in the
database; a publish made during the outage still drops every cached page once the cache is back."""

import os
import socket
import threading
from datetime import timedelta
from unittest import mock

import pytest
import redis
from django.core.cache import cache
from django.db import OperationalError
from django.test import Client, RequestFactory
from django.utils import timezone

from tests.conftest import require_service
from tests.factories import make_guide
from web import caches as web_caches
from web import pagecache
from web.caches import caches_from_url
from web.models import ContentGeneration, RateLimitHit
from web.pagecache import page_key
from web.ratelimit import FEEDBACK_LIMIT

CLOSED_PORT_URL = "redis://127.0.0.1:9/0"  # discard: nothing listens, the connection is refused at once
REAL_EXECUTE_COMMAND = redis.Redis.execute_command


@pytest.fixture(autouse=True)
def fresh_state(settings, monkeypatch):
    """No outage remembered from another test."""
    settings.PAGE_CACHE_SECONDS = 60
    monkeypatch.setattr(web_caches, "breakers", {})
    pagecache.local_copies.clear()
    yield
    pagecache.local_copies.clear()


@pytest.fixture
def unreachable_cache(settings):
    settings.CACHES = caches_from_url(CLOSED_PORT_URL)


@pytest.fixture
def guide(guide_index):
    return make_guide(guide_index, title="结婚登记")


def feedback(client, guide):
    return client.post(guide.url + "feedback/", {"kind": "useful", "useful-useful": "yes"})


@pytest.mark.django_db
def test_every_public_page_answers_without_the_cache(client, guide, guide_index, unreachable_cache):
    for url in ("/", guide.url, guide_index.url, "/api/v1/guides/", "/search/?q=结婚", "/api/search/?q=结婚"):
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_the_feedback_limit_counts_in_the_database_without_the_cache(guide, unreachable_cache):
    client = Client(REMOTE_ADDR="10.0.0.1")
    for _ in range(FEEDBACK_LIMIT):
        assert feedback(client, guide).status_code == 302
    refused = feedback(client, guide)
    assert refused.status_code == 429
    assert "您提交得太频繁了" in refused.content.decode()
    assert feedback(Client(REMOTE_ADDR="10.0.0.2"), guide).status_code == 302
    assert RateLimitHit.objects.count() == FEEDBACK_LIMIT + 1  # a refused post is not counted


@pytest.mark.django_db
def test_old_rate_limit_rows_are_deleted(guide, unreachable_cache):
    RateLimitHit.objects.create(key="ratelimit:feedback:old", at=timezone.now() - timedelta(days=2))
    assert feedback(Client(REMOTE_ADDR="10.0.0.1"), guide).status_code == 302
    assert not RateLimitHit.objects.filter(key="ratelimit:feedback:old").exists()


@pytest.fixture
def hanging_redis(settings):
    """A port that accepts connections and never answers, as a frozen Redis, behind the production cache options
    (each wait is their socket timeout). Yields the list of the connections it accepted."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(100)
    server.settimeout(0.05)
    accepted, stop = [], threading.Event()

    def accept():
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    settings.CACHES = caches_from_url(f"redis://127.0.0.1:{server.getsockname()[1]}/0")
    yield accepted
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    server.close()


@pytest.mark.django_db
def test_a_hanging_cache_is_waited_for_once_then_skipped(client, guide, hanging_redis, monkeypatch):
    # A back-off longer than any run of these ten requests, however loaded the machine: only the breaker's memory
    # of the first timeout is under test here (trying again after the back-off: the tests with `outage` below).
    monkeypatch.setattr(web_caches.Breaker, "BACKOFF_SECONDS", 3600.0)
    for _ in range(10):
        pagecache.local_copies.clear()  # each time a page this process has no copy of
        assert client.get(guide.url).status_code == 200
    # One request waited for the cache, once: no retry on a timeout (which would connect again), and the other
    # nine skipped it at once.
    assert len(hanging_redis) == 1


@pytest.mark.django_db
def test_content_generation_and_a_new_generation_never_raise(unreachable_cache):
    """They live in the database: the cache does not matter, and a database error is logged, not raised."""
    pagecache.start_new_generation()
    assert pagecache.content_generation() is not None
    with mock.patch.object(ContentGeneration.objects, "update_or_create", side_effect=OperationalError("gone")):
        pagecache.start_new_generation()
    with mock.patch.object(ContentGeneration.objects, "filter", side_effect=OperationalError("gone")):
        assert pagecache.content_generation() is None


@pytest.mark.django_db
def test_while_the_database_is_unreachable_the_last_generation_is_kept(client, guide, monkeypatch):
    """No content can change without the database, so the cached pages are still right and still served."""
    first = client.get(guide.url)
    monkeypatch.setattr(pagecache, "content_generation", lambda: None)
    pagecache.local_copies.recheck()
    assert pagecache.local_copies.current_generation() is not None
    assert client.get(guide.url)["ETag"] == first["ETag"]


@pytest.fixture
def real_redis(settings):
    url = os.environ.get("TEST_REDIS_URL")
    require_service(url, "TEST_REDIS_URL is not set (a Redis to test on)")
    settings.CACHES = caches_from_url(url)
    cache.clear()
    yield url
    cache.clear()


@pytest.fixture
def outage(monkeypatch):
    """A function that starts an outage (every Redis command fails as with a stopped server) and returns one that
    ends it; the back-off is shortened so that the cache is tried again at once after it."""
    monkeypatch.setattr(web_caches.Breaker, "BACKOFF_SECONDS", 0.0)

    def refused(*args, **kwargs):
        raise redis.exceptions.ConnectionError("Connection refused (test)")

    def start():
        monkeypatch.setattr(redis.Redis, "execute_command", refused)
        return lambda: monkeypatch.setattr(redis.Redis, "execute_command", REAL_EXECUTE_COMMAND)

    return start


@pytest.mark.django_db
def test_a_publish_during_an_outage_drops_the_cached_pages_once_the_cache_is_back(
    client, guide, real_redis, outage, django_capture_on_commit_callbacks
):
    """The page of the old generation is still in Redis when it returns (a network partition, or a Redis restarted
    from its snapshot): it must not be served again, by this process or any other."""
    guide.title, guide.change_note = "旧标题", "改标题"
    guide.save_revision().publish()
    assert "旧标题" in client.get(guide.url).content.decode()
    assert client.get(guide.url)["ETag"]  # cached, in the generation still in Redis after the outage
    end_outage = outage()
    guide.title, guide.change_note = "新标题", "再改标题"
    with django_capture_on_commit_callbacks(execute=True):  # as when the publish commits
        guide.save_revision().publish()
    assert "新标题" in client.get(guide.url).content.decode()  # uncached meanwhile
    end_outage()
    pagecache.local_copies.clear()  # as in another process, which has no copy of its own
    page = client.get(guide.url)
    assert "新标题" in page.content.decode()
    assert cache.get(page_key(RequestFactory().get(guide.url)))[1]["ETag"] == page["ETag"]  # and cached again


@pytest.mark.django_db
def test_a_page_kept_before_an_outage_is_shared_again_when_the_cache_comes_back_empty(
    client, guide, real_redis, outage
):
    """This process kept the page for PAGE_CACHE_SECONDS because Redis held it; Redis restarts empty. Serving the
    kept copy would leave every other process rendering the page for itself until it expires."""
    client.get(guide.url)
    key = page_key(RequestFactory().get(guide.url))
    assert cache.get(key) is not None
    end_outage = outage()
    with pytest.raises(web_caches.CacheUnavailable):
        web_caches.strict(cache).get(key)  # the process notices the outage
    end_outage()
    cache.clear()  # back, empty
    assert client.get(guide.url).status_code == 200
    assert cache.get(key) is not None
