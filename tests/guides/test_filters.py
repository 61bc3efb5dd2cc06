"""The one parser of guide filters: the same parameters, messages and meanings for the list, search and API."""

import pytest
from django.http import QueryDict

from guides import filters


def test_parse_keeps_known_values_in_filter_order():
    params = QueryDict("online=full&instant=1&department=gongan&free=0")
    assert filters.parse(params, {"gongan"}) == {"department": "gongan", "instant": "1", "online": "full", "free": "0"}


def test_parse_reads_only_the_parameters_a_channel_takes():
    assert filters.parse({"exempt": "1", "audience": "person"}, set(), accepted=filters.SEARCHABLE) == {
        "audience": "person"
    }


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"online": "sometimes"}, "筛选条件“网上办理深度”（参数 online）应为以下之一：full、partial、offline"),
        ({"department": "nobody"}, "没有代码为“nobody”的实施部门（参数 department）"),
        ({"free": "yes"}, "筛选条件“是否收费”（参数 free）应为以下之一：1、0"),
        ({"audience": "martian"}, "筛选条件“服务对象”（参数 audience）应为以下之一：person、business、both"),
    ],
)
def test_a_bad_value_names_its_parameter(params, message):
    with pytest.raises(filters.FilterError) as error:
        filters.parse(params, {"gongan"})
    assert str(error.value) == message


@pytest.mark.parametrize("raw", ["0", "1001", "abc", "²", "①", "٣", "-1", "1.5"])
def test_page_numbers_are_ascii_digits_in_range(raw):
    with pytest.raises(filters.FilterError, match="参数 page 应为 1 到 1000 之间的整数"):
        filters.whole_number({"page": raw}, "page", 1, 1000)


def test_page_number_default_and_value():
    assert filters.whole_number({}, "page", 1, 1000) == 1
    assert filters.whole_number({"page": " 7 "}, "page", 1, 1000) == 7


def test_a_guide_for_both_is_shown_to_persons_and_to_businesses():
    assert filters.lookups({"audience": "person"}) == {"audience__in": ["person", "both"]}
    assert filters.lookups({"audience": "business"}) == {"audience__in": ["business", "both"]}
    assert filters.lookups({"audience": "both"}) == {"audience__in": ["both"]}


def test_search_lookups_name_the_departments_of_the_code_by_id():
    chosen = {"department": "gongan", "instant": "1", "exempt": "1"}
    assert filters.search_lookups(chosen, [7, 9]) == {"department__in": [7, 9], "committed_limit_days": 0}
    assert filters.search_lookups({"instant": "1"}, []) == {"committed_limit_days": 0}
