"""Production: secrets, hosts, the database and the cache come from the environment; HTTPS only."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, env_bool


def required(name):
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"{name} must be set in production")
    return value


SECRET_KEY = required("SECRET_KEY")
# Every gunicorn worker and every app server must see the same cache, or a publish would leave stale pages
# in the others: CACHE_URL is redis://… in production (locmem:// only for a single-process trial).
CACHES = caches_from_url(required("CACHE_URL"))  # noqa: F405

# Keep connections between requests; CONN_HEALTH_CHECKS (base) replaces one that died, e.g. after a
# PostgreSQL restart, so the site recovers by itself.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))

# HTTPS. Behind a reverse proxy that terminates TLS, the proxy must set X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS if not host.startswith("[")]  # noqa: F405
# The admin's avatars would otherwise come from a third-party server (and break under the CSP).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Media: the filesystem by default (MEDIA_ROOT). For several app servers, S3-compatible storage via
# django-storages: see docs/deployment.md.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
