"""Feedback on a guide: the three forms, CSRF, honeypot, rate limit, length limits, ratings and the inbox."""

import pytest
from django.core.cache import cache
from django.test import Client

from guides.feedback.ratings import Satisfaction, guide_satisfaction
from guides.models import Feedback
from tests.factories import make_department, make_guide
from web.ratelimit import FEEDBACK_LIMIT


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


@pytest.fixture
def guide(guide_index):
    return make_guide(guide_index, title="结婚登记")


def post(client, guide, kind, **fields):
    data = {"kind": kind, **{f"{kind}-{name}": value for name, value in fields.items()}}
    return client.post(guide.url + "feedback/", data)


@pytest.mark.django_db
def test_useful_vote_is_saved_and_thanked(client, guide):
    response = post(client, guide, "useful", useful="no", comment="没写清楚要几张照片")
    assert response.status_code == 302 and response["Location"] == guide.url + "#feedback"
    feedback = Feedback.objects.get()
    assert (feedback.kind, feedback.useful, feedback.comment) == ("useful", False, "没写清楚要几张照片")
    assert "感谢您的反馈" in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_error_report_needs_a_category_and_a_description(client, guide):
    response = post(client, guide, "error", category="place", comment="")
    assert response.status_code == 400
    assert "请说明哪里有错" in response.content.decode()
    assert not Feedback.objects.exists()
    assert post(client, guide, "error", category="place", comment="窗口已搬到三楼").status_code == 302
    assert Feedback.objects.get().category == "place"


@pytest.mark.django_db
def test_rating_accepts_the_five_levels_only(client, guide):
    assert post(client, guide, "rating", rating="6").status_code == 400
    assert post(client, guide, "rating", rating="1").status_code == 302
    assert Feedback.objects.get().get_rating_display() == "非常不满意"


@pytest.mark.django_db
def test_comment_length_is_limited(client, guide):
    response = post(client, guide, "useful", useful="yes", comment="长" * 501)
    assert response.status_code == 400
    assert "501" in response.content.decode()  # the error names the length given
    assert not Feedback.objects.exists()


@pytest.mark.django_db
def test_unknown_kind_and_get_are_refused(client, guide):
    assert client.post(guide.url + "feedback/", {"kind": "spam"}).status_code == 400
    assert client.get(guide.url + "feedback/").status_code == 405


@pytest.mark.django_db
def test_csrf_token_is_required(guide):
    strict = Client(enforce_csrf_checks=True)
    assert post(strict, guide, "useful", useful="yes").status_code == 403
    assert not Feedback.objects.exists()


@pytest.mark.django_db
def test_honeypot_submissions_are_dropped_quietly(client, guide):
    response = post(client, guide, "useful", useful="yes", website="http://spam.example")
    assert response.status_code == 302
    assert not Feedback.objects.exists()


@pytest.mark.django_db
def test_rate_limit_per_client_says_why_in_chinese(client, guide):
    for _ in range(FEEDBACK_LIMIT):
        assert post(client, guide, "useful", useful="yes").status_code == 302
    refused = post(client, guide, "useful", useful="yes")
    assert refused.status_code == 429
    assert "您提交得太频繁了" in refused.content.decode()
    assert Feedback.objects.count() == FEEDBACK_LIMIT
    other_client = Client(REMOTE_ADDR="10.0.0.9")
    assert post(other_client, guide, "useful", useful="yes").status_code == 302


@pytest.mark.django_db
def test_satisfaction_shows_once_enough_ratings(client, guide):
    for rating in [5, 5, 4, 3, 2, 1, 5, 4, 4]:
        Feedback.objects.create(guide=guide, kind="rating", rating=rating)
    assert "好评率" not in client.get(guide.url).content.decode()
    Feedback.objects.create(guide=guide, kind="rating", rating=5)
    assert "好评率 80.0%（共 10 条评价）" in client.get(guide.url).content.decode()


@pytest.mark.django_db
def test_kept_satisfaction_follows_each_rating_saved_or_deleted(
    guide, settings, django_capture_on_commit_callbacks, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 3600  # the figures are kept only with the page caches on
    with django_capture_on_commit_callbacks(execute=True):
        ratings = [Feedback.objects.create(guide=guide, kind="rating", rating=5) for _ in range(10)]
    assert guide_satisfaction(guide) == Satisfaction(total=10, good=10)
    Feedback.objects.filter(pk=ratings[0].pk).update(rating=1)  # no signal: the kept figures stay
    assert guide_satisfaction(guide) == Satisfaction(total=10, good=10)
    with django_capture_on_commit_callbacks(execute=True):
        Feedback.objects.create(guide=guide, kind="rating", rating=4)
    assert guide_satisfaction(guide) == Satisfaction(total=11, good=10)
    with django_capture_on_commit_callbacks(execute=True):
        ratings[1].delete()
    assert guide_satisfaction(guide) == Satisfaction(total=10, good=9)
    with django_capture_on_commit_callbacks(execute=True):
        Feedback.objects.create(guide=guide, kind="useful", useful=True)  # not a rating: nothing to read again
    with django_assert_num_queries(0):
        assert guide_satisfaction(guide) == Satisfaction(total=10, good=9)


@pytest.mark.django_db
def test_inbox_filters_by_department_and_marks_handled(admin_client, guide_index, guide):
    other = make_guide(guide_index, department=make_department(name="民政局"), title="低保申请")
    mine = Feedback.objects.create(guide=guide, kind="error", category="place", comment="窗口号不对")
    Feedback.objects.create(guide=other, kind="useful", useful=True, comment="很清楚")
    listing = admin_client.get("/admin/snippets/guides/feedback/", {"department": guide.department_id})
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "窗口号不对" in html and "很清楚" not in html
    edit_url = f"/admin/snippets/guides/feedback/edit/{mine.pk}/"
    assert admin_client.post(edit_url, {"handled": "on", "note": "已核实更正"}).status_code == 302
    mine.refresh_from_db()
    assert mine.handled and mine.note == "已核实更正" and mine.comment == "窗口号不对"
