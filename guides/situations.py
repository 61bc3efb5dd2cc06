"""Situational guidance: which materials an applicant needs, given their answers."""

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Question:
    """A situation question; `number` is its 1-based position and names its GET parameter q<number>."""

    number: int
    text: str
    options: tuple[str, ...]

    @property
    def param(self):
        return f"q{self.number}"


def questions_from_stream(stream):
    """The questions of a guide's `situations` StreamField, numbered from 1."""
    return [
        Question(
            number=number,
            text=block.value["question"],
            options=tuple(option.strip() for option in block.value["options"] if option.strip()),
        )
        for number, block in enumerate(stream, start=1)
    ]


def parse_answers(questions, params: Mapping):
    """Read answers from GET-style parameters (q1=本人办理 …), ignoring anything that is not a valid option."""
    answers = {}
    for question in questions:
        value = (params.get(question.param) or "").strip()
        if value in question.options:
            answers[question.number] = value
    return answers


def materials_for_answers(materials, questions, answers):
    """The materials that apply, in their order.

    A material with no `applies_to_options` always applies. Otherwise its options are grouped by question:
    for each question the applicant has answered, the answer must be one of the material's options for that
    question. Questions left unanswered do not remove anything, so an unanswered guide shows every material.
    """
    question_of_option = {option: question.number for question in questions for option in question.options}
    selected = []
    for material in materials:
        options_by_question = {}
        for option in material.applies_to_options:
            number = question_of_option.get(option)
            if number is not None:
                options_by_question.setdefault(number, set()).add(option)
        if all(
            answers.get(number) is None or answers[number] in options for number, options in options_by_question.items()
        ):
            selected.append(material)
    return selected


def merge_questions(question_lists):
    """One set of questions for several guides: a question asked by several guides (the same text) is asked
    once, with every option any of them offers, in the order first met; numbered from 1."""
    merged = {}
    for questions in question_lists:
        for question in questions:
            options = merged.setdefault(question.text, [])
            options.extend(option for option in question.options if option not in options)
    return [Question(number, text, tuple(options)) for number, (text, options) in enumerate(merged.items(), start=1)]


def answers_for(questions, merged, merged_answers):
    """A guide's own answers ({its question number: option}) read from answers to the merged questions."""
    by_text = {question.text: merged_answers.get(question.number) for question in merged}
    return {
        question.number: by_text[question.text]
        for question in questions
        if by_text.get(question.text) in question.options
    }


def condition(material, questions, answered=()):
    """When a material is needed, as (question text, its options for the material) pairs in question order;
    [] when every applicant needs it. Options that no question offers are named on their own; questions whose
    numbers are in `answered` are left out (the applicant's answer already chose the material)."""
    options = material.applies_to_options
    pairs = [
        (question.text, tuple(option for option in question.options if option in options))
        for question in questions
        if question.number not in answered and any(option in options for option in question.options)
    ]
    asked = {option for question in questions for option in question.options}
    pairs.extend(("", (option,)) for option in options if option not in asked)
    return pairs


def describe(pairs):
    """A condition as one line: 婚姻状况？离异或丧偶；由谁办理？委托代理人办理."""
    return "；".join(
        f"{text}{'' if not text or text[-1] in '？?：:' else '：'}{'或'.join(options)}" for text, options in pairs
    )


def group_by_condition(materials, questions, answered=()):
    """Materials grouped by when they are needed: [(condition described, rows)], the rows every applicant needs
    first (condition ""), then one group per condition in the order first met. For a sheet printed before the
    applicant's situation is known, so that 结婚证 and 离婚证 are not both listed as simply 必需."""
    groups = {(): []}
    for material in materials:
        groups.setdefault(tuple(condition(material, questions, answered)), []).append(material)
    return [(describe(key), rows) for key, rows in groups.items() if rows]
