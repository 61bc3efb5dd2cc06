"""Review dates (复核): which guides are overdue or due soon. Pure functions of dates and plain objects."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

OVERDUE = "overdue"
DUE_SOON = "due_soon"
CURRENT = "current"
DUE_SOON_DAYS = 30


def state(next_review_due, today=None):
    """OVERDUE after the due date, DUE_SOON within DUE_SOON_DAYS of it, CURRENT otherwise or when no date is set."""
    if next_review_due is None:
        return CURRENT
    today = today or timezone.localdate()
    if next_review_due < today:
        return OVERDUE
    if next_review_due <= today + datetime.timedelta(days=DUE_SOON_DAYS):
        return DUE_SOON
    return CURRENT


@dataclass
class DepartmentDue:
    """The guides of one department that need reviewing, overdue first, each list by due date."""

    department: object
    overdue: list = field(default_factory=list)
    due_soon: list = field(default_factory=list)


def due_by_department(guides, today=None):
    """Group guides (anything with `department` and `next_review_due`) that are overdue or due soon, by department.

    Departments keep the order in which they first appear, so pass guides ordered by department.
    """
    groups = {}
    for guide in sorted(guides, key=lambda g: g.next_review_due or datetime.date.max):
        guide_state = state(guide.next_review_due, today)
        if guide_state == CURRENT:
            continue
        entry = groups.setdefault(guide.department, DepartmentDue(guide.department))
        (entry.overdue if guide_state == OVERDUE else entry.due_soon).append(guide)
    order = {department: index for index, department in enumerate(dict.fromkeys(g.department for g in guides))}
    return sorted(groups.values(), key=lambda entry: order[entry.department])
