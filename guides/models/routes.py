"""Sub-page routes of the public pages: a guide's page, print checklist and feedback; the home page's departments.

Wagtail routes a page's sub-URLs through the page model (RoutablePageMixin), which keeps every route behind
the page's view restrictions. The model only names each route: the view that answers it lives in guides/views/
(or guides/feedback/) and is registered under that name when the app starts (`guides.views.register_routes`),
so a model never imports a view.

A site's home page routes the paths below it through a map of its pages' addresses kept per content generation
(`kept_route`), instead of Wagtail's walk down the tree with two queries per path segment: the page found is the
longest prefix of the path that names a page, and it routes the rest itself (a guide's print/ and feedback/),
exactly as at the end of Wagtail's walk. View restrictions are checked after routing, as always (Wagtail's
before_serve_page hook); previews never route. A publish, unpublish, move or delete starts a new generation of
the sites holding the page, so the map follows within a second in every process and at once in the one that made it.
"""

import copy
import functools

from django.db import connection
from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page, PageViewRestriction, Site

from web.kept import Kept
from web.pagecache import keeping

VIEWS = {}  # route name -> view(page, request, *args)


def register(name, view):
    VIEWS[name] = view


def answer(name, page, request, *args):
    return VIEWS[name](page, request, *args)


class RestrictionsMixin:
    """Wagtail checks a page's view restrictions on every request, with two queries (its ancestors, then their
    restrictions). Nearly every public page has none: one query asks whether the page or an ancestor has a
    restriction or is an alias (whose source's restrictions apply); only then are the restrictions read as
    Wagtail reads them. The question is asked on every request (a restriction added or removed applies to the next
    one), in SQL written once per depth: building it through the ORM took most of a millisecond a request."""

    def get_view_restrictions(self):
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        with connection.cursor() as cursor:
            cursor.execute(restricted_or_alias_sql(len(paths)), paths)
            if cursor.fetchone() is not None:
                return super().get_view_restrictions()
        return PageViewRestriction.objects.none()


@functools.cache
def restricted_or_alias_sql(depth):
    """SELECT a row when one of `depth` pages (by path) is an alias or has a view restriction."""
    quote = connection.ops.quote_name
    page, restriction = quote(Page._meta.db_table), quote(PageViewRestriction._meta.db_table)
    placeholders = ", ".join(["%s"] * depth)
    # Quoted table and column names; the paths are parameters.
    return (
        f"SELECT 1 FROM {page} LEFT OUTER JOIN {restriction} ON {restriction}.page_id = {page}.id"  # noqa: S608
        f" WHERE {page}.path IN ({placeholders})"
        f" AND ({page}.alias_of_id IS NOT NULL OR {restriction}.id IS NOT NULL) LIMIT 1"
    )


class GuideRoutesMixin(RestrictionsMixin, RoutablePageMixin):
    @path("")
    def index_route(self, request, *args, **kwargs):
        request.is_preview = getattr(request, "is_preview", False)  # as Wagtail's own index route does
        return answer("guide", self, request)

    @path("print/")
    def print_checklist(self, request):
        return answer("print", self, request)

    @path("feedback/")
    def feedback(self, request):
        return answer("feedback", self, request)


ADDRESSES = Kept(size=64)  # site root page -> {url_path: page id} of every page below it (~150 bytes a page)
PAGES = Kept(size=5000)  # page id -> the specific page, as read from the database; each request gets a copy


def kept_route(root, request, path_components):
    """(a copy of the page below `root` whose address is the longest prefix of `path_components`, the rest of
    them), or None when there is none or nothing is kept (the page caches off)."""
    if not path_components or not keeping():
        return None
    site = Site.find_for_request(request)
    site_id = site.pk if site else None
    addresses = ADDRESSES.get(
        root.pk, lambda: dict(Page.objects.descendant_of(root).values_list("url_path", "pk")), site_id=site_id
    )
    for end in range(len(path_components), 0, -1):
        page_id = addresses.get(f"{root.url_path}{'/'.join(path_components[:end])}/")
        if page_id is not None:
            page = PAGES.get(page_id, lambda pk=page_id: Page.objects.get(pk=pk).specific, site_id=site_id)
            return copy.copy(page), path_components[end:]
    return None


class HomeRoutesMixin(RestrictionsMixin, RoutablePageMixin):
    def route(self, request, path_components):
        """The home page's own routes (departments/), else the kept map of the pages below it, else Wagtail's walk
        (which answers 404)."""
        try:
            self.resolve_subpage("/" + "".join(f"{component}/" for component in path_components))
        except Http404:
            found = kept_route(self, request, path_components)
            if found is not None:
                page, rest = found
                return page.route(request, rest)
        return super().route(request, path_components)

    @path("departments/")
    def department_list(self, request):
        return answer("departments", self, request)

    @path("departments/<slug:code>/")
    def department_detail(self, request, code):
        return answer("department", self, request, code)


class LifeEventRoutesMixin(RestrictionsMixin, RoutablePageMixin):
    @path("print/")
    def print_checklist(self, request):
        return answer("life_event_print", self, request)
