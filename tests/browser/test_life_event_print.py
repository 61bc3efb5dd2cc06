"""一件事 in Chromium: the step-by-step page, its combined checklist printed on A4, and a guide's 补正 sheet."""

import io
import re

import pytest

from guides.demo.life_events import LIFE_EVENTS
from guides.demo.loader import slug_for
from tests.browser.conftest import PHONE
from tests.browser.test_accessibility import axe_violations

pytestmark = pytest.mark.browser

# A4 pages each demo life event's combined checklist takes: the restaurant's 31 materials need a second sheet.
PAGES = {"新生儿出生一件事": 1, "开办餐饮店一件事": 2, "退休一件事": 1}


def pdf_text(pdf):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return (
        len(reader.pages),
        [page.mediabox for page in reader.pages],
        "".join(page.extract_text() for page in reader.pages),
    )


def printed(name, text):
    """Whether `name` is in the PDF's text (without spaces). Chromium's CJK font maps some characters to CJK
    radicals (⺠ for 民, ⼾ for 户, which NFKC would turn into 戶), so any radical may stand for a character."""
    pattern = "".join(f"(?:{re.escape(char)}|[\u2e80-\u2fdf])" for char in compact(name))
    return re.search(pattern, text) is not None


def compact(text):
    """Text without spaces or line breaks."""
    return "".join(text.split())


@pytest.mark.parametrize("title", PAGES)
def test_combined_checklist_prints_on_a4_with_every_material(open_page, title):
    page = open_page(f"/{slug_for(title)}/print/")
    materials = page.locator(".checklist__materials .combined-materials__name").all_inner_texts()
    assert len(materials) >= 5
    pages, boxes, text = pdf_text(page.pdf(format="A4", print_background=False))
    assert pages == PAGES[title]
    assert all(abs(float(box.width) - 595.3) < 1 and abs(float(box.height) - 841.9) < 1.5 for box in boxes)  # A4 in pt
    text = compact(text)
    assert printed("一件事合并告知单", text) and printed(title, text)
    # Each numbered row starts with its name; a long name wraps and the PDF's text interleaves the row's cells.
    missing = [name for number, name in enumerate(materials, 1) if not printed(f"{number}.{name[:4]}", text)]
    assert missing == []


def test_step_by_step_on_a_phone_numbers_steps_and_shows_deadlines(open_page):
    newborn = next(event for event in LIFE_EVENTS if event["title"] == "新生儿出生一件事")
    page = open_page(f"/{slug_for(newborn['title'])}/", viewport=PHONE)
    numbers = page.locator(".step-by-step__number").all_inner_texts()
    assert numbers == ["1", "2", "3"]  # 医保参保 and 社保卡 share step 3
    assert page.get_by_text("孩子出生后 1 个月内").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_role("link", name="出生登记", exact=True).first.click()
    assert "第 2 步" in page.locator(".life-event-nav").inner_text()


def test_clerk_prints_a_correction_sheet_without_javascript(open_page, board):
    guide = next(g for g in board["guides"] if g["title"] == "结婚登记（内地居民）")
    page = open_page(guide["url"] + "print/", javascript=False)
    boxes = page.locator(".correction-form input[type=checkbox]")
    names = [name.strip() for name in page.locator(".correction-form label.choice").all_inner_texts()]
    assert boxes.count() == len(names) >= 2
    boxes.nth(0).check()
    page.fill("#id_applicant", "王小明")
    page.get_by_role("button", name="生成补正告知单").click()
    page.wait_for_load_state()
    sheet = page.locator("article.checklist")
    assert "补正材料一次性告知单" in sheet.inner_text()
    assert f"需要补正的材料（共 {len(names) - 1} 项）" in sheet.inner_text()
    assert "王小明" in page.locator(".checklist__applicant").inner_text()
    pages, _boxes, text = pdf_text(page.pdf(format="A4"))
    text = compact(text)
    assert pages == 1
    assert [name for number, name in enumerate(names[1:], 1) if not printed(f"{number}.{name[:4]}", text)] == []
    assert printed("已收取的材料", text) and printed("王小明", text)


@pytest.mark.parametrize("senior", [False, True], ids=["standard", "senior"])
def test_life_event_pages_and_sheets_have_no_axe_violations(open_page, axe_source, senior):
    restaurant = f"/{slug_for('开办餐饮店一件事')}/"
    paths = {
        "step-by-step": restaurant,
        "step-by-step with answers": restaurant + "?q1=x",
        "combined checklist": restaurant + "print/",
        "guide in a life event": f"/guides/{slug_for('食品经营许可（新办）')}/",
    }
    found = {}
    for name, path in paths.items():
        violations = axe_violations(open_page(path, senior=senior), axe_source)
        if violations:
            found[name] = violations
    assert found == {}
