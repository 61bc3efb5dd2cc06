"""An editor finds a library material in the guide editor's chooser by typing Chinese or pinyin (Chromium)."""

import re

import pytest

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-editor-pw"


@pytest.fixture(scope="module")
def editor(site_manage):
    """The demo accounts (editor-gongan edits 临江市公安局's guides), with a known password."""
    site_manage("setup_roles", "--demo-users", ZHINAN_DEMO_PASSWORD=PASSWORD)
    return "editor-gongan"


def sign_in(open_page, username):
    page = open_page("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"), wait_until="commit")  # signed in: the dashboard follows
    return page


def chooser_titles(modal):
    return [text.strip() for text in modal.locator("table tbody tr td:first-child").all_inner_texts()]


@pytest.mark.parametrize("typed", ["身份证", "shenfenzheng"])
def test_the_material_chooser_finds_by_chinese_and_pinyin(open_page, site_url, editor, typed):
    page = sign_in(open_page, editor)
    page.goto(site_url + "/admin/pages/")
    index_id = re.search(r"/admin/pages/(\d+)/", page.url).group(1)
    page.goto(f"{site_url}/admin/pages/add/guides/guidepage/{index_id}/")
    page.get_by_role("tab", name="申请材料").click()
    page.get_by_role("button", name=re.compile("选择材料")).first.click()
    modal = page.locator(".modal-dialog, [role=dialog]").filter(has=page.locator("input[name=q]")).first
    modal.wait_for()
    unfiltered = chooser_titles(modal)
    assert "营业执照" in unfiltered  # the whole library, before searching

    search = modal.locator("input[name=q]")
    with page.expect_response(re.compile(r"/admin/snippets/choose/guides/material/results/")):
        search.fill(typed)
    page.wait_for_timeout(300)  # the results replace the list after the response
    found = chooser_titles(modal)
    assert "居民身份证" in found
    assert "营业执照" not in found
