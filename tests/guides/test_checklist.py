"""The printed checklist (一次性告知单): its link back with the same answers, and its QR code."""

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
