"""A guide page costs the same number of SQL queries however many materials it lists."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import add_hall, make_guide, make_material


def queries_for_page_with(client, guide_index, count):
    rows = [{"material": make_material(), "applies_to": ""} for _ in range(count)]
    guide = make_guide(guide_index, materials=rows)
    add_hall(guide)
    client.get(guide.url)  # warm the per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(guide.url)
    assert response.status_code == 200
    assert response.content.decode().count("<tr>") >= count
    return len(queries)


def test_materials_do_not_add_queries(client, guide_index):
    assert queries_for_page_with(client, guide_index, 5) == queries_for_page_with(client, guide_index, 50)
