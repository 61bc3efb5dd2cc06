"""Search on several sites, on whichever engine the environment configures (the database's full-text search, or
OpenSearch/Elasticsearch with `-m engine`): the engine filters guides by the site's tree (the indexed page path),
so a city's search never returns another site's guide, and scope=province covers the sites below."""

import pytest
from django.db import connection
from wagtail.models import Site

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
