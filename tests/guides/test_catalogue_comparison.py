"""同事项同标准, the pure comparison: which fields differ between sites, which site is behind on which."""

from types import SimpleNamespace

from guides.catalogue_comparison import Implementation, compare

SITES = [
    SimpleNamespace(pk=1, name="临江市"),
    SimpleNamespace(pk=2, name="钱塘区"),
    SimpleNamespace(pk=3, name="云溪县"),
]
ITEM = SimpleNamespace(pk=10)


def implementation(site_id, **changes):
    values = {
        "item_id": 10,
        "site_id": site_id,
        "department": "住建局",
        "item_code": "X",
        "committed_days": 5,
        "committed_unit": "working",
        "visits": 1,
        "online_level": "partial",
        "fees": "不收费",
    }
    values.update(changes)
    return Implementation(**values)


def test_sites_that_agree_differ_nowhere_and_a_site_without_a_guide_is_listed():
    [comparison] = compare([ITEM], SITES, [implementation(1), implementation(2)])
    assert comparison.differs == []
    assert [(row.site.pk, row.implementation is not None, row.behind) for row in comparison.rows] == [
        (1, True, frozenset()),
        (2, True, frozenset()),
        (3, False, frozenset()),
    ]
    assert comparison.implemented == 2


def test_differences_are_named_and_the_slower_site_is_behind():
    found = [
        implementation(1, committed_days=5, visits=0, online_level="full"),
        implementation(2, committed_days=10, visits=1, online_level="partial", fees="工本费（20元）"),
    ]
    [comparison] = compare([ITEM], SITES, found)
    assert comparison.differs == ["committed", "visits", "online_level", "fees"]
    assert comparison.differs_text == "承诺办结时限、跑动次数、网上办理深度、收费"
    rows = {row.site.pk: row for row in comparison.rows}
    assert rows[1].behind == frozenset()
    assert rows[2].behind == {"committed", "visits", "online_level"}
    assert rows[2].behind_text == "承诺办结时限、跑动次数、网上办理深度"


def test_limits_in_different_units_compare_in_working_days():
    # 7 natural days are 5 working days: the same commitment, not a difference.
    same = [implementation(1, committed_days=5), implementation(2, committed_days=7, committed_unit="natural")]
    assert compare([ITEM], SITES, same)[0].differs == []
    slower = [implementation(1, committed_days=5), implementation(2, committed_days=8, committed_unit="natural")]
    rows = compare([ITEM], SITES, slower)[0].rows
    assert [row.behind for row in rows[:2]] == [frozenset(), {"committed"}]
