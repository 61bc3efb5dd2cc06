from types import SimpleNamespace

import pytest

from guides import derived


@pytest.mark.parametrize(
    ("committed", "instant", "kind"), [(0, True, "即办件"), (1, False, "承诺件"), (15, False, "承诺件")]
)
def test_instant_or_committed(committed, instant, kind):
    assert derived.is_instant(committed) is instant
    assert str(derived.limit_kind(committed)) == kind


@pytest.mark.parametrize(
    ("legal", "committed", "expected"),
    [(20, 5, 0.75), (20, 20, 0.0), (10, 0, 1.0), (0, 0, None), (None, 3, None), (20, None, None)],
)
def test_compression(legal, committed, expected):
    result = derived.compression(legal, committed)
    assert result == pytest.approx(expected) if expected is not None else result is None


def test_phones_default_to_department():
    department = SimpleNamespace(enquiry_phone="0571-1", complaint_phone="12345")
    assert derived.effective_phones(SimpleNamespace(enquiry_phone="", complaint_phone=""), department) == (
        derived.Phones("0571-1", "12345")
    )
    own = SimpleNamespace(enquiry_phone=" 0571-9 ", complaint_phone="")
    assert derived.effective_phones(own, department) == derived.Phones("0571-9", "12345")
    assert derived.effective_phones(own, None) == derived.Phones("0571-9", "")


def test_split_names():
    assert derived.split_names("房产证、不动产证, 产权证；房产证\n") == ["房产证", "不动产证", "产权证"]
    assert derived.split_names("") == []
    assert derived.split_names(None) == []
