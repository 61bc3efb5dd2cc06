"""Every imported value passes its model field's own validators at preview (the dry run), as the database and
the editor form would judge it, so nothing they would refuse can reach the confirmation."""

import pytest

from guides.importexport import export_guides, import_guides
from guides.models import GuidePage

from .support import counts, csv_text, edited_csv, edited_json, refused_report, upload


def _refused_json(change):
    before = counts()
    report = refused_report(edited_json(change), "list.json")
    assert counts() == before
    return report


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (-5, "应为 0 到 32767 之间的整数，现为「-5」"),
        (10**30, "应为 0 到 32767 之间的整数，现为「1000000000000000000000000000000」"),
        (40000, "应为 0 到 32767 之间的整数，现为「40000」"),
        ("9" * 5000, "应为 0 到 32767 之间的整数"),
    ],
)
def test_copies_outside_the_fields_range(content, value, message):
    def change(guides):
        guides[0]["materials"][1]["copies"] = value

    assert f"第 1 条事项的第 2 项材料「份数」列：{message}" in _refused_json(change)


def test_every_integer_column_keeps_its_database_range(content):
    def change(guides):
        guides[1]["visits_required"] = 10**30
        guides[1]["legal_limit_days"] = 2**31

    report = _refused_json(change)
    assert "第 2 条事项「到办事现场次数」列：应为 -2147483648 到 2147483647 之间的整数" in report
    assert "第 2 条事项「法定办结时限」列：应为 -2147483648 到 2147483647 之间的整数" in report


def test_a_huge_number_in_a_csv_cell(content):
    def change(rows):
        assert rows[1]["记录类型"] == "材料"  # row 3 of the file
        rows[1]["份数"] = "1" * 5000

    report = refused_report(edited_csv(change), "list.csv")
    assert "第 3 行「份数」列：应为 0 到 32767 之间的整数" in report


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>", "ftp://files.example/", "//x"]
)
def test_an_online_link_must_be_http_or_https(content, url):
    def change(guides):
        guides[1]["online_url"] = url

    report = _refused_json(change)
    assert "第 2 条事项「网上办理地址」列：应为以 http:// 或 https:// 开头的有效网址" in report


def test_an_online_link_in_a_spreadsheet_is_checked_too(content, admin_client):
    text = csv_text().replace("https://zwfw.example.gov.cn/gt", "javascript:alert(1)")
    response = upload(admin_client, text.encode(), "list.csv")
    assert response.status_code == 400
    assert "「网上办理地址」列：应为以 http:// 或 https:// 开头的有效网址" in response.content.decode()


def test_names_that_are_paths_and_slugs_that_leave_the_guide_index(content):
    def change(guides):
        guides[0]["slug"] = "../../evil"
        guides[0]["materials"][1]["name"] = "../../evil"
        guides[0]["materials"][0]["material"] = "../../evil"
        guides[0]["materials"][0]["name"] = "..\\..\\evil"
        guides[1]["result_name"] = "/etc/passwd"

    report = _refused_json(change)
    assert "第 1 条事项「网址名称」列：只能由字母、数字、汉字、下划线和连字符组成，现为「../../evil」" in report
    assert "第 1 条事项的第 2 项材料「材料名称」列：名称不能是文件路径，现为「../../evil」" in report
    assert "第 1 条事项的第 1 项材料「材料库材料」列：材料库中没有「../../evil」" in report
    assert "第 1 条事项的第 1 项材料「材料名称」列：名称不能是文件路径，现为「..\\..\\evil」" in report
    assert "第 2 条事项「办理结果」列：名称不能是文件路径，现为「/etc/passwd」" in report


def test_control_characters_are_refused(content):
    def change(guides):
        guides[0]["title"] = "居民身份证\x00换领"
        guides[1]["summary"] = "一句\x07话"

    report = _refused_json(change)
    assert "第 1 条事项「事项名称」列：含有看不见的控制字符" in report
    assert "第 2 条事项「一句话说明」列：含有看不见的控制字符" in report


def test_situations_keep_the_editor_forms_lengths(content):
    def change(guides):
        guides[0]["situations"] = "问" * 101 + "：本人办理／委托代理人办理"
        guides[1]["situations"] = "由谁办理？：本人办理／" + "代" * 51

    report = _refused_json(change)
    assert "第 1 条事项「情形」列：问题不能超过 100 个字" in report
    assert "第 2 条事项「情形」列：选项不能超过 50 个字" in report


def test_a_file_the_preview_accepts_is_applied(content):
    """The preview's checks are the confirmation's: what passes one passes the other (here on every format)."""

    def change(guides):
        guides[0]["materials"][1]["copies"] = 32767
        guides[1]["online_url"] = "http://zwfw.example.gov.cn/gt"

    data = edited_json(change)
    assert len(import_guides(data, "list.json", dry_run=True).updated) == 2
    assert len(import_guides(data, "list.json").updated) == 2
    for fmt in ("xlsx", "csv", "json"):
        assert import_guides(export_guides(fmt, GuidePage.objects.live()), f"list.{fmt}").changes == []
