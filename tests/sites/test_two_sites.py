"""Two cities in one installation: every public channel of each shows its own guides, never the other's, and a
publish on one leaves the other's cached pages served. The province portal's search widens to the cities below.

The demo's kind of site (江南市, the default site on localhost) and a second city (江北市 on jiangbei.example),
each with its own settings, department and guides; every request names its host (HTTP_HOST)."""

import json

import pytest
from django.contrib.auth.models import Group, Permission, User
from wagtail.models import GroupPagePermission, Site

from guides.admin.roles import setup_roles
from guides.models import CommitmentsPage, GuidePage
from guides.models.editorial import DepartmentEditors
from guides.models.permissions import writable_department_ids
from guides.models.site_settings import SiteSettings
from tests.factories import make_department, make_guide, make_site
from tests.sites.builders import add_site
from web.pagecache import content_generation, local_copies

SOUTH, NORTH = "localhost", "jiangbei.example"
SOUTH_GUIDE, NORTH_GUIDE = "机动车驾驶证换证", "渔船登记证核发"


@pytest.fixture
def cities(db, settings):
    settings.ALLOWED_HOSTS = [SOUTH, NORTH, "province.example"]
    home, south_index = make_site()
    south = Site.objects.get()
    south_index.get_parent().add_child(instance=CommitmentsPage(title="承诺公示", slug="commitments"))
    SiteSettings.objects.create(site=south, site_name="江南市政务服务网", city_name="江南市")
    north, north_index = add_site(NORTH, "江北市")
    south_guide = make_guide(
        south_index, title=SOUTH_GUIDE, summary="驾驶证到期换证", department=make_department(name="江南市公安局")
    )
    north_guide = make_guide(
        north_index,
        title=NORTH_GUIDE,
        summary="渔船登记证首次核发",
        department=make_department(name="江北市农业农村局", site=north),
    )
    return {SOUTH: (south, south_guide), NORTH: (north, north_guide)}


def get(client, host, url, **params):
    return client.get(url, params, HTTP_HOST=host)


def text(client, host, url, **params):
    response = get(client, host, url, **params)
    assert response.status_code == 200, (host, url, response.status_code)
    return response.getvalue().decode()


def own_and_other(cities):
    """(host, own guide, the other site's guide) for each site."""
    return [(SOUTH, cities[SOUTH][1], cities[NORTH][1]), (NORTH, cities[NORTH][1], cities[SOUTH][1])]


def without_query(page, q):
    """The search page from its summary on, without the places that repeat the query: the summary's “q” and the
    learning script's data-query."""
    return page.split('class="search-summary"')[1].replace(f"“{q}”", "").replace(f'data-query="{q}"', "")


def test_each_site_shows_only_its_own_guides_on_every_channel(client, cities):
    for host, own, other in own_and_other(cities):
        for url, params in (
            ("/", {}),
            ("/guides/", {}),
            ("/departments/", {}),
            ("/commitments/", {}),
            ("/search/", {"q": own.title}),
            ("/search/", {"q": other.title}),
            ("/feeds/guides.atom", {}),
            ("/sitemap.xml", {}),
            ("/open-data/implementation-list.csv", {}),
            ("/open-data/implementation-list.json", {}),
        ):
            body = text(client, host, url, **params)
            if url == "/search/":  # the page repeats the query: the other guide must not be among the results
                body = without_query(body, params["q"])
            assert other.title not in body and other.item_code not in body, (host, url, params)
        for url in ("/guides/", "/commitments/", "/feeds/guides.atom", "/open-data/implementation-list.csv"):
            assert own.title in text(client, host, url), (host, url)
        assert own.title in text(client, host, "/search/", q=own.title)


def test_the_json_api_and_the_board_of_each_site_hold_its_own_guides(client, cities):
    for host, own, other in own_and_other(cities):
        codes = [guide["item_code"] for guide in json.loads(text(client, host, "/api/v1/guides/"))["results"]]
        assert codes == [own.item_code], host
        assert get(client, host, f"/api/v1/guides/{other.item_code}/").status_code == 404
        assert get(client, host, f"/api/v1/guides/{own.item_code}/").status_code == 200
        found = json.loads(text(client, host, "/api/search/", q=other.title))
        assert all(result["item_code"] != other.item_code for result in found["results"]), host
        found = json.loads(text(client, host, "/api/search/", q=own.title))
        assert [result["item_code"] for result in found["results"]] == [own.item_code]
        board = text(client, host, "/api/commitments/")
        assert own.title in board and other.title not in board, host


def test_suggestions_offer_only_the_sites_own_names(client, cities):
    for host, own, other in own_and_other(cities):
        suggested = json.loads(text(client, host, "/api/search/suggest/", q=own.title[:2]))["suggestions"]
        assert own.title in suggested, host
        suggested = json.loads(text(client, host, "/api/search/suggest/", q=other.title[:2]))["suggestions"]
        assert other.title not in suggested, host
        # Typo suggestions, from a search that found nothing, keep to the site as well.
        page = text(client, host, "/search/", q=other.title[:-1] + "证证")
        assert "没有找到" in page and other.title not in without_query(page, other.title[:-1] + "证证")


def test_the_print_sheet_and_the_guide_page_link_to_their_own_site(client, cities):
    for host, own, other in own_and_other(cities):
        sheet = text(client, host, own.url + own.reverse_subpage("print_checklist"))
        assert f"http://{host}/" in sheet
        assert f"http://{SOUTH if host == NORTH else NORTH}/" not in sheet
        assert get(client, host, other.url).status_code == 404  # the other site's page is not served here


def test_a_city_is_named_on_its_own_pages_only(client, cities):
    """Its settings' name, and its own departments (each site has its own; the same code on two sites)."""
    north = cities[NORTH][0]
    make_department(name="江北市公安局", code="police", site=north)
    make_department(name="江南市公安局分局", code="police")
    for host, other_city in ((NORTH, "江南市"), (SOUTH, "江北市")):
        for url in (
            "/",
            "/departments/",
            "/departments/police/",
            "/api/v1/departments/",
            "/api/v1/departments/police/",
        ):
            assert other_city not in text(client, host, url), (host, url)
    assert "江北市政务服务网" in text(client, NORTH, "/") and "江南市政务服务网" in text(client, SOUTH, "/")


def test_the_province_search_widens_to_the_sites_below(client, cities):
    north, _guide = cities[NORTH]
    province, _index = add_site("province.example", "某某省")
    SiteSettings.objects.filter(site=north).update(parent_site=province)
    city_only = text(client, "province.example", "/search/", q=NORTH_GUIDE)
    assert 'class="search-results"' not in city_only  # the portal has no guide of its own
    assert "在全省范围搜索" in city_only and "scope=province" in city_only
    widened = text(client, "province.example", "/search/", q=NORTH_GUIDE, scope="province")
    assert NORTH_GUIDE in widened and 'name="scope" value="province"' in widened
    assert f"http://{NORTH}/" in widened  # the result links to the city's own site
    assert 'class="search-results"' not in text(client, "province.example", "/search/", q=SOUTH_GUIDE, scope="province")
    found = json.loads(text(client, "province.example", "/api/search/", q=NORTH_GUIDE, scope="province"))
    assert [result["title"] for result in found["results"]] == [NORTH_GUIDE]
    # A city has no sites below it: no link to widen, and scope=province is its own site.
    assert "在全省范围搜索" not in text(client, NORTH, "/search/", q=NORTH_GUIDE)
    assert 'class="search-results"' not in text(client, NORTH, "/search/", q=SOUTH_GUIDE, scope="province")
    assert get(client, NORTH, "/search/", q=NORTH_GUIDE, scope="world").status_code == 400


def search_form(html):
    start = html.index('<form class="search-form"')
    return html[start : html.index("</form>", start)]


def test_a_refused_province_search_offers_the_form_of_a_search_for_what_was_typed(client, cities):
    """A province search with a wrong filter is refused with the results page's form for the typed query alone over
    the province: the query in the box and the scope kept; a scope that is none is dropped."""
    province, _index = add_site("province.example", "某某省")
    SiteSettings.objects.filter(site=cities[NORTH][0]).update(parent_site=province)
    refused = get(client, "province.example", "/search/", q=NORTH_GUIDE, scope="province", online="bad")
    assert refused.status_code == 400
    form = search_form(refused.content.decode())
    assert form == search_form(text(client, "province.example", "/search/", q=NORTH_GUIDE, scope="province"))
    assert f'value="{NORTH_GUIDE}"' in form and 'name="scope" value="province"' in form
    refused = get(client, "province.example", "/search/", q=NORTH_GUIDE, scope="<b>", online="bad")
    assert refused.status_code == 400
    assert 'name="scope"' not in search_form(refused.content.decode())


def test_a_site_cannot_be_placed_below_itself_or_its_own_sites(cities):
    south, north = cities[SOUTH][0], cities[NORTH][0]
    SiteSettings.objects.filter(site=north).update(parent_site=south)
    settings_of_south = SiteSettings.for_site(south)
    settings_of_south.parent_site = north
    with pytest.raises(Exception, match="上级站点"):
        settings_of_south.full_clean()


def test_a_publish_on_one_site_leaves_the_other_sites_cached_pages(
    client, cities, page_caches, django_capture_on_commit_callbacks
):
    north, north_guide = cities[NORTH]
    south, south_guide = cities[SOUTH]
    south_page = get(client, SOUTH, south_guide.url)
    north_page = get(client, NORTH, north_guide.url)
    before = content_generation()
    with django_capture_on_commit_callbacks(execute=True):
        north_guide.title = "渔船登记证核发（更新）"
        north_guide.change_note = "更新事项名称"
        north_guide.save_revision().publish()
    after = content_generation()
    assert after[north.pk] != before.get(north.pk) and after.get(south.pk) == before.get(south.pk)
    local_copies.recheck()
    # The other site's page is served from the cache as it was (the same generation, Last-Modified and ETag).
    again = get(client, SOUTH, south_guide.url)
    assert again["Last-Modified"] == south_page["Last-Modified"] and again["ETag"] == south_page["ETag"]
    assert "（更新）" in text(client, NORTH, GuidePage.objects.get(pk=north_guide.pk).url)
    assert get(client, NORTH, north_guide.url)["Last-Modified"] != north_page["Last-Modified"]


def test_a_shared_document_or_a_site_change_reaches_every_site(cities, page_caches, django_capture_on_commit_callbacks):
    before = content_generation()
    with django_capture_on_commit_callbacks(execute=True):
        Site.objects.get(hostname=NORTH).save()
    after = content_generation()
    assert all(after[site.pk] != before.get(site.pk) for site, _guide in cities.values())


def test_an_item_code_is_unique_within_a_site_not_across_sites(cities):
    """Each city implements a catalogue item under its own guide: the same code may be live on both sites."""
    south_guide, north_guide = cities[SOUTH][1], cities[NORTH][1]
    north_index = north_guide.get_parent()
    twin = make_guide(north_index, title="机动车驾驶证换证（江北）", item_code=south_guide.item_code)
    assert twin.live
    with pytest.raises(Exception, match="编码"):
        make_guide(north_index, title="另一个渔船事项", item_code=north_guide.item_code)


def test_a_departments_editors_write_on_their_own_site_only(cities):
    """setup_roles grants each department's group the guide indexes of its own site; a grant elsewhere (made by
    hand) does not make another site's index writable for it."""
    north, north_guide = cities[NORTH]
    south_guide = cities[SOUTH][1]
    setup_roles()
    group = DepartmentEditors.objects.get(department=north_guide.department).group
    assert {grant.page_id for grant in GroupPagePermission.objects.filter(group=group)} == {north_guide.get_parent().pk}
    editor = User.objects.create_user("north_editor")
    editor.groups.add(group)
    assert writable_department_ids(editor) == {north_guide.department_id}
    stray = Group.objects.create(name="误授权")
    DepartmentEditors.objects.create(department=make_department(site=north), group=stray)
    permission = Permission.objects.get(codename="add_page")
    GroupPagePermission.objects.create(group=stray, page=south_guide.get_parent(), permission=permission)
    other = User.objects.create_user("stray_editor")
    other.groups.add(stray)
    assert writable_department_ids(other) == set()
    assert not south_guide.get_parent().permissions_for_user(editor).can_add_subpage()
