"""The search engine breaks under a running site, on OpenSearch 2.19 and 3.3 (both with SEARCH_ENGINE=opensearch).

A stopped engine: search answers from the database (and says so), publishing works, update_index repairs the
engine once it is back. A three-node OpenSearch cluster given as three SEARCH_URLs with SEARCH_REPLICAS=1:
update_index builds every index with its replica, then the node holding the most primaries is killed, and searches
keep being answered by the engine, with every guide."""

import json
import re
import subprocess
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from .conftest import missing_service
from .servers import ROOT, Gunicorn, OpenSearchNodes, get, manage, production_env, wait_until

pytestmark = pytest.mark.faults

FALLBACK_NOTICE = "备用搜索"
INDEX_PREFIX = "zhinan_faults_"
SETUP = """
from tests.factories import make_guide, make_site
home, index = make_site()
for title, names in {guides!r}:
    make_guide(index, title=title, colloquial_names=names)
"""
PUBLISH = """
from guides.models import Department, GuideIndexPage
from tests.factories import make_guide
index, department = GuideIndexPage.objects.get(), Department.objects.get()
make_guide(index, department=department, title={title!r}, colloquial_names={names!r})
"""


def search(query):
    """Status and text of the search page, tags removed: highlighting splits a title into marked parts."""
    status, body = get("/search/?" + urllib.parse.urlencode({"q": query}))
    return status, re.sub(r"<[^>]+>", "", body)


def found_by_engine(query, *titles):
    status, text = search(query)
    return status == 200 and FALLBACK_NOTICE not in text and all(title in text for title in titles)


def site_env(tmp_path, engine, **extra):
    env = production_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        SEARCH_ENGINE="opensearch",
        SEARCH_URL=",".join(engine.url(node) for node in range(1, engine.count + 1)),
        SEARCH_INDEX_PREFIX=INDEX_PREFIX,
        **extra,
    )
    manage(env, "migrate", "--no-input")
    manage(env, "collectstatic", "--no-input")  # production serves hashed static names from the manifest
    return env


def update_index(env):
    """manage.py update_index, given more time per request than a search (SEARCH_TIMEOUT, 5 s): creating an index
    waits for its shards to start, which takes longer on a busy CI machine, above all just after a node started."""
    manage({**env, "SEARCH_TIMEOUT": "60"}, "update_index")


def engines_sh(*args):
    """The output of .ci/services/engines.sh ARGS; the test cannot run (in CI: fails) when it fails."""
    run = subprocess.run(  # noqa: S603
        ["bash", str(ROOT / ".ci/services/engines.sh"), *args],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=900,
    )
    if run.returncode:
        missing_service(f"engines.sh {' '.join(args)}: {run.stderr[-500:]}")
    return run.stdout.strip()


class Nodes(OpenSearchNodes):
    """OpenSearchNodes of the runner engines.sh calls ENGINE (opensearch: 2.19, opensearch3: 3.3), on the Java that
    engines.sh picks for it (OpenSearch 3 needs Java 21+)."""

    def __init__(self, count, engine):
        runner = (engines_sh("java", engine), Path(engines_sh("lib", engine))) if engine != "opensearch" else None
        super().__init__(count)
        if runner:
            self.java, self.lib = runner


@pytest.fixture(params=["opensearch", "opensearch3"], ids=["2.19", "3.3"])
def engines(request):
    started = []

    def start(count):
        nodes = Nodes(count, request.param)
        started.append(nodes)
        nodes.start_all()
        return nodes

    yield start
    for nodes in started:
        nodes.stop_all()


@pytest.fixture
def server():
    servers = []

    def start(env):
        gunicorn = Gunicorn(env)
        servers.append(gunicorn)
        gunicorn.start()

    yield start
    for gunicorn in servers:
        gunicorn.stop()


def test_a_stopped_engine_degrades_search_to_the_database(tmp_path, engines, server):
    engine = engines(1)
    env = site_env(tmp_path, engine)
    manage(env, "shell", "-c", SETUP.format(guides=[("企业设立登记", "开公司")]))
    update_index(env)  # the first build of the engine's index, as at installation
    server(env)
    wait_until(lambda: found_by_engine("开公司", "企业设立登记"), 30, "the engine to find the first guide")

    engine.kill(1)
    status, body = search("开公司")
    assert status == 200
    assert "企业设立登记" in body
    assert FALLBACK_NOTICE in body
    health = json.loads(get("/healthz")[1])
    assert health["status"] == "degraded"
    assert health["search"]["ok"] is False

    manage(env, "shell", "-c", PUBLISH.format(title="食品经营许可", names="开饭店"))  # publishing works
    status, body = search("开饭店")
    assert status == 200
    assert "食品经营许可" in body

    engine.start(1)
    engine.wait_healthy("yellow")
    update_index(env)
    wait_until(lambda: found_by_engine("开饭店", "食品经营许可"), 30, "update_index to repair the engine")
    assert json.loads(get("/healthz")[1])["status"] == "ok"


def cat(url, what):
    with urllib.request.urlopen(f"{url}/_cat/{what}", timeout=10) as response:  # noqa: S310 - loopback only
        return json.load(response)


def test_a_cluster_with_a_replica_survives_losing_a_node(tmp_path, engines, server):
    engine = engines(3)
    env = site_env(tmp_path, engine, SEARCH_REPLICAS="1")
    guides = [("企业设立登记", "开公司"), ("不动产首次登记", "房产证"), ("最低生活保障审批", "低保")]
    manage(env, "shell", "-c", SETUP.format(guides=guides))
    update_index(env)  # the repair step keeps the replicas SEARCH_REPLICAS asks for
    indexes = cat(engine.url(1), f"indices/{INDEX_PREFIX}*?h=index,rep&format=json")
    assert indexes
    assert {index["index"]: index["rep"] for index in indexes} == {index["index"]: "1" for index in indexes}
    engine.wait_healthy("green", nodes=3)
    server(env)
    for title, names in guides:
        wait_until(lambda t=title, n=names: found_by_engine(n, t), 30, f"the engine to find {title}")

    # Kill the node that holds the most primary shards of the site's indexes; the site knows all three nodes, so
    # it may be the one it asked first.
    nodes = cat(engine.url(1), "nodes?h=id,http&full_id=true&format=json")
    http_port_of = {node["id"]: int(node["http"].rsplit(":", 1)[1]) for node in nodes}
    shards = cat(engine.url(1), f"shards/{INDEX_PREFIX}*?h=prirep,id&format=json")
    primaries = dict.fromkeys((1, 2, 3), 0)
    for shard in shards:
        if shard["prirep"] == "p":
            primaries[http_port_of[shard["id"]] - OpenSearchNodes.BASE_HTTP] += 1
    engine.kill(max(primaries, key=primaries.get))

    for _ in range(20):
        for title, names in guides:
            assert found_by_engine(names, title)
