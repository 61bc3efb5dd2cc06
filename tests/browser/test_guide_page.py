"""The guide page on a 360-px phone: its contents list, its length in both modes, and 长辈版's simpler page."""

import pytest

from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser

# 长辈版 sets every rem 1.5 times larger; by folding all but the facts, the call and the materials it must still
# not be much longer than the standard page.
SENIOR_LENGTH_LIMIT = 1.3


def longest_guide(board):
    """The demo guide with the most materials: the longest page, with situations, fees and 容缺 rows."""
    return max(board["guides"], key=lambda guide: guide["materials"])["url"]


def page_height(page):
    return page.evaluate("document.documentElement.scrollHeight")


def test_contents_list_jumps_to_every_section_on_a_phone(open_page, board):
    page = open_page(longest_guide(board), viewport=PHONE)
    contents = page.get_by_role("navigation", name="本页内容")
    links = contents.get_by_role("link")
    names = links.all_inner_texts()
    assert names[:3] == ["申请材料", "受理条件", "办理流程"] and "设定依据" in names
    for index, name in enumerate(names):
        page.evaluate("window.scrollTo(0, 0)")
        links.nth(index).click()
        target = page.locator(links.nth(index).get_attribute("href"))
        heading = target.get_by_role("heading", level=2)
        assert heading.inner_text() == name
        top = target.evaluate("element => element.getBoundingClientRect().top")
        assert -1 <= top < PHONE["height"] / 2, f"{name} is not at the top of the screen after its link"


def test_senior_page_is_not_longer_than_the_standard_page(open_page, board, site_url):
    """Every demo guide, measured at 360 px in both modes (one tab per mode, so the CSS loads once)."""
    standard_tab, senior_tab = open_page("/", viewport=PHONE), open_page("/", viewport=PHONE, senior=True)
    heights = {}
    for guide in board["guides"]:
        standard_tab.goto(site_url + guide["url"])
        senior_tab.goto(site_url + guide["url"])
        heights[guide["title"]] = (page_height(standard_tab), page_height(senior_tab))
    ratios = {title: senior / standard for title, (standard, senior) in heights.items()}
    for mode, column in (("standard", 0), ("长辈版", 1)):
        values = sorted(pair[column] for pair in heights.values())
        print(f"guide page height at 360 px, {mode}: {values[0]}–{values[-1]} px (median {values[len(values) // 2]})")
    print(f"长辈版 / standard: at most {max(ratios.values()):.2f}")
    assert {title: f"{ratio:.2f}" for title, ratio in ratios.items() if ratio > SENIOR_LENGTH_LIMIT} == {}


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_senior_page_puts_the_call_facts_and_materials_first_and_folds_the_rest(open_page, board, javascript):
    page = open_page(longest_guide(board), viewport=PHONE, senior=True, javascript=javascript)
    call = page.locator("a.button--call")
    assert call.get_attribute("href").startswith("tel:")
    assert call.bounding_box()["y"] + call.bounding_box()["height"] <= PHONE["height"], "the call is below the fold"
    assert page.get_by_role("heading", name="申请材料", level=2).is_visible()
    assert page.locator("table.materials").is_visible()
    assert page.get_by_role("navigation", name="本页内容").count() == 0
    folds = page.locator("details.fold")
    summaries = folds.locator("> summary").all_inner_texts()
    assert {"受理条件", "办理流程", "办理地点与咨询", "设定依据"} <= set(summaries)
    assert folds.evaluate_all("folds => folds.filter(fold => fold.open).length") == 0
    assert not page.get_by_text("监督投诉电话").is_visible()
    page.locator("#where > summary").click()  # a <details> opens without JavaScript
    assert page.get_by_text("监督投诉电话").is_visible()
