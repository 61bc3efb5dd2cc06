"""The review-dates dashboard panel per department, and the public 内容待复核 notice."""

import datetime

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from guides.admin import roles
from tests.factories import make_department, make_guide


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def test_dashboard_panel_lists_due_guides_per_department(guide_index, admin_client):
    police, civil = make_department(name="市公安局"), make_department(name="市民政局")
    make_guide(guide_index, department=police, title="过期事项", last_reviewed=days(-400), next_review_due=days(-3))
    make_guide(guide_index, department=civil, title="将到期事项", last_reviewed=days(-300), next_review_due=days(20))
    make_guide(guide_index, department=civil, title="未到期事项", last_reviewed=days(-10), next_review_due=days(200))
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "待复核的指南" in html
    assert "过期事项" in html and "将到期事项" in html and "未到期事项" not in html
    assert html.index("市公安局") < html.index("过期事项") < html.index("市民政局") < html.index("将到期事项")


def test_department_editor_sees_only_own_departments(guide_index, client, django_user_model):
    police, civil = make_department(name="市公安局"), make_department(name="市民政局")
    make_guide(guide_index, department=police, title="公安过期事项", last_reviewed=days(-400), next_review_due=days(-3))
    make_guide(guide_index, department=civil, title="民政过期事项", last_reviewed=days(-400), next_review_due=days(-3))
    roles.setup_roles()
    editor = django_user_model.objects.create_user("editor", password="pw")
    editor.groups.add(Group.objects.get(department_editors__department=police))
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "公安过期事项" in html and "民政过期事项" not in html


def test_overdue_guide_shows_the_public_notice(guide_index, client):
    overdue = make_guide(guide_index, last_reviewed=days(-400), next_review_due=days(-1))
    current = make_guide(guide_index, last_reviewed=days(-10), next_review_due=days(5))
    assert overdue.needs_review and not current.needs_review
    assert "内容待复核" in client.get(overdue.url).content.decode()
    assert "内容待复核" not in client.get(current.url).content.decode()
