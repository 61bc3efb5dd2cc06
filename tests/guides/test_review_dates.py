"""Review dates: due and overdue states, grouped by department."""

import datetime

from guides import review_dates as review

TODAY = datetime.date(2026, 11, 26)


def test_states():
    assert review.state(None, TODAY) == review.CURRENT
    assert review.state(datetime.date(2026, 11, 25), TODAY) == review.OVERDUE
    assert review.state(TODAY, TODAY) == review.DUE_SOON
    assert review.state(datetime.date(2026, 12, 26), TODAY) == review.DUE_SOON
    assert review.state(datetime.date(2026, 12, 27), TODAY) == review.CURRENT


class Guide:
    def __init__(self, department, due):
        self.department, self.next_review_due = department, due


def test_due_by_department_groups_and_orders():
    late, soon, later, fine = (
        Guide("公安", datetime.date(2026, 1, 1)),
        Guide("公安", datetime.date(2026, 12, 1)),
        Guide("民政", datetime.date(2026, 11, 30)),
        Guide("民政", datetime.date(2027, 6, 1)),
    )
    grouped = review.due_by_department([late, soon, later, fine], TODAY)
    assert [(g.department, g.overdue, g.due_soon) for g in grouped] == [("公安", [late], [soon]), ("民政", [], [later])]
