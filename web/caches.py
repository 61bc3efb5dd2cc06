"""CACHES from one CACHE_URL, and a Redis cache that a Redis outage cannot take the site down with.

Local memory serves one process; Redis lets several app servers share the page cache and its invalidation. When
Redis is unreachable the site keeps answering: Django's cache methods then miss on reads and drop writes (Wagtail
and other libraries read the cache on every page), and `strict(cache)` has the same methods raising
CacheUnavailable, for the callers that must know (the page cache, the rate limit, /healthz). A failure is
remembered for a few seconds (`Breaker`), so that requests skip the cache at once instead of each waiting for the
socket timeout.
"""

import logging
import threading
import time
from functools import wraps
from urllib.parse import urlsplit

from django.core.cache.backends import redis
from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import cached_property

try:
    from redis import exceptions as redis_errors
    from redis.backoff import NoBackoff
    from redis.retry import Retry
except ImportError:  # redis-py comes with the production extra; without it no Redis cache can be configured
    redis_errors = None

REDIS_SCHEMES = {"redis", "rediss", "unix"}
SOCKET_TIMEOUT_SECONDS = 0.5
UNREACHABLE = (redis_errors.ConnectionError, redis_errors.TimeoutError) if redis_errors else ()

logger = logging.getLogger(__name__)


def caches_from_url(url):
    """Django's CACHES setting for `url`: redis://host:port/db, rediss://…, unix://…, locmem:// or dummy://."""
    scheme = urlsplit(url).scheme
    if scheme in REDIS_SCHEMES:
        # Short socket timeouts: a Redis that hangs must not hold every gunicorn thread with it. A cache next to the
        # app answers in a millisecond; a thread waits at most this long once, then the Breaker skips Redis.
        options = {"socket_connect_timeout": SOCKET_TIMEOUT_SECONDS, "socket_timeout": SOCKET_TIMEOUT_SECONDS}
        if redis_errors:
            # A pooled connection that died with a Redis restart fails its next command: try once more on a fresh
            # one, so the site shares its cache again as soon as Redis is back (a Redis still down fails at once).
            # Never on a timeout (redis-py's default retries those too): a hung Redis would hold the thread twice.
            retry = Retry(NoBackoff(), 1, supported_errors=(redis_errors.ConnectionError,))
            options.update(retry=retry, retry_on_error=[redis_errors.ConnectionError])
        default = {"BACKEND": "web.caches.RedisCache", "LOCATION": url, "OPTIONS": options}
    elif scheme == "locmem":
        default = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    elif scheme == "dummy":
        default = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    else:
        raise ImproperlyConfigured(f"CACHE_URL {url!r}: expected redis://, rediss://, unix://, locmem:// or dummy://")
    return {"default": default}


class CacheUnavailable(Exception):
    """The shared cache did not answer, now or a moment ago: the caller does without it."""


class Breaker:
    """What this process knows of one cache server's health, shared by its threads.

    After a failure, calls in the next BACKOFF_SECONDS fail at once; then one call tries the server again while the
    others keep failing fast until it has answered."""

    BACKOFF_SECONDS = 5.0

    def __init__(self, name):
        self.name = name
        self.lock = threading.Lock()
        self.retry_at = None  # while the server is down: when to try it again (monotonic clock)

    def before_call(self):
        if self.retry_at is None:
            return
        with self.lock:
            now = time.monotonic()
            if self.retry_at is None:
                return
            if now < self.retry_at:
                raise CacheUnavailable(f"cache {self.name} unreachable a moment ago")
            self.retry_at = now + self.BACKOFF_SECONDS  # this call tries; the others skip until it has answered

    def failed(self, error):
        with self.lock:
            if self.retry_at is None:
                logger.warning(
                    "cache %s unreachable (%s): pages are not cached, the rate limit counts in the database; "
                    "trying again every %s s",
                    self.name,
                    error,
                    self.BACKOFF_SECONDS,
                )
            self.retry_at = time.monotonic() + self.BACKOFF_SECONDS

    def succeeded(self):
        if self.retry_at is not None:
            with self.lock:
                if self.retry_at is None:
                    return
                self.retry_at = None
                logger.warning("cache %s reachable again", self.name)
            for hook in recovery_hooks:
                hook()


# Called when a cache server answers again after an outage: it may have come back empty (or from an old snapshot),
# so whatever this process kept because the server held it must be shared again (web.pagecache registers).
recovery_hooks = []


breakers = {}  # server locations -> Breaker, for the whole process (Django keeps a cache object per thread)
breakers_lock = threading.Lock()


def breaker_for(servers):
    key = tuple(servers)
    with breakers_lock:
        if key not in breakers:
            # Named by host and port only: a redis:// URL may carry a password, which must not reach the logs.
            names = [f"{urlsplit(server).hostname}:{urlsplit(server).port or 6379}" for server in servers]
            breakers[key] = Breaker(",".join(names))
        return breakers[key]


def guarded(operation):
    """`operation` of the Redis client through the server's breaker: CacheUnavailable when it is unreachable."""

    @wraps(operation)
    def call(self, *args, **kwargs):
        self.breaker.before_call()
        try:
            result = operation(self, *args, **kwargs)
        except UNREACHABLE as error:
            self.breaker.failed(error)
            raise CacheUnavailable(f"cache {self.breaker.name} unreachable") from error
        self.breaker.succeeded()
        return result

    return call


class ReusedClientRedisCacheClient(redis.RedisCacheClient):
    """Django's client builds a new redis.Redis for every cache call, and redis-py's constructor fills a table of
    some 170 response callbacks each time: 0.4 ms of a cached page's 1 ms. A client per connection pool is enough
    (redis.Redis is thread-safe, and Django keeps one cache object per thread anyway).

    Every operation goes through the server's Breaker and raises CacheUnavailable when Redis cannot be reached."""

    def __init__(self, servers, **options):
        super().__init__(servers, **options)
        self._clients = {}
        self.breaker = breaker_for(self._servers)

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            if index not in self._pools:
                self._pools[index] = self._pool_class.from_url(self._servers[index], **self._pool_options)
            client = self._clients[index] = self._client(connection_pool=self._pools[index])
        return client

    add = guarded(redis.RedisCacheClient.add)
    get = guarded(redis.RedisCacheClient.get)
    set = guarded(redis.RedisCacheClient.set)
    touch = guarded(redis.RedisCacheClient.touch)
    delete = guarded(redis.RedisCacheClient.delete)
    get_many = guarded(redis.RedisCacheClient.get_many)
    has_key = guarded(redis.RedisCacheClient.has_key)
    incr = guarded(redis.RedisCacheClient.incr)
    set_many = guarded(redis.RedisCacheClient.set_many)
    delete_many = guarded(redis.RedisCacheClient.delete_many)
    clear = guarded(redis.RedisCacheClient.clear)


def degrading(operation, answer):
    """`operation` of the cache answering `answer(*its arguments)` when the server is unreachable."""

    @wraps(operation)
    def call(self, *args, **kwargs):
        try:
            return operation(self, *args, **kwargs)
        except CacheUnavailable:
            return answer(*args, **kwargs)

    return call


def no(*args, **kwargs):
    return False


def nothing(*args, **kwargs):
    return None


def missing_key(key, *args, **kwargs):
    raise ValueError(f"Key {key!r} not found.")  # what Django's incr raises for a key the cache does not have


class StrictOperations:
    """Django's Redis cache operations on `backend`, raising CacheUnavailable when Redis is unreachable."""

    def __init__(self, backend):
        self.backend = backend

    def __getattr__(self, name):
        return getattr(redis.RedisCache, name).__get__(self.backend)


class RedisCache(redis.RedisCache):
    """Django's Redis cache with one client per connection pool (see ReusedClientRedisCacheClient), that misses
    and drops writes while Redis is unreachable; `strict` raises instead."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    @cached_property
    def strict(self):
        return StrictOperations(self)

    add = degrading(redis.RedisCache.add, no)
    get = degrading(redis.RedisCache.get, lambda key, default=None, version=None: default)
    set = degrading(redis.RedisCache.set, nothing)
    touch = degrading(redis.RedisCache.touch, no)
    delete = degrading(redis.RedisCache.delete, no)
    get_many = degrading(redis.RedisCache.get_many, lambda *args, **kwargs: {})
    has_key = degrading(redis.RedisCache.has_key, no)
    incr = degrading(redis.RedisCache.incr, missing_key)
    set_many = degrading(redis.RedisCache.set_many, lambda data, *args, **kwargs: list(data))
    delete_many = degrading(redis.RedisCache.delete_many, nothing)
    clear = degrading(redis.RedisCache.clear, no)


def strict(cache):
    """`cache`'s operations raising CacheUnavailable while the shared cache is unreachable (a cache in this
    process's memory always answers, and is returned as it is)."""
    return getattr(cache, "strict", cache)


def cache_status(cache):
    """{"ok": True/False}: whether the shared cache answers (within its back-off, the remembered failure)."""
    try:
        strict(cache).has_key("zhinan:health")
    except CacheUnavailable:
        return {"ok": False}
    return {"ok": True}
