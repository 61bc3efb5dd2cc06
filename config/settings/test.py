"""Test settings: the database comes from DATABASE_URL (SQLite in memory by default)."""

import os

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"  # noqa: S105
if "DATABASE_URL" not in os.environ:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
# Whole-page caching is off in tests (tests/production/test_caching.py turns it on): a test that changes a guide
# inside its transaction never commits, so the cache would never hear of the change.
PAGE_CACHE_SECONDS = 0
# Each search is logged at once, on the test's own connection (the in-memory database is one per connection);
# tests/search/test_querylog.py turns the batches on.
SEARCH_QUERY_LOG_DEFERRED = False
# Django's test client signs in without a request, which django-axes refuses; tests/web/test_login_throttle.py
# turns it on.
AXES_ENABLED = False
