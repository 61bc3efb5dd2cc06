"""/healthz answers JSON with the database, search engine and cache status; their names only to monitoring."""

from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client

from web.caches import caches_from_url

OUTSIDE = "203.0.113.7"  # a documentation address: any client that is not this machine


def test_healthy(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": {"ok": True}, "search": {"ok": True}, "cache": {"ok": True}}


def test_anonymous_callers_are_not_told_what_the_site_runs_on(db):
    outside = Client(REMOTE_ADDR=OUTSIDE)
    for url in ("/healthz", "/healthz?verbose"):
        body = outside.get(url).json()
        assert body == {"status": "ok", "database": {"ok": True}, "search": {"ok": True}, "cache": {"ok": True}}


def test_verbose_details_for_this_machine_and_for_staff(client, db, admin_user):
    details = client.get("/healthz?verbose").json()  # the test client comes from 127.0.0.1
    assert details["database"] == {"ok": True, "vendor": connection.vendor}
    assert "engine" in details["search"]
    assert details["cache"] == {"ok": True, "backend": "LocMemCache"}
    staff = Client(REMOTE_ADDR=OUTSIDE)
    staff.force_login(admin_user)
    assert staff.get("/healthz?verbose").json()["database"]["vendor"] == connection.vendor


def test_a_spoofed_forwarded_header_gets_no_details(db, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    spoofed = Client(REMOTE_ADDR=OUTSIDE, HTTP_X_FORWARDED_FOR="127.0.0.1")
    assert "vendor" not in spoofed.get("/healthz?verbose").json()["database"]
    behind_the_proxy = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"127.0.0.1, {OUTSIDE}")
    assert "vendor" not in behind_the_proxy.get("/healthz?verbose").json()["database"]


def test_database_down_answers_503(client, db):
    with mock.patch("web.health.connection.cursor", side_effect=OperationalError("gone")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "down"
    assert "gone" not in response.content.decode()


def test_an_unreachable_cache_degrades(client, db, settings):
    settings.CACHES = caches_from_url("redis://127.0.0.1:9/0")  # nothing listens there
    response = client.get("/healthz?verbose")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["cache"] == {"ok": False, "backend": "RedisCache"}


def test_an_unreachable_engine_degrades(client, db, settings):
    pytest.importorskip("opensearchpy", reason="the opensearch extra is not installed")
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.opensearch2",
            "URLS": ["http://127.0.0.1:9"],
            "OPTIONS": {"max_retries": 0},
            "TIMEOUT": 1,
        }
    }
    response = client.get("/healthz?verbose")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["search"] == {"engine": "opensearch2", "ok": False}
