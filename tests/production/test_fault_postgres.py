"""PostgreSQL restarted under a running site: the next requests succeed without restarting the site."""

import json

import pytest

from .servers import Gunicorn, PostgresCluster, get, manage, production_env

pytestmark = pytest.mark.faults


@pytest.fixture
def site_on_its_own_postgres():
    cluster = PostgresCluster()
    cluster.start()
    env = production_env(DATABASE_URL=cluster.url, DATABASE_CONN_MAX_AGE="600")
    server = Gunicorn(env)
    try:
        manage(env, "migrate", "--no-input")
        server.start()
        yield cluster, server
    finally:
        server.stop()
        cluster.stop()


def test_the_site_recovers_after_a_postgres_restart(site_on_its_own_postgres):
    cluster, server = site_on_its_own_postgres
    for _ in range(5):  # every thread holds a persistent connection now
        assert get("/api/v1/guides/")[0] == 200, server.log_tail()
    cluster.restart()
    status, body = get("/healthz?verbose")  # details for this machine
    assert status == 200, server.log_tail()
    assert json.loads(body)["database"] == {"ok": True, "vendor": "postgresql"}
    for _ in range(5):
        assert get("/api/v1/guides/")[0] == 200
