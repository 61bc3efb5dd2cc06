"""The commitments board's figures: pure functions of plain rows."""

import pytest

from guides.commitments import (
    GuideRow,
    HandlingRow,
    board,
    compression_summary,
    department_table,
    material_counts,
    shares,
)


def row(**fields):
    values = {
        "title": "事项",
        "url": "/guides/x/",
        "department": "公安局",
        "department_code": "gongan",
        "legal_limit_days": 20,
        "committed_limit_days": 5,
        "online_level": "offline",
        "visits_required": 1,
    }
    values.update(fields)
    return GuideRow(**values)


def test_shares_count_each_rule_and_carry_their_list_filter():
    rows = [
        row(committed_limit_days=0, online_level="full", visits_required=0),
        row(visits_required=1),
        row(visits_required=2),
        row(committed_limit_days=0, visits_required=2),
    ]
    by_key = {share.key: share for share in shares(rows)}
    assert [by_key[key].count for key in ("instant", "fully_online", "zero_visits", "at_most_one_visit")] == [
        2,
        1,
        1,
        2,
    ]
    assert by_key["instant"].ratio == 0.5
    assert by_key["instant"].filters == {"instant": "1"}
    assert by_key["at_most_one_visit"].filters == {"visits_max": "1"}


def test_shares_of_no_guides_are_zero_not_an_error():
    assert all(share.ratio == 0.0 and share.total == 0 for share in shares([]))


def test_compression_mean_and_median_skip_guides_without_a_legal_limit():
    rows = [row(legal_limit_days=20, committed_limit_days=5), row(legal_limit_days=10, committed_limit_days=0)]
    rows.append(row(legal_limit_days=4, committed_limit_days=2))
    rows.append(row(legal_limit_days=0, committed_limit_days=0))
    summary = compression_summary(rows)
    assert summary["count"] == 3
    assert summary["mean"] == pytest.approx((0.75 + 1.0 + 0.5) / 3)
    assert summary["median"] == 0.75
    assert compression_summary([row(legal_limit_days=0)]) == {"count": 0, "mean": None, "median": None}


def test_material_counts_add_up_rows():
    rows = [row(materials=3, exempt_materials=1), row(materials=2, pledge_materials=2)]
    assert [(item["key"], item["count"]) for item in material_counts(rows)] == [
        ("all", 5),
        ("exempt", 1),
        ("pledge", 2),
    ]


def test_department_table_keeps_first_appearance_order():
    rows = [
        row(department="公安局", department_code="gongan", committed_limit_days=0),
        row(department="民政局", department_code="minzheng", online_level="full"),
        row(department="公安局", department_code="gongan", visits_required=3),
    ]
    table = department_table(rows)
    assert [line["code"] for line in table] == ["gongan", "minzheng"]
    assert table[0]["count"] == 2 and table[0]["instant"] == 1 and table[0]["at_most_one_visit"] == 1
    assert table[1]["fully_online"] == 1 and table[1]["filters"] == {"department": "minzheng"}


def test_board_lists_each_guide_with_its_limits():
    figures = board([row(title="甲", legal_limit_days=10, committed_limit_days=1)])
    assert figures["count"] == 1
    assert figures["guides"][0]["title"] == "甲"
    assert figures["guides"][0]["compression"] == pytest.approx(0.9)


def test_the_rectification_rate_and_handling_time_are_computed_per_department():
    handling = [
        HandlingRow("gongan", bad_rating=True, handling_days=2.0),
        HandlingRow("gongan", bad_rating=True),
        HandlingRow("gongan", bad_rating=False, handling_days=4.0),  # a 纠错: time counts, the rate does not
    ]
    figures = board([row(), row(department="民政局", department_code="minzheng")], handling)
    police, civil = figures["departments"]
    assert police["rectification_rate"] == 0.5 and police["bad_ratings"] == 2 and police["bad_ratings_handled"] == 1
    assert police["mean_handling_days"] == 3.0
    assert civil["rectification_rate"] is None and civil["mean_handling_days"] is None


def test_limits_in_natural_days_are_compressed_in_working_days():
    identity_card = row(legal_limit_days=60, legal_limit_unit="natural", committed_limit_days=15)
    assert identity_card.compression == pytest.approx(1 - 15 / (60 * 5 / 7))
    shown = board([identity_card])["guides"][0]
    assert shown["legal_limit_text"] == "60 个自然日" and shown["legal_working_days"] == pytest.approx(60 * 5 / 7)
    assert board([row(legal_limit_days=0, committed_limit_days=0)])["guides"][0]["legal_limit_text"] == "即办"
