"""一件事 as a step-by-step: numbered steps with "and"/"or", deadlines relative to the event, and totals.

Rows come in the editor's order, each with its `logic`, as in GOV.UK's step-by-step navigation: a numbered row
starts the next step; an "and" row belongs to the step before it and is needed as well; an "or" row belongs to
it as an alternative. Within a step "and" binds tighter than "or": A and B or C means (A and B) or C.
A row marked `optional` is done only in some situations (its note says when). Totals are ranges: the least a
visitor may face (the quickest alternative, no optional row) and the most (the slowest, every optional row).
"""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _


class StepLogic(models.TextChoices):
    NUMBER = "number", _("新的一步")
    AND = "and", _("和：与上一项同属一步，都要办")
    OR = "or", _("或：与上一项同属一步，任选其一")


class DeadlineUnit(models.TextChoices):
    DAY = "day", _("日")
    MONTH = "month", _("个月")


@dataclass(frozen=True)
class Deadline:
    """办理期限 counted from the life event (出生后 1 个月内); natural days or calendar months."""

    amount: int
    unit: str

    def text(self, event):
        if self.unit == DeadlineUnit.MONTH:
            return _("%(event)s后 %(amount)s 个月内") % {"event": event, "amount": self.amount}
        return _("%(event)s后 %(amount)s 日内") % {"event": event, "amount": self.amount}


@dataclass
class Step:
    """One numbered step: its rows in order, each joined to the one before by its own logic."""

    number: int
    rows: list = field(default_factory=list)

    @property
    def alternatives(self):
        """The ways to complete the step: lists of rows that are all needed, one list per "or"."""
        ways = []
        for row in self.rows:
            if row.logic == StepLogic.OR or not ways:
                ways.append([row])
            else:
                ways[-1].append(row)
        return ways

    @property
    def has_choice(self):
        return len(self.alternatives) > 1


def group(rows):
    """Number the rows into steps. A first row that says "and" or "or" (its step's first row hidden from the
    visitor, say) starts a step of its own, so numbers never skip."""
    steps = []
    for row in rows:
        if row.logic == StepLogic.NUMBER or not steps:
            steps.append(Step(number=len(steps) + 1))
        steps[-1].rows.append(row)
    return steps


def position(steps, row):
    """(step, previous step or None, next step or None) of the step that holds `row`."""
    for index, step in enumerate(steps):
        if row in step.rows:
            before = steps[index - 1] if index else None
            after = steps[index + 1] if index + 1 < len(steps) else None
            return step, before, after
    raise ValueError("row is not in any step")


@dataclass(frozen=True)
class Facts:
    """What one row's guide costs a visitor: committed working days, trips to a hall, fee names."""

    days: int
    visits: int
    fees: tuple = ()


@dataclass(frozen=True)
class Span:
    """A total from the least to the most a visitor may face."""

    low: int
    high: int

    @property
    def exact(self):
        return self.low == self.high


@dataclass(frozen=True)
class Totals:
    days: Span  # steps one after another; the rows of one way through a step run side by side (并联)
    visits: Span  # every trip of every row counts
    fees: tuple  # (row, fee name) of every row that charges, in step order
    charged_always: bool  # a fee is due whatever the visitor's situation


def totals(steps, facts_of):
    """Totals over `steps`; `facts_of(row)` gives the row's Facts (computed from its guide, never typed)."""
    days_low = days_high = visits_low = visits_high = 0
    fees = []
    charged_always = False
    for step in steps:
        low_days, high_days, low_visits, high_visits, always = [], [], [], [], []
        for way in step.alternatives:
            needed = [facts_of(row) for row in way if not row.optional]
            every = [facts_of(row) for row in way]
            low_days.append(max((f.days for f in needed), default=0))
            high_days.append(max((f.days for f in every), default=0))
            low_visits.append(sum(f.visits for f in needed))
            high_visits.append(sum(f.visits for f in every))
            always.append(any(f.fees for f in needed))
        days_low, days_high = days_low + min(low_days), days_high + max(high_days)
        visits_low, visits_high = visits_low + min(low_visits), visits_high + max(high_visits)
        charged_always = charged_always or all(always)
        fees.extend((row, fee) for row in step.rows for fee in facts_of(row).fees)
    return Totals(
        days=Span(days_low, days_high),
        visits=Span(visits_low, visits_high),
        fees=tuple(fees),
        charged_always=charged_always,
    )
