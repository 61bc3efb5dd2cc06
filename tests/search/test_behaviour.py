"""What citizens get from search. Runs on SQLite, PostgreSQL, OpenSearch and Elasticsearch (see conftest)."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from guides.models import TopicPage
from search.models import QueryLog, Synonym
from tests.factories import make_department, make_guide


@pytest.fixture
def guides(guide_index, search_index):
    """A handful of real-looking guides, one draft and one private guide, indexed and searchable."""
    estate = make_department(name="市不动产登记中心", code="estate")
    market = make_department(name="市市场监督管理局", code="market")
    social = make_department(name="市人力资源和社会保障局", code="social")
    made = {
        "property": make_guide(
            guide_index,
            title="不动产首次登记",
            colloquial_names="房本",
            summary="首次取得不动产权证书的登记",
            department=estate,
            is_free=False,
            fees=[{"name": "登记费", "standard": "80 元/件", "basis": "发改价格规〔2016〕2559号"}],
        ),
        "company": make_guide(
            guide_index,
            title="企业设立登记",
            summary="新开办企业领取营业执照",
            department=market,
            audience="business",
            online_level="full",
            online_url="https://zwfw.example.gov.cn/kaiban",
            visits_required=0,
        ),
        "welfare": make_guide(guide_index, title="最低生活保障申请", summary="困难家庭申请低保", department=social),
        "transfer": make_guide(
            guide_index, title="社会保险关系转移", summary="跨地区就业时转移社保", department=social
        ),
        "id_card": make_guide(guide_index, title="居民身份证换领", summary="有效期满换领新证", committed_limit_days=0),
        "marriage": make_guide(guide_index, title="内地居民结婚登记", summary="男女双方到婚姻登记机关登记"),
    }
    make_guide(
        guide_index, title="不动产转移登记", summary="买卖房屋过户", department=estate, publish=False, live=False
    )
    private = make_guide(guide_index, title="不动产抵押登记", summary="抵押", department=estate)
    restriction = PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="内部"))
    search_index.refresh()
    return made


def api(client, **params):
    response = client.get("/api/search/", params)
    assert response.status_code == 200, response.content
    return response.json()


def titles(client, q, **params):
    return [result["title"] for result in api(client, q=q, **params)["results"]]


EVERYDAY_QUERIES = {
    "开公司": "企业设立登记",
    "房产证": "不动产首次登记",
    "房本": "不动产首次登记",
    "低保": "最低生活保障申请",
    "社保转移": "社会保险关系转移",
    "身份证": "居民身份证换领",
    "营业执照": "企业设立登记",
    "shebao": "社会保险关系转移",
    "bdcdj": "不动产首次登记",
    "shenfenzheng": "居民身份证换领",
    "不動產": "不动产首次登记",
    "ＤＩＢＡＯ": "最低生活保障申请",
    "房产正": "不动产首次登记",
    "怎么办理结婚登记": "内地居民结婚登记",
}


def test_everyday_words_find_the_right_guide_first(client, guides):
    firsts = {query: (titles(client, query) or [None])[0] for query in EVERYDAY_QUERIES}
    assert firsts == EVERYDAY_QUERIES


def test_words_inside_titles_are_found(client, guides):
    found = titles(client, "登记")
    assert {"不动产首次登记", "企业设立登记", "内地居民结婚登记"} <= set(found)


def test_a_synonym_needs_all_its_words_not_one(client, guides):
    # 房产证 means 不动产登记: a guide with 不动产 and 登记 matches, one with only 登记 (marriage) does not.
    found = titles(client, "房产证")
    assert "不动产首次登记" in found
    assert "内地居民结婚登记" not in found
    assert "企业设立登记" not in found


def test_drafts_and_private_guides_never_appear(client, guides):
    found = titles(client, "不动产") + titles(client, "抵押") + titles(client, "过户")
    assert "不动产转移登记" not in found
    assert "不动产抵押登记" not in found
    assert "不动产首次登记" in found


def test_api_answers_in_the_documented_shape(client, guides):
    data = api(client, q="开公司")
    assert set(data) == {
        "query",
        "total",
        "total_is_lower_bound",
        "whole_matches",
        "partial_matches",
        "results",
        "facets",
    }
    assert data["query"] == "开公司"
    first = data["results"][0]
    assert set(first) == {
        "title",
        "url",
        "item_code",
        "department",
        "summary",
        "committed_limit_days",
        "committed_limit_unit",
        "committed_limit_text",
        "highlight",
    }
    assert first["department"] == "市市场监督管理局"
    assert first["item_code"] == guides["company"].item_code
    assert first["url"].endswith(guides["company"].url)
    assert "<mark>营业执照</mark>" in first["highlight"]


def test_api_says_an_instant_limit_in_words(client, guides):
    """即办 is said as such on every channel, the search API too: never "0 个工作日"."""
    first = api(client, q="居民身份证换领")["results"][0]
    assert first["committed_limit_days"] == 0 and first["committed_limit_unit"] == "working"
    assert first["committed_limit_text"] == "即办" and "0 个" not in first["committed_limit_text"]


def test_filters_and_facet_counts(client, guides):
    data = api(client, q="登记")
    audience = {option["value"]: option["count"] for option in data["facets"]["audience"]}
    assert audience["business"] == 1
    assert audience["person"] >= 2
    departments = {option["value"] for option in data["facets"]["department"]}
    assert {"estate", "market"} <= departments
    assert titles(client, "登记", audience="business") == ["企业设立登记"]
    assert titles(client, "登记", department="estate") == ["不动产首次登记"]
    assert titles(client, "登记", free="0") == ["不动产首次登记"]
    assert titles(client, "登记", online="full") == ["企业设立登记"]
    assert "不动产首次登记" not in titles(client, "登记", free="1")


def test_pagination(client, guide_index, search_index):
    for number in range(12):
        make_guide(guide_index, title=f"道路挖掘许可{number:02d}")
    search_index.refresh()
    first = api(client, q="道路挖掘")
    second = api(client, q="道路挖掘", page=2)
    assert first["total"] == 12
    assert len(first["results"]) == 10
    assert len(second["results"]) == 2
    assert not {r["title"] for r in first["results"]} & {r["title"] for r in second["results"]}


def test_each_result_costs_no_query_of_its_own(client, guide_index, search_index):
    """A result shows only the fields the search loads (service.RESULT_FIELDS): reading another costs a query."""
    for number in range(8):
        make_guide(guide_index, title=f"道路挖掘许可{number:02d}", summary="占用、挖掘城市道路")
    for number in range(2):
        make_guide(guide_index, title=f"河道采砂许可{number:02d}", summary="在河道管理范围内采砂")
    search_index.refresh()
    for url in ("/search/", "/api/search/"):
        counts = []
        for q, expected in (("道路挖掘", 8), ("河道采砂", 2)):
            client.get(url, {"q": q})  # warm the per-process caches (site root paths, vocabulary)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, {"q": q})
            assert response.status_code == 200
            assert response.content.decode().count("许可0") >= expected
            counts.append(len(queries))
        assert counts[0] == counts[1], url


def test_editor_synonyms_take_effect(client, guide_index, search_index):
    make_guide(guide_index, title="既有住宅加装电梯审批")
    search_index.refresh()
    assert titles(client, "加梯") == []
    Synonym.objects.create(terms="加梯、加装电梯")
    assert titles(client, "加梯") == ["既有住宅加装电梯审批"]


def test_nothing_found_suggests_close_words(client, guides):
    response = client.get("/search/", {"q": "shebap"})
    assert response.status_code == 200
    assert "没有找到与“shebap”有关的办事指南" in response.content.decode()
    assert "社保" in response.context["outcome"].suggestions


def test_search_page_shows_results_facets_highlights_and_pages(client, guides):
    response = client.get("/search/", {"q": "登记"})  # guides for persons and one for businesses
    html = response.content.decode()
    assert response.status_code == 200
    assert "企业设立<mark>登记</mark>" in html
    assert "?q=%E7%99%BB%E8%AE%B0&amp;audience=business" in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_promotions_are_shown_first(client, guides):
    promoted = guides["welfare"]
    SearchPromotion.objects.create(query=Query.get("救助"), page=promoted, description="困难群众救助")
    html = client.get("/search/", {"q": "救助"}).content.decode()
    assert html.index("困难群众救助") < html.index('class="search-empty"')  # a best bet, above the guides


def test_topics_and_life_events_are_found_beside_guides(client, guides, site_tree, search_index):
    home = site_tree[0]
    home.add_child(instance=TopicPage(title="社会保障", slug="social", intro="社保、低保、养老"))
    search_index.refresh()
    response = client.get("/search/", {"q": "社保"})
    assert [page.title for page in response.context["related"]] == ["社会保障"]


def test_queries_are_logged_with_their_result_counts(client, guides):
    api(client, q="开公司")
    api(client, q="开公司", page=1)
    api(client, q="火星移民")
    client.get("/search/", {"q": "开公司", "page": 2})
    logged = list(QueryLog.objects.order_by("pk").values_list("normalised", "results"))
    assert logged[0][0] == "开公司" and logged[0][1] >= 1
    assert logged[1][0] == "开公司"
    assert logged[2] == ("火星移民", 0)
    assert len(logged) == 3


def test_suggest_api_completes_words_and_pinyin(client, guides):
    data = client.get("/api/search/suggest/", {"q": "不动"}).json()
    assert "不动产首次登记" in data["suggestions"]
    assert "身份证" in client.get("/api/search/suggest/", {"q": "shenf"}).json()["suggestions"]
    assert client.get("/api/search/suggest/", {"q": ""}).json()["suggestions"] == []
