"""CACHES from one CACHE_URL: local memory for one process, Redis when several app servers share the cache."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

REDIS_SCHEMES = {"redis", "rediss", "unix"}


def caches_from_url(url):
    """Django's CACHES setting for `url`: redis://host:port/db, rediss://…, unix://…, locmem:// or dummy://."""
    scheme = urlsplit(url).scheme
    if scheme in REDIS_SCHEMES:
        # Short socket timeouts: a Redis that hangs must not hold every gunicorn thread with it.
        options = {"socket_connect_timeout": 2, "socket_timeout": 2}
        default = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "OPTIONS": options}
    elif scheme == "locmem":
        default = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    elif scheme == "dummy":
        default = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    else:
        raise ImproperlyConfigured(f"CACHE_URL {url!r}: expected redis://, rediss://, unix://, locmem:// or dummy://")
    return {"default": default}
