"""The 好差评 loop: each department answers the feedback on its own guides, with a handling record and a
deadline of 15 working days; a correction links the two; the board publishes the rectification rate."""

import datetime

from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from guides.models import Feedback, GuideUpdate
from guides.models.pages import commitments_board
from tests.factories import make_guide
from tests.guides.admin import test_roles

world = test_roles.world
client_for = test_roles.client_for


def bad_rating(guide, days_ago=0):
    feedback = Feedback.objects.create(guide=guide, kind="rating", rating=1, comment="窗口让我跑了三次")
    if days_ago:
        Feedback.objects.filter(pk=feedback.pk).update(created_at=timezone.now() - datetime.timedelta(days=days_ago))
        feedback.refresh_from_db()
    return feedback


def edit_url(feedback):
    return reverse("wagtailsnippets_guides_feedback:edit", args=[feedback.pk])


def test_a_department_reads_only_its_own_guides_feedback(world):
    other = make_guide(world["index"], department=world["b"], title="乙局事项")
    own, foreign = bad_rating(world["live"]), bad_rating(other)
    editor = client_for(world, "editor_a")
    listing = editor.get(reverse("wagtailsnippets_guides_feedback:list")).content.decode()
    assert "甲局已发布事项" in listing and "乙局事项" not in listing
    assert editor.get(edit_url(own)).status_code == 200
    assert editor.get(edit_url(foreign)).status_code == 404
    editor.post(edit_url(foreign), {"handled": "on", "note": "不是我们的"})
    foreign.refresh_from_db()
    assert not foreign.handled
    assert client_for(world, "reviewer").get(edit_url(foreign)).status_code == 200


def test_answering_records_who_what_and_when_and_links_the_correction(world):
    feedback = Feedback.objects.create(guide=world["live"], kind="error", category="materials", comment="材料写错了")
    update = GuideUpdate.objects.create(guide=world["live"], note="更正申请材料")
    editor = client_for(world, "editor_a")
    response = editor.post(edit_url(feedback), {"handled": "on", "note": ""})
    assert "标记为已处理时，请写明处理情况" in response.content.decode()
    editor.post(edit_url(feedback), {"handled": "on", "note": "已核实并更正材料", "correction": str(update.pk)})
    feedback.refresh_from_db()
    assert feedback.handled and feedback.note == "已核实并更正材料"
    assert feedback.handled_by.username == "editor_a" and feedback.handled_at is not None
    assert list(update.corrected_feedback.all()) == [feedback]


def test_feedback_past_fifteen_working_days_shows_overdue_on_the_dashboard(world):
    late, recent = bad_rating(world["live"], days_ago=30), bad_rating(world["live"], days_ago=2)
    assert late.due_date and late.is_overdue() and not recent.is_overdue()
    html = client_for(world, "editor_a").get(reverse("wagtailadmin_home")).content.decode()
    assert "逾期未处理的纠错和差评" in html and edit_url(late) in html and edit_url(recent) not in html
    assert edit_url(late) not in client_for(world, "editor_b").get(reverse("wagtailadmin_home")).content.decode()


def board():
    return commitments_board(RequestFactory().get("/"))  # the default site's


def test_the_board_publishes_each_departments_rectification_rate(world):
    feedback = bad_rating(world["live"], days_ago=3)
    row = next(
        row for row in commitments_board(RequestFactory().get("/"))["departments"] if row["code"] == world["a"].code
    )
    assert row["rectification_rate"] == 0.0
    client_for(world, "editor_a").post(edit_url(feedback), {"handled": "on", "note": "已向群众说明并改进窗口引导"})
    row = next(
        row for row in commitments_board(RequestFactory().get("/"))["departments"] if row["code"] == world["a"].code
    )
    assert row["rectification_rate"] == 1.0 and 2.9 < row["mean_handling_days"] < 3.1


def test_a_bad_rating_reaches_the_cached_board_at_once(world, client):
    def rate():
        departments = client.get(reverse("commitments-api")).json()["departments"]
        return next(row for row in departments if row["code"] == world["a"].code)["rectification_rate"]

    assert rate() is None
    bad_rating(world["live"])
    assert rate() == 0.0
