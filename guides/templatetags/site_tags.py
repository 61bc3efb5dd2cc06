"""The request's site as every public page shows it: its name, its settings (phones, footer items, logo) and the
pages the header and footer link to.

Templates take links from here and `{% pageurl %}` / `{% routablepageurl %}`, never a typed path, so that a
site whose guide index has another slug, or a second site in the same installation, links right.

Every public page shows the header and footer, so with the page caches on (PAGE_CACHE_SECONDS > 0) each process
keeps each site's SiteNav and settings for one content generation (web.pagecache): a publish, a change to a Site or
its settings starts a new one. That was 12 of the 45 ms of CPU an uncached search page cost.
"""

import copy
from dataclasses import dataclass

from django import template
from django.conf import settings
from wagtail.models import Page, Site

from guides.models import CommitmentsPage, GuideIndexPage, HomePage
from guides.models.querysets import visible
from guides.models.site_settings import SiteSettings, current
from web.kept import Kept
from web.pagecache import keeping

register = template.Library()

# Where the answer is kept on the request, so that a page with many links looks the site up once.
_REQUEST_ATTRIBUTE = "_zhinan_site_nav"
_kept = Kept(size=64)  # site pk -> (SiteNav, SiteSettings); an installation serves a few dozen sites at most


@dataclass(frozen=True)
class SiteNav:
    """The site's public name and its main pages; a page the site lacks is None."""

    name: str
    home: Page | None = None
    guide_index: Page | None = None
    commitments: Page | None = None

    @property
    def has_departments(self):
        """Whether the home page serves the department routes (`department_list`, `department_detail`)."""
        return isinstance(self.home, HomePage)


def site_name(site, root=None, site_settings=None):
    """The name the public sees: the site settings' 网站名称, else the Wagtail Site's name, else its root page's
    title, else WAGTAIL_SITE_NAME."""
    return (
        (site_settings.site_name if site_settings else "")
        or (site.site_name if site else "")
        or (root.title if root else "")
        or settings.WAGTAIL_SITE_NAME
    )


def find_site_nav(request):
    """Look up the request's site, its root page and the root's first live, public guide index and board."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return SiteNav(name=site_name(None))
    root = site.root_page.specific
    children = visible(Page.objects.child_of(root), site).type(GuideIndexPage, CommitmentsPage).order_by("path")
    first = {}
    for page in children:
        for kind in (GuideIndexPage, CommitmentsPage):
            if issubclass(page.specific_class, kind):
                first.setdefault(kind, page)
    return SiteNav(
        name=site_name(site, root, SiteSettings.for_request(request)),
        home=root,
        guide_index=first.get(GuideIndexPage),
        commitments=first.get(CommitmentsPage),
    )


def kept_site_nav(request):
    """find_site_nav(request), from this process's copy of the current generation (web.kept) when it has one.

    The kept SiteSettings is handed to each request as a copy of its own, on the attribute where
    SiteSettings.for_request looks first, so the footer, JSON-LD and the feeds read it without a query."""
    site = Site.find_for_request(request) if keeping() else None
    if site is None:
        return find_site_nav(request)
    nav, site_settings = _kept.get(
        site.pk, lambda: (find_site_nav(request), SiteSettings.for_request(request)), site_id=site.pk
    )
    attribute = SiteSettings.get_cache_attr_name()
    if not hasattr(request, attribute):
        mine = copy.copy(site_settings)
        mine._request = request  # as for_request does: its page links are made for this request
        setattr(request, attribute, mine)
    return nav


@register.simple_tag(takes_context=True)
def site_nav(context):
    """`{% site_nav as nav %}`: the SiteNav of the request's site, looked up once per request."""
    request = context.get("request")
    if request is None:
        return find_site_nav(None)
    nav = getattr(request, _REQUEST_ATTRIBUTE, None)
    if nav is None:
        nav = kept_site_nav(request)
        setattr(request, _REQUEST_ATTRIBUTE, nav)
    return nav


@register.simple_tag(takes_context=True)
def site_settings(context):
    """`{% site_settings as site %}`: the request's SiteSettings (hotline, footer items, logo); without a request or
    a site, the defaults of a new site."""
    return current(context.get("request"))
