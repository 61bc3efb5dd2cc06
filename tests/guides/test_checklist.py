"""The printed checklist (一次性告知单): its link back with the same answers, its QR code, its number; a life
event's combined material list."""

import datetime
from types import SimpleNamespace

from guides import checklist
from guides.situations import Question

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


def test_sheet_number_names_the_minute_and_six_unambiguous_letters():
    now = datetime.datetime(2026, 11, 29, 9, 5)
    assert checklist.sheet_number(now, token="K7Q2MX") == "20261129-0905-K7Q2MX"
    numbers = {checklist.sheet_number(now) for _ in range(200)}
    assert len(numbers) == 200
    token = numbers.pop().rsplit("-", 1)[1]
    assert len(token) == 6 and set(token) <= set(checklist.SHEET_ALPHABET) and not set(token) & set("01OI")


def material(name, library_id=None, requirement="required", exempt=False):
    return SimpleNamespace(
        display_name=name, material_id=library_id, requirement=requirement, exempt_by_data_sharing=exempt
    )


def test_combine_lists_a_library_material_once_with_every_step_that_needs_it():
    id_card = checklist.Use(1, "个体户", material("居民身份证", library_id=7), [])
    id_card_again = checklist.Use(3, "许可", material("居民身份证", library_id=7, exempt=True), [])
    proxy = checklist.Use(1, "个体户", material("授权委托书", requirement="optional"), [("由谁办理？", ("代理人",))])
    proxy_again = checklist.Use(2, "公章", material("授权委托书"), [("由谁办理？", ("代理人",))])
    combined = checklist.combine([id_card, proxy, id_card_again, proxy_again])
    assert [(m.name, m.steps) for m in combined] == [("居民身份证", [1, 3]), ("授权委托书", [1, 2])]
    first, second = combined
    assert first.required and first.everyone and not first.exempt  # step 1 still wants it on paper
    assert second.required and not second.everyone  # only for an agent
    assert second.uses[0].condition_text == "由谁办理？代理人"
    assert first.row is id_card.row
