"""sitemap.xml: a sitemap index (Django's view) naming one section sitemap per kind of page, each paged at
Django's 50,000 URLs a file (?p=2, …), so that a province's 100,000 guides never make one file or one query over
the whole table. Each section holds what `visible` lets an anonymous visitor of the request's site see; each page
is on the site's public address (site settings), as every other absolute URL."""

from dataclasses import replace

from django.db.models import Max
from django.urls import reverse
from django.utils.timezone import localtime
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import views as wagtail_views
from wagtail.models import Page, Site

from guides.models import GuidePage
from guides.models.querysets import visible
from guides.models.site_settings import absolute_url, settings_for


class PublicSitemap(Sitemap):
    """The visible pages of the request's site; `guides` says whether the guides or every other page."""

    guides = True

    def items(self):
        """(url_path, last published) of each page, as plain values (thousands of pages a file)."""
        pages = visible(Page.objects.all(), Site.find_for_request(self.request))
        pages = pages.type(GuidePage) if self.guides else pages.not_type(GuidePage)
        return pages.order_by("path").values_list("url_path", "last_published_at")

    def get_latest_lastmod(self):
        """One aggregate, not Django's default of reading every item."""
        return self.items().order_by().aggregate(latest=Max("last_published_at"))["latest"]

    def _urls(self, page, protocol, domain):
        """Each page's URL as Wagtail's get_url_parts makes it for a page of the request's site (the site's root
        path cut from its url_path, under wagtail_serve), on the site's public address; worked out once a file."""
        site = Site.find_for_request(self.request)
        root = settings_for(site, self.request).root_url + reverse("wagtail_serve", args=("",))
        cut = len(site.root_page.url_path)
        urls = [
            {
                "item": url_path,
                "location": root + url_path[cut:],
                "lastmod": lastmod,
                "lastmod_text": localtime(lastmod).date().isoformat() if lastmod else "",
            }
            for url_path, lastmod in self.paginator.page(page).object_list
        ]
        last_mods = {url["lastmod"] for url in urls}
        if last_mods and None not in last_mods:  # as Wagtail's: empty when the whole site is private
            self.latest_lastmod = max(last_mods)
        return urls


class OtherPagesSitemap(PublicSitemap):
    guides = False


SECTIONS = {"pages": OtherPagesSitemap, "guides": PublicSitemap}


@require_safe
def index(request):
    """Django's sitemap index of SECTIONS, each section on the site's public address like the pages it lists
    (Django's view writes them on the request's host)."""
    response = wagtail_views.index(request, SECTIONS, sitemap_url_name="sitemap-section")
    request_root = f"{request.scheme}://{request.get_host()}"
    response.context_data["sitemaps"] = [
        replace(item, location=absolute_url(request, item.location.removeprefix(request_root)))
        for item in response.context_data["sitemaps"]
    ]
    return response


@require_safe
def section(request, section):
    """A section in a template of its own: Django's (spaceless, with alternates, a date filter per URL) took
    seconds for 5,000 URLs."""
    return wagtail_views.sitemap(request, SECTIONS, section=section, template_name="guides/sitemap_section.xml")
