"""The dashboard's overdue 纠错 and 差评 (OverdueFeedbackPanel): one query decides what is overdue, in the
database, with the same deadline as Feedback.is_overdue; the panel's queries do not grow with the rows."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from guides.feedback.admin import OVERDUE_LISTED, OverdueFeedbackPanel
from guides.models import Feedback
from guides.models.feedback import overdue_q
from tests.guides.admin import test_roles

world = test_roles.world


def created(guide, when, **fields):
    feedback = Feedback.objects.create(guide=guide, **({"kind": "rating", "rating": 1} | fields))
    Feedback.objects.filter(pk=feedback.pk).update(created_at=when)
    return feedback


def test_the_query_and_is_overdue_agree_day_by_day(world):
    now = timezone.localtime()
    for days_ago in range(40):
        for hour in (0, 23):  # both ends of a local day
            when = (now - datetime.timedelta(days=days_ago)).replace(hour=hour, minute=30)
            created(world["live"], when)
    created(world["live"], now - datetime.timedelta(days=60), kind="rating", rating=4)  # not a 差评
    created(world["live"], now - datetime.timedelta(days=60), kind="error", handled=True, note="已更正")
    for today in (timezone.localdate(), timezone.localdate() - datetime.timedelta(days=3)):
        by_query = set(Feedback.objects.filter(overdue_q(today)).values_list("pk", flat=True))
        by_python = {item.pk for item in Feedback.objects.all() if item.is_overdue(today)}
        assert by_query == by_python
        assert by_query  # the range reaches past the deadline


def render(user):
    with CaptureQueriesContext(connection) as queries:
        html = OverdueFeedbackPanel(user).render_html({})
    return html, len(queries)


def test_the_panel_lists_the_oldest_and_counts_them_all_in_the_same_queries(world):
    editor = world["users"]["editor_a"]
    long_ago = timezone.now() - datetime.timedelta(days=60)
    oldest = created(world["live"], long_ago, kind="error", comment="最早的一条")
    render(editor)  # the user's groups and permissions, cached on the user from then on
    _html, few = render(editor)
    for minutes in range(1, OVERDUE_LISTED + 10):
        created(world["live"], long_ago + datetime.timedelta(minutes=minutes))
    created(world["live"], timezone.now())  # within its deadline
    html, many = render(editor)
    assert many == few
    assert f"{OVERDUE_LISTED + 10} 条纠错或差评超过 15 个工作日仍未处理" in html
    assert html.count("<tr>") == 1 + OVERDUE_LISTED  # the header row and the oldest rows
    assert reverse("wagtailsnippets_guides_feedback:edit", args=[oldest.pk]) in html
    assert f"这里列出最早的 {OVERDUE_LISTED} 条" in html
    assert "handled=false" in html
