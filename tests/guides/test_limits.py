import datetime

import pytest

from guides import limits


@pytest.mark.parametrize(
    ("committed", "instant", "kind"), [(0, True, "即办件"), (1, False, "承诺件"), (15, False, "承诺件")]
)
def test_instant_or_committed(committed, instant, kind):
    assert limits.is_instant(committed) is instant
    assert str(limits.limit_kind(committed)) == kind


@pytest.mark.parametrize(
    ("legal", "committed", "expected"),
    [(20, 5, 0.75), (20, 20, 0.0), (10, 0, 1.0), (0, 0, None), (None, 3, None), (20, None, None)],
)
def test_compression(legal, committed, expected):
    result = limits.compression(legal, committed)
    assert result == pytest.approx(expected) if expected is not None else result is None


@pytest.mark.parametrize(
    ("days", "unit", "text"),
    [(0, "working", "即办"), (0, "natural", "即办"), (5, "working", "5 个工作日"), (60, "natural", "60 个自然日")],
)
def test_a_limit_in_words_never_says_zero_days(days, unit, text):
    assert limits.describe(days, unit) == text


def test_natural_days_count_five_working_days_a_week():
    assert limits.working_days(70, limits.LimitUnit.NATURAL) == 50
    # 身份证: 60 natural days (42.9 working days) against a commitment of 15 working days.
    assert limits.compression(60, 15, "natural", "working") == pytest.approx(1 - 15 / (60 * 5 / 7))


def test_working_days_skip_weekends():
    import datetime

    friday = datetime.date(2026, 11, 27)
    assert limits.add_working_days(friday, 1) == datetime.date(2026, 11, 30)
    assert limits.add_working_days(friday, 15) == datetime.date(2026, 12, 18)


def test_the_last_start_due_before_a_day_is_the_boundary_of_add_working_days():
    for offset in range(14):  # every weekday of two weeks, for a few lengths
        day = datetime.date(2026, 3, 2) + datetime.timedelta(days=offset)
        for days in (1, 5, 15):
            last = limits.last_start_due_before(day, days)
            assert limits.add_working_days(last, days) < day
            assert limits.add_working_days(last + datetime.timedelta(days=1), days) >= day
