"""/healthz: is this app server able to answer? For load balancers and monitoring.

200 while the database answers (a search engine that is down only degrades search, which then answers from
the database); 503 when the database does not. Error details stay in the logs, not in the public answer.
"""

import logging

from django.db import DatabaseError, connection
from django.views.decorators.cache import never_cache
from wagtail.search.backends import get_search_backend

from web.responses import json_response

logger = logging.getLogger(__name__)


def database_status():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("health check: database unreachable")
        return {"ok": False, "vendor": connection.vendor}
    return {"ok": True, "vendor": connection.vendor}


def search_status():
    backend = get_search_backend()
    engine = type(backend).__module__.rsplit(".", 1)[-1]
    client = getattr(backend, "es", None)  # the client of the OpenSearch / Elasticsearch backends
    if client is None:  # the database backend: it is up when the database is
        return {"engine": engine, "ok": None}
    try:
        ok = bool(client.ping())
    except Exception:  # any transport failure means "not reachable"; the client raises many kinds
        logger.exception("health check: search engine unreachable")
        ok = False
    return {"engine": engine, "ok": ok}


@never_cache
def healthz(request):
    database = database_status()
    search = search_status()
    if search["ok"] is None:
        search["ok"] = database["ok"]
    if not database["ok"]:
        status = "down"
    elif not search["ok"]:
        status = "degraded"
    else:
        status = "ok"
    return json_response({"status": status, "database": database, "search": search}, 503 if status == "down" else 200)
