"""Journeys a citizen and a hall clerk make, in Chromium, with the keyboard alone where it matters."""

import pytest

from tests.browser.conftest import PHONE, missing

pytestmark = pytest.mark.browser


def tab_to(page, selector, limit=200):
    """Press Tab until the focused element matches `selector`; fail if it never does."""
    for _press in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


def guide_with_questions(open_page, board):
    for guide in board["guides"]:
        page = open_page(guide["url"])
        if page.locator("form.situations").count():
            return guide, page
    pytest.fail("no demo guide has situation questions")


def test_citizen_searches_answers_and_prints_with_keyboard_only(open_page, board):
    guide, _page = guide_with_questions(open_page, board)
    page = open_page("/", viewport=PHONE)
    tab_to(page, "a.skip-link")
    tab_to(page, "#home-search")
    page.keyboard.type(guide["title"])
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/**")
    if page.title().startswith("页面不存在"):
        missing("the search page (/search/) is not on this branch yet")
    tab_to(page, f'main a[href="{guide["url"]}"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**" + guide["url"])

    tab_to(page, "form.situations input[type=radio]")
    page.keyboard.press("Space")
    chosen = page.evaluate("document.activeElement.value")
    tab_to(page, "form.situations button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**?q1=*")
    assert page.locator(".situations__summary").inner_text().count(chosen) == 1

    tab_to(page, "a.button--secondary")
    page.keyboard.press("Enter")
    page.wait_for_url("**/print/?q1=*")
    assert chosen in page.locator(".checklist__situation").inner_text()
    assert "q1=" in page.locator(".checklist__link").inner_text()


def test_clerk_prints_a_checklist_for_a_situation_without_javascript(open_page, board):
    guide, page = guide_with_questions(open_page, board)
    page = open_page(guide["url"], javascript=False)
    every_material = page.locator("table.materials tbody tr").count()
    for fieldset in page.locator("form.situations fieldset").all():
        fieldset.locator("input[type=radio]").last.check()
    page.locator("form.situations button[type=submit]").click()
    situation_materials = page.locator("table.materials tbody tr").count()
    assert 0 < situation_materials <= every_material
    page.get_by_role("link", name="打印一次性告知单").click()
    assert page.locator(".checklist__materials tbody tr").count() == situation_materials
    assert page.locator(".checklist__sign").inner_text().startswith("窗口工作人员签名")
    assert page.locator(".tick").count() == situation_materials


def test_senior_mode_is_remembered_without_javascript(open_page, site_url, board):
    page = open_page(board["guides"][0]["url"], viewport=PHONE, javascript=False)
    page.get_by_role("link", name="长辈版").click()
    assert page.locator("html").get_attribute("class") == "senior"
    font_px = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)")
    assert font_px >= 24  # 18 pt
    small_targets = page.evaluate(
        """() => [...document.querySelectorAll(
            'button, .button, summary, .choice, .tiles a, .site-nav a, .senior-switch, input[type=search]')]
            .filter(el => el.offsetParent !== null && el.getBoundingClientRect().height < 60)
            .map(el => el.outerHTML.slice(0, 80))"""
    )
    assert small_targets == []
    page.goto(site_url + "/commitments/")
    assert page.locator("html").get_attribute("class") == "senior"


def test_senior_mode_contrast_is_at_least_7_to_1(open_page, board, axe_source):
    page = open_page(board["guides"][0]["url"], senior=True)
    page.add_script_tag(content=axe_source)
    result = page.evaluate("axe.run(document, {runOnly: {type: 'rule', values: ['color-contrast-enhanced']}})")
    assert [node["target"] for violation in result["violations"] for node in violation["nodes"]] == []


def test_feedback_is_sent_and_thanked(open_page, board):
    page = open_page(board["guides"][1]["url"])
    form = page.locator("#feedback form").first
    form.get_by_label("有用", exact=True).check()
    form.get_by_role("button", name="提交").click()
    assert "感谢您的反馈" in page.locator(".notice").inner_text()
