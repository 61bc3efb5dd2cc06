"""A per-client limit on public form posts, kept in Django's cache so it works across app servers with Redis."""

import hashlib

from django.core.cache import cache

FEEDBACK_LIMIT = 5
FEEDBACK_WINDOW_SECONDS = 600


def client_key(request, scope):
    """A cache key for this client; the address is hashed so the cache holds no personal data."""
    address = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def hit(key, limit=FEEDBACK_LIMIT, window=FEEDBACK_WINDOW_SECONDS):
    """Count one use of `key`; False once it has been used more than `limit` times within `window` seconds."""
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return True
    return count <= limit
