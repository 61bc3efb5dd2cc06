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
