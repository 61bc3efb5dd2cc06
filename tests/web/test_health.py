"""/healthz answers JSON with the database and search engine status."""

from unittest import mock

import pytest
from django.db import OperationalError


def test_healthy(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["search"]["ok"] is True


def test_database_down_answers_503(client, db):
    with mock.patch("web.health.connection.cursor", side_effect=OperationalError("gone")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "down"
    assert "gone" not in response.content.decode()


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
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["search"] == {"engine": "opensearch2", "ok": False}
