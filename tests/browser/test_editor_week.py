"""An editor's week in Chromium: find a library material by Chinese and by pinyin, edit a guide, see a rule's
warning, submit; the reviewer sees the changes against the live version and approves; a citizen's 差评 arrives,
the department answers it, and the board's 整改率 moves."""

import json
import os
import re
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import DEMO_PASSWORD, PHONE

pytestmark = pytest.mark.browser

GUIDE = "居民身份证换领（有效期满）"  # 市公安局: 60 natural days by law, 15 working days committed
# BROWSER_SHOTS=<folder> keeps screenshots of the editor's, the reviewer's and the citizen's views.
SHOTS = os.environ.get("BROWSER_SHOTS")


def log_in(browser, site_url, username, viewport=None):
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.goto(site_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/$"))
    return context, page


def police_rectification(site_url):
    with urllib.request.urlopen(site_url + "/api/commitments/") as response:  # noqa: S310 - local server
        board = json.load(response)
    return next(row for row in board["departments"] if row["code"] == "gongan")


def edit_url_of(page, site_url, guide_url):
    html = page.context.request.get(site_url + guide_url).text()
    return re.search(r"/admin/pages/\d+/edit/", html).group(0)


def shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=False)


def chooser_titles(modal):
    return [text.strip() for text in modal.locator("table tbody tr td:first-child").all_inner_texts()]


def find_in_material_chooser(page, site_url):
    """In a new guide's 申请材料 tab, the material chooser finds 居民身份证 by 身份证 and by shenfenzheng."""
    page.goto(site_url + "/admin/pages/")
    index_id = re.search(r"/admin/pages/(\d+)/", page.url).group(1)
    page.goto(f"{site_url}/admin/pages/add/guides/guidepage/{index_id}/")
    page.get_by_role("tab", name="申请材料").click()
    page.locator("[id^=inline_child_materials-] .unchosen [data-chooser-action-choose]").first.click()
    modal = page.locator(".modal-dialog, [role=dialog]").filter(has=page.locator("input[name=q]")).first
    modal.wait_for()
    unrelated = next(title for title in chooser_titles(modal) if "身份" not in title)  # the library, unsearched
    search = modal.locator("input[name=q]")
    for typed in ("身份证", "shenfenzheng"):
        with page.expect_response(re.compile(r"/admin/snippets/choose/guides/material/results/")):
            search.fill(typed)
        page.wait_for_timeout(500)  # the results replace the list after the response
        found = chooser_titles(modal)
        assert "居民身份证" in found, (typed, found)
        assert unrelated not in found, (typed, found)
    shot(page, "editor-chooser-1280")


def test_an_editors_week(browser, site_url, board):
    guide_url = next(guide["url"] for guide in board["guides"] if guide["title"] == GUIDE)

    # The editor of 市公安局 looks a material up in the library by Chinese and by pinyin.
    editor_context, editor = log_in(browser, site_url, "editor-gongan")
    chooser_page = editor_context.new_page()
    find_in_material_chooser(chooser_page, site_url)
    chooser_page.close()

    # The editor lengthens the commitment beyond the law: the draft is saved, with a warning.
    edit_url = edit_url_of(editor, site_url, guide_url)
    editor.goto(site_url + edit_url)

    # 申请材料: compact rows; 适用情形 ticked from the guide's own options; 来源渠道 left empty follows the library.
    editor.get_by_role("tab", name="申请材料").click()
    rows = editor.locator("[id^=inline_child_materials-]:not([id*=__prefix__]):not([id*=-panel])")
    heights = [round(box["height"]) for box in (row.bounding_box() for row in rows.all()) if box]
    print("material row heights at 1280 px:", heights)  # noqa: T201 - the figure for the report (pytest -s)
    shot(editor, "editor-materials-1280")
    assert heights and max(heights) < 450
    assert editor.locator("input[type=checkbox][name$=-applies_to]").count() > 0
    assert "沿用材料库的设置" in rows.first.inner_text()
    editor.set_viewport_size(PHONE)
    shot(editor, "editor-materials-360")
    editor.set_viewport_size({"width": 1280, "height": 900})
    editor.get_by_role("tab", name="时限与收费").click()
    editor.fill("#id_committed_limit_days", "99")
    editor.get_by_role("button", name="保存草稿").click()
    editor.wait_for_load_state()
    check = editor.locator(".guide-check")
    assert "承诺办结时限（99 个工作日）不能超过法定办结时限（60 个自然日）" in check.inner_text()
    assert "提交审核和发布前必须改正" in check.inner_text()
    assert "承诺办结时限：15 个工作日 → 99 个工作日" in check.inner_text()
    assert "设定依据" not in check.inner_text()  # the browser's CRLF line breaks change nothing
    shot(editor, "editor-warning-1280")

    # Corrected and submitted with a change note.
    editor.get_by_role("tab", name="时限与收费").click()
    editor.fill("#id_committed_limit_days", "10")
    editor.get_by_role("tab", name="基本信息").click()
    editor.fill("#id_change_note", "承诺时限由 15 个工作日压缩为 10 个工作日")
    with editor.expect_navigation():
        editor.evaluate("document.querySelector('button[name=action-submit]').click()")
    editor.goto(site_url + edit_url)
    assert "已通过全部发布规则" in editor.locator(".guide-check").inner_text()
    assert "正在等待审核" in editor.content() and "awaiting moderation" not in editor.content()  # the lock banner
    editor.set_viewport_size(PHONE)
    shot(editor, "editor-submitted-360")
    editor.set_viewport_size({"width": 1280, "height": 900})

    # The reviewer reads the change against the live version, compares, and approves.
    reviewer_context, reviewer = log_in(browser, site_url, "reviewer")
    reviewer.goto(site_url + edit_url)
    check = reviewer.locator(".guide-check")
    assert "承诺办结时限：15 个工作日 → 10 个工作日" in check.inner_text()
    compare = check.get_by_role("link", name="与线上版本逐项比较").get_attribute("href")
    assert "/revisions/compare/live..." in compare
    shot(reviewer, "reviewer-changes-1280")
    reviewer.goto(site_url + compare)
    assert "比较" in reviewer.title() and "Compare" not in reviewer.content()
    assert "设定依据" not in reviewer.locator("main").inner_text()  # CRLF folded: unchanged text is not "changed"
    assert reviewer.locator("main").count() and "10" in reviewer.content()
    shot(reviewer, "reviewer-compare-1280")
    reviewer.goto(site_url + edit_url)
    with reviewer.expect_navigation():
        reviewer.evaluate(
            "document.querySelector('[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])')"
            ".click()"
        )
    citizen = browser.new_context(viewport=PHONE, locale="zh-CN").new_page()
    citizen.goto(site_url + guide_url)
    facts = citizen.locator(".key-fact__limit").inner_text()
    assert "10 个工作日" in facts and "法定 60 个自然日" in facts

    # A citizen gives a 差评; the board counts it at once.
    before = police_rectification(site_url)
    citizen.locator("#feedback-rating summary").click()
    form = citizen.locator("#feedback-rating form")
    form.get_by_label("非常不满意").check()
    form.locator("textarea").fill("说是一次办好，结果跑了两次")
    form.get_by_role("button", name="提交").click()
    assert "感谢您的反馈" in citizen.locator(".notice").inner_text()
    arrived = police_rectification(site_url)
    assert arrived["bad_ratings"] == before["bad_ratings"] + 1
    assert arrived["bad_ratings_handled"] == before["bad_ratings_handled"]

    # The department answers it; the board's 整改率 moves.
    editor.goto(site_url + "/admin/snippets/guides/feedback/?handled=false")
    arrived_row = editor.locator("tbody tr", has_text="说是一次办好")  # demo feedback may share its arrival time
    with editor.expect_navigation():
        arrived_row.locator("a[href*='/admin/snippets/guides/feedback/edit/']").first.click()
    editor.wait_for_load_state()
    assert "说是一次办好，结果跑了两次" in editor.content()
    editor.check("#id_handled")
    editor.fill("#id_note", "已核实：窗口未告知可预约，已培训窗口人员并补充预约说明")
    editor.get_by_role("button", name="保存").first.click()
    editor.wait_for_load_state()
    answered = police_rectification(site_url)
    assert answered["bad_ratings_handled"] == arrived["bad_ratings_handled"] + 1
    assert answered["rectification_rate"] > arrived["rectification_rate"]
    citizen.goto(site_url + "/commitments/")
    citizen.locator("#departments-heading").scroll_into_view_if_needed()
    shot(citizen, "board-departments-360")
    for context in (editor_context, reviewer_context, citizen.context):
        context.close()
