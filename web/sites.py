"""The request's Wagtail site, found once per content generation rather than on every request; and the one way
to find a page's site from its tree path (`site_of`, `sites_holding`, `sites_within`), over the sites' root
paths read once per content generation.

Wagtail looks the site up on each request (a query for the host, another for the site's root page) and keeps it
on the request as `_wagtail_site`, which every later lookup in that request reuses (page URLs, routing, the
header). This middleware puts it there from a small per-process map, valid for the content generation it was
made in: saving or deleting a Site starts a new generation (web.pagecache watches Site), as does any publish.
Off with the page caches (PAGE_CACHE_SECONDS=0).
"""

import threading

from django.db.models.signals import post_delete, post_save
from wagtail.models import Site
from wagtail.signals import post_page_move

from web.pagecache import local_copies

# The scope of admin code and commands in a question about sites' pages (guides.models.querysets.visible), never
# that of a public channel, which asks for the request's site.
EVERY_SITE = "every site"


def scope_key(sites):
    """A hashable key for a scope of sites (a Site, several, or EVERY_SITE), for values kept per scope: the sorted
    site ids, or EVERY_SITE."""
    if sites is EVERY_SITE:
        return EVERY_SITE
    return tuple(sorted(site.pk for site in ([sites] if isinstance(sites, Site) else sites or [])))


def default_site_id():
    """The default site's id: where reference data (departments, halls) made without a site belongs, as the rows
    that existed before there were several sites."""
    sites = Site.objects.order_by("-is_default_site", "pk")
    return sites.values_list("pk", flat=True).first()


MAX_HOSTS = 64  # Host headers are the client's: keep the map small whatever they send

_lock = threading.Lock()
_found = {"generation": None, "sites": {}}
_roots = {"generation": None, "roots": None}


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
    forget_roots()


local_copies.on_clear(forget)


def site_roots():
    """[(root page path, Site)] of every site, the deepest root first, each Site with its root page loaded.

    Read once per content generation (a Site's change, and a page's move, which can carry a site's root, start a
    new one once committed; this process forgets its copy at once, so that the rest of the transaction that made
    the change sees it); with the page caches off, or while no generation can be read, on every call."""
    generation = local_copies.kept_generation()
    with _lock:
        if generation is not None and _roots["generation"] == generation:
            return _roots["roots"]
    sites = Site.objects.select_related("root_page")
    roots = sorted(((site.root_page.path, site) for site in sites), key=lambda pair: (-len(pair[0]), pair[0]))
    if generation is not None:
        with _lock:
            _roots["generation"], _roots["roots"] = generation, roots
    return roots


def forget_roots(**kwargs):
    """Signal receiver: a Site was saved or deleted, or a page moved."""
    with _lock:
        _roots["generation"], _roots["roots"] = None, None


def connect_signals():
    """Called from WebConfig.ready()."""
    for signal in (post_save, post_delete):
        signal.connect(forget_roots, sender=Site, dispatch_uid=f"zhinan-site-roots-{id(signal)}")
    post_page_move.connect(forget_roots, dispatch_uid="zhinan-site-roots-move")


def sites_holding(path):
    """The sites whose tree holds a page at tree `path` (its root page is the page or above it), nearest first:
    a city's site, then a province portal whose tree holds the city's."""
    return [site for root, site in site_roots() if path and path.startswith(root)]


def site_of(path):
    """The site a page at tree `path` belongs to: the one whose root page is its nearest ancestor (or itself);
    None if no site's tree holds it."""
    holding = sites_holding(path)
    return holding[0] if holding else None


def sites_within(path):
    """The sites whose root page is the page at tree `path` or below it (a moved or deleted subtree carries
    them)."""
    return [site for root, site in site_roots() if root.startswith(path)]


class SiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        generation = local_copies.kept_generation()
        if generation is not None and not hasattr(request, "_wagtail_site"):
            request._wagtail_site = site_for(request, generation)
        return self.get_response(request)
