"""Search on several sites, on whichever engine the environment configures (the database's full-text search, or
OpenSearch/Elasticsearch with `-m engine`): the engine filters guides by the site's tree (the indexed page path),
so a city's search never returns another site's guide, and scope=province covers the sites below."""

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from guides.models import GuideIndexPage
from guides.models.querysets import on_sites, path_ranges
from guides.models.site_settings import SiteSettings
from search import service
from search.backends import postgres
from tests.factories import make_department, make_guide, make_site
from tests.search.conftest import engine_configured
from tests.sites.builders import add_site

pytestmark = [pytest.mark.engine] if engine_configured() else []


@pytest.fixture
def two_cities(search_index):
    _home, south_index = make_site()
    south = Site.objects.get()
    north, north_index = add_site("jiangbei.example", "江北市")
    province, _index = add_site("province.example", "某某省")
    SiteSettings.objects.filter(site=north).update(parent_site=province)
    make_guide(south_index, title="渔船登记证核发", summary="江南渔船登记")
    make_guide(north_index, title="渔船登记证变更", summary="江北渔船登记", department=make_department(site=north))
    search_index.refresh()
    return south, north, province


def titles(site, q="渔船登记", scope=""):
    params = service.SearchParams(q=q, site=site, scope=scope)
    outcome = service.search(params, log=False)
    return sorted(guide.title for guide in outcome.page or []), outcome


def test_each_site_finds_its_own_guides_only(two_cities):
    south, north, province = two_cities
    assert titles(south)[0] == ["渔船登记证核发"]
    assert titles(north)[0] == ["渔船登记证变更"]
    assert titles(province)[0] == []


def test_facets_count_the_sites_own_guides(two_cities):
    south, _north, _province = two_cities
    _found, outcome = titles(south)
    assert outcome.total == 1
    assert sum(option["count"] for option in outcome.facets["online"]) == 1


def test_the_province_scope_covers_the_sites_below(two_cities):
    south, north, province = two_cities
    assert titles(province, scope=service.PROVINCE)[0] == ["渔船登记证变更"]
    assert titles(north, scope=service.PROVINCE)[0] == ["渔船登记证变更"]  # a city has no sites below
    assert titles(south, scope=service.PROVINCE)[0] == ["渔船登记证核发"]


def test_the_province_counts_up_to_its_own_limit(two_cities, search_index, settings):
    """Over several sites the search counts up to SEARCH_PROVINCE_COUNT_LIMIT, and above it shows no facets (they
    would count the matches counted, not the results); a site's own search counts up to SEARCH_COUNT_LIMIT."""
    _south, north, province = two_cities
    make_guide(GuideIndexPage.objects.descendant_of(north.root_page).get(), title="渔船登记证注销")
    search_index.refresh()
    settings.SEARCH_PROVINCE_COUNT_LIMIT = 1
    _found, wide = titles(province, scope=service.PROVINCE)
    assert (wide.total, wide.capped, wide.facets) == (1, True, {})
    for scope in ("", service.PROVINCE):  # the city has no sites below: its province is itself
        _found, own = titles(north, scope=scope)
        assert (own.total, own.capped) == (2, False)
        assert sum(option["count"] for option in own.facets["online"]) == 2


@pytest.mark.skipif(
    connection.vendor != "postgresql" or engine_configured(), reason="PostgreSQL's own search (the PostgreSQL run)"
)
@pytest.mark.parametrize("way", ["enable_bitmapscan", "enable_indexscan", "matched first"])
def test_postgresql_finds_the_same_whichever_way_it_joins_the_sites_pages(two_cities, way, monkeypatch):
    """search/backends/postgres.py joins the allowed pages inside the match when they are few, both ways: from each
    page to its index entry (enable_bitmapscan off leaves only that) or from the full-text index to the pages
    (enable_indexscan off); and checks them after the match when they are most of the index. Each way a city finds
    its own guide only, and the province the sites below it."""
    south, north, province = two_cities
    monkeypatch.setattr(postgres, "selective", lambda *statement: way != "matched first")
    setting = way if way.startswith("enable_") else "enable_hashjoin"
    with connection.cursor() as cursor:
        cursor.execute(f"SET {setting} = off")
        try:
            found, outcome = titles(south)
            assert (found, outcome.total, outcome.whole) == (["渔船登记证核发"], 1, 1)
            assert titles(north)[0] == ["渔船登记证变更"]
            assert titles(province, scope=service.PROVINCE)[0] == ["渔船登记证变更"]
        finally:
            cursor.execute(f"RESET {setting}")


@pytest.mark.skipif(
    connection.vendor != "postgresql" or engine_configured(), reason="PostgreSQL's own search (the PostgreSQL run)"
)
def test_postgresql_drives_the_match_by_the_allowed_pages_only_when_they_are_few(two_cities):
    """Every entry of the index is not a small share of it; none is."""
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {postgres.IndexEntry._meta.db_table}")
    postgres.selective.cache_clear()
    table = postgres.IndexEntry._meta.db_table
    every_entry = f"SELECT CAST(object_id AS INTEGER) AS pk FROM {table}"  # noqa: S608 - a table name
    assert not postgres.selective(connection.alias, every_entry, ())
    assert postgres.selective(connection.alias, f"{every_entry} WHERE FALSE", ())


def test_path_ranges_merge_next_sibling_roots_and_split_at_a_gap():
    assert path_ranges(["00010001", "00010002", "00010003"]) == [("00010001", "00010004")]
    assert path_ranges(["00010003", "00010001"]) == [("00010001", None), ("00010003", None)]  # 0002 not searched
    assert path_ranges(["00010001", "000100010005", "00010002"]) == [("00010001", "00010003")]  # inside a tree
    assert path_ranges(["00010009", "0001000A"]) == [("00010009", "0001000B")]  # treebeard's digits, 9 then A
    assert path_ranges(["0001000Z", "00010010"]) == [("0001000Z", "00010011")]
    assert path_ranges(["00010001", "00010001"]) == [("00010001", None)]


@pytest.fixture
def row_of_sites(search_index):
    """Five city sites, next siblings under the tree's root (…0002 to …0006), each with one guide that says
    渔船登记; the first is the province's portal."""
    make_site()  # the default site: the tree's first home (…0001), and no guide
    sites = {}
    for name in ("portal", "east", "west", "north", "south"):
        site, index = add_site(f"{name}.example", f"{name}市")
        make_guide(index, title=f"{name}渔船登记", department=make_department(site=site))
        sites[name] = site
    search_index.refresh()
    return sites


def found_on(sites, q="渔船登记"):
    params = service.SearchParams(q=q, site=sites[0])
    params.wider, params.scope = sites, service.PROVINCE  # the sites searched, as sites_below gives them
    outcome = service.search(params, facets=False, log=False)
    return sorted(guide.title for guide in outcome.page or [])


def test_a_search_over_next_sibling_sites_finds_their_guides_and_no_other(row_of_sites):
    portal, east, west, north, south = row_of_sites.values()
    assert found_on([portal, east, west]) == ["east渔船登记", "portal渔船登记", "west渔船登记"]
    assert str(on_sites([portal, east, west])).count("path__") == 2  # one range, not three prefixes
    assert found_on([east, west, north, south]) == ["east渔船登记", "north渔船登记", "south渔船登记", "west渔船登记"]


def test_a_site_not_searched_between_two_that_are_splits_the_range(row_of_sites):
    portal, east, west, north, south = row_of_sites.values()
    found = found_on([portal, east, north, south])  # west's guide is between east's and north's in the tree
    assert found == ["east渔船登记", "north渔船登记", "portal渔船登记", "south渔船登记"]
    assert str(on_sites([portal, east, north, south])).count("path__") == 4  # two ranges
    assert found_on([east, south]) == ["east渔船登记", "south渔船登记"]
    assert found_on([west]) == ["west渔船登记"]


def test_sites_that_hold_every_home_are_searched_by_depth(row_of_sites):
    """The default site's home and the five cities' are all the root's children: no path filter is needed (the
    engines enumerate every path of a range), and every guide is found; without the default site, a range."""
    every = [Site.objects.get(is_default_site=True), *row_of_sites.values()]
    assert on_sites(every) == Q(depth__gt=1)
    assert len(found_on(every)) == 5
    assert on_sites(list(row_of_sites.values())) != Q(depth__gt=1)


def test_depth_is_used_only_when_no_page_is_outside_the_sites(row_of_sites, django_assert_max_num_queries):
    """A page beside the tree's root (a second root, which Wagtail never makes but a database may hold) is in no
    site: `depth > 1` would find the pages below it, so the sites keep their path ranges. The check reads two
    rows by path, not every page for its depth."""
    every = list(Site.objects.select_related("root_page"))
    with django_assert_max_num_queries(2):
        assert on_sites(every) == Q(depth__gt=1)
    Page.add_root(instance=Page(title="另一棵树", slug="another-tree"))
    assert on_sites(every) != Q(depth__gt=1)
    assert len(found_on(every)) == 5


@pytest.fixture
def two_counties(search_index, settings):
    """A province's portal and two counties below it, each with its own 公安 under the code every site uses
    (`gongan`): 江东区's two guides, 江西区's one, and a 民政 guide of 江西区's."""
    settings.ALLOWED_HOSTS = ["province.example", "east.example", "west.example"]
    make_site()
    province, _index = add_site("province.example", "某某省")
    east, east_index = add_site("east.example", "江东区", parent=province)
    west, west_index = add_site("west.example", "江西区", parent=province)
    police = {
        site: make_department(site=site, code="gongan", name=f"{city}公安分局", short_name="公安")
        for site, city in ((east, "江东区"), (west, "江西区"))
    }
    make_guide(east_index, title="渔船登记证核发", department=police[east])
    make_guide(east_index, title="渔船登记证变更", department=police[east])
    make_guide(west_index, title="渔船登记证注销", department=police[west])
    civil = make_department(site=west, code="minzheng", name="江西区民政局", short_name="民政")
    make_guide(west_index, title="渔船登记困难补助", department=civil)
    search_index.refresh()
    return province, east, west


def department_facet(outcome):
    return [(option["value"], option["label"], option["count"]) for option in outcome.facets["department"]]


def test_a_province_search_offers_each_department_code_once_counting_every_site(two_counties):
    province, east, _west = two_counties
    _found, outcome = titles(province, scope=service.PROVINCE)
    assert department_facet(outcome) == [("gongan", "公安", 3), ("minzheng", "江西区民政局", 1)]
    _found, outcome = titles(east)  # a county's own search: its own department, by its name
    assert department_facet(outcome) == [("gongan", "江东区公安分局", 2)]


def test_departments_that_share_no_name_are_labelled_by_the_one_with_the_most_guides():
    found = [("江东区公安分局", "区公安分局", 1), ("江西县公安局", "县公安局", 2), ("江南区公安分局", "区公安分局", 2)]
    assert service.department_label(found) == "江西县公安局等 3 个部门"  # the first of the most, and how many


def test_a_department_chosen_over_the_province_is_every_sites_department_with_its_code(two_counties):
    province, east, west = two_counties
    chosen = service.parse_params({"q": "渔船登记", "scope": service.PROVINCE, "department": "gongan"}, province)
    outcome = service.search(chosen, log=False)
    assert sorted(guide.title for guide in outcome.page) == ["渔船登记证变更", "渔船登记证核发", "渔船登记证注销"]
    assert department_facet(outcome) == [("gongan", "公安", 3)]
    for site, own in ((east, ["渔船登记证变更", "渔船登记证核发"]), (west, ["渔船登记证注销"])):
        chosen = service.parse_params({"q": "渔船登记", "department": "gongan"}, site)
        assert sorted(guide.title for guide in service.search(chosen, log=False).page) == own


def test_the_search_api_and_page_filter_and_count_a_department_over_the_province(client, two_counties):
    widened = {"q": "渔船登记", "scope": service.PROVINCE}
    found = client.get("/api/search/", {**widened, "department": "gongan"}, HTTP_HOST="province.example").json()
    assert found["total"] == 3
    assert {result["department"] for result in found["results"]} == {"江东区公安分局", "江西区公安分局"}
    every = client.get("/api/search/", widened, HTTP_HOST="province.example").json()
    assert [(option["value"], option["count"]) for option in every["facets"]["department"]] == [
        ("gongan", 3),
        ("minzheng", 1),
    ]
    page = client.get("/search/", widened, HTTP_HOST="province.example").content.decode()
    assert '&amp;department=gongan">公安</a> (3)' in page


@pytest.mark.skipif(
    connection.vendor != "postgresql" or engine_configured(), reason="PostgreSQL's own search (the PostgreSQL run)"
)
def test_postgresql_checks_the_matches_of_a_search_over_every_site_in_an_index_alone(row_of_sites):
    """Over sites that hold every page, the search checks each match's page by its id, live AND depth > 1:
    search_live_page_ids holds all three (search migration 0006), so the check need not read the page's row.
    (The planner takes that way where vacuum has marked the pages all-visible, which the test's rows never are.)"""
    every_site = list(Site.objects.select_related("root_page"))
    with CaptureQueriesContext(connection) as captured:
        assert len(found_on(every_site)) == 5
    ranked = next(each["sql"] for each in captured.captured_queries if "ts_rank" in each["sql"])
    assert 'WHERE ("wagtailcore_page"."live" AND "wagtailcore_page"."depth" > 1)) AS allowed' in ranked
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_live_page_ids'")
        assert cursor.fetchone()[0].endswith("wagtailcore_page USING btree (id) INCLUDE (depth) WHERE live")
