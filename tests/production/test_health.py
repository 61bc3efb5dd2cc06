"""/healthz answers JSON with the database and search engine status."""

from unittest import mock

from django.db import OperationalError


def test_healthy(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["search"]["ok"] is True


def test_database_down_answers_503(client, db):
    with mock.patch("config.health.connection.cursor", side_effect=OperationalError("gone")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "down"
    assert "gone" not in response.content.decode()
