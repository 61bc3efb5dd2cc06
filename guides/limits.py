"""Time limits (办结时限): 即办 or a number of days in a unit, and the compression, computed, never typed in.

A limit is counted in 工作日 (working days) or 自然日 (natural days, as some laws count: 居民身份证 "60日内").
To compare or divide limits in different units, both are turned into working days: a week has 7 natural days
and 5 working days, so N natural days count as N × 5 ÷ 7 working days (statutory holidays are not subtracted,
which favours no one: the same rule applies to every guide). 0 days, in either unit, is 即办: done on the spot.
"""

import datetime

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

WORKING_DAYS_PER_WEEK = 5
NATURAL_DAYS_PER_WEEK = 7


class LimitUnit(models.TextChoices):
    WORKING = "working", gettext_lazy("工作日")
    NATURAL = "natural", gettext_lazy("自然日")


def is_instant(committed_limit_days):
    """即办件: the city commits to finishing on the spot (0 days)."""
    return committed_limit_days == 0


def limit_kind(committed_limit_days):
    """即办件 or 承诺件, as shown to the public."""
    return gettext_lazy("即办件") if is_instant(committed_limit_days) else gettext_lazy("承诺件")


def describe(days, unit=LimitUnit.WORKING):
    """A limit in words: "即办" for 0 days (never "0 个工作日"), else "N 个工作日" or "N 个自然日"."""
    if days is None:
        return ""
    if days == 0:
        return _("即办")
    if unit == LimitUnit.NATURAL:
        return _("%(days)s 个自然日") % {"days": days}
    return _("%(days)s 个工作日") % {"days": days}


def working_days(days, unit=LimitUnit.WORKING):
    """The limit in working days, so that limits in different units compare like with like (module docstring)."""
    if days is None:
        return None
    if unit == LimitUnit.NATURAL:
        return days * WORKING_DAYS_PER_WEEK / NATURAL_DAYS_PER_WEEK
    return days


def compression(legal_limit_days, committed_limit_days, legal_unit=LimitUnit.WORKING, committed_unit=None):
    """压缩比: 1 − committed ÷ legal, both in working days; None where there is no legal limit to compress."""
    legal = working_days(legal_limit_days, legal_unit)
    committed = working_days(committed_limit_days, committed_unit or LimitUnit.WORKING)
    if legal is None or committed is None or legal <= 0:
        return None
    return 1 - committed / legal


def add_working_days(start, days):
    """The date `days` working days (Monday to Friday) after `start`; statutory holidays are not known here."""
    current, left = start, days
    while left > 0:
        current += datetime.timedelta(days=1)
        if current.weekday() < WORKING_DAYS_PER_WEEK:
            left -= 1
    return current


def last_start_due_before(day, days):
    """The last start date whose `days` working days (add_working_days) end before `day`: whatever started on it
    or earlier is past its deadline on `day`."""
    start = day - datetime.timedelta(days=1)
    while add_working_days(start, days) >= day:
        start -= datetime.timedelta(days=1)
    return start
