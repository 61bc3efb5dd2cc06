"""Site settings: every page, feed and API answer shows the site's own name and phones, and every absolute URL (the
printed QR code first) is on the site's public address. Nothing names a city of its own."""

import io
import json
import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import cairosvg
import pytest
import zxingcpp
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from guides.models import CommitmentsPage, ServiceHall
from guides.models.site_settings import SiteSettings, parse_base_url, set_default_site_address
from tests.factories import make_guide
from web.pagecache import content_generation, local_copies

ROOT = Path(settings.BASE_DIR)
ATOM = "{http://www.w3.org/2005/Atom}"
SOURCES = ("templates", "guides", "search", "web", "config")


def test_a_base_url_is_scheme_host_and_port_only():
    assert parse_base_url("https://banshi.example.gov.cn/") == (
        "https",
        "banshi.example.gov.cn",
        443,
        "https://banshi.example.gov.cn",
    )
    assert parse_base_url("http://127.0.0.1:8104")[2:] == (8104, "http://127.0.0.1:8104")
    assert parse_base_url("https://[::1]:8443")[3] == "https://[::1]:8443"
    for wrong in ("banshi.example.gov.cn", "ftp://x.example", "https://x.example/zhinan", "https://x.example/?a=1"):
        with pytest.raises(ValidationError):
            parse_base_url(wrong)


def test_no_template_or_code_names_a_city_or_a_phone_of_its_own():
    """The demo city lives in guides/demo only; 12345 only in the settings' default and the database-free 500 page."""
    found = subprocess.run(  # noqa: S603
        ["git", "grep", "--untracked", "-n", "-I", "-e", "临江", "-e", "12345", "--", *SOURCES],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.splitlines()
    allowed = ("guides/demo/", "guides/migrations/", "guides/management/commands/load_demo.py", "templates/500.html")
    assert [line for line in found if not line.startswith(allowed) and "DEFAULT_HOTLINE = " not in line] == []


@pytest.fixture
def city(site_tree):
    home, index = site_tree
    home.add_child(instance=CommitmentsPage(title="承诺公示", slug="commitments"))
    guide = make_guide(index, title="居民身份证换领", summary="身份证到期换领新证")
    site = Site.objects.get()
    SiteSettings.objects.update_or_create(
        site=site, defaults={"site_name": "江南市政务服务网", "city_name": "江南市", "complaint_phone": "0000-1234"}
    )
    return site, guide


def public_channels(guide):
    """Every public channel that shows the site's name: pages, search, print, board, feed, API, JSON-LD."""
    return [
        "/",
        guide.url,
        "/search/?q=身份证",
        guide.url + guide.reverse_subpage("print_checklist"),
        "/commitments/",
        "/feeds/guides.atom",
        "/api/v1/openapi.json",
        "/departments/",
        "/no-such-page/",
    ]


def admin_form(site_settings, **changes):
    fields = {
        name: getattr(site_settings, name)
        for name in ("site_name", "city_name", "hotline", "complaint_phone", "sponsor", "site_code")
        + ("icp_number", "police_number", "contact", "base_url")
    }
    return {**fields, "logo": "", "default_hall": "", **changes}


def test_changing_the_city_in_the_admin_changes_every_page_at_once(
    client, admin_client, city, settings, django_capture_on_commit_callbacks
):
    site, guide = city
    settings.PAGE_CACHE_SECONDS = 60
    local_copies.clear()
    for url in public_channels(guide):
        assert "江南市" in client.get(url).content.decode(), url
    generation = content_generation()

    edit_url = reverse("wagtailsettings:edit", args=["guides", "sitesettings", site.pk])
    page = admin_client.get(edit_url).content.decode()
    for label in ("网站名称", "政务服务便民热线", "主办单位", "网站标识码", "ICP备案号", "公安机关备案号", "公开网址"):
        assert label in page
    form = admin_form(SiteSettings.for_site(site), site_name="江北市政务服务网", city_name="江北市", hotline="12345")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(edit_url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert content_generation() != generation  # the page cache drops every page in every process

    for url in public_channels(guide):
        html = client.get(url).content.decode()
        assert "江北市" in html and "江南市" not in html, url


def test_the_footer_shows_the_items_a_government_website_must_show(client, city):
    site, guide = city
    SiteSettings.objects.filter(site=site).update(
        hotline="12345",
        sponsor="江南市人民政府办公室",
        site_code="3390010001",
        icp_number="江ICP备00000001号",
        police_number="江公网安备 33900102000001号",
        contact="zwfw@jiangnan.example",
    )
    footer = client.get(guide.url).content.decode().split('<footer class="site-footer">')[1]
    for text in ('href="tel:12345"', "0000-1234", "主办单位：江南市人民政府办公室", "网站标识码：3390010001"):
        assert text in footer
    assert '<a href="https://beian.miit.gov.cn/" rel="noopener">江ICP备00000001号</a>' in footer
    assert "江公网安备 33900102000001号" in footer and "zwfw@jiangnan.example" in footer


def test_the_print_sheet_shows_the_hotline_and_the_default_hall(client, city):
    site, guide = city
    hall = ServiceHall.objects.create(name="江南市民中心", address="江南市人民路1号")
    guide.halls.all().delete()
    # A guide that needs no visit may name no hall (a guide that needs one must: guides.rules)
    guide.online_url, guide.visits_required, guide.change_note = "", 0, "办理地点改为默认大厅"
    guide.save_revision().publish()
    SiteSettings.objects.filter(site=site).update(hotline="96123", default_hall=hall)
    html = client.get(guide.url + guide.reverse_subpage("print_checklist")).content.decode()
    assert "政务服务便民热线：96123" in html and "江南市民中心" in html and "江南市人民路1号" in html


def decode_printed_qr(html):
    """The text of the QR code on a print sheet, decoded from its SVG as a phone's camera would read it."""
    svg = re.search(r"<svg .*?</svg>", html, re.S).group(0)
    png = cairosvg.svg2png(bytestring=svg.encode(), output_width=400, background_color="white")
    found = zxingcpp.read_barcodes(PillowImage.open(io.BytesIO(png)).convert("L"))
    assert len(found) == 1
    return found[0].text


@pytest.mark.parametrize(
    "address", ["https://banshi.example.gov.cn", "https://banshi.example.gov.cn:8443", "http://127.0.0.1:8104"]
)
def test_every_absolute_url_is_on_the_sites_public_address(client, city, address):
    site, guide = city
    set_default_site_address(address)
    print_url = guide.url + guide.reverse_subpage("print_checklist")
    page_url = f"{address}{guide.url}"

    html = client.get(print_url + "?q1=x").content.decode()
    assert decode_printed_qr(html) == page_url
    assert decode_printed_qr(client.get(print_url).content.decode()) == page_url

    guides = json.loads(client.get("/api/v1/guides/?page_size=1").content)
    assert guides["results"][0]["url"] == page_url
    assert json.loads(client.get("/api/v1/openapi.json").content)["servers"] == [{"url": f"{address}/api/v1"}]
    assert json.loads(client.get("/api/search/?q=身份证").content)["results"][0]["url"] == page_url

    feed = ElementTree.fromstring(client.get("/feeds/guides.atom").content)  # noqa: S314 - the site's own answer
    links = [link.get("href") for link in feed.iter(f"{ATOM}link")]
    assert links and all(link.startswith(address + "/") for link in links), links

    sections = re.findall(r"<loc>([^<]+)</loc>", client.get("/sitemap.xml").content.decode())  # an index
    assert sections and all(loc.startswith(address + "/") for loc in sections), sections
    locations = [
        loc
        for section in sections
        for loc in re.findall(r"<loc>([^<]+)</loc>", client.get(section.removeprefix(address)).content.decode())
    ]
    assert page_url in locations and all(loc.startswith(address + "/") for loc in locations)

    jsonld = re.search(r'<script type="application/ld\+json">(.*?)</script>', client.get(guide.url).content.decode())
    assert json.loads(jsonld.group(1))["url"] == page_url
    assert json.loads(jsonld.group(1))["areaServed"] == {"@type": "City", "name": "江南市"}


def test_a_request_by_another_host_name_still_gets_the_public_address(client, city):
    """Behind a proxy the Host may be an internal name: links stay on the public address."""
    site, guide = city
    set_default_site_address("https://banshi.example.gov.cn")
    html = client.get(guide.url + guide.reverse_subpage("print_checklist"), HTTP_HOST="127.0.0.1").content.decode()
    assert decode_printed_qr(html) == f"https://banshi.example.gov.cn{guide.url}"


def test_migrate_and_bootstrap_take_the_address_from_site_url(db, monkeypatch):
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == settings.WAGTAILADMIN_BASE_URL  # set by migrate on the test database

    Site.objects.update(hostname="localhost", port=80)
    set_default_site_address("https://banshi.example.gov.cn", only_if_unset=True)
    site.refresh_from_db()
    assert (site.hostname, site.port, site.root_url) == ("banshi.example.gov.cn", 443, "https://banshi.example.gov.cn")
    assert set_default_site_address("https://other.example", only_if_unset=True) is None  # an address set is kept

    monkeypatch.setenv("SITE_URL", "https://127.0.0.1:8443")
    monkeypatch.setenv("ZHINAN_ADMIN_PASSWORD", "x-test-password")
    call_command("bootstrap", stdout=io.StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8443)
    # Wagtail's site says http:// for any port but 443, so the https address is kept in the settings.
    assert SiteSettings.for_site(site).root_url == "https://127.0.0.1:8443"


def test_the_logo_shows_in_the_header(client, city):
    site, guide = city
    logo = Image.objects.create(title="市徽", file=get_test_image_file())
    SiteSettings.objects.filter(site=site).update(logo=logo)
    header = client.get(guide.url).content.decode().split("</header>")[0]
    logo_link = r'<a class="site-name" href="/"><img class="site-logo" src="[^"]+" width="\d+" height="48" alt="">'
    assert re.search(logo_link, header)
