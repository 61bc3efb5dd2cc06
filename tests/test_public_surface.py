"""One public surface: nothing a visitor may not see reaches any public channel.

A guide restricted to signed-in users and an unpublished change to a public guide each carry a marker. An
anonymous visitor walks every public URL pattern of the site (the test fails when a pattern is added that it
does not walk) and no answer may contain a marker: pages, lists, search and its suggestions, 您是不是要找,
topics and life events, department pages, the commitments board and its API, the open-data API and downloads,
feeds, sitemap, JSON-LD and print sheets.
"""

import io
import zipfile

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.models import PageViewRestriction

from guides.models import CommitmentsPage, GuidePage, LifeEventItem, LifeEventPage, TopicPage
from tests.factories import make_department, make_guide

PRIVATE = "绝密通行证"  # in the restricted guide's title
PRIVATE_NAME = "内部密证"  # its everyday name (colloquial_names)
PRIVATE_NOTE = "qzxprivatenote"  # a note on one of its materials
DRAFT = "草稿秘闻"  # an unpublished change to a public guide
MARKERS = (PRIVATE, PRIVATE_NAME, PRIVATE_NOTE, DRAFT)
# URL patterns that are not public channels: the admins, documents (served with their own permission checks).
NOT_PUBLIC = ("admin/", "django-admin/", "documents/")


@pytest.fixture
def site(site_tree):
    home, index = site_tree
    police = make_department(name="公安局", code="gongan")
    public = make_guide(index, title="居民身份证换领", department=police, colloquial_names="换身份证")
    private = make_guide(
        index,
        title=f"{PRIVATE}核发",
        department=police,
        colloquial_names=PRIVATE_NAME,
        materials=[{"name": "居民身份证", "notes": PRIVATE_NOTE}],
    )
    topic = TopicPage(title="证件办理", slug="papers", intro="证件")
    home.add_child(instance=topic)
    for guide in (public, private):
        guide.topics.add(topic)
        guide.change_note = "归入主题"
        guide.save_revision().publish()
    restriction = PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    draft = public.get_latest_revision_as_object()
    draft.summary, draft.change_note = DRAFT, "草稿"
    draft.save_revision()
    event = LifeEventPage(title="出入境一件事", slug="travel", intro="出行前办理")
    event.bundle = [LifeEventItem(guide=public, sort_order=0), LifeEventItem(guide=private, sort_order=1)]
    home.add_child(instance=event)
    board = CommitmentsPage(title="承诺公示", slug="commitments")
    home.add_child(instance=board)
    return {
        "public": public,
        "private": private,
        "restriction": restriction,
        "topic": topic,
        "event": event,
        "board": board,
    }


def public_patterns(resolver=None, prefix=""):
    """Every URL pattern of the site outside the admins, as its route text."""
    found = []
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(NOT_PUBLIC):
            continue
        if isinstance(pattern, URLResolver):
            found += public_patterns(pattern, route)
        elif isinstance(pattern, URLPattern):
            found.append(route)
    return found


def urls_to_walk(site):
    public, private = site["public"], site["private"]
    code = public.department.code
    return {
        # route of the URL pattern -> the URLs that walk it
        "healthz": ["/healthz"],
        "api/v1/openapi.json": ["/api/v1/openapi.json"],
        "api/v1/guides/": ["/api/v1/guides/", "/api/v1/guides/?department=gongan"],
        "api/v1/guides/<str:item_code>/": [
            f"/api/v1/guides/{public.item_code}/",
            f"/api/v1/guides/{private.item_code}/",
        ],
        "api/v1/departments/": ["/api/v1/departments/"],
        "api/v1/departments/<str:code>/": [f"/api/v1/departments/{code}/"],
        "api/v1/sites/": ["/api/v1/sites/", "/api/v1/sites/?parent=1"],
        "sitemap.xml": ["/sitemap.xml"],
        "sitemap-<str:section>.xml": ["/sitemap-pages.xml", "/sitemap-guides.xml"],
        "feeds/guides.atom": ["/feeds/guides.atom"],
        "open-data/": ["/open-data/"],
        "open-data/implementation-list.<str:fmt>": [f"/open-data/implementation-list.{fmt}" for fmt in FORMATS],
        "search/": ["/search/?q=身份证", "/search/?q=居民身份证", "/search/?q=绝密通行正", "/search/?q=公安局"],
        "api/search/": ["/api/search/?q=身份证", "/api/search/?q=公安局", "/api/search/?q=证件"],
        "api/search/suggest/": [
            "/api/search/suggest/?q=绝密",
            "/api/search/suggest/?q=jue",
            "/api/search/suggest/?q=内部",
        ],
        "api/search/click/": ["/api/search/click/"],  # takes beacons (POST) only: a GET answers 405
        "api/commitments/": ["/api/commitments/"],
        "senior-mode/": ["/senior-mode/?on=1&next=/"],
        "_util/login/": [f"/_util/login/?next={private.url}"],
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": [
            f"/_util/authenticate_with_password/{site['restriction'].pk}/{private.pk}/"
        ],
        # Wagtail serves the page tree (and each page's routes) through its catch-all patterns.
        "^((?:[\\w\\-]+/)*)$": [
            "/",
            "/?audience=person",
            "/guides/",
            "/guides/?department=gongan",
            "/departments/",
            f"/departments/{code}/",
            public.url,
            public.url + "print/",
            private.url,
            private.url + "print/",
            site["topic"].url,
            site["event"].url,
            site["event"].url + "print/",
            site["board"].url,
        ],
    }


FORMATS = ("csv", "json", "xlsx")


def text_of(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        with zipfile.ZipFile(io.BytesIO(body)) as workbook:
            body = b"".join(workbook.read(name) for name in workbook.namelist())
    return body.decode("utf-8", errors="replace") + " " + " ".join(f"{k}: {v}" for k, v in response.items())


def test_every_public_url_pattern_is_walked(site):
    walked = urls_to_walk(site)
    assert sorted(set(public_patterns())) == sorted(walked)


def test_no_marker_reaches_any_public_channel(client, site):
    leaks = []
    for url in (url for urls in urls_to_walk(site).values() for url in urls):
        response = client.get(url)
        assert response.status_code < 500, url
        text = text_of(response)
        leaks += [(url, marker) for marker in MARKERS if marker in text]
    assert leaks == []


def test_the_walk_would_see_them(client, site):
    """The markers are where the walk looks once a visitor may see them: the test can fail."""
    PageViewRestriction.objects.filter(page=site["private"]).delete()
    GuidePage.objects.get(pk=site["public"].pk).get_latest_revision().publish()
    seen = set()
    for url in (url for urls in urls_to_walk(site).values() for url in urls):
        text = text_of(client.get(url))
        seen |= {marker for marker in MARKERS if marker in text}
    assert seen == set(MARKERS)
