"""四级四同: a guide that implements a catalogue item may not differ from it (guides.rules.check_catalogue)."""

import pytest

from guides import rules
from guides.models import GuidePage
from tests.factories import catalogue_guide_fields, guide_fields, make_catalogue_item, make_guide, make_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def item():
    return make_catalogue_item(
        code="10001401",
        name="建筑工程施工许可",
        legal_basis="《中华人民共和国建筑法》\n《建筑工程施工许可管理办法》",
        legal_limit_days=15,
    )


def catalogue_errors(item, **changes):
    guide = GuidePage(**guide_fields(**catalogue_guide_fields(item, **changes)))
    return list(rules.check_catalogue(guide, rules.Rows([], [], [], [])))


def test_a_guide_that_follows_its_item_breaks_no_rule(item):
    assert catalogue_errors(item) == []


def test_a_guide_without_a_catalogue_item_is_not_checked(item):
    guide = GuidePage(**guide_fields(title="别的名称"))
    assert list(rules.check_catalogue(guide, rules.Rows([], [], [], []))) == []


def test_blank_lines_and_spaces_in_the_legal_basis_do_not_count(item):
    assert catalogue_errors(item, legal_basis=" 《中华人民共和国建筑法》\n\n《建筑工程施工许可管理办法》 \n") == []


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"title": "施工许可证核发"}, "title", "事项名称「施工许可证核发」与目录事项「建筑工程施工许可」不一致"),
        (
            {"item_code": "11330100MB0000001X10001402A001"},
            "item_code",
            "事项编码「11330100MB0000001X10001402A001」与目录编码「10001401」不一致",
        ),
        ({"item_code": "10001401A001"}, "item_code", "18 位统一社会信用代码之后应接目录编码"),
        (
            {"item_type": "confirmation"},
            "item_type",
            "事项类型「行政确认」与目录事项「建筑工程施工许可」的「行政许可」不一致",
        ),
        ({"legal_basis": "《中华人民共和国建筑法》"}, "legal_basis", "设定依据与目录事项「建筑工程施工许可」"),
        (
            {"committed_limit_days": 16},
            "committed_limit_days",
            "承诺办结时限（16 个工作日）不能超过目录事项「建筑工程施工许可」的法定办结时限（15 个工作日）",
        ),
    ],
)
def test_each_difference_from_the_item_is_named(item, changes, field, words):
    errors = catalogue_errors(item, legal_limit_days=20, **changes)
    assert [error.field for error in errors] == [field]
    assert words in errors[0].message


def test_limits_in_different_units_are_compared_in_working_days(item):
    # 21 natural days are 15 working days: within the item's 15; 22 are not.
    assert catalogue_errors(item, committed_limit_days=21, committed_limit_unit="natural", legal_limit_days=30) == []
    natural = make_catalogue_item(legal_limit_days=7, legal_limit_unit="natural")
    assert catalogue_errors(natural, committed_limit_days=5) == []
    [error] = catalogue_errors(natural, committed_limit_days=6)
    assert error.message.endswith("的法定办结时限（7 个自然日）")


def test_publishing_a_guide_that_differs_from_its_item_is_refused(item):
    _home, index = make_site()
    guide = make_guide(index, **catalogue_guide_fields(item))
    assert guide.live and guide.catalogue_item == item
    guide.title = "施工许可"
    with pytest.raises(rules.PublishingRefused) as refused:
        guide.save_revision().publish()
    assert "title" in refused.value.message_dict
    assert "与目录事项「建筑工程施工许可」不一致" in refused.value.message_dict["title"][0]
