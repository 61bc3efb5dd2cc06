"""Checks that only make sense on a real OpenSearch/Elasticsearch node (run with -m engine)."""

import pytest
from django.core.management import call_command

from guides.models import GuidePage
from search import service
from tests.conftest import require_service
from tests.factories import make_guide
from tests.search.conftest import engine_configured, wipe

pytestmark = pytest.mark.engine


@pytest.fixture
def engine(search_index):
    require_service(engine_configured(), "SEARCH_ENGINE/SEARCH_URL do not name a search engine")
    return search_index


def test_index_splits_only_on_whitespace(engine):
    index = engine.backend.get_index_for_model(GuidePage)
    answer = engine.backend.es.indices.analyze(index=index.name, body={"text": "不动产 首次登记 ShenFenZheng"})
    assert [token["token"] for token in answer["tokens"]] == ["不动产", "首次登记", "shenfenzheng"]


def test_update_index_repairs_a_lost_engine_index(engine, guide_index):
    make_guide(guide_index, title="企业设立登记", colloquial_names="开公司")
    wipe(engine.backend, engine.backend.index_prefix)
    for index in engine.backend.all_indexes():
        index.put()
    assert service.search(service.SearchParams(q="开公司"), log=False).total == 0

    call_command("update_index", verbosity=0)
    engine.refresh()
    outcome = service.search(service.SearchParams(q="开公司"), log=False)
    assert outcome.engine == "default"
    assert [guide.title for guide in outcome.page] == ["企业设立登记"]
