from types import SimpleNamespace

from guides.situations import Question, materials_for_answers, parse_answers

WHO = Question(1, "由谁办理？", ("本人办理", "委托代理人办理"))
MARRIED = Question(2, "婚姻状况？", ("已婚", "未婚"))
QUESTIONS = [WHO, MARRIED]


def row(name, *options):
    return SimpleNamespace(name=name, applies_to_options=list(options))


ID_CARD = row("身份证")
PROXY = row("授权委托书", "委托代理人办理")
AGENT_ID = row("代理人身份证", "委托代理人办理")
MARRIAGE = row("结婚证", "已婚")
MARRIED_BY_PROXY = row("配偶同意书", "已婚", "委托代理人办理")
MATERIALS = [ID_CARD, PROXY, AGENT_ID, MARRIAGE, MARRIED_BY_PROXY]


def names(rows):
    return [r.name for r in rows]


def test_no_answers_shows_everything():
    assert materials_for_answers(MATERIALS, QUESTIONS, {}) == MATERIALS


def test_answer_filters_within_its_question_only():
    assert names(materials_for_answers(MATERIALS, QUESTIONS, {1: "本人办理"})) == ["身份证", "结婚证"]


def test_answers_to_several_questions_all_apply():
    result = materials_for_answers(MATERIALS, QUESTIONS, {1: "委托代理人办理", 2: "已婚"})
    assert names(result) == ["身份证", "授权委托书", "代理人身份证", "结婚证", "配偶同意书"]
    result = materials_for_answers(MATERIALS, QUESTIONS, {1: "委托代理人办理", 2: "未婚"})
    assert names(result) == ["身份证", "授权委托书", "代理人身份证"]


def test_parse_answers_keeps_only_valid_options():
    params = {"q1": " 委托代理人办理 ", "q2": "离异", "q3": "已婚", "other": "x"}
    assert parse_answers(QUESTIONS, params) == {1: "委托代理人办理"}
    assert parse_answers(QUESTIONS, {}) == {}
    assert WHO.param == "q1"
