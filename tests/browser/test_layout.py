"""Phones first and light pages: no sideways scrolling at 360 px, a small guide page, no outside requests."""

import gzip
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import PHONE
from tests.browser.test_accessibility import public_paths

pytestmark = pytest.mark.browser

GUIDE_PAGE_BUDGET = 30 * 1024


def test_no_page_scrolls_sideways_at_360px(open_page, board, tmp_path):
    too_wide = {}
    for name, path in public_paths(board).items():
        for senior in (False, True):
            page = open_page(path, viewport=PHONE, senior=senior)
            page.screenshot(path=tmp_path / f"{name}-{senior}.png", full_page=True)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                too_wide[(name, senior)] = width
    assert too_wide == {}


def page_weight(page, url):
    """Gzipped bytes of `url` with everything it loads, and the addresses it requested outside the site."""
    requests = []
    page.on("requestfinished", lambda request: requests.append(request))
    page.goto(url)
    page.wait_for_load_state("load")
    site = urlsplit(url).netloc
    outside = [request.url for request in requests if urlsplit(request.url).netloc != site]
    weight = sum(
        len(gzip.compress(request.response().body()))
        for request in requests
        if request.url not in outside and request.response() is not None and request.response().ok
    )
    return weight, outside


def test_guide_pages_are_light_and_stay_on_site(browser, site_url, board):
    """Every demo guide page, with its CSS and JS, is at most 30 KB gzipped; every request goes to the site."""
    weights, outside = {}, []
    for guide in board["guides"]:
        context = browser.new_context()  # a fresh cache, so the CSS and JS count on every page
        weight, elsewhere = page_weight(context.new_page(), site_url + guide["url"])
        context.close()
        weights[guide["title"]] = weight
        outside += elsewhere
    print("guide page weight, gzipped bytes: max", max(weights.values()), "min", min(weights.values()))
    assert outside == []
    assert {title: weight for title, weight in weights.items() if not 0 < weight <= GUIDE_PAGE_BUDGET} == {}
