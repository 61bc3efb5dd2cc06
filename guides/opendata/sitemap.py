"""sitemap.xml: Wagtail's (the live, public pages of the request's site), each page on the site's public address
(site settings) as every other absolute URL."""

from wagtail.contrib.sitemaps import Sitemap

from guides.models.site_settings import page_full_url


class PublicSitemap(Sitemap):
    def _urls(self, page, protocol, domain):
        urls = [
            {"item": item, "location": page_full_url(item, self.request), "lastmod": self.lastmod(item)}
            for item in self.paginator.page(page).object_list.iterator()
        ]
        last_mods = {url["lastmod"] for url in urls}
        if last_mods and None not in last_mods:  # as Wagtail's: empty when the whole site is private
            self.latest_lastmod = max(last_mods)
        return urls
