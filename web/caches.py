"""CACHES from one CACHE_URL: local memory for one process, Redis when several app servers share the cache."""

from urllib.parse import urlsplit

from django.core.cache.backends import redis
from django.core.exceptions import ImproperlyConfigured

REDIS_SCHEMES = {"redis", "rediss", "unix"}


def caches_from_url(url):
    """Django's CACHES setting for `url`: redis://host:port/db, rediss://…, unix://…, locmem:// or dummy://."""
    scheme = urlsplit(url).scheme
    if scheme in REDIS_SCHEMES:
        # Short socket timeouts: a Redis that hangs must not hold every gunicorn thread with it.
        options = {"socket_connect_timeout": 2, "socket_timeout": 2}
        default = {"BACKEND": "web.caches.RedisCache", "LOCATION": url, "OPTIONS": options}
    elif scheme == "locmem":
        default = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    elif scheme == "dummy":
        default = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    else:
        raise ImproperlyConfigured(f"CACHE_URL {url!r}: expected redis://, rediss://, unix://, locmem:// or dummy://")
    return {"default": default}


class ReusedClientRedisCacheClient(redis.RedisCacheClient):
    """Django's client builds a new redis.Redis for every cache call, and redis-py's constructor fills a table of
    some 170 response callbacks each time: 0.4 ms of a cached page's 1 ms. A client per connection pool is enough
    (redis.Redis is thread-safe, and Django keeps one cache object per thread anyway)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            if index not in self._pools:
                self._pools[index] = self._pool_class.from_url(self._servers[index], **self._pool_options)
            client = self._clients[index] = self._client(connection_pool=self._pools[index])
        return client


class RedisCache(redis.RedisCache):
    """Django's Redis cache with one client per connection pool (see ReusedClientRedisCacheClient)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
