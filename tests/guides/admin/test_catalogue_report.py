"""The province report 同事项同标准: one catalogue item, two sites with different commitments, on the page and in
the CSV; only the service centre and administrators may see it."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, Site

from guides.admin import roles
from guides.models import GuideIndexPage, HomePage
from tests.factories import catalogue_guide_fields, make_catalogue_item, make_department, make_guide

pytestmark = pytest.mark.django_db


def make_second_site(hostname, name):
    """Another Wagtail site beside the default one, with its own home and guide index."""
    home = HomePage(title=f"{name}政务服务", slug=hostname.split(".")[0])
    Page.get_first_root_node().add_child(instance=home)
    Site.objects.create(hostname=hostname, root_page=home, site_name=name)
    index = GuideIndexPage(title="办事指南", slug="guides")
    home.add_child(instance=index)
    return index


@pytest.fixture
def two_sites(site_tree):
    city_index = site_tree[1]
    Site.objects.filter(is_default_site=True).update(site_name="临江市")
    district_index = make_second_site("qiantang.example", "钱塘区")
    item = make_catalogue_item(code="10001401", name="建筑工程施工许可", legal_limit_days=15)
    unimplemented = make_catalogue_item(code="10009999", name="临时占用城市绿地审批")
    city = make_guide(
        city_index,
        department=make_department(name="临江市住房和城乡建设局"),
        **catalogue_guide_fields(
            item,
            committed_limit_days=5,
            visits_required=0,
            online_level="full",
            online_url="https://zw.example/1",
            halls=[],
        ),
    )
    district = make_guide(
        district_index,
        department=make_department(name="钱塘区住房和城乡建设局"),
        fees=[{"name": "=工本费", "standard": "20元/证", "basis": "发改价格〔2003〕2322号"}],
        **catalogue_guide_fields(item, credit_code="11330102MB0000002Y", committed_limit_days=10, is_free=False),
    )
    return item, unimplemented, city, district


def test_the_report_shows_each_site_and_marks_the_differences(admin_client, two_sites):
    response = admin_client.get(reverse("catalogue_report"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "10001401 建筑工程施工许可" in html
    assert "各站点不一致：承诺办结时限、跑动次数、网上办理深度、收费" in html
    assert "临江市住房和城乡建设局" in html and "钱塘区住房和城乡建设局" in html
    assert "5 个工作日" in html and "10 个工作日" in html
    # The slower site is marked, on the three ranked fields; the unimplemented item lists both sites as 未实施.
    assert html.count("落后</span>") == 3
    assert "临时占用城市绿地审批" in html and html.count("未实施") == 2


def test_the_csv_has_a_line_per_item_and_site(admin_client, two_sites):
    response = admin_client.get(reverse("catalogue_report_csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["目录编码", "事项名称", "法定办结时限", "站点"]
    by_site = {(row[0], row[3]): row for row in rows[1:]}
    assert len(rows) == 5
    city, district = by_site[("10001401", "临江市")], by_site[("10001401", "钱塘区")]
    assert city[6:10] == ["5 个工作日", "0", "全程网办", "不收费"]
    # A fee named like a formula is written as text, never run by a spreadsheet.
    assert district[6:10] == ["10 个工作日", "1", "仅线下办理", "'=工本费（20元/证）"]
    assert district[11] == "承诺办结时限、跑动次数、网上办理深度"
    assert city[11] == ""
    assert by_site[("10009999", "钱塘区")][4] == "未实施"


def test_a_guide_taken_offline_is_not_an_implementation(admin_client, two_sites):
    _item, _unimplemented, _city, district = two_sites
    district.unpublish()
    html = admin_client.get(reverse("catalogue_report")).content.decode()
    assert "钱塘区住房和城乡建设局" not in html
    assert "1/2 个站点已实施" in html


@pytest.mark.parametrize("url_name", ["catalogue_report", "catalogue_report_csv"])
def test_only_the_service_centre_and_administrators_see_the_report(client, django_user_model, two_sites, url_name):
    reviewers, editor_groups = roles.setup_roles()
    editor = django_user_model.objects.create_user("editor", password="pw")
    editor.groups.add(editor_groups[0])
    client.force_login(editor)
    assert client.get(reverse(url_name)).status_code in (302, 403)
    reviewer = django_user_model.objects.create_user("reviewer", password="pw")
    reviewer.groups.add(Group.objects.get(name=roles.REVIEWERS))
    client.force_login(reviewer)
    assert client.get(reverse(url_name)).status_code == 200


def test_the_report_is_in_the_reports_menu_only_for_those_who_may_see_it(client, django_user_model, two_sites):
    _reviewers, editor_groups = roles.setup_roles()
    editor = django_user_model.objects.create_user("editor", password="pw")
    editor.groups.add(editor_groups[0])
    client.force_login(editor)
    assert reverse("catalogue_report") not in client.get("/admin/").content.decode()
    reviewer = django_user_model.objects.create_user("reviewer", password="pw")
    reviewer.groups.add(Group.objects.get(name=roles.REVIEWERS))
    client.force_login(reviewer)
    assert reverse("catalogue_report") in client.get("/admin/").content.decode()


def test_the_report_can_show_only_the_items_where_sites_differ(admin_client, two_sites):
    html = admin_client.get(reverse("catalogue_report"), {"differs": "1"}).content.decode()
    assert "建筑工程施工许可" in html
    assert "临时占用城市绿地审批" not in html
