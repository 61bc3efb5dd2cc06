"""An unreachable search engine: every admin list and chooser with a search box answers from the database.

The engine URL points at a closed port; the database backend, indexed by the same fixtures, answers with the same
analysis (Chinese, pinyin), and the admin says in Chinese that the engine is down. (Synonyms are not in the
engine's index: their list filters in the database whatever the engine does, tests/search/test_admin_search.py.)
"""

import pytest
from django.test import override_settings

from search.engines import search_backends

from .test_admin_search import LISTS, library  # noqa: F401 - library is a fixture

pytest.importorskip("opensearchpy", reason="the opensearch extra is not installed")

UNREACHABLE = search_backends({"SEARCH_ENGINE": "opensearch", "SEARCH_URL": "http://127.0.0.1:9"})
NOTICE = "搜索引擎暂时无法连接"
QUERIES = {"material": "shenfenzheng", "department": "公安", "hall": "市民", "document": "身份证", "page": "身份证"}


def kind(name):
    first = name.split()[0]
    return "page" if first in ("explorer", "page") else first


@override_settings(WAGTAILSEARCH_BACKENDS=UNREACHABLE)
@pytest.mark.parametrize("name", list(LISTS))
def test_each_admin_list_and_chooser_answers_from_the_database(admin_client, library, name):  # noqa: F811
    url, found, left_out = LISTS[name]
    # A chooser's results are a fragment the admin's JavaScript fetches; the lists are whole pages.
    headers = {"x-requested-with": "XMLHttpRequest"} if "chooser" in name else {}
    url = url.format(index=library["guide"].get_parent().pk)
    response = admin_client.get(url, {"q": QUERIES[kind(name)]}, headers=headers)
    assert response.status_code == 200
    html = response.content.decode()
    assert found in html
    assert left_out not in html
    assert html.count(NOTICE) == 1


def test_a_list_refreshed_in_place_says_so_at_its_top(admin_client, library):  # noqa: F811
    with override_settings(WAGTAILSEARCH_BACKENDS=UNREACHABLE):
        response = admin_client.get(
            "/admin/snippets/guides/material/results/", {"q": "身份证"}, headers={"x-requested-with": "XMLHttpRequest"}
        )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<p class="help-block help-warning" role="status">' + NOTICE)
    assert "居民身份证" in html
    # The next page, with the engine back, carries no stale notice.
    assert NOTICE not in admin_client.get("/admin/snippets/guides/material/", {"q": "身份证"}).content.decode()


def test_a_reachable_engine_or_the_database_alone_says_nothing(admin_client, library):  # noqa: F811
    response = admin_client.get("/admin/snippets/guides/material/", {"q": "身份证"})
    assert "居民身份证" in response.content.decode()
    assert NOTICE not in response.content.decode()
