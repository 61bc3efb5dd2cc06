"""Editors' side of search: the weekly queries report and synonym management."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from search import querylog
from search.models import QueryDay, QueryLog, Synonym
from search.reports import week_queries


@pytest.fixture
def logged(db):
    for query, results in [("开公司", 3), ("开公司", 3), ("火星移民", 0), ("房产证", 2)]:
        querylog.record(query, query, results, "default")
    QueryDay.objects.create(day=timezone.localdate() - datetime.timedelta(days=8), normalised="旧词", searches=5)


def test_week_queries_counts_searches_and_lists_those_that_found_nothing(logged):
    top, nothing = week_queries()
    assert [(row["normalised"], row["searches"]) for row in top] == [("开公司", 2), ("房产证", 1), ("火星移民", 1)]
    assert [row["normalised"] for row in nothing] == ["火星移民"]


def test_the_log_keeps_daily_counts_and_forgets_old_entries(logged):
    assert QueryDay.objects.get(normalised="开公司").searches == 2
    assert QueryLog.objects.count() == 4
    QueryLog.objects.filter(normalised="开公司").update(created_at=timezone.now() - datetime.timedelta(days=31))
    QueryDay.objects.filter(normalised="旧词").update(day=timezone.localdate() - datetime.timedelta(days=401))
    querylog.purge()
    assert sorted(QueryLog.objects.values_list("normalised", flat=True)) == ["房产证", "火星移民"]
    assert not QueryDay.objects.filter(normalised="旧词").exists()
    assert week_queries()[0][0] == {"normalised": "开公司", "searches": 2, "results": 3}


def test_report_page_for_editors(admin_client, logged):
    response = admin_client.get("/admin/reports/search-queries/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "火星移民" in html
    assert "旧词" not in html


def test_report_is_for_staff_only(client, logged):
    assert client.get("/admin/reports/search-queries/").status_code == 302


def test_synonyms_are_managed_as_snippets(admin_client):
    response = admin_client.post(
        "/admin/snippets/zhinan_search/synonym/add/", {"terms": "加梯、加装电梯", "note": "市民说法"}
    )
    assert response.status_code == 302
    assert Synonym.objects.get().term_list == ["加梯", "加装电梯"]


def test_a_synonym_group_needs_two_terms(db):
    with pytest.raises(ValidationError) as error:
        Synonym(terms="加梯").full_clean()
    assert "至少要有两个词" in str(error.value)
