"""The catalogue code (目录编码) in the implementation list: exported, read back, checked, all or nothing."""

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from guides.importexport import export_guides, import_guides
from guides.models import GuidePage
from tests.factories import catalogue_guide_fields, make_catalogue_item, make_department, make_guide

from .support import counts, edited_csv, edited_json, refused_report

POLICE_CREDIT_CODE = "11330100MB0000001X"


@pytest.fixture
def catalogued(guide_index):
    """An implemented catalogue item, a second item no guide implements yet, and a guide outside the catalogue."""
    item = make_catalogue_item(code="4000111", name="居民身份证换领", legal_limit_days=60, legal_limit_unit="natural")
    spare = make_catalogue_item(code="4000222", name="居民户口登记", legal_limit_days=20)
    police = make_department(name="市公安局")
    guide = make_guide(guide_index, department=police, **catalogue_guide_fields(item, credit_code=POLICE_CREDIT_CODE))
    other = make_guide(guide_index, department=police, title="个体工商户设立登记")
    return {"item": item, "spare": spare, "guide": guide, "other": other}


def export_rows(fmt):
    data = export_guides(fmt, GuidePage.objects.live())
    if fmt == "json":
        return {row["item_code"]: row["catalogue_item"] for row in json.loads(data)["guides"]}
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        return {row["事项编码"]: row["目录编码"] for row in rows if row["记录类型"] == "事项"}
    sheet = list(load_workbook(io.BytesIO(data))["事项"].iter_rows(values_only=True))
    code, catalogue = sheet[0].index("事项编码"), sheet[0].index("目录编码")
    return {row[code]: row[catalogue] or "" for row in sheet[1:]}


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
def test_the_export_carries_the_catalogue_code_and_reads_back_unchanged(catalogued, fmt):
    guide, other = catalogued["guide"], catalogued["other"]
    assert export_rows(fmt) == {guide.item_code: "4000111", other.item_code: ""}
    before = counts()
    plan = import_guides(export_guides(fmt, GuidePage.objects.live()), f"list.{fmt}")
    assert (plan.changes, len(plan.unchanged)) == ([], 2)
    assert counts() == before


def test_an_import_sets_the_catalogue_item_of_a_new_guide(catalogued):
    def add(guides):
        new = json.loads(json.dumps(guides[0]))
        new.update(
            item_code=f"{POLICE_CREDIT_CODE}4000222A001", title="居民户口登记", slug="", catalogue_item="4000222"
        )
        guides.append(new)

    plan = import_guides(edited_json(add), "list.json")
    assert [change.record.item_code for change in plan.created] == [f"{POLICE_CREDIT_CODE}4000222A001"]
    created = GuidePage.objects.get(item_code=f"{POLICE_CREDIT_CODE}4000222A001")
    assert created.live and created.catalogue_item == catalogued["spare"]
    assert export_rows("json")[created.item_code] == "4000222"


def test_an_unknown_catalogue_code_is_refused_naming_the_row_and_nothing_changes(catalogued):
    def change(rows):
        guides = [row for row in rows if row["记录类型"] == "事项"]
        guides[0]["事项名称"] = "居民身份证换领（新）"  # a good change in the same file must not be applied alone
        guides[1]["目录编码"] = "9999999"

    before = counts()
    report = refused_report(edited_csv(change), "list.csv")
    assert counts() == before
    assert "「目录编码」列：目录编码「9999999」不在事项目录中，请先在“基础数据 › 事项目录”中添加" in report
    assert "第 " in report.split("目录编码「9999999」")[0].splitlines()[-1]
    assert GuidePage.objects.get(pk=catalogued["guide"].pk).title == "居民身份证换领"


def test_an_import_that_breaks_the_catalogue_rules_is_refused(catalogued):
    def change(guides):
        by_code = {row["item_code"]: row for row in guides}
        by_code[catalogued["guide"].item_code]["item_type"] = "confirmation"
        by_code[catalogued["other"].item_code]["catalogue_item"] = "4000222"  # its name and code are not the item's

    before = counts()
    report = refused_report(edited_json(change), "list.json")
    assert counts() == before
    assert "「事项类型」列：事项类型「行政确认」与目录事项「居民身份证换领」的「行政许可」不一致" in report
    assert "「事项名称」列：事项名称「个体工商户设立登记」与目录事项「居民户口登记」不一致" in report
    assert "「事项编码」列：事项编码" in report and "与目录编码「4000222」不一致" in report


def test_a_list_written_before_the_catalogue_still_imports_and_keeps_each_guides_item(catalogued):
    def without_catalogue_column(text, change=None):
        lines = list(csv.reader(io.StringIO(text)))
        position = lines[0].index("目录编码")
        for cells in lines[1:]:
            if change and cells[lines[0].index("事项编码")] == catalogued["guide"].item_code:
                cells[lines[0].index("一句话说明")] = change
        output = io.StringIO()
        csv.writer(output).writerows([cells[:position] + cells[position + 1 :] for cells in lines])
        return output.getvalue().encode()

    text = export_guides("csv", GuidePage.objects.live()).decode("utf-8-sig")
    plan = import_guides(without_catalogue_column(text), "old.csv")
    assert (plan.changes, len(plan.unchanged)) == ([], 2)
    plan = import_guides(without_catalogue_column(text, change="新的一句话说明"), "old.csv")
    assert [change.changed for change in plan.updated] == [["一句话说明"]]
    guide = GuidePage.objects.get(pk=catalogued["guide"].pk)
    assert guide.summary == "新的一句话说明" and guide.catalogue_item == catalogued["item"]
