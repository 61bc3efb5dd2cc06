"""Production settings: the deploy checklist is clean, and they refuse to start without their secrets."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from web.caches import RedisCache, caches_from_url

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "CACHE_URL": "redis://127.0.0.1:6379/0",
    "ALLOWED_HOSTS": "banshi.linjiang.example",
    "DATABASE_URL": "postgres://zhinan:zhinan@127.0.0.1:5432/zhinan",
}


def manage(*args, **env):
    environment = {key: value for key, value in os.environ.items() if key not in PRODUCTION_ENV}
    environment.update(env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_the_deploy_checklist_is_clean():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("missing", ["SECRET_KEY", "CACHE_URL"])
def test_production_refuses_to_start_without(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = manage("check", **env)
    assert result.returncode != 0
    assert f"{missing} must be set in production" in result.stderr


def test_cache_urls():
    redis = caches_from_url("redis://cache.internal:6379/1")["default"]
    assert redis["BACKEND"] == "web.caches.RedisCache"
    assert redis["LOCATION"] == "redis://cache.internal:6379/1"
    assert caches_from_url("locmem://")["default"]["BACKEND"].endswith("LocMemCache")
    with pytest.raises(ImproperlyConfigured, match="memcached"):
        caches_from_url("memcached://127.0.0.1:11211")


def test_the_redis_cache_keeps_one_client_per_connection_pool():
    """Django's own makes a redis.Redis per call, which costs more than serving a cached page (web/caches.py)."""
    cache = RedisCache("redis://cache.internal:6379/1", {})
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client
    assert client.connection_pool is cache._cache._pools[0]
