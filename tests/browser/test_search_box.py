"""The search box's suggestions: an ARIA 1.2 combobox that shows pinyin and initials hits, works by keyboard,
is announced, passes axe while open, and leaves a plain working form when JavaScript is off."""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import PHONE
from tests.browser.test_accessibility import axe_violations

pytestmark = pytest.mark.browser


def type_into_box(page, text):
    box = page.get_by_role("combobox", name="搜索办事事项")
    box.click()
    box.press_sequentially(text)
    page.get_by_role("option").first.wait_for()
    return box


def searched_for(page):
    return parse_qs(urlsplit(page.url).query)["q"][0]


@pytest.mark.parametrize("typed", ["sfz", "shenfenzheng"])
def test_pinyin_and_initials_show_the_chinese_names(open_page, typed):
    page = open_page("/", viewport=PHONE)
    box = type_into_box(page, typed)
    listbox = page.get_by_role("listbox", name="搜索建议")
    assert listbox.is_visible()
    assert "身份证" in listbox.get_by_role("option").all_inner_texts()
    assert box.get_attribute("aria-expanded") == "true"
    assert box.get_attribute("aria-controls") == listbox.get_attribute("id")
    count = len(listbox.get_by_role("option").all())
    assert page.get_by_role("status").filter(has_text="条搜索建议").inner_text().startswith(f"有 {count} 条搜索建议")


def test_keyboard_moves_through_the_suggestions_closes_them_and_searches(open_page):
    page = open_page("/guides/", viewport=PHONE)
    box = type_into_box(page, "sfz")
    options = page.get_by_role("option")
    names = options.all_inner_texts()
    assert box.get_attribute("aria-activedescendant") is None  # nothing chosen until the citizen moves

    box.press("ArrowDown")
    box.press("ArrowDown")
    second = options.nth(1)
    assert box.get_attribute("aria-activedescendant") == second.get_attribute("id")
    assert second.get_attribute("aria-selected") == "true"
    assert options.nth(0).get_attribute("aria-selected") == "false"
    box.press("ArrowUp")
    box.press("ArrowUp")  # wraps round to the last one
    assert box.get_attribute("aria-activedescendant") == options.last.get_attribute("id")

    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert not page.get_by_role("listbox").is_visible()
    assert box.input_value() == "sfz" and box.get_attribute("aria-activedescendant") is None

    box.press("ArrowDown")  # opens the list again on the first suggestion
    assert box.get_attribute("aria-expanded") == "true"
    assert box.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    with page.expect_navigation():
        box.press("Enter")
    assert urlsplit(page.url).path == "/search/" and searched_for(page) == names[0]


def test_a_tap_on_a_suggestion_searches_for_it(open_page):
    page = open_page("/", viewport=PHONE)
    type_into_box(page, "shenfen")
    option = page.get_by_role("option", name="身份证", exact=True)
    with page.expect_navigation():
        option.click()
    assert searched_for(page) == "身份证"


def test_enter_without_a_chosen_suggestion_searches_for_what_was_typed(open_page):
    page = open_page("/", viewport=PHONE)
    box = type_into_box(page, "sfz")
    with page.expect_navigation():
        box.press("Enter")
    assert searched_for(page) == "sfz"


def test_no_axe_violations_with_the_suggestions_open(open_page, axe_source):
    page = open_page("/")
    type_into_box(page, "sfz")
    page.get_by_role("combobox", name="搜索办事事项").press("ArrowDown")
    assert axe_violations(page, axe_source) == []


def test_without_javascript_the_box_is_a_plain_search_form(open_page):
    page = open_page("/", viewport=PHONE, javascript=False)
    assert page.get_by_role("combobox").count() == 0
    box = page.get_by_role("searchbox", name="搜索办事事项")
    box.fill("身份证")
    with page.expect_navigation():
        box.press("Enter")
    assert searched_for(page) == "身份证"
    assert page.get_by_role("heading", name="搜索办事指南").is_visible()


def test_the_search_pages_own_box_suggests_too_and_keeps_its_hint(open_page):
    page = open_page("/search/?q=", viewport=PHONE)
    box = page.get_by_role("combobox", name="想办什么事？")
    assert box.get_attribute("aria-describedby") == "search-hint"
    box.press_sequentially("sfz")
    page.get_by_role("option").first.wait_for()
    assert "身份证" in page.get_by_role("listbox", name="搜索建议").get_by_role("option").all_inner_texts()
