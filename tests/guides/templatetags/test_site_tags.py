"""The site tags: links and the site's name come from the request's Wagtail site, never a typed path."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from guides.models import CommitmentsPage, GuideIndexPage
from guides.models.site_settings import SiteSettings
from guides.templatetags import site_tags
from guides.templatetags.site_tags import site_nav
from tests.factories import make_department, make_guide, make_site
from web.pagecache import local_copies

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def links(html):
    return re.findall(r'href="([^"#][^"]*)"', html)


def nav_links(html):
    """The header's site name and main navigation, as {text: href}."""
    header = html[html.index('<header class="site-header">') : html.index("</nav>")]
    return {text: href for href, text in re.findall(r'<a (?:class="site-name" )?href="([^"]+)">([^<]+)</a>', header)}


@pytest.fixture
def site(db):
    """A site whose pages have slugs other than the demo's: /banshi/ for the guides, /gongshi/ for the board."""
    home, _ = make_site()
    GuideIndexPage.objects.all().delete()
    index = GuideIndexPage(title="办事指南", slug="banshi")
    home.add_child(instance=index)
    home.add_child(instance=CommitmentsPage(title="承诺公示", slug="gongshi"))
    wagtail_site = Site.objects.get()
    wagtail_site.site_name = "江南市政务服务网"
    wagtail_site.save()
    return home, index


@pytest.mark.django_db
def test_header_and_footer_link_to_the_sites_own_pages(client, site):
    home, index = site
    guide = make_guide(index, department=make_department(code="gongan"))
    html = client.get(guide.url).content.decode()
    assert guide.url.startswith("/banshi/")
    assert nav_links(html) == {
        "江南市政务服务网": "/",
        "全部事项": "/banshi/",
        "按部门": "/departments/",
        "承诺公示": "/gongshi/",
    }
    assert html.count('href="/gongshi/"') == 2  # the main navigation and the footer
    assert '<p class="guide__department"><a href="/departments/gongan/">' in html
    assert not {"/guides/", "/commitments/"} & set(links(html))


@pytest.mark.django_db
def test_department_links_come_from_the_home_pages_routes(client, site):
    home, index = site
    police = make_department(name="公安局", code="gongan")
    make_guide(index, department=police)
    for url in (home.url, index.url, "/departments/"):
        assert 'href="/departments/gongan/"' in client.get(url).content.decode(), url


@pytest.mark.django_db
def test_the_site_name_is_the_sites_then_its_home_pages_then_the_setting(client, site):
    home, index = site
    html = client.get(index.url).content.decode()
    assert "<title>办事指南 - 江南市政务服务网</title>" in html
    assert '<a class="site-name" href="/">江南市政务服务网</a>' in html
    assert "临江" not in html

    Site.objects.update(site_name="")
    home.title = "江北市政务服务"
    home.save_revision().publish()
    assert "<title>办事指南 - 江北市政务服务</title>" in client.get(index.url).content.decode()

    nameless = Template("{% load site_tags %}{% site_nav as nav %}{{ nav.name }}")
    assert nameless.render(Context({})) == settings.WAGTAIL_SITE_NAME


@pytest.mark.django_db
def test_pages_not_live_are_left_out_of_the_navigation(client, site):
    home, index = site
    CommitmentsPage.objects.get().unpublish()
    html = client.get(index.url).content.decode()
    assert "承诺公示" not in nav_links(html)
    assert "/gongshi/" not in html


@pytest.mark.django_db
def test_a_site_rooted_elsewhere_has_no_department_links(client, site):
    home, index = site
    guide = make_guide(index, department=make_department(code="gongan"))
    Site.objects.update(root_page=index)
    html = client.get("/").content.decode()
    assert nav_links(html) == {"江南市政务服务网": "/"}
    assert "/departments/" not in html
    page = client.get("/" + guide.slug + "/").content.decode()
    assert f'<p class="guide__department">{guide.department.name}</p>' in page


@pytest.mark.django_db
def test_the_site_is_looked_up_once_per_request(site, django_assert_num_queries):
    request = RequestFactory().get("/")
    first = site_nav({"request": request})
    assert first.guide_index.slug == "banshi" and first.commitments.slug == "gongshi"
    with django_assert_num_queries(0):
        assert site_nav({"request": request}) is first


@pytest.mark.django_db
def test_with_the_page_caches_on_the_navigation_is_kept_for_a_generation(
    client, site, page_caches, django_capture_on_commit_callbacks
):
    home, index = site
    first = client.get(index.url + "?page=1").content.decode()  # a query string: rendered, not a cached page
    with CaptureQueriesContext(connection) as queries:
        again = client.get(index.url + "?page=1").content.decode()
    assert again == first
    looked_up = [query["sql"] for query in queries.captured_queries if "sitesettings" in query["sql"]]
    assert looked_up == []
    assert nav_links(again)["承诺公示"] == "/gongshi/"

    # A change to the site's settings or its pages starts a new generation: the header shows it at once.
    with django_capture_on_commit_callbacks(execute=True):
        SiteSettings.objects.update_or_create(site=Site.objects.get(), defaults={"site_name": "江南办事"})
        CommitmentsPage.objects.get().unpublish()
    local_copies.recheck()
    html = client.get(index.url + "?page=1").content.decode()
    assert nav_links(html) == {"江南办事": "/", "全部事项": "/banshi/", "按部门": "/departments/"}


def frame_parts(html):
    """The header (without the 长辈版 switch) and the footer of a page."""
    header = html[html.index('<header class="site-header">') : html.index("</header>")]
    footer = html[html.index('<footer class="site-footer">') : html.index("</footer>")]
    return re.sub(r'<a class="senior-switch"[^>]*>[^<]*</a>', "", header), footer


def senior_switch(html):
    return re.search(r'<a class="senior-switch" href="([^"]+)">([^<]+)</a>', html).groups()


@pytest.mark.django_db
def test_with_the_page_caches_on_the_frame_is_kept_but_the_switch_is_each_requests_own(
    client, site, settings, django_capture_on_commit_callbacks
):
    home, index = site
    SiteSettings.objects.update_or_create(
        site=Site.objects.get(), defaults={"sponsor": "江南市人民政府办公室", "hotline": "0000-12345"}
    )
    fresh = client.get(index.url + "?page=1").content.decode()  # page caches off: rendered afresh
    settings.PAGE_CACHE_SECONDS = 60
    local_copies.clear()
    try:
        first = client.get(index.url + "?page=1").content.decode()
        assert frame_parts(first) == frame_parts(fresh)
        with CaptureQueriesContext(connection) as queries:
            other = client.get("/departments/?from=test").content.decode()
        assert frame_parts(other) == frame_parts(first)
        assert not [query for query in queries.captured_queries if "sitesettings" in query["sql"]]
        # The switch links back to the address this request asked for, and says what it turns on.
        assert senior_switch(first) == ("/senior-mode/?on=1&amp;next=/banshi/%3Fpage%3D1", "长辈版")
        assert senior_switch(other) == ("/senior-mode/?on=1&amp;next=/departments/%3Ffrom%3Dtest", "长辈版")
        client.cookies["senior"] = "1"
        senior = client.get(index.url + "?page=1").content.decode()
        assert senior_switch(senior) == ("/senior-mode/?on=0&amp;next=/banshi/%3Fpage%3D1", "标准版")
        assert '<html lang="zh-Hans" class="senior">' in senior
        assert frame_parts(senior) == frame_parts(first)

        # A change to the site's settings starts a new generation: the footer shows it at once.
        with django_capture_on_commit_callbacks(execute=True):
            SiteSettings.objects.filter(site=Site.objects.get()).update(sponsor="江南市政务服务管理局")
            SiteSettings.objects.get().save()
        local_copies.recheck()
        changed = client.get(index.url + "?page=1").content.decode()
        assert "主办单位：江南市政务服务管理局" in frame_parts(changed)[1]
        assert "江南市人民政府办公室" not in changed
    finally:
        local_copies.clear()


def test_the_switch_escapes_the_address_it_links_back_to():
    request = RequestFactory().get("/search/", {"q": '"><script>'})
    html = str(site_tags.senior_switch(request, False))
    assert "<script>" not in html and '">' not in html.split('href="', 1)[1].split('"', 1)[0]
    assert html.endswith(">长辈版</a>")


@pytest.mark.django_db
def test_the_404_page_links_home_from_the_site(client, site, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert '<a href="/">返回首页</a>' in response.content.decode()


def test_no_template_types_a_path_of_the_site():
    """Links take their URL from {% pageurl %}, {% routablepageurl %}, {% url %} or the view, never a typed path."""
    typed = re.compile(r'(?:href|action|src|data-[\w-]+)="/')
    found = [
        f"{path.relative_to(TEMPLATES)}:{number}"
        for path in TEMPLATES.rglob("*.html")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if typed.search(line)
    ]
    assert found == []


def test_no_template_names_the_demo_city():
    assert [path.name for path in TEMPLATES.rglob("*.html") if "临江" in path.read_text()] == []
