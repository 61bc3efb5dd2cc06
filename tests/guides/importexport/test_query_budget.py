"""An import's queries do not grow with its rows: who holds each item code and whether a guide was published
before are asked once for the whole file (guides/importexport/plan.py), not once a row."""

import json

import pytest

from guides.importexport import export_guides, import_guides
from guides.models import GuidePage
from tests.factories import make_department, make_guide, make_hall

ROWS = 50


@pytest.fixture
def guides(guide_index):
    department, hall = make_department(name="市民政局", short_name="民政"), make_hall(name="市民服务中心")
    return [
        make_guide(
            guide_index,
            department=department,
            halls=[hall],
            title=f"测试事项{number}",
            item_code=f"11330100MB00000{number:02d}X4000111A001",
        )
        for number in range(ROWS)
    ]


def changed_file(guides):
    """The JSON export of `guides`, each with a new summary."""
    document = json.loads(export_guides("json", GuidePage.objects.filter(pk__in=[guide.pk for guide in guides])))
    for row in document["guides"]:
        row["summary"] = row["summary"] + "（已核对）"
    return json.dumps(document, ensure_ascii=False).encode()


def queries_of_preview(data, django_assert_max_num_queries, budget):
    with django_assert_max_num_queries(budget) as captured:
        plan = import_guides(data, "guides.json", dry_run=True)
    return plan, len(captured)


def test_a_fifty_row_import_asks_no_more_than_a_five_row_one(guides, django_assert_max_num_queries):
    few_plan, few = queries_of_preview(changed_file(guides[:5]), django_assert_max_num_queries, 1000)
    assert len(few_plan.changes) == 5
    plan, many = queries_of_preview(changed_file(guides), django_assert_max_num_queries, few)
    assert len(plan.changes) == ROWS
    assert many <= few
