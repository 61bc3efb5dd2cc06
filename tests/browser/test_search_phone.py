"""The search page on a 360-px phone: the first result above the fold, the filters behind one 筛选 control that
works without JavaScript, and a sentence describing a situation landing on its guide."""

import pytest

from guides.demo.site_settings import POPULAR_PINS
from tests.browser.conftest import PHONE
from tests.browser.test_accessibility import axe_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("javascript", [True, False])
def test_a_phone_search_shows_its_first_result_above_the_fold(open_page, javascript):
    page = open_page("/search/?q=社保", viewport=PHONE, javascript=javascript)
    first = page.locator(".search-results > li").first
    box = first.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"], box  # the whole first result
    filters = page.locator("details.search-filters")
    assert filters.count() == 1
    facets = page.get_by_role("navigation", name="筛选")
    assert not facets.is_visible()  # behind the control until asked for
    filters.locator("summary").click()
    assert facets.is_visible()
    department = facets.get_by_role("link").first
    department.click()  # a plain link: filtering needs no JavaScript either
    page.wait_for_load_state()
    assert "department=" in page.url
    assert page.locator(".search-results > li").first.bounding_box()["y"] < PHONE["height"]


def test_a_phone_search_page_is_accessible(open_page, axe_source):
    page = open_page("/search/?q=社保", viewport=PHONE)
    page.locator("details.search-filters summary").click()
    assert axe_violations(page, axe_source) == []


def test_a_sentence_query_lands_on_its_guide(open_page):
    page = open_page("/", viewport=PHONE, javascript=False)
    box = page.get_by_role("searchbox").first
    box.fill("身份证丢了怎么办")
    box.press("Enter")
    page.wait_for_load_state()
    first = page.locator(".search-results > li").first
    assert first.bounding_box()["y"] + first.bounding_box()["height"] <= PHONE["height"]
    assert "找到 1 项" in page.locator(".search-summary").inner_text()  # the one guide that answers the sentence
    notice = page.locator(".search-partial")  # the guides that only mention 身份证, under a notice
    assert notice.is_visible() and "项只包含部分词语" in notice.inner_text()
    assert notice.bounding_box()["y"] > first.bounding_box()["y"]
    first.get_by_role("link").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().strip() == "居民身份证补领"


def test_a_query_of_generic_words_offers_the_popular_items(open_page):
    page = open_page("/search/?q=怎么申请", viewport=PHONE)
    assert page.get_by_role("heading", name="热门事项").is_visible()
    assert page.locator(".search-empty__popular a").count() > 0
    assert "找到 0 项" not in page.content()


def test_the_home_page_offers_the_demo_citys_pinned_items_first(open_page):
    page = open_page("/?audience=person", viewport=PHONE, javascript=False)
    popular = page.locator('section[aria-labelledby="popular-heading"]')
    assert popular.get_by_role("link").first.inner_text().strip() == POPULAR_PINS["person"][0]
    assert popular.get_by_role("link").first.bounding_box()["y"] < PHONE["height"]
    assert "建设工程消防验收" not in popular.inner_text()
