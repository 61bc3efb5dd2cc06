from django.urls import path

from . import api, downloads, sitemap
from .feeds import GuideChangesFeed

urlpatterns = [
    path("api/v1/openapi.json", api.openapi, name="opendata-openapi"),
    path("api/v1/guides/", api.guide_list, name="opendata-guides"),
    path("api/v1/guides/<str:item_code>/", api.guide_detail, name="opendata-guide"),
    path("api/v1/departments/", api.department_list, name="opendata-departments"),
    path("api/v1/departments/<str:code>/", api.department_detail, name="opendata-department"),
    path("api/v1/sites/", api.site_list, name="opendata-sites"),
    path("sitemap.xml", sitemap.index, name="sitemap"),
    path("sitemap-<str:section>.xml", sitemap.section, name="sitemap-section"),
    path("feeds/guides.atom", GuideChangesFeed(), name="opendata-feed"),
    path("open-data/", downloads.index, name="opendata"),
    path("open-data/implementation-list.<str:fmt>", downloads.implementation_list, name="opendata-list"),
]
