"""Warming a fresh worker before it takes traffic (gunicorn's post_worker_init, config/gunicorn.py).

A new process loads much lazily on its first requests: templates, translations, the search vocabulary and jieba's
dictionary. On a busy machine the visitors queued behind those first requests waited longer than the shedding
bound (web/shedding.py) and were answered 503. So each worker first renders, in-process through its own WSGI
application, a few pages of each site it serves: the home page and what the content apps name (`pages`: a guide,
a search). They fill no cache (they carry a cookie, and only cookieless pages are kept) and count as nothing a
visitor did: the requests carry WARMUP in their environment, and the views that log or count skip it
(`is_warmup`). A failure (the database down at start) is logged and the worker starts all
the same: it then loads lazily as before.
"""

import io
import logging
import threading
import time
import urllib.parse

from django.conf import settings
from django.http.request import validate_host
from wagtail.models import Site

WARMUP = "zhinan.warmup"
MAX_SITES = 20  # a province's sites; beyond that the first requests of the others load lazily
# A single page may take long: the first search builds the vocabulary from every guide's name (seconds at 10,000
# guides on a busy machine, with every worker building at once). The worker tells the master it is alive every
# second meanwhile, so that gunicorn's timeout does not kill it mid-warm-up (and the next one, in a loop); a warm-up
# still running after MAX_SECONDS is stuck, and is left to the timeout.
MAX_SECONDS = 300

logger = logging.getLogger(__name__)


def _home(site):
    return ["/"]


# The paths to render on a site: set by the content apps (guides: the home page, a guide and a search).
pages = {"paths": _home}


def is_warmup(request):
    """Whether `request` is a worker's own warm-up request, which no log or count may take for a visitor's."""
    return bool(request.META.get(WARMUP))


def hosts():
    """(host, site) to warm: each site whose hostname this installation answers (ALLOWED_HOSTS), the default first;
    when none is allowed by name, the first allowed host (served by the default site)."""
    sites = list(Site.objects.select_related("root_page").order_by("-is_default_site", "pk")[:MAX_SITES])
    allowed = [(site.hostname, site) for site in sites if validate_host(site.hostname, settings.ALLOWED_HOSTS)]
    if allowed:
        return allowed
    named = [host for host in settings.ALLOWED_HOSTS if "*" not in host and not host.startswith(".")]
    default = next((site for site in sites if site.is_default_site), None)
    return [(named[0], default)] if named and default else []


def get(application, host, path):
    """The status of a GET of `path` on `host`, served by `application` in this process."""
    url = urllib.parse.urlsplit(path)
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": urllib.parse.unquote(url.path),
        "QUERY_STRING": url.query,
        "SERVER_NAME": host,
        "SERVER_PORT": "443",
        "HTTP_HOST": host,
        "REMOTE_ADDR": "127.0.0.1",
        # A cookie of its own: pages rendered to warm the code are not cached (web/pagecache.py keeps pages of
        # cookieless visitors only), so what the caches hold is only what visitors asked for.
        "HTTP_COOKIE": "zhinan_warmup=1",
        "wsgi.url_scheme": "https",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        WARMUP: True,
    }
    status = []
    body = application(environ, lambda line, headers, exc_info=None: status.append(line))
    try:
        for _chunk in body:
            pass
    finally:
        if hasattr(body, "close"):
            body.close()
    return status[0] if status else "no answer"


def warm(application, notify=lambda: None):
    """Render the warm-up pages of each site through `application`; never raises. `notify` tells the master the
    worker is alive: it is called every second for at most MAX_SECONDS while this runs."""
    started = time.monotonic()
    done = []
    finished = threading.Event()
    heartbeat = threading.Thread(target=beat, args=(notify, finished), name="warm-up heartbeat", daemon=True)
    heartbeat.start()
    try:
        for host, site in hosts():
            for path in pages["paths"](site):
                done.append(f"{host}{path} {get(application, host, path)}")
    except Exception:  # a worker must start whatever fails here: it then loads on its first requests
        logger.exception("warm-up failed after %d pages; the worker starts cold", len(done))
        return done
    finally:
        finished.set()
        heartbeat.join()
    logger.info("warmed in %.1fs: %s", time.monotonic() - started, "; ".join(done) or "no site")
    return done


def beat(notify, finished):
    """Call `notify` every second until `finished` is set or MAX_SECONDS have passed."""
    deadline = time.monotonic() + MAX_SECONDS
    while not finished.wait(1.0) and time.monotonic() < deadline:
        notify()
