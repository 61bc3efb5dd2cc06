"""The print checklist (一次性告知单): link back with the same answers, QR code, version, signature line."""

import pytest
from wagtail.blocks import StreamValue

from guides import checklist
from guides.situations import Question
from tests.factories import add_hall, make_guide

QUESTIONS = [Question(1, "婚姻状况", ("未婚", "离异")), Question(2, "由谁办理", ("本人", "代理人"))]


def test_answers_query_keeps_question_order_and_skips_unanswered():
    assert checklist.answers_query(QUESTIONS, {2: "代理人", 1: "离异"}) == (
        "q1=%E7%A6%BB%E5%BC%82&q2=%E4%BB%A3%E7%90%86%E4%BA%BA"
    )
    assert checklist.answers_query(QUESTIONS, {2: "本人"}) == "q2=%E6%9C%AC%E4%BA%BA"
    assert checklist.answers_query(QUESTIONS, {}) == ""


def test_guide_link_adds_the_answers_only_when_there_are_some():
    assert checklist.guide_link("https://zw.example.cn/guides/a/", QUESTIONS, {}) == "https://zw.example.cn/guides/a/"
    assert checklist.guide_link("https://zw.example.cn/guides/a/", QUESTIONS, {1: "未婚"}).endswith(
        "/guides/a/?q1=%E6%9C%AA%E5%A9%9A"
    )


def test_qr_svg_is_inline_and_labelled():
    svg = checklist.qr_svg("https://zw.example.cn/guides/a/?q1=x", "扫码打开")
    assert svg.startswith('<svg role="img" aria-label="扫码打开" ')
    assert "<?xml" not in svg and "<path" in svg


@pytest.fixture
def guide(guide_index):
    guide = make_guide(
        guide_index,
        title="结婚登记",
        materials=[{"name": "居民身份证"}, {"name": "离婚证", "applies_to": "离异"}],
    )
    guide.situations = StreamValue(
        guide.situations.stream_block, [("situation", {"question": "婚姻状况", "options": ["未婚", "离异"]})]
    )
    guide.save_revision().publish()
    guide.refresh_from_db()
    add_hall(guide, window="二楼 12 号窗口")
    return guide


@pytest.mark.django_db
def test_checklist_keeps_the_answers(client, guide):
    html = client.get(guide.url + "print/", {"q1": "未婚"}).content.decode()
    assert "一次性告知单" in html
    assert "居民身份证" in html and "离婚证" not in html
    assert "婚姻状况 未婚" in html
    assert "/guides/" in html and "?q1=未婚" in html  # the printed link back keeps the answers
    assert '<svg role="img"' in html
    assert html.count('class="tick"') == 1


@pytest.mark.django_db
def test_checklist_shows_version_place_phones_and_signature(client, guide):
    html = client.get(guide.url + "print/").content.decode()
    assert f"指南版本号：{guide.live_revision.pk}" in html
    assert "二楼 12 号窗口" in html
    assert guide.phones.enquiry in html and guide.phones.complaint in html
    assert "窗口工作人员签名" in html
    assert html.count('class="tick"') == 2


@pytest.mark.django_db
def test_guide_page_links_to_the_checklist_with_the_answers(client, guide):
    html = client.get(guide.url, {"q1": "离异"}).content.decode()
    assert f'href="{guide.url}print/?q1=%E7%A6%BB%E5%BC%82"' in html


@pytest.mark.django_db
def test_checklist_of_a_draft_is_not_public(client, guide_index):
    draft = make_guide(guide_index, publish=False, live=False)
    assert client.get(draft.url + "print/").status_code == 404
