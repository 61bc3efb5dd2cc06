"""Public page cache: whole responses to anonymous GETs, kept until the public content changes.

Every cached page carries the *content generation* it was rendered in. Publishing, unpublishing, moving or
deleting a page, and any change to the reference data that guides show (departments, halls, the material library)
starts a new generation, so every cached page is dropped at once: lists, counts and the commitments board depend on many
guides, and a publish is rare next to the reads. The generation is the time of the change, which is also
every cached page's Last-Modified; the ETag is a hash of the body.

Requests with a query string are never cached (search results, situational checklists): one entry per query
would let anyone fill the cache. Nor are requests with cookies other than the CSRF cookie, or responses that set
another cookie or say no-store/private. A page's form token (the feedback forms) belongs to one visitor: the
cache keeps the page without it and fills in each visitor's own, through Django's CSRF middleware. The middleware
sits just inside WhiteNoise, so a cached page skips the session and authentication middlewares.
"""

import hashlib
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "zhinan:content-generation"
EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/healthz")
UNCACHEABLE_DIRECTIVES = ("no-store", "no-cache", "private")
# The form token that {% csrf_token %} renders: kept out of the cache, filled in for each visitor.
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
CSRF_PLACEHOLDER = b"zhinan-csrf-token-placeholder"


def content_generation():
    """The current generation: the time (seconds since the epoch, as text) public content last changed."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, repr(time.time()), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def start_new_generation():
    cache.set(GENERATION_KEY, repr(time.time()), timeout=None)


def content_changed(**kwargs):
    """Signal receiver: drop every cached page once the change is committed (not before: a request in between
    would cache the old content under the new generation)."""
    transaction.on_commit(start_new_generation)


def reference_data_changed(sender, **kwargs):
    content_changed()


def connect_signals():
    """Called from GuidesConfig.ready(), so management commands (imports, scheduled publishing) invalidate too."""
    from wagtail.documents.models import Document
    from wagtail.models import Page

    from guides.models import Department, Material, OpeningPeriod, ServiceHall

    page_published.connect(content_changed, dispatch_uid="zhinan-cache-publish")
    page_unpublished.connect(content_changed, dispatch_uid="zhinan-cache-unpublish")
    post_page_move.connect(content_changed, dispatch_uid="zhinan-cache-move")
    post_delete.connect(reference_data_changed, sender=Page, dispatch_uid="zhinan-cache-page-delete")
    for model in (Department, Material, ServiceHall, OpeningPeriod, Document):
        for signal in (post_save, post_delete):
            signal.connect(reference_data_changed, sender=model, dispatch_uid=f"zhinan-cache-{model.__name__}")


def is_cacheable_request(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
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


def shareable_copy(response, generation):
    """What the cache keeps: the page with its form token (which belongs to one visitor) taken out and without
    its cookies, plus the validators."""
    content = response.content
    token = CSRF_INPUT.search(content)
    if token:
        content = content.replace(token.group(1), CSRF_PLACEHOLDER)
    copy = HttpResponse(content, status=response.status_code)
    for header, value in response.items():
        copy[header] = value
    copy["ETag"] = quote_etag(hashlib.md5(content, usedforsecurity=False).hexdigest())
    copy["Last-Modified"] = http_date(float(generation))
    # Browsers and proxies must ask again each time (a cheap 304): a publish shows at once.
    patch_cache_control(copy, public=True, no_cache=True)
    return copy


def with_visitor_token(request):
    """The cached page (request.cached_page) with this visitor's form token, through Django's CSRF middleware,
    which reads the visitor's CSRF cookie and sets one when they have none."""
    response = request.cached_page
    if CSRF_PLACEHOLDER in response.content:
        response.content = response.content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    return response


serve_with_visitor_token = CsrfViewMiddleware(with_visitor_token)


def page_key(request):
    address = hashlib.sha256(f"{request.get_host()}{request.path}".encode()).hexdigest()
    return f"zhinan:page:{address}"


class PublicPageCacheMiddleware:
    """Serves cached public pages, and answers conditional GETs with 304 Not Modified.

    Each entry holds the generation it was rendered in; one round trip to the cache fetches the entry and the
    current generation together, and an entry from an older generation is rendered again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        key = page_key(request)
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY) or content_generation()
        rendered_in, cached = found.get(key, (None, None))
        if rendered_in != generation:
            response = self.get_response(request)
            if is_cacheable_response(response):
                copy = shareable_copy(response, generation)
                cache.set(key, (generation, copy), settings.PAGE_CACHE_SECONDS)
                for header in ("ETag", "Last-Modified", "Cache-Control"):
                    response[header] = copy[header]
            return response
        not_modified = get_conditional_response(
            request, etag=cached["ETag"], last_modified=int(float(generation)), response=cached
        )
        if not_modified is not cached:
            return not_modified
        request.cached_page = cached
        return serve_with_visitor_token(request)
