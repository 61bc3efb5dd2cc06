from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidesConfig(AppConfig):
    name = "guides"
    verbose_name = _("办事指南")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, as Django requires: models and views can only be imported once the apps are loaded.
        from guides.models import Department, Material, OpeningPeriod, ServiceHall, changelog_entries, feedback
        from guides.views import register_routes
        from web import pagecache

        changelog_entries.connect()
        register_routes()
        # Guides show the reference data: a change to it must reach every cached page.
        pagecache.watch(Department, Material, ServiceHall, OpeningPeriod)
        feedback.connect()
