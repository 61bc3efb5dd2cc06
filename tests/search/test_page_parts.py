"""The results page's parts built in Python (search/page_parts.py): escaped as the template escaped them, and the
promotions kept per content generation."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search import page_parts
from search.highlight import highlight
from tests.factories import make_department, make_guide
from web.pagecache import local_copies


@pytest.fixture
def request_(site_tree):
    return RequestFactory().get("/search/", {"q": "登记"})


def test_a_row_links_the_guide_numbers_it_and_escapes_what_the_guide_says(guide_index, request_):
    guide = make_guide(
        guide_index,
        title='<script>alert("登记")</script>',
        summary="A & B 登记",
        department=make_department(name="市<不动产>中心"),
    )
    row = page_parts.result_rows(request_, [(guide, highlight(guide.title, ["登记"]), highlight(guide.summary, []))], 7)
    assert f'<a href="{guide.url}" data-guide="{guide.pk}" data-position="7">' in row
    assert "&lt;script&gt;alert(&quot;<mark>登记</mark>&quot;)&lt;/script&gt;" in row
    assert "<p>A &amp; B 登记</p>" in row
    assert "市&lt;不动产&gt;中心" in row  # the key facts, escaped by their own template
    assert "<script>" not in row


def test_rows_are_numbered_on_from_the_first(guide_index, request_):
    guides = [make_guide(guide_index, title=f"登记{number}") for number in range(3)]
    rows = page_parts.result_rows(request_, [(guide, guide.title, guide.summary) for guide in guides], 11)
    assert [f'data-position="{position}"' in rows for position in (11, 12, 13)] == [True, True, True]
    assert rows.count("<li>") == 3


def test_a_facet_option_is_escaped_and_the_chosen_one_marked():
    options = [
        {"url": "?q=a&department=x", "selected": True, "label": "<公安>", "count": 3},
        {"url": "?q=a&department=y", "selected": False, "label": "民政", "count": 12},
    ]
    html = page_parts.facet_options(options)
    assert html == (
        '<li><a href="?q=a&amp;department=x" aria-current="true">&lt;公安&gt;</a> (3)</li>\n'
        '<li><a href="?q=a&amp;department=y">民政</a> (12)</li>'
    )


@pytest.mark.django_db
def test_promotions_are_read_once_per_generation_and_a_change_shows(
    client, guide_index, search_index, page_caches, django_capture_on_commit_callbacks
):
    first = make_guide(guide_index, title="最低生活保障申请")
    second = make_guide(guide_index, title="临时救助申请")
    with django_capture_on_commit_callbacks(execute=True):
        SearchPromotion.objects.create(query=Query.get("救助"), page=first, description="困难群众救助")
    search_index.refresh()
    local_copies.recheck()
    assert "困难群众救助" in client.get("/search/", {"q": "救助"}).content.decode()
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/search/", {"q": " 救助 ", "page": 1}).content.decode()  # another page, same query
    assert "困难群众救助" in html
    assert not [query for query in queries.captured_queries if "searchpromotion" in query["sql"]]

    with django_capture_on_commit_callbacks(execute=True):
        SearchPromotion.objects.update(description="")
        promotion = SearchPromotion.objects.get()
        promotion.page = second
        promotion.description = "临时遇到困难"
        promotion.save()
    local_copies.recheck()
    html = client.get("/search/", {"q": "救助", "scope": ""}).content.decode()
    assert "临时遇到困难" in html and "困难群众救助" not in html
