"""The ranked database backends (search/backends/): the same answers as Wagtail's own, ranked once per match.

Runs on SQLite and on PostgreSQL (DATABASE_URL), against Wagtail's stock database backend on the same index.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from modelsearch.query import And, Or, PlainText
from wagtail.search.backends import get_search_backend

from guides.models import GuidePage
from search import vocabulary
from search.backends.ranked import RankedResultsMixin
from search.query import analyse_query
from tests.factories import make_department, make_guide

QUERIES = ["不动产", "登记", "身份证", "社保转移", "bdcdj", "火星移民"]


@pytest.fixture
def stock_backend(settings):
    settings.WAGTAILSEARCH_BACKENDS = {
        **settings.WAGTAILSEARCH_BACKENDS,
        "stock": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False},
    }
    return get_search_backend("stock")


@pytest.fixture
def indexed(guide_index):
    estate = make_department(name="市不动产登记中心", code="estate")
    police = make_department(name="市公安局", code="police")
    guides = {
        "first": make_guide(guide_index, title="不动产首次登记", summary="首次取得不动产权证书", department=estate),
        "transfer": make_guide(guide_index, title="不动产转移登记", summary="买卖房屋过户", department=estate),
        "mortgage": make_guide(
            guide_index,
            title="抵押权登记",
            summary="以不动产设定抵押时办理",
            department=estate,
            is_free=False,
            fees=[{"name": "登记费", "standard": "80 元/件", "basis": "发改价格规〔2016〕2559号"}],
        ),
        "id_card": make_guide(guide_index, title="居民身份证换领", summary="身份证有效期满换领", department=police),
        "lost_id": make_guide(guide_index, title="居民身份证挂失补领", summary="遗失后补领", department=police),
        "social": make_guide(guide_index, title="社会保险关系转移", summary="跨地区就业时转移社保"),
    }
    make_guide(guide_index, title="不动产更正登记", summary="草稿", department=estate, publish=False, live=False)
    return guides


def search(backend, query, queryset=None):
    analysed = analyse_query(vocabulary.current(), query)
    queryset = GuidePage.objects.live().public() if queryset is None else queryset
    return backend.search(analysed.engine_query, queryset, operator="or")


def test_the_ranked_backend_is_in_use(db):
    assert isinstance(search(get_search_backend(), "登记"), RankedResultsMixin), connection.vendor


def test_same_matches_count_and_facets_as_the_stock_backend(db, indexed, stock_backend):
    for query in QUERIES:
        ranked, stock = search(get_search_backend(), query), search(stock_backend, query)
        assert {page.pk for page in ranked} == {page.pk for page in stock}, query
        assert ranked.count() == stock.count(), query
        for field in ("department_id", "audience", "online_level", "is_free", "visits_required"):
            assert dict(ranked.facet(field)) == dict(stock.facet(field)), (query, field)


def test_facets_asked_first_give_the_total_too(db, indexed, stock_backend, django_assert_num_queries):
    for query in QUERIES:
        ranked, stock = search(get_search_backend(), query), search(stock_backend, query)
        free = dict(ranked.facet("is_free"))
        assert free == dict(stock.facet("is_free")), query
        with django_assert_num_queries(0):
            total = ranked.count()
        assert total == stock.count() == sum(free.values()), query


def test_a_title_match_ranks_above_a_mention_in_the_summary(db, indexed):
    titles = [page.title for page in search(get_search_backend(), "不动产")[:3]]
    assert "抵押权登记" not in titles[:2]
    assert set(titles[:2]) == {"不动产首次登记", "不动产转移登记"}


def test_pages_slice_the_ranking_and_drafts_never_appear(db, indexed):
    results = search(get_search_backend(), "登记")
    everything = list(results)
    assert len(everything) == results.count() == 3  # the three estate guides; not the draft
    assert list(results[:2]) + list(results[2:4]) == everything
    assert "不动产更正登记" not in {page.title for page in everything}


def test_queryset_filters_narrow_the_matches_and_their_facets(db, indexed):
    police = GuidePage.objects.live().public().filter(department=indexed["id_card"].department)
    results = search(get_search_backend(), "身份证 登记", police)
    assert {page.title for page in results} == {"居民身份证换领", "居民身份证挂失补领"}
    assert dict(results.facet("department_id")) == {indexed["id_card"].department_id: 2}


def test_scores_are_annotated_best_first(db, indexed):
    results = list(search(get_search_backend(), "身份证").annotate_score("score"))
    scores = [page.score for page in results]
    assert scores == sorted(scores, reverse=True)
    assert {page.title for page in results[:2]} == {"居民身份证换领", "居民身份证挂失补领"}
    assert scores[1] > scores[2]  # the guides that only list an ID card among their materials come after


def test_pages_run_on_from_the_title_matches_into_the_text_matches(db, indexed):
    everything = [page.title for page in search(get_search_backend(), "不动产")]
    assert set(everything[:2]) == {"不动产首次登记", "不动产转移登记"}  # named 不动产 ...
    assert everything[2:] == ["抵押权登记"]  # ... before the guide that only mentions it
    for start in range(4):
        for size in (1, 2, 3):
            results = search(get_search_backend(), "不动产")  # each slice on fresh results: nothing carried over
            assert [page.title for page in results[start : start + size]] == everything[start : start + size]
            assert results.count() == 3, (start, size)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner settings (the PostgreSQL run)")
def test_postgresql_planner_settings_end_with_the_search(db, indexed):
    with connection.cursor() as cursor:
        results = search(get_search_backend(), "登记")
        assert len(list(results)) == 3
        assert results.facet("department_id")
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's JIT (the PostgreSQL run)")
def test_postgresql_compiles_no_statement_with_jit(db):
    """The site's connections turn JIT off (config/settings/base.py): compiling cost more than a search."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_a_stock_backend_counts_every_match_whole(db, indexed):
    """Without FTS5 (or on another vendor) the stock database backend answers: it cannot rank whole matches first,
    so every match counts as whole, and the results page still works."""
    from modelsearch.backends.database.fallback import DatabaseSearchBackend

    from search import service
    from search.backends.analysed import analysing

    backend = analysing(DatabaseSearchBackend)({})
    params = service.SearchParams(q="身份证")
    total, whole, page, _facets, _capped = service.run_search(
        backend, params, analyse_query(vocabulary.current(), "身份证"), True
    )
    assert total == whole == len(page.object_list) == 2


# 不动产 抵押: guides answering both words (the whole query), guides with one of them in the title only, guides that
# only mention one in their text. The database backends rank the last two tiers only when a page reaches them.
TIERED = {
    "whole": [
        ("不动产抵押权首次登记", "以不动产设定抵押"),
        ("抵押权注销登记", "注销不动产抵押"),
        ("在建工程抵押登记", "以在建不动产设定抵押"),
        ("房屋登记", "不动产抵押时办理"),
    ],
    "title": [
        ("不动产首次登记", "首次取得权证"),
        ("不动产转移登记", "买卖房屋过户"),
        ("不动产更正登记", "登记错误时更正"),
        ("抵押贷款贴息", "创业担保贷款"),
        ("不动产查封登记", "法院查封"),
    ],
    "text": [
        ("房屋买卖合同备案", "备案后办理不动产过户"),
        ("机动车登记", "机动车办理抵押"),
        ("契税申报", "取得不动产后缴纳契税"),
        ("林权登记", "林地等不动产"),
    ],
}


@pytest.fixture
def tiered(guide_index):
    return {
        make_guide(guide_index, title=title, summary=summary).title: tier
        for tier, guides in TIERED.items()
        for title, summary in guides
    }


def tiered_search(backend):
    analysed = analyse_query(vocabulary.current(), "不动产 抵押")
    return search(backend, "不动产 抵押").whole_first(analysed.whole_query)


def test_every_page_keeps_the_order_of_the_tiers(db, tiered, settings):
    """Whole matches, then those with a word in the title, then those in the text only, each best first, on every
    page whatever its size and start: pages that begin, end or run across a tier's boundary alike, counted in full
    or up to a count limit below the total (the first statement then counts each tier in turn)."""
    backend = get_search_backend()
    results = tiered_search(backend).annotate_score("score")
    everything = list(results)
    assert [tiered[page.title] for page in everything] == ["whole"] * 4 + ["title"] * 5 + ["text"] * 4
    for tier in TIERED:
        scores = [(page.score, page.pk) for page in everything if tiered[page.title] == tier]
        assert scores == sorted(scores, reverse=True), tier  # best first, newer first among equals
    assert (results.count(), results.whole_count()) == (13, 4)
    order = [page.pk for page in everything]
    for limit in (100, 9, 5):
        settings.SEARCH_COUNT_LIMIT = limit
        for start in range(min(limit, len(order))):
            for size in (1, 2, 3, 4, 5, 10):
                size = min(size, limit - start)  # no page reaches past the count limit
                page = tiered_search(backend)  # each page on fresh results, as a request has them
                assert [guide.pk for guide in page[start : start + size]] == order[start : start + size], (
                    limit,
                    start,
                    size,
                )
                assert page.count() == min(13, limit) and page.whole_count() == 4, (limit, start, size)


# The whole query of a word spelt as two words (a PlainText wants all its words) and another: a guide answers it only
# with both words of the first and the other, in its title or its text. Having any of the first word's lexemes is not
# enough, so on PostgreSQL, where the narrowed words decide a whole match when every word is single lexemes, this
# query keeps the exact test on the title and the text together.
SPELT_IN_TWO = And([Or([PlainText("alpha beta")]), Or([PlainText("gamma")])])


def spelt_in_two_search(backend):
    matching = PlainText("alpha beta gamma", operator="or")
    return backend.search(matching, GuidePage.objects.live().public(), operator="or").whole_first(SPELT_IN_TWO)


def test_a_word_spelt_in_two_needs_both_for_a_whole_match(db, guide_index):
    whole = make_guide(guide_index, title="alpha 证明", summary="gamma beta")
    partial = make_guide(guide_index, title="alpha 证明", summary="gamma")  # not beta
    results = spelt_in_two_search(get_search_backend())
    assert [guide.pk for guide in results] == [whole.pk, partial.pk]
    assert (results.count(), results.whole_count()) == (2, 1)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plans (the PostgreSQL run)")
def test_postgresql_tests_the_title_and_text_together_only_where_the_words_do_not_decide(db, tiered):
    """不动产 抵押's words are single lexemes: their narrowed words decide a whole match, and no statement
    concatenates the title and the text. A word spelt as two words does not decide it."""

    def plans(search):
        with CaptureQueriesContext(connection) as captured:
            list(search(get_search_backend()))
        with connection.cursor() as cursor:
            explained = []
            for statement in captured.captured_queries:
                if not statement["sql"].startswith(("SELECT", "WITH")):
                    continue  # the planner settings
                cursor.execute(f"EXPLAIN {statement['sql']}")
                explained += [row[0] for row in cursor.fetchall()]
        return "\n".join(explained)

    assert "(title || body)" not in plans(tiered_search)
    assert "(title || body)" in plans(spelt_in_two_search)
