"""/api/v1/sites/: the installation's public sites, each with its name, city, public address, parent and guide
count; a site whose home page is not live or not public is not listed; a bad parameter is a 400 in Chinese."""

import pytest
from wagtail.models import PageViewRestriction, Site

from guides.models import GuideIndexPage
from guides.models.site_settings import SiteSettings
from tests.factories import make_department, make_guide, make_site
from tests.sites.builders import add_site


@pytest.fixture
def province(db, settings):
    settings.ALLOWED_HOSTS = ["localhost", "testserver", "jiangbei.example", "hidden.example"]
    _home, index = make_site()
    south = Site.objects.get()
    SiteSettings.objects.create(
        site=south, site_name="江南市政务服务网", city_name="江南市", base_url="https://zw.jiangnan.example"
    )
    make_guide(index, title="居民身份证换领")
    make_guide(index, title="机动车驾驶证换证")
    north, north_index = add_site("jiangbei.example", "江北市", parent=south)
    make_guide(north_index, title="渔船登记证核发", department=make_department(site=north))
    hidden, _hidden_index = add_site("hidden.example", "内部测试", parent=south)
    PageViewRestriction.objects.create(page=hidden.root_page, restriction_type=PageViewRestriction.LOGIN)
    return {"south": south, "north": north, "hidden": hidden}


def test_the_public_sites_with_their_guide_counts(client, province):
    response = client.get("/api/v1/sites/")
    assert response.status_code == 200
    south, north = province["south"], province["north"]
    assert response.json()["results"] == [
        {
            "id": south.pk,
            "name": "江南市政务服务网",
            "city": "江南市",
            "base_url": "https://zw.jiangnan.example",
            "parent": None,
            "guide_count": 2,
        },
        {
            "id": north.pk,
            "name": "江北市政务服务网",
            "city": "江北市",
            "base_url": "http://jiangbei.example",
            "parent": south.pk,
            "guide_count": 1,
        },
    ]


def test_the_same_list_from_any_site(client, province):
    assert client.get("/api/v1/sites/", HTTP_HOST="jiangbei.example").json() == client.get("/api/v1/sites/").json()


def test_the_sites_below_one(client, province):
    below = client.get("/api/v1/sites/", {"parent": province["south"].pk}).json()["results"]
    assert [site["id"] for site in below] == [province["north"].pk]
    assert client.get("/api/v1/sites/", {"parent": province["north"].pk}).json()["results"] == []


def test_an_unpublished_home_hides_its_site(client, province):
    province["north"].root_page.specific.unpublish()
    assert [site["id"] for site in client.get("/api/v1/sites/").json()["results"]] == [province["south"].pk]


@pytest.mark.parametrize("bad", ["abc", "0", "-1", "１", "1.5", "99999999999"])
def test_a_bad_parent_is_a_400_in_chinese(client, province, bad):
    response = client.get("/api/v1/sites/", {"parent": bad})
    assert response.status_code == 400
    assert "参数 parent 应为" in response.json()["error"]


def test_the_openapi_document_describes_the_sites(client, province):
    document = client.get("/api/v1/openapi.json").json()
    assert document["paths"]["/sites/"]["get"]["responses"]["400"]
    assert set(document["components"]["schemas"]["Site"]["properties"]) == {
        "id",
        "name",
        "city",
        "base_url",
        "parent",
        "guide_count",
    }


def test_the_list_is_not_kept_by_the_page_cache(client, province, page_caches):
    """It shows every site's counts, and a publish on one city's site starts a new generation of that site only."""
    first = client.get("/api/v1/sites/")
    assert "no-cache" in first["Cache-Control"]
    index = GuideIndexPage.objects.child_of(province["north"].root_page).get()
    make_guide(index, title="渔船检验", department=make_department(site=province["north"]))
    counts = {site["id"]: site["guide_count"] for site in client.get("/api/v1/sites/").json()["results"]}
    assert counts[province["north"].pk] == 2
