"""The request's Wagtail site, found once per content generation rather than on every request.

Wagtail looks the site up on each request (a query for the host, another for the site's root page) and keeps it
on the request as `_wagtail_site`, which every later lookup in that request reuses (page URLs, routing, the
header). This middleware puts it there from a small per-process map, valid for the content generation it was
made in: saving or deleting a Site starts a new generation (web.pagecache watches Site), as does any publish.
Off with the page caches (PAGE_CACHE_SECONDS=0).
"""

import threading

from django.conf import settings
from wagtail.models import Site

from web.pagecache import local_copies

# The scope of admin code and commands in a question about sites' pages (guides.models.querysets.visible), never
# that of a public channel, which asks for the request's site.
EVERY_SITE = "every site"


def default_site_id():
    """The default site's id: where reference data (departments, halls) made without a site belongs, as the rows
    that existed before there were several sites."""
    sites = Site.objects.order_by("-is_default_site", "pk")
    return sites.values_list("pk", flat=True).first()


MAX_HOSTS = 64  # Host headers are the client's: keep the map small whatever they send

_lock = threading.Lock()
_found = {"generation": None, "sites": {}}


def site_for(request, generation):
    key = (request._get_raw_host(), request.get_port())
    with _lock:
        if _found["generation"] != generation:
            _found["generation"], _found["sites"] = generation, {}
        if key in _found["sites"]:
            return _found["sites"][key]
    site = Site.find_for_request(request)
    if site is not None:
        site.root_page  # noqa: B018 - loaded once here, not by each request that shows the site's name
    with _lock:
        if _found["generation"] == generation and len(_found["sites"]) < MAX_HOSTS:
            _found["sites"][key] = site
    return site


def forget():
    """Drop the map: the copies of a process that starts afresh (tests, where a rolled-back Site's generation
    number comes round again)."""
    with _lock:
        _found["generation"], _found["sites"] = None, {}


local_copies.on_clear(forget)


class SiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # With the page caches off (the tests), the generation is not read: a read once a second would make the
        # number of queries a request costs depend on the clock.
        generation = local_copies.current_generation() if settings.PAGE_CACHE_SECONDS > 0 else None
        if generation is not None and not hasattr(request, "_wagtail_site"):
            request._wagtail_site = site_for(request, generation)
        return self.get_response(request)
