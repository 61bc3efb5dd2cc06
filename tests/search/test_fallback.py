"""An unreachable search engine: publishing still works and search answers from the database."""

import pytest
from django.test import override_settings

from search.engines import search_backends
from search.models import QueryLog
from tests.factories import make_guide

pytest.importorskip("opensearchpy", reason="the opensearch extra is not installed")

UNREACHABLE = search_backends({"SEARCH_ENGINE": "opensearch", "SEARCH_URL": "http://127.0.0.1:9"})


@override_settings(WAGTAILSEARCH_BACKENDS=UNREACHABLE)
def test_engine_down_publishing_works_and_search_uses_the_database(client, guide_index):
    guide = make_guide(guide_index, title="企业设立登记", colloquial_names="开公司")
    assert guide.live

    response = client.get("/search/", {"q": "开公司"})
    assert response.status_code == 200
    assert "企业设立登记" in response.content.decode()
    assert "备用搜索" in response.content.decode()
    assert QueryLog.objects.get().engine == "database"

    data = client.get("/api/search/", {"q": "开公司"}).json()
    assert [result["title"] for result in data["results"]] == ["企业设立登记"]
