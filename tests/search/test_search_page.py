"""The search page answers: generic words, best bets, filters behind 筛选, the lexicon, initials, an answer when
nothing matches every word. Runs on SQLite, PostgreSQL, OpenSearch and Elasticsearch (see conftest)."""

from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guides.models import Department, GuideFAQ, LifeEventPage, TopicPage
from search import service
from search.models import LexiconEntry
from tests.factories import make_department, make_guide


@pytest.fixture
def guides(guide_index, search_index):
    social = make_department(name="市人力资源和社会保障局", code="social")
    police = make_department(name="市公安局", code="police")
    made = {
        "welfare": make_guide(guide_index, title="最低生活保障申请", summary="困难家庭申请低保", department=social),
        "transfer": make_guide(guide_index, title="社会保险关系转移", summary="跨地区就业转移社保", department=social),
        "renew": make_guide(guide_index, title="居民身份证换领", summary="有效期满申请换领新证", department=police),
        "replace": make_guide(
            guide_index, title="居民身份证补领", summary="证件遗失后申请补领", department=police, audience="person"
        ),
        "food": make_guide(guide_index, title="食品经营许可", summary="开办餐馆申请食品经营许可证", department=social),
    }
    search_index.refresh()
    return made


def page(client, q, **params):
    response = client.get("/search/", {"q": q, **params})
    assert response.status_code == 200
    return response


def result_titles(response):
    return [guide.title for guide, _title, _summary in response.context["results"]]


def test_generic_words_do_not_match_on_their_own(client, guides):
    assert result_titles(page(client, "低保怎么申请")) == ["最低生活保障申请"]  # not every guide that says 申请
    response = page(client, "怎么申请需要什么")
    assert result_titles(response) == []
    html = response.content.decode()
    assert "热门事项" in html and "居民身份证补领" in html  # never an empty page: the popular items
    assert "找到 0 项" not in html


def test_a_query_sharing_one_meaningful_word_shows_the_partial_matches(client, guides):
    found = result_titles(page(client, "火星 身份证换领"))  # no guide is about 火星
    assert found[0] == "居民身份证换领"


def at(html, guide):
    """Where the link to `guide` is on the results page."""
    return html.index(f'data-guide="{guide.pk}"')


def test_results_matching_only_some_words_come_after_a_notice(client, guides):
    response = page(client, "身份证 遗失")  # 补领 says both words; the others 身份证 only (among their materials)
    outcome = response.context["outcome"]
    assert outcome.whole == 1 and outcome.total == len(guides)
    partial = f"以下 {outcome.total - 1} 项只包含部分词语"
    html = response.content.decode()
    assert "找到 1 项与“身份证 遗失”有关的办事指南" in html
    assert at(html, guides["replace"]) < html.index(partial) < at(html, guides["renew"])
    assert 'data-position="2"' in html.split(partial, 1)[1]  # numbered on from the first list
    found = client.get("/api/search/", {"q": "身份证 遗失"}).json()
    assert (found["total"], found["whole_matches"], found["partial_matches"]) == (len(guides), 1, len(guides) - 1)
    assert found["results"][0]["title"] == "居民身份证补领"


def test_with_no_whole_match_the_best_partial_one_still_leads(client, guides):
    response = page(client, "火星 身份证换领")
    outcome = response.context["outcome"]
    assert outcome.whole == 0 and outcome.total
    html = response.content.decode()
    assert "没有同时包含“火星 身份证换领”中所有词语的办事指南" in html and "找到" not in html
    assert html.index(f"以下 {outcome.total} 项只包含部分词语") < at(html, guides["renew"])
    assert result_titles(response)[0] == "居民身份证换领"
    one_word = page(client, "身份证")  # one word: every match is whole
    assert one_word.context["outcome"].whole == one_word.context["outcome"].total
    assert "只包含部分词语" not in one_word.content.decode()


def test_a_sentence_the_lexicon_knows_counts_only_its_guides_as_whole(client, guides):
    LexiconEntry.objects.create(phrase="身份证 丢失", terms="居民身份证补领")
    response = page(client, "身份证丢了怎么办")
    assert result_titles(response)[0] == "居民身份证补领" and response.context["outcome"].whole == 1
    html = response.content.decode()
    assert "找到 1 项" in html and html.index("只包含部分词语") < at(html, guides["renew"])


def test_filters_sit_behind_one_control_and_single_value_facets_are_hidden(client, guides):
    html = page(client, "补领 换领 低保").content.decode()  # two departments, all for persons
    assert html.count('<details class="search-filters"') == 1
    assert "<summary>筛选" in html
    assert "市公安局</a>" in html
    assert "自然人</a>" not in html  # one audience: a facet that narrows nothing
    one = page(client, "低保").content.decode()
    assert 'class="search-filters"' not in one  # one result: nothing to filter
    chosen = page(client, "身份证", department="police").content.decode()
    assert '<details class="search-filters" open>' in chosen  # a chosen filter stays in view to be undone
    assert "市公安局</a>" in chosen


def test_a_life_event_is_the_best_bet_above_the_guides(client, guides, site_tree, search_index):
    home = site_tree[0]
    home.add_child(instance=LifeEventPage(title="开办餐饮店一件事", slug="restaurant", intro="开一家餐馆要办的事"))
    home.add_child(instance=TopicPage(title="社会保障与就业", slug="social", intro="社保、低保、养老"))
    home.add_child(instance=LifeEventPage(title="新生儿出生一件事", slug="birth", intro="落户、社保卡申领一次办"))
    search_index.refresh()
    response = page(client, "开办餐馆")
    assert response.context["best_bet"].title == "开办餐饮店一件事"
    html = response.content.decode()
    assert html.index("开办餐饮店一件事") < html.index("食品经营许可</")
    assert page(client, "社会保障").context["best_bet"].title == "社会保障与就业"
    assert page(client, "低保").context["best_bet"] is None  # a topic by its title only: its intro lists much
    # A life event by its introduction only when no guide shown answers by its title.
    assert page(client, "社保").context["best_bet"] is None
    assert page(client, "落户").context["best_bet"].title == "新生儿出生一件事"


def test_no_zero_beside_a_shown_life_event(client, guides, site_tree, search_index):
    site_tree[0].add_child(instance=LifeEventPage(title="退休一件事", slug="retire", intro="退休前后要办的事"))
    search_index.refresh()
    response = page(client, "退休")
    html = response.content.decode()
    assert response.context["best_bet"].title == "退休一件事"
    assert "找到 0 项" not in html and "没有找到与" not in html
    assert "与“退休”有关的办理服务" in html


def test_an_editor_lexicon_entry_turns_a_sentence_into_its_guide(client, guides):
    LexiconEntry.objects.create(phrase="身份证 丢失", terms="居民身份证补领")
    # 丢失 is said 丢 in everyday speech: one of its characters alone counts.
    assert result_titles(page(client, "身份证丢了怎么办"))[0] == "居民身份证补领"
    LexiconEntry.objects.filter(phrase="身份证 丢失").update(enabled=False)
    LexiconEntry.objects.create(phrase="户口 丢失", terms="居民身份证补领")  # no word typed whole: never fires
    assert "居民身份证补领" not in result_titles(page(client, "我丢了东西"))


def test_initials_of_everyday_names_work_as_pinyin_does(client, guides):
    assert "社会保险关系转移" in result_titles(page(client, "sb"))  # 社保, an everyday name of two characters
    assert result_titles(page(client, "sfz补领"))[0] == "居民身份证补领"


def test_propose_lexicon_proposes_from_content_and_keeps_editors_entries(client, guide_index, search_index):
    guide = make_guide(guide_index, title="居民身份证补领", colloquial_names="身份证丢失、身份证被盗")
    GuideFAQ.objects.create(guide=guide, question="补领期间坐火车怎么办？", answer="可办临时身份证。")
    LexiconEntry.objects.create(phrase="身份证 被盗", terms="居民身份证挂失")  # an editor's, kept as it is
    call_command("propose_lexicon", apply=True, verbosity=0)
    proposed = dict(LexiconEntry.objects.values_list("phrase", "terms"))
    assert proposed["身份证 丢失"] == "居民身份证补领"
    assert [terms for phrase, terms in proposed.items() if "火车" in phrase] == ["居民身份证补领"]  # from the FAQ
    assert proposed["身份证 被盗"] == "居民身份证挂失"
    assert LexiconEntry.objects.get(phrase="身份证 丢失").source == LexiconEntry.Source.CONTENT
    call_command("propose_lexicon", apply=True, verbosity=0)  # again: nothing new
    assert LexiconEntry.objects.count() == len(proposed)


def test_a_renamed_department_shows_in_the_facets_at_once(
    client, guides, page_caches, django_capture_on_commit_callbacks
):
    # The departments' names are kept per content generation (service.department_names), as are the pages.
    assert "市公安局</a>" in page(client, "补领 换领 低保").content.decode()
    police = Department.objects.get(code="police")
    police.name = "市公安局户政管理处"
    with django_capture_on_commit_callbacks(execute=True):
        police.save()
    html = page(client, "补领 换领 低保").content.decode()
    assert "市公安局户政管理处</a>" in html and "市公安局</a>" not in html


def test_a_results_page_is_one_ranked_search(client, guides, search_index, site_tree, monkeypatch):
    """The whole matches first, both counts, the facets and the related 一件事 and topics: one engine request;
    on the database, the page's ranked statements (the matches in the title, then in the text) and one grouped
    count of the facets."""
    site_tree[0].add_child(instance=TopicPage(title="证件办理", slug="papers", intro="身份证、户口"))
    search_index.refresh()
    backend = search_index.backend
    if hasattr(backend, "es"):
        requests, client_class = [], type(backend.es)  # each get_search_backend() makes its own client
        search = client_class.search
        monkeypatch.setattr(
            client_class, "search", lambda *args, **kwargs: requests.append(1) or search(*args, **kwargs)
        )
        response = page(client, "身份证 遗失")
        assert len(requests) == 1
    else:
        with CaptureQueriesContext(connection) as queries:
            response = page(client, "身份证 遗失")
        matching = [query["sql"] for query in queries if " MATCH " in query["sql"] or "@@" in query["sql"]]
        assert len(matching) <= 3, matching
    outcome = response.context["outcome"]
    assert (outcome.whole, outcome.total) == (1, len(guides))
    assert result_titles(response)[0] == "居民身份证补领"
    assert [page.title for page in response.context["related"]] == ["证件办理"]


def test_a_total_above_the_count_limit_is_shown_as_more_than_it(client, guides, settings, monkeypatch):
    """Every guide says 身份证 (two in the title, three among their materials); counted up to 3, the page and the API
    say "more than 3", the title matches still lead, and no facet counts the results: the count stopped short of
    them. A filter the citizen chose can still be undone."""
    settings.SEARCH_COUNT_LIMIT = 3
    monkeypatch.setattr(service, "PAGE_SIZE", 1)
    response = page(client, "身份证")
    outcome = response.context["outcome"]
    assert (outcome.total, outcome.whole, outcome.capped, outcome.facets) == (3, 3, True, {})
    html = response.content.decode()
    assert "找到超过 3 项与“身份证”有关的办事指南" in html
    assert "第 1 页（最多显示前 3 页）" in html
    assert "暂不提供筛选条件" in html and "search-facets" not in html
    assert result_titles(response)[0] in {"居民身份证换领", "居民身份证补领"}
    found = client.get("/api/search/", {"q": "身份证"}).json()
    assert (found["total"], found["total_is_lower_bound"], found["whole_matches"]) == (3, True, 3)
    assert (found["partial_matches"], found["facets"]) == (None, {})
    filtered = page(client, "身份证", audience="person").content.decode()
    assert '<a href="?q=%E8%BA%AB%E4%BB%BD%E8%AF%81">清除已选的筛选条件</a>' in filtered


def test_a_capped_total_leaves_the_partial_matches_uncounted(client, guides, settings):
    settings.SEARCH_COUNT_LIMIT = 3
    response = page(client, "身份证 遗失")  # one whole match, four partial ones
    outcome = response.context["outcome"]
    assert (outcome.total, outcome.whole, outcome.capped) == (3, 1, True)
    html = response.content.decode()
    assert "找到 1 项与“身份证 遗失”有关的办事指南" in html
    assert at(html, guides["replace"]) < html.index("以下各项只包含部分词语") < at(html, guides["renew"])
    assert "以下 2 项" not in html
    found = client.get("/api/search/", {"q": "身份证 遗失"}).json()
    assert (found["total"], found["total_is_lower_bound"], found["whole_matches"]) == (3, True, 1)
    assert found["partial_matches"] is None


def test_a_total_at_the_count_limit_is_exact(client, guides, settings):
    settings.SEARCH_COUNT_LIMIT = len(guides)
    response = page(client, "身份证")
    assert (response.context["outcome"].total, response.context["outcome"].capped) == (len(guides), False)
    assert f"找到 {len(guides)} 项与“身份证”有关的办事指南" in response.content.decode()
    found = client.get("/api/search/", {"q": "身份证"}).json()
    assert (found["total"], found["total_is_lower_bound"], found["partial_matches"]) == (len(guides), False, 0)


def test_a_link_s_query_string_is_urlencode_s():
    """SearchParams.query_string quotes each value once per process: the text must stay urlencode's."""
    params = service.SearchParams(q="A&B 身份证+100% “证”", chosen={"department": "D-1", "free": "1"}, scope="province")
    for changes in ({}, {"page": 2}, {"department": "", "page": ""}, {"free": "0", "page": 1000}):
        values = {"q": params.q, "scope": params.scope, **params.chosen, **changes}
        expected = urlencode({key: value for key, value in values.items() if value not in ("", None)})
        assert params.query_string(**changes) == expected
