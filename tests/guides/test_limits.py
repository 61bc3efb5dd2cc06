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
