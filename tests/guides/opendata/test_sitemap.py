"""sitemap.xml is an index of section sitemaps; each section lists the visible pages of the request's site only,
paged at a fixed number of URLs a file."""

import xml.etree.ElementTree as ET

import pytest
from wagtail.models import PageViewRestriction

from guides.opendata import sitemap
from tests.factories import make_guide
from tests.sites.builders import add_site

LOC = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"


def locations(response):
    assert response.status_code == 200, response.content
    root = ET.fromstring(response.content)  # noqa: S314 - the site's own answer, not untrusted input
    return [element.text for element in root.iter(LOC)]


@pytest.fixture
def pages(guide_index, settings):
    settings.ALLOWED_HOSTS = ["localhost", "testserver", "jiangbei.example"]
    public = make_guide(guide_index, title="居民身份证换领")
    private = make_guide(guide_index, title="内部事项")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    draft = make_guide(guide_index, title="草稿", publish=False, live=False)
    _other_site, other_index = add_site("jiangbei.example", "江北市")
    other = make_guide(other_index, title="江北事项")
    return {"public": public, "private": private, "draft": draft, "other": other, "index": guide_index}


def test_the_sitemap_is_an_index_of_its_sections(client, pages):
    assert locations(client.get("/sitemap.xml")) == [
        "http://localhost/sitemap-pages.xml",
        "http://localhost/sitemap-guides.xml",
    ]


def test_a_section_lists_its_pages_and_no_private_draft_or_other_sites_guide(client, pages):
    guides = locations(client.get("/sitemap-guides.xml"))
    assert guides == [pages["public"].full_url]
    others = locations(client.get("/sitemap-pages.xml"))
    assert pages["index"].full_url in others
    assert not any("/guides/" in location and location != pages["index"].full_url for location in others)
    other_site = locations(client.get("/sitemap-guides.xml", HTTP_HOST="jiangbei.example"))
    assert other_site == [pages["other"].full_url]


def test_a_section_is_paged(client, pages, monkeypatch, guide_index):
    second = make_guide(guide_index, title="户口迁移")
    monkeypatch.setattr(sitemap.PublicSitemap, "limit", 1)
    index = locations(client.get("/sitemap.xml"))
    assert "http://localhost/sitemap-guides.xml?p=2" in index
    first, last = (locations(client.get("/sitemap-guides.xml", {"p": p})) for p in (1, 2))
    assert len(first) == len(last) == 1
    assert {*first, *last} == {pages["public"].full_url, second.full_url}
    assert client.get("/sitemap-guides.xml", {"p": 3}).status_code == 404


def test_an_unknown_section_is_404(client, pages):
    assert client.get("/sitemap-nothing.xml").status_code == 404
