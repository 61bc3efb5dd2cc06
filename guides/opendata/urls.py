from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from . import api, downloads
from .feeds import GuideChangesFeed
from .sitemap import PublicSitemap

urlpatterns = [
    path("api/v1/openapi.json", api.openapi, name="opendata-openapi"),
    path("api/v1/guides/", api.guide_list, name="opendata-guides"),
    path("api/v1/guides/<str:item_code>/", api.guide_detail, name="opendata-guide"),
    path("api/v1/departments/", api.department_list, name="opendata-departments"),
    path("api/v1/departments/<str:code>/", api.department_detail, name="opendata-department"),
    path("api/v1/sites/", api.site_list, name="opendata-sites"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PublicSitemap}}, name="sitemap"),
    path("feeds/guides.atom", GuideChangesFeed(), name="opendata-feed"),
    path("open-data/", downloads.index, name="opendata"),
    path("open-data/implementation-list.<str:fmt>", downloads.implementation_list, name="opendata-list"),
]
