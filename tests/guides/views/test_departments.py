"""Browsing: home sections and the 个人 / 法人 switch, filtered guide lists, department pages, senior mode."""

import pytest

from tests.factories import make_department, make_guide


@pytest.fixture
def guides(guide_index):
    police = make_department(name="公安局", code="gongan")
    return {
        "instant": make_guide(guide_index, department=police, title="即办事项", committed_limit_days=0),
        "business": make_guide(guide_index, title="企业事项", audience="business", visits_required=2),
        "online": make_guide(
            guide_index,
            title="网办事项",
            online_level="full",
            online_url="https://zwfw.example.gov.cn/wb",
            visits_required=0,
        ),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"instant": "1"}, {"即办事项"}),
        ({"online": "full"}, {"网办事项"}),
        ({"visits_max": "1"}, {"即办事项", "网办事项"}),
        ({"department": "gongan"}, {"即办事项"}),
        ({"audience": "business"}, {"企业事项"}),
    ],
)
def test_guide_list_filters(client, guides, params, expected):
    html = client.get("/guides/", params).content.decode()
    assert {title for title in ("即办事项", "企业事项", "网办事项") if title in html} == expected


@pytest.mark.django_db
def test_bad_filter_value_is_a_400_in_chinese(client, guides):
    response = client.get("/guides/", {"visits_max": "many"})
    assert response.status_code == 400
    assert "筛选条件“到现场次数不超过”（参数 visits_max）应为以下之一：0、1、2" in response.content.decode()


@pytest.mark.django_db
def test_department_page_lists_its_guides_and_contacts(client, guides):
    department = guides["instant"].department
    response = client.get("/departments/gongan/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "即办事项" in html and "企业事项" not in html
    assert department.enquiry_phone in html
    assert client.get("/departments/nobody/").status_code == 404
    assert "公安局" in client.get("/departments/").content.decode()


@pytest.mark.django_db
def test_home_switches_between_persons_and_businesses(client, guides):
    everyone = client.get("/").content.decode()
    assert "企业事项" in everyone and "即办事项" in everyone
    businesses = client.get("/", {"audience": "business"}).content.decode()
    assert "企业事项" in businesses and "即办事项" not in businesses
    assert 'aria-current="page">法人办事' in businesses
    assert 'id="home-search"' in everyone and 'data-suggest-url="/api/search/suggest/"' in everyone


@pytest.mark.django_db
def test_senior_mode_is_a_cookie_set_by_a_plain_link(client, guides):
    response = client.get("/senior-mode/", {"on": "1", "next": "/guides/"})
    assert response.status_code == 302 and response["Location"] == "/guides/"
    assert response.cookies["senior"].value == "1"
    assert '<html lang="zh-Hans" class="senior">' in client.get("/guides/").content.decode()
    off = client.get("/senior-mode/", {"on": "0", "next": "/"})
    assert off.cookies["senior"].value == ""
    assert 'class="senior"' not in client.get("/").content.decode()


@pytest.mark.django_db
def test_senior_mode_never_redirects_off_site(client):
    response = client.get("/senior-mode/", {"on": "1", "next": "https://evil.example/"})
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_guide_page_has_skip_link_and_key_facts_first(client, guides):
    html = client.get(guides["online"].url).content.decode()
    assert html.index('class="skip-link" href="#main-content"') < html.index('id="main-content"')
    assert html.index("key-facts") < html.index('id="materials-heading"')
    assert "全程网办" in html and "零跑动" in html
