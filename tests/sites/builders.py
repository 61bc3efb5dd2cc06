"""Builders of a second site beside the default one (tests/factories.make_site)."""

from wagtail.models import Page, Site

from guides.models import CommitmentsPage, GuideIndexPage, HomePage
from guides.models.site_settings import SiteSettings


def add_site(hostname, city, *, parent=None, default=False):
    """A city site under the tree's root: home, guide index, commitments board, settings, a department."""
    home = HomePage(title=f"{city}政务服务", slug=f"home-{hostname.split('.')[0]}")
    Page.get_first_root_node().add_child(instance=home)
    index = home.add_child(instance=GuideIndexPage(title="办事指南", slug="guides"))
    home.add_child(instance=CommitmentsPage(title="承诺公示", slug="commitments"))
    site = Site.objects.create(hostname=hostname, port=80, root_page=home, is_default_site=default)
    SiteSettings.objects.update_or_create(
        site=site, defaults={"site_name": f"{city}政务服务网", "city_name": city, "parent_site": parent}
    )
    return site, index
