"""Learning from searches in Chromium: a query that found nothing, then another, then a result opened, send the
beacons search/clicks.py records (and the server answers 204); the result link itself is a plain link."""

from urllib.parse import parse_qs

import pytest

from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser

NOTHING = "喵喵喵喵"


def test_a_reformulation_and_the_result_opened_reach_the_beacon(open_page):
    page = open_page("/search/?q=" + NOTHING, viewport=PHONE)
    assert page.locator("script[data-results='0']").count() == 1
    stored = page.evaluate("() => sessionStorage.getItem('zhinan-search-found-nothing')")
    assert NOTHING in stored

    beacons = []
    page.on("requestfinished", lambda request: "/api/search/click/" in request.url and beacons.append(request))
    box = page.get_by_role("searchbox").or_(page.get_by_role("combobox")).first
    box.fill("身份证")
    with page.expect_request_finished(lambda request: "/api/search/click/" in request.url):
        box.press("Enter")
    reformulation = parse_qs(beacons[0].post_data)
    assert reformulation == {"q": ["身份证"], "prev": [NOTHING]}
    assert beacons[0].response().status == 204
    assert page.evaluate("() => sessionStorage.getItem('zhinan-search-found-nothing')") is None

    first = page.locator("a[data-guide]").first
    guide, position = first.get_attribute("data-guide"), first.get_attribute("data-position")
    href = first.get_attribute("href")
    with page.expect_request_finished(lambda request: "/api/search/click/" in request.url):
        first.click()
    page.wait_for_url("**" + href)
    click = parse_qs(beacons[-1].post_data)
    assert click == {"q": ["身份证"], "guide": [guide], "position": [position], "prev": [NOTHING]}
    assert position == "1"
    assert beacons[-1].response().status == 204
