"""search/engines.py: the settings it makes of the environment, and checks that only make sense on a real
OpenSearch/Elasticsearch node (those carry the engine marker: run with -m engine)."""

import copy

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from wagtail.search.backends import get_search_backend

from guides.models import GuidePage
from search import service
from search.engines import INDEX_SETTINGS, search_backends
from tests.conftest import require_service
from tests.factories import make_guide
from tests.search.conftest import engine_configured, wipe

NODE = "http://127.0.0.1:9200"


def engine_settings(**environ):
    return search_backends({"SEARCH_ENGINE": "opensearch", "SEARCH_URL": NODE, **environ})["default"]


def test_the_database_answers_by_default():
    assert search_backends({}) == {"default": {"BACKEND": "search.backends.database", "SEARCH_CONFIG": "simple"}}
    assert search_backends({"SEARCH_ENGINE": " Database "})["default"]["BACKEND"] == "search.backends.database"


@pytest.mark.parametrize(
    ("engine", "backend"),
    [
        ("opensearch", "wagtail.search.backends.opensearch3"),
        ("OpenSearch", "wagtail.search.backends.opensearch3"),
        ("elasticsearch", "wagtail.search.backends.elasticsearch7"),
        ("elasticsearch8", "wagtail.search.backends.elasticsearch8"),
        ("elasticsearch9", "wagtail.search.backends.elasticsearch9"),
    ],
)
def test_an_engine_keeps_the_database_as_its_fallback(engine, backend):
    backends = search_backends({"SEARCH_ENGINE": engine, "SEARCH_URL": NODE})
    assert (backends["default"]["BACKEND"], backends["default"]["ENGINE"]) == ("search.backends.engine", backend)
    assert backends["database"]["BACKEND"] == "search.backends.database"


def test_the_engine_only_splits_on_whitespace_and_folds_case():
    analyzer = engine_settings()["INDEX_SETTINGS"]["settings"]["analysis"]["analyzer"]["default"]
    assert analyzer == {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]}


def test_one_node_has_no_replica_and_no_retry():
    settings = engine_settings()
    assert settings["URLS"] == [NODE]
    assert settings["INDEX_SETTINGS"]["settings"]["index"] == {"number_of_shards": 1, "number_of_replicas": 0}
    assert settings["OPTIONS"] == {"max_retries": 0}  # a stopped engine sends search to the database at once
    assert settings["INDEX_PREFIX"] == "zhinan_"


def test_several_nodes_are_each_tried_before_the_database():
    settings = engine_settings(SEARCH_URL=" http://10.0.0.1:9200, https://u:p@10.0.0.2:9200/es ,http://10.0.0.3:9200,")
    assert settings["URLS"] == ["http://10.0.0.1:9200", "https://u:p@10.0.0.2:9200/es", "http://10.0.0.3:9200"]
    assert settings["OPTIONS"] == {"max_retries": 2}


@pytest.mark.parametrize(("value", "replicas"), [("", 0), ("0", 0), (" 2 ", 2)])
def test_replicas_come_from_the_environment(value, replicas):
    settings = engine_settings(SEARCH_REPLICAS=value)
    assert settings["INDEX_SETTINGS"]["settings"]["index"]["number_of_replicas"] == replicas
    assert INDEX_SETTINGS["settings"]["index"]["number_of_replicas"] == 0  # each environment gets its own copy


@pytest.mark.parametrize("value", ["-1", "1.5", "two", "²", "一"])
def test_replicas_must_be_a_whole_number(value):
    with pytest.raises(ImproperlyConfigured, match="SEARCH_REPLICAS"):
        engine_settings(SEARCH_REPLICAS=value)


@pytest.mark.parametrize("url", ["", " , ", "127.0.0.1:9200", "ftp://127.0.0.1:9200", "http://", "http://h:port"])
def test_an_engine_needs_the_urls_of_its_nodes(url):
    with pytest.raises(ImproperlyConfigured, match="SEARCH_URL"):
        engine_settings(SEARCH_URL=url)


def test_an_unknown_engine_is_refused_with_the_names_it_could_be():
    with pytest.raises(ImproperlyConfigured, match="database, opensearch, elasticsearch"):
        search_backends({"SEARCH_ENGINE": "solr", "SEARCH_URL": NODE})
    with pytest.raises(ImproperlyConfigured, match="opensearch2"):
        search_backends({"SEARCH_ENGINE": "opensearch2", "SEARCH_URL": NODE})


def test_the_backend_gets_every_node_and_the_replicas(settings):
    pytest.importorskip("opensearchpy", reason="the opensearch extra is not installed")
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": engine_settings(SEARCH_URL="http://10.0.0.1:9200,http://10.0.0.2:9201", SEARCH_REPLICAS="1")
    }
    backend = get_search_backend()
    assert [(host["host"], host["port"]) for host in backend.hosts] == [("10.0.0.1", 9200), ("10.0.0.2", 9201)]
    assert backend.settings["settings"]["index"]["number_of_replicas"] == 1
    assert backend.es.transport.max_retries == 1


# On a real node (SEARCH_ENGINE and SEARCH_URL name one).


@pytest.fixture
def engine(search_index):
    require_service(engine_configured(), "SEARCH_ENGINE/SEARCH_URL do not name a search engine")
    return search_index


@pytest.mark.engine
def test_index_splits_only_on_whitespace(engine):
    index = engine.backend.get_index_for_model(GuidePage)
    answer = engine.backend.es.indices.analyze(index=index.name, body={"text": "不动产 首次登记 ShenFenZheng"})
    assert [token["token"] for token in answer["tokens"]] == ["不动产", "首次登记", "shenfenzheng"]


@pytest.mark.engine
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


@pytest.mark.engine
def test_update_index_builds_the_replicas_the_environment_asks_for(engine, guide_index, settings):
    make_guide(guide_index, title="企业设立登记", colloquial_names="开公司")
    backends = copy.deepcopy(settings.WAGTAILSEARCH_BACKENDS)
    backends["default"]["INDEX_SETTINGS"]["settings"]["index"]["number_of_replicas"] = 1  # as SEARCH_REPLICAS=1
    settings.WAGTAILSEARCH_BACKENDS = backends

    call_command("update_index", verbosity=0)
    prefix = engine.backend.index_prefix
    answer = engine.backend.es.indices.get_settings(index=f"{prefix}*", name="index.number_of_replicas")
    assert answer
    assert {name: index["settings"]["index"]["number_of_replicas"] for name, index in answer.items()} == dict.fromkeys(
        answer, "1"
    )
