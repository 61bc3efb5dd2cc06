from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "web"
    verbose_name = "Web"

    def ready(self):
        from web import pagecache  # its receivers need the page models, which exist only once apps are loaded

        pagecache.connect_signals()
