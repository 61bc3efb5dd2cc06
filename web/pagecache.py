"""Public page cache: whole responses to anonymous GETs, kept until the public content changes.

Every cached page carries the *content generation* of its site it was rendered in. Publishing, unpublishing,
moving or deleting a page, making a page private or public again (its view restrictions), and any change to the
reference data that guides show (departments, halls, the material library) starts a new generation of the sites
it concerns, so every cached page of those sites is dropped at once: lists, counts and the commitments board
depend on many guides, and a publish is rare next to the reads. Each site has its own generation (one row per
site), so a publish on one city's site leaves the other sites' cached pages served: a page bumps the sites whose
tree holds it (and the sites above them, whose province-wide search shows it: `widen`), a department or hall
its own site, and what every site shows (a document, the shared material library, a Site) every site. The
generation is the time of the change, which is also every cached page's Last-Modified; the ETag is a hash of the
body.

Requests with a query string are not cached as pages are: one entry per query would let anyone fill the shared
cache without bound. The views that answer them (search results, a guide with situation answers) offer their pages
through `variant` (below), and this middleware keeps a bounded number of them and answers the next anonymous GET
of one as early as a cached page. Nor are requests with cookies other than the CSRF cookie, or responses
that set another cookie or say no-store/private. A page's form token (the feedback forms) belongs to one visitor: the
cache keeps the page without it and fills in each visitor's own, through Django's CSRF middleware. The middleware
sits just inside WhiteNoise and the site lookup (web/sites.py), so a cached page skips the session and
authentication middlewares.

A page or variant that several threads of a process miss at once is rendered once (web/renders.py): the others
wait for it.

Each process also keeps its own copies of the pages it served last (LocalCopies), and reads the generation at
most once a second: a hot page then costs no round trip to Redis. A publish shows at once in the process that made
it and within a second everywhere else.

The generation lives in the database (web.models.ContentGeneration), not in the shared cache: the change that
starts a new one is written there anyway, so it is never lost with the cache, and a cache that comes back after an
outage with the pages of an old generation still in it (a network partition, a Redis restarted from its snapshot)
cannot serve them: their generation is not the current one.

While the shared cache is unreachable, each process serves its own copies and renders the rest; the generation is
still checked, so a publish anywhere still shows within a second. A page rendered meanwhile is kept for
OUTAGE_SECONDS only, so that it is shared again soon after the cache is back. web/caches.py remembers the failure
for a few seconds, so that requests skip the shared cache at once instead of each waiting for its timeout. While
the database is unreachable no content can change: the last generation read stays right, and cached pages are
still served.
"""

import contextlib
import hashlib
import logging
import re
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date, quote_etag
from wagtail.documents.models import Document
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from web.caches import CacheUnavailable, recovery_hooks, strict
from web.models import ContentGeneration
from web.renders import renders

EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/healthz")
UNCACHEABLE_DIRECTIVES = ("no-store", "no-cache", "private")
# The form token that {% csrf_token %} renders: kept out of the cache, filled in for each visitor.
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
CSRF_PLACEHOLDER = b"zhinan-csrf-token-placeholder"

logger = logging.getLogger(__name__)


def content_generation():
    """{site id: generation} of the current generations: the time (seconds since the epoch, as text) each site's
    public content last changed; under 0 that of a change to every site (the generation of a site that has no row
    of its own yet, and of a host that matches no site), and under None the latest of them. None when the
    database cannot be read."""
    try:
        rows = dict(ContentGeneration.objects.filter(pk__gte=0).values_list("pk", "changed_at"))
        if 0 not in rows:
            row, _created = ContentGeneration.objects.get_or_create(pk=0, defaults={"changed_at": time.time()})
            rows[0] = row.changed_at
    except DatabaseError:
        logger.exception("page cache: the content generation cannot be read")
        return None
    generations = {pk: repr(changed_at) for pk, changed_at in rows.items()}
    generations[None] = repr(max(rows.values()))
    return generations


def start_new_generation(site_ids=None):
    """Drop every cached page of the sites `site_ids` (every site when None) in every process within
    GENERATION_SECONDS. Never raises."""
    now = time.time()
    try:
        if site_ids is None:
            site_ids = {0, *Site.objects.values_list("pk", flat=True)}  # row 0: a host that matches no site
        for site_id in site_ids:
            ContentGeneration.objects.update_or_create(pk=site_id, defaults={"changed_at": now})
    except DatabaseError:  # the change itself was just committed, so this is a moment's outage at worst
        logger.exception("page cache: a new content generation could not be written")
    local_copies.recheck()


def keeping():
    """Whether this process keeps per-generation copies at all: only with the page caches on."""
    return settings.PAGE_CACHE_SECONDS > 0


class LocalCopies:
    """This process's copies of the cached pages it served last, and of the generation they belong to."""

    SIZE = 200  # pages; a guide page is about 25 KB
    OUTAGE_SECONDS = 10  # how long a page rendered while the shared cache is unreachable is kept
    GENERATION_SECONDS = 1.0  # how long the shared generation is trusted before it is read again

    def __init__(self):
        self.lock = threading.Lock()
        self.pages = OrderedDict()  # key -> (generation, expiry on the monotonic clock, response)
        self.generations, self.read_at = None, float("-inf")
        self.clear_hooks = []  # other per-generation copies of this process (variants, web/sites.py, web/kept.py)

    def on_clear(self, hook):
        self.clear_hooks.append(hook)

    def current_generation(self, site_id=None):
        """The generation of the site `site_id` (see content_generation; the latest of all sites' for None), read at
        most once every GENERATION_SECONDS; while the database cannot be read, the last one read (nothing can
        change meanwhile), or None if there is none."""
        now = time.monotonic()
        if now - self.read_at > self.GENERATION_SECONDS:
            self.generations, self.read_at = content_generation() or self.generations, now
        if self.generations is None:
            return None
        if site_id is None:
            return self.generations[None]
        return self.generations.get(site_id) or self.generations[0]

    def kept_generation(self, site_id=None):
        """current_generation(site_id) when this process keeps copies at all (the page caches on), else None: what
        each per-generation copy (pages, variants, the site maps, kept values) is keyed by. Off (the tests), the
        generation is not read: a read once a second would make a request's number of queries depend on the clock."""
        return self.current_generation(site_id) if keeping() else None

    def recheck(self):
        self.read_at = float("-inf")

    def get(self, key, generation):
        """A copy of the page for `key`, if this process has it from `generation`; each caller may change it."""
        with self.lock:
            rendered_in, expires, response = self.pages.get(key, (None, 0, None))
            if rendered_in != generation or expires < time.monotonic():
                return None
            self.pages.move_to_end(key)
        return response_copy(response, response.content)

    def put(self, key, generation, response, seconds=None):
        """Keep `response` for `seconds` (PAGE_CACHE_SECONDS unless told)."""
        seconds = settings.PAGE_CACHE_SECONDS if seconds is None else seconds
        with self.lock:
            self.pages[key] = (generation, time.monotonic() + seconds, response)
            self.pages.move_to_end(key)
            while len(self.pages) > self.SIZE:
                self.pages.popitem(last=False)

    def forget_pages(self):
        """Forget the pages (not the other per-generation copies): the shared cache came back, perhaps empty, and
        a page this process kept would otherwise not be shared again before it expires (PAGE_CACHE_SECONDS)."""
        with self.lock:
            self.pages.clear()

    def clear(self):
        self.forget_pages()
        self.recheck()
        for hook in self.clear_hooks:
            hook()


local_copies = LocalCopies()
recovery_hooks.append(local_copies.forget_pages)


# The sites' root paths, [(root page path, Site)], read once per content generation: web.sites.site_roots, the one
# way to find a page's site, set here by WebConfig.ready() (web.sites imports this module, so this one cannot).
site_roots = {"read": None}


def sites_touching(*paths):
    """Ids of the sites whose tree holds a page at one of `paths`, or lies below it (a moved or deleted subtree
    can carry a site's root)."""
    roots = site_roots["read"]()
    return {site.pk for root, site in roots if any(path.startswith(root) or root.startswith(path) for path in paths)}


def _same(site_ids):
    return site_ids


# The sites whose pages show content of the given sites: they and the sites above them (a province-wide search).
# Set by the content apps (guides: SiteSettings.parent_site); web knows no such tree.
widen = {"sites": _same}


def changed_sites(sender, instance=None, **kwargs):
    """The site ids a change concerns (None: every site)."""
    if isinstance(instance, Page):
        paths = [instance.path]
        for parent in (kwargs.get("parent_page_before"), kwargs.get("parent_page_after")):
            if parent is not None:
                paths.append(parent.path)
        return sites_touching(*paths)
    if isinstance(instance, PageViewRestriction):
        page = Page.objects.filter(pk=instance.page_id).only("path").first()  # gone with a deleted page
        return sites_touching(page.path) if page is not None else None
    site_id = getattr(instance, "site_id", None) if sender in _per_site else None
    return None if site_id is None else {site_id}


def content_changed(sender, **kwargs):
    """Signal receiver: drop the cached pages of the sites concerned once the change is committed (not before: a
    request in between would cache the old content under the new generation)."""
    site_ids = changed_sites(sender, **kwargs)
    if site_ids is not None:
        site_ids = widen["sites"](site_ids)
    transaction.on_commit(lambda: start_new_generation(site_ids))


_per_site = set()  # watched models whose objects belong to one site (their `site`); the others concern every site


def watch(*models, per_site=False):
    """Drop cached pages whenever an object of one of `models` is saved or deleted: those of every site, or with
    `per_site` those of the object's own site (its `site` field; every site when it has none, a shared object).

    The content apps name the reference data their pages show (departments, halls, the material library)."""
    for model in models:
        if per_site:
            _per_site.add(model)
        for signal in (post_save, post_delete):
            signal.connect(content_changed, sender=model, dispatch_uid=f"zhinan-cache-{model._meta.label}")


def connect_signals():
    """Called from WebConfig.ready(), so management commands (imports, scheduled publishing) invalidate too."""
    page_published.connect(content_changed, dispatch_uid="zhinan-cache-publish")
    page_unpublished.connect(content_changed, dispatch_uid="zhinan-cache-unpublish")
    post_page_move.connect(content_changed, dispatch_uid="zhinan-cache-move")
    post_delete.connect(content_changed, sender=Page, dispatch_uid="zhinan-cache-page-delete")
    # A restriction covers the page and everything below it: a copy cached while it was public must go at once.
    watch(Document, PageViewRestriction, Site)  # web/sites.py keeps each host's Site for a generation


def is_cacheable_request(request):
    return (
        keeping()
        and request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and not request.path.startswith(EXCLUDED_PREFIXES)
        # Only visitors whose pages cannot differ: no session (signed-in editors see the userbar and drafts) and
        # no preference cookie (senior mode). The CSRF cookie only changes the form token, which is filled in
        # per visitor (below).
        and set(request.COOKIES) <= {settings.CSRF_COOKIE_NAME}
    )


def is_cacheable_response(response):
    """Vary: Cookie is not a reason to refuse: the session middleware adds it to every page that asked who is
    signed in, and only requests without a session are served from the cache."""
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and set(response.cookies) <= {settings.CSRF_COOKIE_NAME}
        and not any(directive in cache_control for directive in UNCACHEABLE_DIRECTIVES)
    )


def response_copy(response, content):
    """A new response with `response`'s status and headers (no cookies) and `content` as its body."""
    copy = HttpResponse(content, status=response.status_code)
    for header, value in response.items():
        copy[header] = value
    return copy


def shareable_copy(response, generation):
    """What the cache keeps: the page with its form token (which belongs to one visitor) taken out and without
    its cookies, plus the validators."""
    content = response.content
    token = CSRF_INPUT.search(content)
    if token:
        content = content.replace(token.group(1), CSRF_PLACEHOLDER)
    copy = response_copy(response, content)
    copy["ETag"] = quote_etag(hashlib.md5(content, usedforsecurity=False).hexdigest())
    copy["Last-Modified"] = http_date(float(generation))
    # Browsers and proxies must ask again each time (a cheap 304): a publish shows at once.
    patch_cache_control(copy, public=True, no_cache=True)
    return copy


def with_visitor_token(request):
    """The cached page or kept variant (request.cached_page) with this visitor's form token, through Django's CSRF
    middleware, which reads the visitor's CSRF cookie and sets one when they have none.

    Django masks the token afresh on every page against BREACH, which guesses a secret from the compressed size
    of pages that also reflect what the attacker sent. A kept variant reflects its query string (the search box),
    so its token is masked as Django does. A cached page reflects nothing (no query string, the same body for
    everyone): a visitor who has the cookie gets its secret as the token, which Django accepts as it is, and the
    mask's 32 random characters, a third of the cost of serving it, are saved."""
    response = request.cached_page
    if CSRF_PLACEHOLDER in response.content:
        reflects = bool(request.META.get("QUERY_STRING"))
        token = get_token(request) if reflects else request.META.get("CSRF_COOKIE") or get_token(request)
        response.content = response.content.replace(CSRF_PLACEHOLDER, token.encode())
        if response.has_header("Content-Length"):  # a secret is shorter than a masked token
            response["Content-Length"] = str(len(response.content))
    return response


serve_with_visitor_token = CsrfViewMiddleware(with_visitor_token)


class Variants:
    """Rendered variants of pages with a query string (search results, answered guides), in this process: the
    most recently used, at most PAGE_VARIANT_ENTRIES of them and PAGE_VARIANT_BYTES of bodies together."""

    def __init__(self):
        self.lock = threading.Lock()
        # key -> (generation, expiry on the monotonic clock, response, meta, the URL name of its hit handler)
        self.entries = OrderedDict()
        self.size = 0

    def get(self, key, generation):
        """(a copy of the response, meta, hit handler's URL name) if this process has the variant from
        `generation`, else None."""
        with self.lock:
            rendered_in, expires, response, meta, handler = self.entries.get(key, (None, 0, None, None, None))
            if rendered_in != generation or expires < time.monotonic():
                return None
            self.entries.move_to_end(key)
        return response_copy(response, response.content), meta, handler

    def put(self, key, generation, response, meta, handler, seconds):
        with self.lock:
            if key in self.entries:
                self.size -= len(self.entries.pop(key)[2].content)
            self.entries[key] = (generation, time.monotonic() + seconds, response, meta, handler)
            self.size += len(response.content)
            while self.entries and (
                len(self.entries) > settings.PAGE_VARIANT_ENTRIES or self.size > settings.PAGE_VARIANT_BYTES
            ):
                self.size -= len(self.entries.popitem(last=False)[1][2].content)

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.size = 0


variants = Variants()
local_copies.on_clear(variants.clear)
recovery_hooks.append(variants.clear)

# URL name (resolver_match.view_name) -> handler(request, meta): what a view does for each request even when a
# kept variant answers it before routing (on_variant_hit).
hit_handlers = {}


def is_anonymous_get(request):
    """A GET or HEAD from a visitor whose page cannot differ from anyone else's (see is_cacheable_request)."""
    return request.method in ("GET", "HEAD") and set(request.COOKIES) <= {settings.CSRF_COOKIE_NAME}


def variant(request, render):
    """(response, meta) of `render()` -> (response, meta), offered to PublicPageCacheMiddleware to keep for the
    next visitor who asks for the same page: a search results page, a guide with situation answers. `meta` is
    what the view needs of a page it did not render (the search logs its result count): kept with the page, it
    is handed to the view's hit handler (on_variant_hit) when the kept page answers a later request.

    The middleware keeps the response as the whole stack made it and answers the next anonymous GET of the same
    host and full path before the session and authentication middlewares and Wagtail's routing, as it answers a
    page without a query string (see PublicPageCacheMiddleware for what is kept, for whom, with which headers).
    A response the middleware may not keep (a signed-in visitor, another cookie, the page caches off) is marked
    never to be cached: nobody could tell a cache in front when it changes."""
    response, meta = render()
    request.variant_meta = meta
    return response, meta


def on_variant_hit(url_name, handler):
    """Have `handler(request, meta)` called whenever a kept variant of a page of the URL named `url_name`
    (resolver_match.view_name, e.g. "search:page") answers a request before its view runs, with the `meta` the
    view gave `variant`: what the view does for every request, even for a page it did not render (the search
    logs the query). The view's module registers it at import."""
    hit_handlers[url_name] = handler


def request_site_id(request):
    """The id of the request's site as web.sites.SiteMiddleware found it (0: no site, or not looked up)."""
    site = getattr(request, "_wagtail_site", None)
    return site.pk if site is not None else 0


def page_key(request):
    address = hashlib.sha256(f"{request.get_host()}{request.path}".encode()).hexdigest()
    return f"zhinan:page:{address}"


def variant_key(request):
    """Keyed by the host and the full path: the page shows the query as it was typed (the search box, the
    senior-mode link), so only the same request may get the same page."""
    address = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
    return f"zhinan:kept-variant:{address}"


def variant_generation(request):
    """The content generation a variant of this request's page is kept in, or None when none may be kept for
    or given to this request: the page caches off, not an anonymous GET or HEAD (is_anonymous_get), the admin, or
    a database never read."""
    if not is_anonymous_get(request) or request.path.startswith(EXCLUDED_PREFIXES):
        return None
    return local_copies.kept_generation(request_site_id(request))


def kept_copy(store, key, generation, **options):
    """What `store` (this process's copies: local_copies or variants) has of `key` from `generation`, else what the
    shared cache has, then kept in `store` too (`options` go to its put); None when neither has it."""
    found = store.get(key, generation)
    if found is not None:
        return found
    try:
        stored = strict(cache).get(key)
    except CacheUnavailable:
        return None
    if stored is None or stored[0] != generation:
        return None
    store.put(key, generation, *stored[1:], **options)
    return store.get(key, generation)


def variant_copy(response, generation):
    """What is kept of a variant: shareable_copy, with the variant's Cache-Control. A page without a form token
    may be kept a second by a shared cache in front (nginx micro-caching, a CDN: `s-maxage=1`), browsers ask again
    each time; a page with one (the feedback forms) is private to the visitor's browser."""
    copy = shareable_copy(response, generation)
    private = CSRF_PLACEHOLDER in copy.content
    copy["Cache-Control"] = "private, no-cache" if private else "public, max-age=0, s-maxage=1"
    patch_vary_headers(copy, ("Cookie",))
    return copy


class PublicPageCacheMiddleware:
    """Serves cached public pages and kept variants (pages with a query string, offered by their views through
    `variant`), and answers conditional GETs with 304 Not Modified.

    Each entry holds the generation it was rendered in; an entry from an older generation is rendered again.

    A kept variant answers an anonymous GET of the same host and full path here, before the session and
    authentication middlewares and Wagtail's routing, as a cached page does: with its ETag and Last-Modified,
    the form token filled in for the visitor (masked afresh: the page reflects the query, see with_visitor_token)
    and the view's hit handler called (on_variant_hit). A HEAD, or a GET whose view's hit handler this process
    has not registered yet (a fresh worker given a variant another one kept), goes to the view, which may refuse
    it (the search answers GETs only) or render it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_cacheable_request(request):
            return self.page(request)
        if request.META.get("QUERY_STRING"):
            return self.variant(request)
        return self.get_response(request)

    def page(self, request):
        generation = local_copies.current_generation(request_site_id(request))
        if generation is None:  # never read: the database is unreachable
            return self.get_response(request)
        key = page_key(request)

        def kept():
            cached = kept_copy(local_copies, key, generation)
            return None if cached is None else answer(request, cached, generation)

        return renders.once(key, kept, lambda: self.render(request, key, generation))

    def render(self, request, key, generation):
        response = self.get_response(request)
        if is_cacheable_response(response):
            copy = shareable_copy(response, generation)
            try:
                strict(cache).set(key, (generation, copy), settings.PAGE_CACHE_SECONDS)
            except CacheUnavailable:
                # Kept by this process alone, and briefly: rendered again after the cache is back, it is shared again.
                local_copies.put(key, generation, copy, seconds=LocalCopies.OUTAGE_SECONDS)
            else:
                local_copies.put(key, generation, copy)
            for header in ("ETag", "Last-Modified", "Cache-Control"):
                response[header] = copy[header]
        return response

    def variant(self, request):
        generation = variant_generation(request)
        key = None if generation is None else variant_key(request)
        if key is None or request.method != "GET":
            return self.render_variant(request, key, generation)

        def kept():
            found = kept_copy(variants, key, generation, seconds=settings.PAGE_VARIANT_SECONDS)
            if found is None or (found[2] is not None and found[2] not in hit_handlers):
                return None
            cached, meta, handler = found
            if handler is not None:
                hit_handlers[handler](request, meta)
            return answer(request, cached, generation)

        return renders.once(key, kept, lambda: self.render_variant(request, key, generation))

    def render_variant(self, request, key, generation):
        """The view's response; a page it offered (`variant`) is kept under `key` when `key` is not None."""
        response = self.get_response(request)
        if not hasattr(request, "variant_meta"):  # not a page its view offered
            return response
        if key is None:
            add_never_cache_headers(response)  # nobody can tell a cache in front when this page changes
            return response
        if not is_cacheable_response(response):
            return response
        copy = variant_copy(response, generation)
        if request.method == "GET":  # a HEAD's body is not the page's
            view_name = getattr(request.resolver_match, "view_name", None)
            entry = (copy, request.variant_meta, view_name if view_name in hit_handlers else None)
            with contextlib.suppress(CacheUnavailable):  # kept in this process all the same
                strict(cache).set(key, (generation, *entry), settings.PAGE_VARIANT_SECONDS)
            variants.put(key, generation, *entry, seconds=settings.PAGE_VARIANT_SECONDS)
        for header in ("ETag", "Last-Modified", "Cache-Control", "Vary"):
            response[header] = copy[header]
        return get_conditional_response(
            request, etag=copy["ETag"], last_modified=int(float(generation)), response=response
        )


def answer(request, cached, generation):
    """A kept page or variant for this request: 304 Not Modified when the visitor has it, else with the
    visitor's form token."""
    not_modified = get_conditional_response(
        request, etag=cached["ETag"], last_modified=int(float(generation)), response=cached
    )
    if not_modified is not cached:
        return not_modified
    request.cached_page = cached
    return serve_with_visitor_token(request)
