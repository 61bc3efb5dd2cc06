from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class GuidesConfig(AppConfig):
    name = "guides"
    verbose_name = _("办事指南")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, as Django requires: models and views can only be imported once the apps are loaded.
        from wagtail.models import Site

        from guides.feedback import ratings
        from guides.models import Department, Material, OpeningPeriod, ServiceHall, changelog_entries, feedback
        from guides.models.site_settings import SiteSettings, with_sites_above
        from guides.views import register_routes
        from web import pagecache, warmup

        from . import warmup as guide_warmup

        changelog_entries.connect()
        register_routes()
        # Guides show the reference data: a change to it must reach every cached page that shows it. A department
        # or a hall belongs to one site; the material library and opening hours are treated as every site's.
        # Every page shows the site's name, phones and footer items, and its links use the site's address; the
        # tree of sites (parent_site) decides which sites a province-wide search covers.
        pagecache.watch(Department, ServiceHall, per_site=True)
        pagecache.watch(Material, OpeningPeriod, SiteSettings, Site)
        pagecache.widen["sites"] = with_sites_above
        warmup.pages["paths"] = guide_warmup.paths
        feedback.connect()
        ratings.connect()
        post_migrate.connect(address_from_site_url, sender=self, dispatch_uid="zhinan-site-url")


def address_from_site_url(**kwargs):
    """After `migrate`: a default site still at Wagtail's localhost:80 takes its address from SITE_URL."""
    from guides.models.site_settings import set_default_site_address  # apps load before models can be imported

    set_default_site_address(settings.WAGTAILADMIN_BASE_URL, only_if_unset=True)
