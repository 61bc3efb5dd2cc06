"""The request's site as every public page shows it: its name, its settings (phones, footer items, logo) and the
pages the header and footer link to.

Templates take links from here and `{% pageurl %}` / `{% routablepageurl %}`, never a typed path, so that a
site whose guide index has another slug, or a second site in the same installation, links right.

Every public page shows the header and footer, so with the page caches on (PAGE_CACHE_SECONDS > 0) each process
keeps each site's SiteNav and settings for one content generation (web.pagecache): a publish, a change to a Site or
its settings starts a new one. That was 12 of the 45 ms of CPU an uncached search page cost. The frame's HTML
(`{% site_frame %}`: the header bar, the main navigation, the header's search box and the footer) is kept the same
way, per site and language, so that a page renders only its own content and the few parts of the frame that are
the request's own (the 长辈版 switch, which links back to the current address).
"""

import copy
import dataclasses
from dataclasses import dataclass
from urllib.parse import quote

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
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
_frames = Kept(size=64)  # (site pk, language) -> Frame
# Where the kept header bar takes each request's 长辈版 switch, and where a kept switch takes the request's address.
SENIOR_SWITCH = "<!-- senior-switch -->"
NEXT = "zhinan-next-address"
# (page pk, request's site pk) -> the page's address as {% pageurl %} gives it on that site: result lists and the
# search page's related pages link the same few thousand pages over and over.
ADDRESSES = Kept(size=20_000)


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


@dataclass(frozen=True)
class Frame:
    """A site's frame as HTML: the header bar, main navigation, the header's search box, the footer (with the
    search-suggestion script). Kept, the bar holds SENIOR_SWITCH where each request's switch goes."""

    name: str
    head: SafeString
    bar: SafeString
    nav: SafeString
    search_box: SafeString
    footer: SafeString
    switches: tuple  # senior_switches()


def render_frame_pieces(request, nav, site):
    """The frame's pieces for the request's site (`nav`, its SiteNav, and `site`, its SiteSettings)."""
    context = {"nav": nav, "site": site, "switch": mark_safe(SENIOR_SWITCH)}  # noqa: S308 - a constant comment

    def piece(name, **extra):
        return mark_safe(render_to_string(f"components/site_{name}.html", {**context, **extra}, request).strip())  # noqa: S308 - rendered with autoescape

    return Frame(
        name=nav.name,
        head=piece("head"),
        bar=piece("bar"),
        nav=piece("nav"),
        search_box=piece("search_box"),
        footer=piece("footer"),
        switches=senior_switches(),
    )


def senior_switches():
    """(the 长辈版 link, the 标准版 link), each with NEXT where the address it comes back to goes."""
    return tuple(
        format_html(
            '<a class="senior-switch" href="{}?on={}&amp;next={}">{}</a>',
            reverse("senior-mode"),
            "0" if senior else "1",
            NEXT,
            _("标准版") if senior else _("长辈版"),
        )
        for senior in (False, True)
    )


def senior_switch(request, senior, switches=None):
    """The 长辈版 / 标准版 link: it turns the mode over and comes back to the address the visitor is on."""
    address = quote(request.get_full_path(), safe="/")  # as the urlencode filter: nothing left to escape in HTML
    return mark_safe((switches or senior_switches())[bool(senior)].replace(NEXT, address))  # noqa: S308 - see above


@register.simple_tag(takes_context=True)
def site_frame(context):
    """`{% site_frame as frame %}`: the request's frame, from this process's copy of the site's current generation
    when it has one (web.kept), else rendered afresh."""
    request = context.get("request")
    nav = site_nav(context)
    site = Site.find_for_request(request) if request is not None and keeping() else None
    if site is None:
        pieces = render_frame_pieces(request, nav, current(request))
    else:
        pieces = _frames.get(
            (site.pk, get_language()), lambda: render_frame_pieces(request, nav, current(request)), site_id=site.pk
        )
    switch = senior_switch(request, context.get("senior_mode"), pieces.switches) if request is not None else ""
    return dataclasses.replace(pieces, bar=mark_safe(pieces.bar.replace(SENIOR_SWITCH, switch)))  # noqa: S308 - both are safe HTML


def kept_page_url(request, page):
    """`{% pageurl page %}` for the request (relative on the request's site, absolute on another), kept per site
    and content generation (web.kept)."""
    site = Site.find_for_request(request) if request is not None and keeping() else None
    if site is None:
        return page.get_url(request=request)
    return ADDRESSES.get((page.pk, site.pk), lambda: page.get_url(request=request), site_id=site.pk)


@register.simple_tag(takes_context=True)
def site_pageurl(context, page):
    """`{% site_pageurl page %}`: `{% pageurl page %}`, from this process's copy of the current generation."""
    return kept_page_url(context.get("request"), page)
