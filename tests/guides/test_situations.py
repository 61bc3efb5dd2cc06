from types import SimpleNamespace

from guides.situations import (
    Question,
    answers_for,
    condition,
    describe,
    group_by_condition,
    materials_for_answers,
    merge_questions,
    parse_answers,
)

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


def test_merge_questions_asks_a_shared_question_once_with_every_option():
    other = [Question(1, "婚姻状况？", ("未婚", "离异")), Question(2, "户口类型？", ("城镇", "农村"))]
    merged = merge_questions([QUESTIONS, other])
    assert [(q.number, q.text, q.options) for q in merged] == [
        (1, "由谁办理？", ("本人办理", "委托代理人办理")),
        (2, "婚姻状况？", ("已婚", "未婚", "离异")),
        (3, "户口类型？", ("城镇", "农村")),
    ]
    assert merge_questions([]) == []


def test_answers_for_reads_a_guides_own_answers_from_the_merged_ones():
    other = [Question(1, "婚姻状况？", ("未婚", "离异")), Question(2, "户口类型？", ("城镇", "农村"))]
    merged = merge_questions([QUESTIONS, other])
    assert answers_for(QUESTIONS, merged, {1: "本人办理", 2: "离异", 3: "农村"}) == {
        1: "本人办理"
    }  # 离异: not its option
    assert answers_for(other, merged, {1: "本人办理", 2: "离异", 3: "农村"}) == {1: "离异", 2: "农村"}
    assert answers_for(other, merged, {}) == {}


def test_condition_names_each_question_and_its_options():
    assert condition(ID_CARD, QUESTIONS) == []
    assert condition(MARRIED_BY_PROXY, QUESTIONS) == [("由谁办理？", ("委托代理人办理",)), ("婚姻状况？", ("已婚",))]
    assert condition(row("证明", "已婚", "丧偶"), QUESTIONS) == [("婚姻状况？", ("已婚",)), ("", ("丧偶",))]
    assert describe(condition(MARRIED_BY_PROXY, QUESTIONS)) == "由谁办理？委托代理人办理；婚姻状况？已婚"
    assert describe([("婚姻状况", ("已婚", "离异"))]) == "婚姻状况：已婚或离异"


def test_group_by_condition_lists_what_everyone_needs_first():
    groups = group_by_condition([PROXY, ID_CARD, MARRIAGE, AGENT_ID], QUESTIONS)
    assert [(label, names(rows)) for label, rows in groups] == [
        ("", ["身份证"]),
        ("由谁办理？委托代理人办理", ["授权委托书", "代理人身份证"]),
        ("婚姻状况？已婚", ["结婚证"]),
    ]
    assert group_by_condition([], QUESTIONS) == []
    answered = group_by_condition([PROXY, ID_CARD, MARRIED_BY_PROXY], QUESTIONS, answered={1: "委托代理人办理"})
    assert [(label, names(rows)) for label, rows in answered] == [
        ("", ["授权委托书", "身份证"]),
        ("婚姻状况？已婚", ["配偶同意书"]),
    ]
