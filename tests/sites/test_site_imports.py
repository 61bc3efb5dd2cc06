"""Import and export into a chosen site: 江南市 and 江北市 both have a 公安局 and a guide with the same item
code; an export is one site's, an import into 江北 updates 江北's guide with 江北's department and hall, and a
bad site is refused in Chinese with nothing applied."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import Revision, Site

from guides.importexport import export_guides, import_guides, site_guides
from guides.models import GuidePage
from guides.models.site_settings import SiteSettings
from tests.factories import make_department, make_guide, make_hall, make_site
from tests.sites.builders import add_site

CODE = "ITEM-0001"


@pytest.fixture
def cities(db):
    _home, south_index = make_site()
    south = Site.objects.get()
    SiteSettings.objects.create(site=south, site_name="江南市政务服务网", city_name="江南市")
    north, north_index = add_site("jiangbei.example", "江北市")
    world = {"south": south, "north": north}
    for side, site, index, city in (("south", south, south_index, "江南市"), ("north", north, north_index, "江北市")):
        department = make_department(name="公安局", code="police", site=site)
        hall = make_hall(name="市民中心", site=site)
        guide = make_guide(index, title=f"{city}户口迁移", department=department, item_code=CODE, halls=[hall])
        world.update({f"{side}_department": department, f"{side}_hall": hall, f"{side}_guide": guide})
    return world


def north_file(summary):
    document = json.loads(export_guides("json", site_guides(Site.objects.get(hostname="jiangbei.example"))))
    assert [guide["title"] for guide in document["guides"]] == ["江北市户口迁移"]
    document["guides"][0]["summary"] = summary
    return json.dumps(document, ensure_ascii=False).encode()


def test_an_export_is_one_sites(cities):
    assert list(site_guides(cities["south"])) == [cities["south_guide"]]
    assert list(site_guides(cities["north"])) == [cities["north_guide"]]


def test_an_import_into_a_site_updates_that_sites_guide_with_its_own_department_and_hall(cities):
    plan = import_guides(north_file("江北改过的说明"), "north.json", site=cities["north"])
    assert [change.page.pk for change in plan.updated] == [cities["north_guide"].pk]
    north = GuidePage.objects.get(pk=cities["north_guide"].pk)
    assert north.summary == "江北改过的说明"
    assert north.department == cities["north_department"]
    assert [row.hall for row in north.halls.all()] == [cities["north_hall"]]
    assert GuidePage.objects.get(pk=cities["south_guide"].pk).summary != "江北改过的说明"


def test_a_new_guide_goes_under_the_chosen_sites_index(cities):
    document = json.loads(north_file("新事项"))
    document["guides"][0].update({"item_code": "ITEM-0002", "title": "江北市新事项", "slug": ""})
    data = json.dumps(document, ensure_ascii=False).encode()
    plan = import_guides(data, "new.json", site=cities["north"])
    created = GuidePage.objects.get(pk=plan.created[0].page.pk)
    assert created.get_site() == cities["north"]
    assert created.department == cities["north_department"]


def test_the_command_imports_into_the_site_named_and_refuses_a_bad_one(cities, tmp_path):
    path = tmp_path / "north.json"
    path.write_bytes(north_file("命令行导入"))
    call_command("import_guides", str(path), "--site", "jiangbei.example")
    assert GuidePage.objects.get(pk=cities["north_guide"].pk).summary == "命令行导入"
    path.write_bytes(north_file("不该导入"))
    before = Revision.objects.count()
    for bad in ("nowhere.example", "999999"):
        with pytest.raises(CommandError, match="导入被拒绝"):
            call_command("import_guides", str(path), "--site", bad)
    with pytest.raises(CommandError, match="没有这个站点"):
        call_command("export_guides", "--output", str(tmp_path / "out.csv"), "--site", "nowhere.example")
    assert Revision.objects.count() == before
    assert GuidePage.objects.get(pk=cities["north_guide"].pk).summary == "命令行导入"


def test_the_admin_page_imports_into_the_chosen_site(cities, admin_client):
    page = admin_client.get(reverse("guides_import")).content.decode()
    assert "江北市政务服务网" in page and f"?site={cities['north'].pk}" in page
    upload = SimpleUploadedFile("north.json", north_file("后台导入江北"))
    preview = admin_client.post(reverse("guides_import"), {"file": upload, "site": cities["north"].pk})
    assert preview.status_code == 200, preview.content.decode()[-2000:]
    token = preview.context["token"]
    assert admin_client.post(reverse("guides_import"), {"token": token, "site": cities["north"].pk}).status_code == 302
    assert GuidePage.objects.get(pk=cities["north_guide"].pk).summary == "后台导入江北"
    exported = admin_client.get(reverse("guides_export", args=["json"]), {"site": cities["north"].pk})
    assert [guide["title"] for guide in json.loads(exported.content)["guides"]] == ["江北市户口迁移"]


def test_the_admin_page_refuses_a_bad_site_with_nothing_applied(cities, admin_client):
    before = Revision.objects.count()
    upload = SimpleUploadedFile("north.json", north_file("不该导入"))
    response = admin_client.post(reverse("guides_import"), {"file": upload, "site": "999999"})
    assert response.status_code == 400
    assert "没有这个站点" in response.content.decode()
    upload = SimpleUploadedFile("north.json", north_file("不该导入"))
    token = admin_client.post(reverse("guides_import"), {"file": upload, "site": cities["north"].pk}).context["token"]
    refused = admin_client.post(reverse("guides_import"), {"token": token, "site": "abc"})
    assert refused.status_code == 400 and "没有这个站点" in refused.content.decode()
    assert Revision.objects.count() == before
    bad_export = admin_client.get(reverse("guides_export", args=["csv"]), {"site": "999999"})
    assert bad_export.status_code == 400 and "没有这个站点" in bad_export.content.decode()


def test_an_import_without_a_site_is_the_default_sites(cities):
    """A one-site installation's callers name no site: the same item code then means 江南's guide."""
    plan = import_guides(north_file("默认站点"), "north.json", dry_run=True)
    assert [change.page.pk for change in plan.updated] == [cities["south_guide"].pk]
