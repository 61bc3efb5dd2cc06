from types import SimpleNamespace

from guides.phones import Phones, effective_phones


def test_phones_default_to_department():
    department = SimpleNamespace(enquiry_phone="0000-1", complaint_phone="12345")
    assert effective_phones(SimpleNamespace(enquiry_phone="", complaint_phone=""), department) == (
        Phones("0000-1", "12345")
    )
    own = SimpleNamespace(enquiry_phone=" 0000-9 ", complaint_phone="")
    assert effective_phones(own, department) == Phones("0000-9", "12345")
    assert effective_phones(own, None) == Phones("0000-9", "")
