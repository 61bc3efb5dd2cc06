from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "web"
    verbose_name = "Web"

    def ready(self):
        from web import pagecache, sites  # their receivers need the page models, which exist once apps are loaded

        pagecache.site_roots["read"] = sites.site_roots
        sites.connect_signals()
        pagecache.connect_signals()
