"""A per-client limit on public form posts, kept in Django's cache so it works across app servers with Redis.

While the shared cache is unreachable, the uses are counted in the database instead (RateLimitHit), so the limit
holds through a Redis outage; those rows are deleted once they are older than a day.
"""

import hashlib
from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

from web.caches import CacheUnavailable, strict
from web.client import client_address
from web.models import RateLimitHit

FEEDBACK_LIMIT = 5
FEEDBACK_WINDOW_SECONDS = 600
KEEP_HITS_SECONDS = 24 * 3600  # no window is longer than this


def client_key(request, scope):
    """A key for this client (its address, behind trusted proxies the one they received the request from); the
    address is hashed so the cache and the database hold no personal data."""
    digest = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def hit(key, limit=FEEDBACK_LIMIT, window=FEEDBACK_WINDOW_SECONDS):
    """Count one use of `key`; False once it has been used more than `limit` times within `window` seconds."""
    try:
        return cached_hit(key, limit, window)
    except CacheUnavailable:
        return database_hit(key, limit, window)


def cached_hit(key, limit, window):
    shared = strict(cache)
    if shared.add(key, 1, timeout=window):
        return True
    try:
        count = shared.incr(key)
    except ValueError:  # expired between add and incr
        shared.add(key, 1, timeout=window)
        return True
    return count <= limit


def database_hit(key, limit, window):
    """The limit counted in the database, over the last `window` seconds; a refused use is not recorded."""
    now = timezone.now()
    since = now - timedelta(seconds=window)
    RateLimitHit.objects.filter(at__lt=now - timedelta(seconds=max(window, KEEP_HITS_SECONDS))).delete()
    if RateLimitHit.objects.filter(key=key, at__gte=since).count() >= limit:
        return False
    RateLimitHit.objects.create(key=key, at=now)
    return True
