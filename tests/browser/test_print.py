"""Every demo guide's checklist prints on one A4 page, with its QR code and signature line."""

import io

import pytest

pytestmark = pytest.mark.browser


def test_every_checklist_fits_one_a4_page(open_page, site_url, board):
    from pypdf import PdfReader

    assert len(board["guides"]) >= 40
    page = open_page("/")
    pages_by_guide = {}
    for guide in board["guides"]:
        page.goto(site_url + guide["url"] + "print/")
        assert page.locator("svg.qr").count() == 1
        assert page.locator(".checklist__sign").count() == 1
        pdf = page.pdf(format="A4")
        pages_by_guide[guide["title"]] = len(PdfReader(io.BytesIO(pdf)).pages)
    assert {title: count for title, count in pages_by_guide.items() if count != 1} == {}


def test_guide_page_prints_without_site_chrome(open_page, board):
    page = open_page(board["guides"][0]["url"])
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator("#feedback").is_visible()
    assert page.locator("table.materials").is_visible()
    answers = page.locator("details.faq p")
    assert answers.count() and answers.first.is_visible()  # folded FAQ answers print opened
