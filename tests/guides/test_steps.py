"""一件事 as a step-by-step (guides.steps): numbering with and/or, deadlines and totals as ranges."""

from types import SimpleNamespace

import pytest

from guides import steps
from guides.steps import Deadline, Facts, Span, StepLogic


def row(name, logic=StepLogic.NUMBER, optional=False, days=0, visits=0, fees=()):
    return SimpleNamespace(name=name, logic=logic, optional=optional, facts=Facts(days, visits, tuple(fees)))


def names(ways):
    return [[r.name for r in way] for way in ways]


def test_numbered_rows_start_steps_and_or_rows_join_them():
    rows = [row("执照"), row("公司", StepLogic.OR), row("公章"), row("发票", StepLogic.AND), row("许可")]
    numbered = steps.group(rows)
    assert [(s.number, [r.name for r in s.rows]) for s in numbered] == [
        (1, ["执照", "公司"]),
        (2, ["公章", "发票"]),
        (3, ["许可"]),
    ]
    assert names(numbered[0].alternatives) == [["执照"], ["公司"]] and numbered[0].has_choice
    assert names(numbered[1].alternatives) == [["公章", "发票"]] and not numbered[1].has_choice


def test_and_binds_tighter_than_or():
    (step,) = steps.group([row("A"), row("B", StepLogic.AND), row("C", StepLogic.OR), row("D", StepLogic.AND)])
    assert names(step.alternatives) == [["A", "B"], ["C", "D"]]


def test_a_leading_and_or_row_starts_a_step_so_numbers_never_skip():
    numbered = steps.group([row("B", StepLogic.AND), row("C"), row("D", StepLogic.OR)])
    assert [(s.number, len(s.rows)) for s in numbered] == [(1, 1), (2, 2)]
    assert steps.group([]) == []


def test_position_names_the_neighbouring_steps():
    rows = [row("A"), row("B"), row("C", StepLogic.AND), row("D")]
    numbered = steps.group(rows)
    assert steps.position(numbered, rows[0]) == (numbered[0], None, numbered[1])
    assert steps.position(numbered, rows[2]) == (numbered[1], numbered[0], numbered[2])
    assert steps.position(numbered, rows[3]) == (numbered[2], numbered[1], None)
    with pytest.raises(ValueError):
        steps.position(numbered, row("X"))


def test_deadline_counts_from_the_event_in_days_or_months():
    assert Deadline(1, "month").text("孩子出生") == "孩子出生后 1 个月内"
    assert Deadline(90, "day").text("孩子出生") == "孩子出生后 90 日内"


def test_totals_add_steps_run_a_step_side_by_side_and_range_over_choices():
    rows = [
        row("个体户", days=0, visits=1),
        row("公司", StepLogic.OR, days=3, visits=0),
        row("许可", days=10, visits=1),
        row("排水", StepLogic.AND, optional=True, days=15, visits=2, fees=["许可证工本费 10 元"]),
    ]
    totals = steps.totals(steps.group(rows), lambda r: r.facts)
    assert totals.days == Span(0 + 10, 3 + 15)  # step 2 runs side by side: the slower of 许可 and 排水
    assert totals.visits == Span(0 + 1, 1 + 3)  # every trip counts
    assert totals.fees == ((rows[3], "许可证工本费 10 元"),)
    assert not totals.charged_always  # 排水 is optional: its fee is not due for everyone


def test_a_fee_on_every_way_through_a_step_is_always_due():
    rows = [row("A", fees=["工本费"]), row("B", StepLogic.OR, fees=["登记费"])]
    totals = steps.totals(steps.group(rows), lambda r: r.facts)
    assert totals.charged_always and len(totals.fees) == 2
    assert Span(3, 3).exact and not Span(0, 3).exact
