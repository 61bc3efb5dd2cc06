"""/healthz: is this app server able to answer? For load balancers and monitoring.

200 while the database answers: an unreachable search engine only degrades search (it then answers from the
database) and an unreachable cache only makes pages slower (they are served uncached), so either is "degraded";
503 when the database does not answer. The public answer says only what is ok: which database, search engine and
cache the site runs on is for monitoring, with `?verbose`, to requests from this machine (loopback) or from
signed-in staff. Error details stay in the logs.
"""

import logging

from django.core.cache import caches
from django.db import DatabaseError, connection
from django.views.decorators.cache import never_cache
from wagtail.search.backends import get_search_backend

from web.caches import cache_status
from web.client import client_address, parse_address
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


def shared_cache_status():
    backend = caches["default"]
    return {**cache_status(backend), "backend": type(backend).__name__}


def may_see_details(request):
    """Loopback (the machine's own monitoring, behind trusted proxies the real client) or signed-in staff."""
    address = parse_address(client_address(request))
    user = getattr(request, "user", None)
    return (address is not None and address.is_loopback) or bool(user and user.is_staff)


@never_cache
def healthz(request):
    database = database_status()
    search = search_status()
    if search["ok"] is None:
        search["ok"] = database["ok"]
    shared = shared_cache_status()
    if not database["ok"]:
        status = "down"
    elif not search["ok"] or not shared["ok"]:
        status = "degraded"
    else:
        status = "ok"
    body = {"status": status, "database": database, "search": search, "cache": shared}
    if "verbose" not in request.GET or not may_see_details(request):
        body = {"status": status, **{part: {"ok": body[part]["ok"]} for part in ("database", "search", "cache")}}
    return json_response(body, 503 if status == "down" else 200)
