"""The publishing rules, one by one, on plain stand-ins for a guide and its rows."""

from datetime import date
from types import SimpleNamespace

import pytest

from guides import rules
from tests.factories import make_guide


def situation(question, *options):
    return SimpleNamespace(value={"question": question, "options": list(options)})


def guide(**changes):
    values = {
        "pk": None,
        "item_code": "X1",
        "legal_limit_days": 20,
        "committed_limit_days": 5,
        "is_free": True,
        "online_level": "offline",
        "online_url": "",
        "visits_required": 1,
        "enquiry_phone": "",
        "complaint_phone": "",
        "department_id": 1,
        "catalogue_item_id": None,
        "department": SimpleNamespace(enquiry_phone="0000-1", complaint_phone="12345"),
        "situations": [situation("由谁办理？", "本人办理", "委托代理人办理")],
        "legal_limit_unit": "working",
        "committed_limit_unit": "working",
        "last_reviewed": date(2026, 1, 1),
        "next_review_due": date(2027, 1, 1),
    }
    values.update(changes)
    return SimpleNamespace(**values)


def material(name="居民身份证", **changes):
    values = {
        "display_name": name,
        "medium": "paper",
        "requirement": "required",
        "exempt_by_data_sharing": False,
        "applies_to_options": [],
    }
    values.update(changes)
    return SimpleNamespace(**values)


def fee(name="工本费", standard="20元/证", basis="发改价格〔2003〕2322号"):
    return SimpleNamespace(name=name, standard=standard, basis=basis)


HALL = SimpleNamespace(hall=SimpleNamespace(name="市民中心"), window="1 号窗口")
STEP = SimpleNamespace(title="受理")


def broken(rule, the_guide=None, materials=None, fees=(), halls=(HALL,), steps=(STEP,)):
    the_guide = the_guide or guide()
    rows = rules.Rows(materials if materials is not None else [material()], list(fees), list(halls), list(steps))
    return list(rule(the_guide, rows))


def only_field(errors):
    assert len(errors) == 1, errors
    return errors[0].field


@pytest.mark.parametrize("rule", rules.RULES)
def test_a_valid_guide_breaks_no_rule(rule):
    assert broken(rule) == []


def test_committed_limit_above_legal():
    errors = broken(rules.check_limits, guide(legal_limit_days=10, committed_limit_days=15))
    assert only_field(errors) == "committed_limit_days"
    assert "不能超过法定办结时限" in errors[0].message


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"legal_limit_days": -1, "committed_limit_days": 0}, "legal_limit_days"),
        ({"committed_limit_days": -3}, "committed_limit_days"),
        ({"legal_limit_days": 400, "committed_limit_days": 5}, "legal_limit_days"),
        ({"legal_limit_days": None}, "legal_limit_days"),
    ],
)
def test_negative_absurd_or_missing_limits(changes, field):
    assert only_field(broken(rules.check_limits, guide(**changes))) == field


def test_instant_item_is_allowed():
    assert broken(rules.check_limits, guide(legal_limit_days=0, committed_limit_days=0)) == []


def test_fee_without_standard_or_basis():
    errors = broken(rules.check_fees, guide(is_free=False), fees=[fee(standard=""), fee(basis=" ")])
    assert [(e.field, e.row) for e in errors] == [("fees.standard", 0), ("fees.basis", 1)]
    assert "收费项目第 1 项「工本费」缺少收费标准" in errors[0].message


def test_free_guide_listing_fees():
    assert only_field(broken(rules.check_fees, guide(is_free=True), fees=[fee()])) == "is_free"


def test_charging_guide_without_fees():
    assert only_field(broken(rules.check_fees, guide(is_free=False))) == "is_free"
    assert broken(rules.check_fees, guide(is_free=False), fees=[fee()]) == []


def test_fully_online_with_visits():
    errors = broken(
        rules.check_online, guide(online_level="full", visits_required=1, online_url="https://zw.example/1")
    )
    assert only_field(errors) == "visits_required"


def test_online_without_link():
    assert only_field(broken(rules.check_online, guide(online_level="full", visits_required=0))) == "online_url"
    assert only_field(broken(rules.check_online, guide(online_level="partial"))) == "online_url"


def test_negative_or_absurd_visits():
    assert only_field(broken(rules.check_online, guide(visits_required=-1))) == "visits_required"
    assert only_field(broken(rules.check_online, guide(visits_required=11))) == "visits_required"


@pytest.mark.parametrize(
    "name", ["其他材料", "相关材料", "有关材料", "其它材料", "其他相关证明材料", "身份证等材料", "其他"]
)
def test_catch_all_material_names(name):
    errors = broken(rules.check_materials, materials=[material(), material(name)])
    assert [(e.field, e.row) for e in errors] == [("materials.name", 1)]
    assert "兜底表述" in errors[0].message and name in errors[0].message


@pytest.mark.parametrize("name", ["居民身份证", "不动产权证书", "授权委托书"])
def test_specific_material_names_pass(name):
    assert broken(rules.check_materials, materials=[material(name)]) == []


def test_material_without_name_and_no_materials():
    assert only_field(broken(rules.check_materials, materials=[material("")])) == "materials.name"
    assert only_field(broken(rules.check_materials, materials=[])) == "materials"


def test_exempt_material_still_required_on_paper():
    errors = broken(rules.check_materials, materials=[material(exempt_by_data_sharing=True)])
    assert only_field(errors) == "materials.medium"
    for fine in ({"medium": "electronic"}, {"requirement": "optional"}, {"exempt_by_data_sharing": False}):
        assert broken(rules.check_materials, materials=[material(**{"exempt_by_data_sharing": True, **fine})]) == []


def test_material_refers_to_missing_situation_option():
    errors = broken(rules.check_situations, materials=[material(applies_to_options=["本人办理", "已婚"])])
    assert only_field(errors) == "materials.applies_to"
    assert "「已婚」" in errors[0].message


def test_option_names_must_be_unique_in_a_guide():
    the_guide = guide(situations=[situation("谁办？", "本人", "代理人"), situation("再问", "本人", "他人")])
    assert only_field(broken(rules.check_situations, the_guide)) == "situations"


def test_missing_phones_on_guide_and_department():
    bare = SimpleNamespace(enquiry_phone="", complaint_phone="")
    errors = broken(rules.check_phones, guide(department=bare))
    assert [e.field for e in errors] == ["enquiry_phone", "complaint_phone"]
    assert broken(rules.check_phones, guide(department=bare, enquiry_phone="1", complaint_phone="2")) == []


def test_review_dates_in_order():
    the_guide = guide(last_reviewed=date(2026, 5, 1), next_review_due=date(2026, 4, 1))
    assert only_field(broken(rules.check_review_dates, the_guide)) == "next_review_due"


@pytest.mark.django_db
def test_duplicate_item_code(guide_index):
    existing = make_guide(guide_index, item_code="11330100000000000001")
    other = make_guide(guide_index, item_code="11330100000000000002")
    existing.change_note = other.change_note = "更新"
    assert existing.publishing_problems() == []
    other.item_code = existing.item_code
    errors = other.publishing_problems()
    assert [e.field for e in errors] == ["item_code"]
    assert "已被另一篇指南使用" in errors[0].message


def test_a_guide_that_needs_a_visit_names_a_hall():
    errors = broken(rules.check_places, guide(visits_required=2), halls=[])
    assert only_field(errors) == "halls"
    assert "到办事现场 2 次" in errors[0].message
    assert broken(rules.check_places, guide(visits_required=0, online_level="full"), halls=[]) == []


def test_a_guide_has_at_least_one_step():
    assert only_field(broken(rules.check_places, steps=[])) == "steps"


@pytest.mark.parametrize("field", ["last_reviewed", "next_review_due"])
def test_review_dates_are_required(field):
    errors = broken(rules.check_review_dates, guide(**{field: None}))
    assert only_field(errors) == field and "必须填写" in errors[0].message


def test_limits_in_natural_days_compare_as_working_days():
    # 60 natural days are 42.9 working days: a commitment of 42 working days is within it, 43 is not.
    within = guide(legal_limit_days=60, legal_limit_unit="natural", committed_limit_days=42)
    assert broken(rules.check_limits, within) == []
    beyond = guide(legal_limit_days=60, legal_limit_unit="natural", committed_limit_days=43)
    errors = broken(rules.check_limits, beyond)
    assert only_field(errors) == "committed_limit_days"
    assert errors[0].message == "承诺办结时限（43 个工作日）不能超过法定办结时限（60 个自然日）"


def test_an_instant_limit_is_said_as_instant_in_messages():
    errors = broken(rules.check_limits, guide(legal_limit_days=0, committed_limit_days=1))
    assert errors[0].message == "承诺办结时限（1 个工作日）不能超过法定办结时限（即办）"
