"""Import and export of the implementation list: round trips, idempotence, validation, refused files."""

import io
import json
from dataclasses import replace

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from guides.importexport import export_guides, import_guides, readers
from guides.models import GuidePage

from .support import counts, csv_text, edited_json, refused_report, upload


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
def test_export_then_import_changes_nothing(content, fmt):
    as_json = export_guides("json", GuidePage.objects.live())
    before = counts()
    plan = import_guides(export_guides(fmt, GuidePage.objects.live()), f"list.{fmt}")
    assert (plan.changes, len(plan.unchanged)) == ([], 2)
    assert counts() == before
    assert export_guides("json", GuidePage.objects.live()) == as_json


def test_export_carries_every_sheet_and_label(content):
    workbook = load_workbook(io.BytesIO(export_guides("xlsx", GuidePage.objects.live())))
    assert workbook.sheetnames == ["事项", "材料", "收费"]
    guides = list(workbook["事项"].iter_rows(values_only=True))
    assert guides[1][:4] == ("11330100MB0000001X4000111A001", "居民身份证换领", guides[1][2], "行政许可")
    assert "由谁办理？：本人办理／委托代理人办理" in guides[1]
    materials = list(workbook["材料"].iter_rows(values_only=True))
    assert materials[1][:3] == ("11330100MB0000001X4000111A001", "居民身份证", None)
    assert len(materials) == 4


def test_a_change_is_applied_once_with_a_revision_and_an_update_log_entry(content):
    guide = content["guides"][0]

    def change(guides):
        guides[0]["committed_limit_days"] = 3
        guides[0]["materials"][1]["copies"] = 1

    data = edited_json(change)
    revisions = guide.revisions.count()
    plan = import_guides(data, "list.json")
    assert [c.record.item_code for c in plan.updated] == [guide.item_code]
    assert plan.updated[0].changed == ["承诺办结时限", "申请材料"]
    guide.refresh_from_db()
    assert guide.committed_limit_days == 3 and guide.live and not guide.has_unpublished_changes
    assert guide.revisions.count() == revisions + 1
    assert guide.latest_revision.content["change_note"] == "批量导入"
    entry = guide.updates.first()
    assert entry.note == "批量导入"
    assert "承诺办结时限：5 个工作日 → 3 个工作日" in entry.changes
    assert "材料「授权委托书」：份数：2 → 1" in entry.changes

    before = counts()
    again = import_guides(data, "list.json")
    assert again.changes == [] and counts() == before


def test_a_new_item_code_creates_a_published_guide(content):
    def add(guides):
        new = json.loads(json.dumps(guides[1]))
        new.update(item_code="11330100MB0000003X4000333C003", title="食品经营许可", slug="")
        guides.append(new)

    plan = import_guides(edited_json(add), "list.json")
    assert [c.record.item_code for c in plan.created] == ["11330100MB0000003X4000333C003"]
    guide = GuidePage.objects.get(item_code="11330100MB0000003X4000333C003")
    assert guide.live and guide.slug == "11330100mb0000003x4000333c003"
    assert [m.display_name for m in guide.materials.all()] == ["居民身份证"]


def test_a_broken_file_reports_every_problem_and_changes_nothing(content):
    def damage(guides):
        guides[0]["committed_limit_days"] = 90
        guides[0]["materials"].append({**guides[0]["materials"][1], "name": "其他材料", "applies_to": ""})
        guides[1]["department"] = "不存在的局"
        guides[1]["online_level"] = "网上办"
        guides[1]["materials"][0]["copies"] = "两份"

    before = counts()
    report = refused_report(edited_json(damage), "list.json")
    assert counts() == before
    assert "导入被拒绝：发现 5 个问题，没有做任何修改。" in report
    assert "第 1 条事项「承诺办结时限」列：承诺办结时限（90 个工作日）不能超过法定办结时限（20 个工作日）" in report
    assert "第 1 条事项的第 3 项材料「材料名称」列：申请材料第 3 项「其他材料」是兜底表述" in report
    assert "第 2 条事项「实施主体」列：部门「不存在的局」不存在" in report
    assert "第 2 条事项「网上办理深度」列：应为以下之一：全程网办、部分网办、仅线下办理；现为「网上办」" in report
    assert "第 2 条事项的第 1 项材料「份数」列：应填写整数，现为「两份」" in report


def test_rule_errors_point_at_the_sheet_row_and_column(content):
    workbook = load_workbook(io.BytesIO(export_guides("xlsx", GuidePage.objects.live())))
    workbook["事项"]["M2"] = 90  # 承诺办结时限 above the legal 20 days
    workbook["收费"]["D2"] = ""  # 收费依据
    output = io.BytesIO()
    workbook.save(output)
    report = refused_report(output.getvalue(), "list.xlsx")
    assert (
        "「事项」表第 2 行「承诺办结时限」列：承诺办结时限（90 个工作日）不能超过法定办结时限（20 个工作日）" in report
    )
    assert "「收费」表第 2 行「收费依据」列：收费项目第 1 项「证件工本费」缺少收费依据" in report


def test_one_bad_guide_stops_the_good_ones_too(content):
    def change(guides):
        guides[0]["summary"] = "新的说明"
        guides[1]["visits_required"] = 2  # fully online with visits: refused

    before = counts()
    refused_report(edited_json(change), "list.json")
    assert counts() == before
    assert GuidePage.objects.get(pk=content["guides"][0].pk).summary == "一句话说明"


def test_a_guide_with_an_unpublished_draft_is_not_overwritten(content):
    guide = content["guides"][0]
    guide.summary = "编辑写了一半"
    guide.save_revision()

    def change(guides):
        guides[0]["summary"] = "导入的说明"

    report = refused_report(edited_json(change), "list.json")
    assert "尚未发布的修改" in report
    assert guide.get_latest_revision_as_object().summary == "编辑写了一半"


def test_gbk_csv_saved_by_excel_is_read(content):
    data = csv_text().replace("材料齐全当场办结", "材料齐全当场办结，无需等候").encode("gb18030")
    plan = import_guides(data, "list.csv")
    assert len(plan.updated) == 1
    assert any("GBK" in note for note in plan.notes)
    assert GuidePage.objects.get(pk=content["guides"][1].pk).limit_note == "材料齐全当场办结，无需等候"


def test_utf8_csv_with_and_without_bom(content):
    before = counts()
    assert import_guides(csv_text().encode("utf-8-sig"), "a.csv").changes == []
    assert import_guides(csv_text().encode("utf-8"), "a.csv").changes == []
    assert counts() == before


def test_wrong_columns_are_named(content):
    text = csv_text().replace("承诺办结时限", "承诺时限", 1).replace("份数", "数量", 1)
    report = refused_report(text.encode("utf-8"), "list.csv")
    assert "第 1 行有未知的列：「承诺时限」、「数量」" in report


def test_missing_sheet_and_column_in_xlsx(content):
    workbook = load_workbook(io.BytesIO(export_guides("xlsx", GuidePage.objects.live())))
    workbook["材料"].delete_cols(6)  # 份数
    output = io.BytesIO()
    workbook.save(output)
    assert "「材料」表第 1 行：缺少列：份数" in refused_report(output.getvalue(), "list.xlsx")
    del workbook["收费"]
    output = io.BytesIO()
    workbook.save(output)
    assert "缺少工作表：收费" in refused_report(output.getvalue(), "list.xlsx")


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "list.csv", "文件是空的"),
        (b"  \n", "list.json", "文件是空的"),
        (b"not a zip", "list.xlsx", "无法作为 Excel 文件（.xlsx）打开"),
        (b"{}", "list.json", "JSON 文件应为"),
        (b"x", "list.docx", "不支持的文件类型「docx」"),
        (b"\xff\xfe\x00\x00" * 10, "list.csv", "无法识别文件的文字编码"),
    ],
)
def test_unreadable_files(db, data, filename, message):
    assert message in refused_report(data, filename)


def test_huge_files_are_refused(content):
    assert "文件超过 5 MB" in refused_report(b" " * (readers.UPLOAD.bytes + 1), "list.csv")
    few = replace(readers.UPLOAD, rows=2)
    for fmt in ("csv", "xlsx", "json"):
        listed = export_guides(fmt, GuidePage.objects.live())
        assert "行数超过 2 行" in refused_report(listed, f"list.{fmt}", limits=few)


def test_the_command_imports_a_list_longer_than_an_upload_may_be(content, tmp_path):
    """A province's list is imported on the server (10,000 guides made 8.6 MB of CSV): the command reads up to
    ON_SERVER's limits, while the admin refuses the same file for an upload's 5 MB."""
    path = tmp_path / "list.json"
    call_command("export_guides", "--format", "json", "--output", str(path))
    document = json.loads(path.read_text())
    document["guides"][0]["summary"] = "服务器上导入"
    path.write_text(json.dumps(document, ensure_ascii=False) + " " * readers.UPLOAD.bytes)  # JSON ignores it
    assert "文件超过 5 MB" in refused_report(path.read_bytes(), "list.json")
    call_command("import_guides", str(path), stdout=io.StringIO())
    assert GuidePage.objects.get(pk=content["guides"][0].pk).summary == "服务器上导入"


def test_excel_scientific_notation_item_code(content):
    text = csv_text().replace("11330100MB0000002X4000222B002", "1.1330100E+28")
    assert "像是被 Excel 转成了科学计数法" in refused_report(text.encode(), "list.csv")


def test_commands(content, tmp_path):
    path = tmp_path / "list.json"
    call_command("export_guides", "--format", "json", "--output", str(path))
    document = json.loads(path.read_text())
    document["guides"][0]["summary"] = "命令导入"
    path.write_text(json.dumps(document, ensure_ascii=False))
    out = io.StringIO()
    call_command("import_guides", str(path), "--dry-run", stdout=out)
    assert "将更新 1 篇" in out.getvalue()
    assert GuidePage.objects.get(pk=content["guides"][0].pk).summary == "一句话说明"
    call_command("import_guides", str(path), stdout=io.StringIO())
    assert GuidePage.objects.get(pk=content["guides"][0].pk).summary == "命令导入"

    broken = tmp_path / "broken.csv"
    broken.write_bytes(b"")
    err = io.StringIO()
    with pytest.raises(CommandError, match="导入被拒绝"):
        call_command("import_guides", str(broken), stderr=err)
    assert "文件是空的" in err.getvalue()


def test_admin_upload_previews_then_applies(content, admin_client):
    def change(guides):
        guides[0]["summary"] = "后台导入"

    before = counts()
    preview = upload(admin_client, edited_json(change), "list.json")
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "将新增 0 篇，更新 1 篇，1 篇未变化" in html and "一句话说明" in html
    assert counts() == before
    token = preview.context["token"]
    response = admin_client.post(reverse("guides_import"), {"token": token})
    assert response.status_code == 302
    assert GuidePage.objects.get(pk=content["guides"][0].pk).summary == "后台导入"
    assert admin_client.post(reverse("guides_import"), {"token": token}).status_code == 404


def test_admin_upload_of_a_broken_file_lists_the_problems(content, admin_client):
    response = upload(admin_client, csv_text().replace("行政许可", "许可").encode(), "list.csv")
    assert response.status_code == 400
    assert "第 2 行「事项类型」列：应为以下之一" in response.content.decode()


def test_admin_export_and_bad_tokens(content, admin_client):
    response = admin_client.get(reverse("guides_export", args=["csv"]))
    assert response["Content-Disposition"] == 'attachment; filename="implementation-list-localhost.csv"'
    assert response.content == export_guides("csv", GuidePage.objects.live())
    assert admin_client.get(reverse("guides_export", args=["pdf"])).status_code == 404
    assert admin_client.post(reverse("guides_import"), {"token": "../../etc/passwd"}).status_code == 404


def test_only_administrators_import(content, client, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get(reverse("guides_import")).status_code in (302, 403)
    export = client.get(reverse("guides_export", args=["json"]))
    assert export.status_code in (302, 403)
    assert "Content-Disposition" not in export


def test_demo_content_round_trips_identically(db):
    call_command("load_demo", stdout=io.StringIO())
    as_json = export_guides("json", GuidePage.objects.live())
    before = counts()
    for fmt in ("xlsx", "csv", "json"):
        plan = import_guides(export_guides(fmt, GuidePage.objects.live()), f"demo.{fmt}")
        assert plan.changes == [] and len(plan.unchanged) == GuidePage.objects.live().count() >= 40
    assert counts() == before
    assert export_guides("json", GuidePage.objects.live()) == as_json


def test_process_steps_halls_and_limit_units_travel_through_the_file(content):
    def add(guides):
        new = json.loads(json.dumps(guides[0]))
        assert new["steps"] == "受理\n审核\n办结" and new["halls"].endswith("｜1 号窗口")
        new.update(item_code="11330100MB0000004X4000444D004", title="居民身份证首次申领", slug="")
        new.update(legal_limit_days=60, legal_limit_unit="natural", steps="受理：现场采集指纹\n领证")
        guides.append(new)

    import_guides(edited_json(add), "list.json")
    guide = GuidePage.objects.get(item_code="11330100MB0000004X4000444D004")
    assert guide.legal_limit_text == "60 个自然日"
    assert [(step.title, step.description) for step in guide.steps.all()] == [("受理", "现场采集指纹"), ("领证", "")]
    assert guide.halls.count() == 1


def test_an_unknown_hall_is_named(content):
    def move(guides):
        guides[0]["halls"] = "不存在的大厅｜1 号窗口"

    assert "办事大厅「不存在的大厅」不存在" in refused_report(edited_json(move), "list.json")
