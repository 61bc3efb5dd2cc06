"""Learning from searches: the click beacon, synonym proposals an editor accepts, and 热门事项 from usage.

Runs on SQLite and PostgreSQL (DATABASE_URL); the searches go through the database backend."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.utils import timezone

from guides.models import GuidePage
from guides.models.querysets import POPULAR_COUNT, usage_ranking
from search import clicks, querylog
from search.models import GuideClick, PopularPin, QueryDay, Synonym, SynonymProposal
from search.reports import open_proposals
from search.synonyms import accepted_group, as_term
from tests.factories import make_guide

BEACON = "/api/search/click/"
FAILED = "红本本"  # the everyday name nobody taught the site


@pytest.fixture(autouse=True)
def empty_cache():
    """The rate limit and the usage ranking live in the cache: each test starts without them."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def guides(guide_index, search_index):
    made = {
        "property": make_guide(guide_index, title="不动产首次登记", colloquial_names="房本", summary="首次登记"),
        "company": make_guide(guide_index, title="企业设立登记", summary="领取营业执照", audience="business"),
        "welfare": make_guide(guide_index, title="最低生活保障申请", summary="困难家庭申请低保"),
    }
    search_index.refresh()
    return made


def post(client, **data):
    return client.post(BEACON, data)


# ----------------------------------------------------------------------------------------------------------------
# The beacon


def test_a_click_is_recorded_with_the_query_guide_position_and_day_only(client, guides):
    guide = guides["property"]
    response = client.post(
        BEACON,
        {"q": " ＦＡＮＧ 房本 ", "guide": str(guide.pk), "position": "2"},
        HTTP_USER_AGENT="Mozilla/5.0 test-agent",
        REMOTE_ADDR="203.0.113.7",
        HTTP_COOKIE="tracking=abc",
    )
    assert response.status_code == 204
    assert not response.cookies
    click = GuideClick.objects.get()
    assert (click.day, click.normalised, click.page_id, click.position, click.clicks) == (
        timezone.localdate(),
        "fang 房本",
        guide.pk,
        2,
        1,
    )
    post(client, q="fang 房本", guide=guide.pk, position=2)
    assert GuideClick.objects.get().clicks == 2  # one row per query, guide, position and day
    stored = {field.name for field in GuideClick._meta.get_fields()} | {
        field.name for field in SynonymProposal._meta.get_fields()
    }
    assert stored == {
        *("id", "day", "normalised", "page", "position", "clicks"),
        *("failed", "better", "reformulations", "last_seen", "status"),
    }
    values = " ".join(str(value) for value in GuideClick.objects.values_list())
    assert "203.0.113.7" not in values and "test-agent" not in values and "abc" not in values


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"guide": "1", "position": "1"}, "缺少搜索词"),
        ({"q": "房本", "guide": "abc", "position": "1"}, "指南编号"),
        ({"q": "房本", "guide": "１２", "position": "1"}, "指南编号"),
        ({"q": "房本", "guide": "{guide}", "position": "0"}, "结果位次"),
        ({"q": "房本", "guide": "{guide}", "position": "99999999999999999999"}, "结果位次"),
        ({"q": "房本", "guide": "{guide}"}, "要一起提供"),
        ({"q": "房本"}, "没有可以记录的内容"),
        ({"q": "房本", "prev": "房本"}, "没有可以记录的内容"),
        ({"q": "房本", "guide": "{draft}", "position": "1"}, "没有编号为"),
        ({"q": "房本", "guide": "{index}", "position": "1"}, "没有编号为"),
        ({"q": "房本\x00", "guide": "2147483648", "position": "1"}, "指南编号"),
    ],
)
def test_bad_input_is_refused_with_a_chinese_message(client, guides, guide_index, data, message):
    draft = make_guide(guide_index, title="草稿事项", publish=False, live=False)
    ids = {"guide": guides["property"].pk, "draft": draft.pk, "index": guide_index.pk}
    response = client.post(BEACON, {key: value.format(**ids) for key, value in data.items()})
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert not GuideClick.objects.exists() and not SynonymProposal.objects.exists()


def test_only_posts_from_this_site_are_recorded(client, guides):
    data = {"q": "房本", "guide": guides["property"].pk, "position": 1}
    assert client.get(BEACON, data).status_code == 405
    assert "POST" in client.get(BEACON).json()["error"]
    assert client.post(BEACON, data, HTTP_ORIGIN="https://evil.example").status_code == 403
    assert client.post(BEACON, data, HTTP_SEC_FETCH_SITE="cross-site").status_code == 403
    assert not GuideClick.objects.exists()
    assert client.post(BEACON, data, HTTP_ORIGIN="http://testserver", HTTP_SEC_FETCH_SITE="same-origin").status_code
    assert GuideClick.objects.get().clicks == 1


def test_a_body_that_cannot_be_read_is_a_400(client, guides):
    response = client.post(BEACON, b"--x\r\nbroken", content_type="multipart/form-data; boundary=")
    assert response.status_code == 400
    assert "无法读取" in response.json()["error"]
    fields = "&".join(f"f{n}=1" for n in range(1500))  # more than DATA_UPLOAD_MAX_NUMBER_FIELDS
    response = client.post(BEACON, fields, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400 and "无法读取" in response.json()["error"]


def test_the_beacon_is_rate_limited(client, guides, monkeypatch):
    monkeypatch.setattr(clicks, "BEACON_LIMIT", 3)
    data = {"q": "房本", "guide": guides["property"].pk, "position": 1}
    assert [post(client, **data).status_code for _ in range(4)] == [204, 204, 204, 429]
    assert "太频繁" in post(client, **data).json()["error"]
    assert GuideClick.objects.get().clicks == 3


def test_the_results_page_carries_the_hook_and_stays_free_of_tracking(client, guides):
    response = client.get("/search/", {"q": "房本"})
    html = response.content.decode()
    guide = guides["property"]
    assert f'data-guide="{guide.pk}" data-position="1"' in html
    assert 'src="/static/js/search-learning.js"' in html and f'data-beacon-url="{BEACON}"' in html
    assert 'data-results="1"' in html
    assert not response.cookies


# ----------------------------------------------------------------------------------------------------------------
# Synonym proposals


def search(client, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def followed(client, guides):
    """A citizen searched 红本本 (nothing), then 房本 (found), and opened the guide: as the browser would tell."""
    assert f"没有找到与“{FAILED}”有关的办事指南" in search(client, FAILED)
    assert f'data-guide="{guides["property"].pk}"' in search(client, "房本")
    assert post(client, q="房本", prev=FAILED).status_code == 204  # the reformulation, on the results page
    assert post(client, q="房本", prev=FAILED, guide=guides["property"].pk, position=1).status_code == 204
    return guides


def test_a_proposal_appears_after_a_query_that_found_nothing_and_a_reformulation_click(followed):
    [proposal] = open_proposals()
    assert (proposal.failed, proposal.better, proposal.reformulations, proposal.clicks) == (FAILED, "房本", 1, 1)
    assert GuideClick.objects.get().normalised == "房本"


def test_a_proposal_needs_both_queries_in_the_log(client, guides):
    """A beacon alone proposes nothing: the first query must have found nothing, the second something."""
    post(client, q="房本", prev="没人搜过")
    search(client, "房本")
    post(client, q="企业设立登记", prev="房本")  # 房本 found guides: not a failure
    search(client, "企业设立登记")
    assert SynonymProposal.objects.count() == 2
    assert open_proposals() == []


def test_accepting_creates_the_synonym_and_the_query_then_finds_the_guide(admin_client, followed):
    proposal = SynonymProposal.objects.get()
    report = admin_client.get("/admin/reports/synonym-proposals/").content.decode()
    assert FAILED in report and "采纳为同义词" in report
    response = admin_client.post(f"/admin/reports/synonym-proposals/{proposal.pk}/accept/", follow=True)
    assert "已采纳" in response.content.decode()
    assert Synonym.objects.get().term_list == ["房本", FAILED]
    proposal.refresh_from_db()
    assert proposal.status == SynonymProposal.Status.ACCEPTED
    assert open_proposals() == []
    html = search(admin_client, FAILED)
    assert f'data-guide="{followed["property"].pk}"' in html and "没有找到与" not in html
    assert admin_client.post(f"/admin/reports/synonym-proposals/{proposal.pk}/accept/").status_code == 404


def test_dismissing_removes_the_proposal_for_good(admin_client, followed, client):
    proposal = SynonymProposal.objects.get()
    admin_client.post(f"/admin/reports/synonym-proposals/{proposal.pk}/dismiss/")
    assert open_proposals() == [] and not Synonym.objects.exists()
    post(client, q="房本", prev=FAILED)  # seen again: still dismissed
    assert open_proposals() == []
    assert admin_client.post(f"/admin/reports/synonym-proposals/{proposal.pk}/other/").status_code == 404


def test_only_editors_who_manage_synonyms_decide(client, followed):
    proposal = SynonymProposal.objects.get()
    user = get_user_model().objects.create_user("viewer", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert "采纳为同义词" not in client.get("/admin/reports/synonym-proposals/").content.decode()
    refused = client.post(f"/admin/reports/synonym-proposals/{proposal.pk}/accept/")
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")  # Wagtail's answer to PermissionDenied
    assert client.get(f"/admin/reports/synonym-proposals/{proposal.pk}/accept/").status_code == 405
    assert not Synonym.objects.exists()
    proposal.refresh_from_db()
    assert proposal.status == SynonymProposal.Status.OPEN


def test_an_accepted_proposal_joins_the_group_that_has_one_of_its_words():
    groups = {1: ["加梯", "加装电梯"], 2: ["房本", "房产证"]}
    assert accepted_group(groups, "红本本", "房本") == (2, ["房本", "房产证", "红本本"])
    assert accepted_group(groups, "红 本,本", "不动产") == (None, ["不动产", "红本本"])
    assert accepted_group({1: ["房本", "红本本"]}, "红本本", "房本") == (1, ["房本", "红本本"])
    assert accepted_group({1: ["词" * 280, "房本"]}, "红本本" * 10, "房本") == (None, ["房本", "红本本" * 10])
    assert as_term(" 红本本、 ") == "红本本"


def test_old_undecided_proposals_and_clicks_are_purged(followed):
    long_ago = timezone.localdate() - datetime.timedelta(days=querylog.DAYS_KEPT + 1)
    SynonymProposal.objects.update(last_seen=long_ago)
    GuideClick.objects.update(day=long_ago)
    querylog.purge()
    assert not SynonymProposal.objects.exists() and not GuideClick.objects.exists()


# ----------------------------------------------------------------------------------------------------------------
# 热门事项


def popular_titles(client, audience=""):
    html = client.get("/", {"audience": audience} if audience else {}).content.decode()
    section = html.split('id="popular-heading"', 1)[1].split("</section>", 1)[0]
    return [title for title in GuidePage.objects.values_list("title", flat=True) if title in section], section


def ordered(section, titles):
    return sorted(titles, key=section.index)


def click(guide, times, query="房本", day=None):
    for _ in range(times):
        clicks.record_click(query, guide.pk, 1, day)


def test_popular_items_follow_clicks_per_audience_and_pins(client, guides):
    click(guides["welfare"], 3)
    click(guides["property"], 2)
    click(guides["company"], 1, query="开公司")
    click(guides["property"], 9, day=timezone.localdate() - datetime.timedelta(days=60))  # too old to count
    titles, section = popular_titles(client)
    assert ordered(section, titles) == ["最低生活保障申请", "不动产首次登记", "企业设立登记"]
    titles, section = popular_titles(client, "business")
    assert titles == ["企业设立登记"]
    titles, section = popular_titles(client, "person")
    assert ordered(section, titles) == ["最低生活保障申请", "不动产首次登记"]

    PopularPin.objects.create(page=guides["property"], audience="person", sort_order=0)
    PopularPin.objects.create(page=guides["company"], sort_order=1)
    titles, section = popular_titles(client)
    assert ordered(section, titles) == ["不动产首次登记", "企业设立登记", "最低生活保障申请"]
    titles, section = popular_titles(client, "business")
    assert titles == ["企业设立登记"]  # the person pin stays out of the 法人 list
    titles, section = popular_titles(client, "person")
    assert ordered(section, titles) == [
        "不动产首次登记",
        "最低生活保障申请",
    ]  # a business guide pinned for all: not here


def test_searches_count_for_the_guides_they_lead_to(guides):
    """A query searched often (mostly by browsers that send no beacon) weighs for the guides it leads to."""
    today = timezone.localdate()
    QueryDay.objects.create(day=today, normalised="低保", searches=20, results=3)
    QueryDay.objects.create(day=today, normalised="房本", searches=5, results=1)
    click(guides["welfare"], 1, query="低保")
    click(guides["company"], 3, query="低保")
    click(guides["property"], 8, query="房本")
    # company 3 + 20 × 3/4 = 18; property 8 + 5 = 13; welfare 1 + 20 × 1/4 = 6 (by clicks alone: 8, 3, 1)
    assert GuideClick.objects.ranking(30) == [guides["company"].pk, guides["property"].pk, guides["welfare"].pk]
    assert GuideClick.objects.ranking(30, limit=1) == [guides["company"].pk]


def test_without_usage_the_list_falls_back_to_the_previous_ranking(client, guide_index, guides):
    extra = [make_guide(guide_index, title=f"补充事项{n}") for n in range(POPULAR_COUNT)]
    click(guides["welfare"], 1)
    titles, section = popular_titles(client)
    assert len(titles) == POPULAR_COUNT and ordered(section, titles)[0] == "最低生活保障申请"
    assert extra[-1].title in titles  # the rest: the most recently published
    cache.clear()
    GuideClick.objects.all().delete()
    titles, section = popular_titles(client)
    assert ordered(section, titles)[0] == extra[-1].title


def test_the_usage_ranking_is_computed_once_an_hour_not_per_request(guides, django_assert_num_queries):
    click(guides["welfare"], 1)
    assert usage_ranking() == [guides["welfare"].pk]
    click(guides["property"], 5)
    with django_assert_num_queries(0):
        assert usage_ranking() == [guides["welfare"].pk]
    cache.clear()
    assert usage_ranking() == [guides["property"].pk, guides["welfare"].pk]


def test_a_pin_saved_starts_a_new_page_generation(client, guides, page_caches, django_capture_on_commit_callbacks):
    click(guides["welfare"], 1)
    titles, section = popular_titles(client)
    assert ordered(section, titles)[0] == "最低生活保障申请"
    with django_capture_on_commit_callbacks(execute=True):
        PopularPin.objects.create(page=guides["company"])
    titles, section = popular_titles(client)
    assert ordered(section, titles)[0] == "企业设立登记"
