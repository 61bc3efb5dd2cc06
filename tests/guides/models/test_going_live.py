"""The publishing rules hold on every route to live: the save that makes a guide live refuses a wrong one.

The editor form, bulk publishing and the import check first and explain (tests in models/test_forms.py,
admin/test_roles.py and importexport/); these are the routes that reach the publish without the form.
"""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Workflow

from guides.admin import roles
from guides.models import GuidePage
from guides.rules import PublishingRefused
from tests.factories import make_guide


@pytest.fixture
def reviewer(guide_index):
    roles.setup_roles()
    user = get_user_model().objects.create_user("reviewer", password="pw")
    user.groups.add(Group.objects.get(name=roles.REVIEWERS))
    client = Client()
    client.force_login(user)
    client.user = user
    return client


def wrong_draft(guide, **changes):
    """A draft of a live guide as an editor could save it: committed limit above the legal one, no change note."""
    draft = guide.get_latest_revision_as_object()
    draft.committed_limit_days, draft.legal_limit_days, draft.change_note = 999, 5, ""
    for name, value in changes.items():
        setattr(draft, name, value)
    return draft.save_revision()


def live_version(guide):
    return GuidePage.objects.get(pk=guide.pk)


def test_the_admin_api_publish_action_refuses_a_wrong_draft(guide_index, reviewer):
    guide = make_guide(guide_index)
    wrong_draft(guide)
    response = reviewer.post(f"/admin/api/main/pages/{guide.pk}/action/publish/", content_type="application/json")
    assert response.status_code == 400
    body = response.content.decode()
    assert "不能超过法定办结时限" in body and "请填写更新说明" in body
    assert live_version(guide).committed_limit_days == 5


def test_workflow_approval_of_a_wrong_draft_is_refused_with_a_message(guide_index, reviewer):
    guide = make_guide(guide_index)
    wrong_draft(guide)
    Workflow.objects.get(name=roles.WORKFLOW).start(guide, reviewer.user)
    task_state = guide.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[guide.pk, "approve", task_state.pk])
    response = reviewer.post(url, {"comment": ""}, HTTP_REFERER=f"http://testserver/admin/pages/{guide.pk}/edit/")
    assert response.status_code == 302
    assert live_version(guide).committed_limit_days == 5
    page = reviewer.get(response["Location"]).content.decode()
    assert "未通过发布检查" in page and "不能超过法定办结时限" in page


def test_scheduled_publishing_skips_a_wrong_guide_and_publishes_the_others(guide_index):
    wrong, right = make_guide(guide_index), make_guide(guide_index)
    past = timezone.now() - datetime.timedelta(minutes=5)
    wrong_revision = wrong_draft(wrong)
    right_draft = right.get_latest_revision_as_object()
    right_draft.summary, right_draft.change_note = "定时更新的说明", "定时更新"
    right_revision = right_draft.save_revision()
    for revision in (wrong_revision, right_revision):
        revision.approved_go_live_at = past
        revision.save()
    errors = io.StringIO()
    call_command("publish_scheduled", stdout=io.StringIO(), stderr=errors)
    assert live_version(right).summary == "定时更新的说明"
    assert live_version(wrong).committed_limit_days == 5
    assert "不能超过法定办结时限" in errors.getvalue()
    wrong_revision.refresh_from_db()
    assert wrong_revision.approved_go_live_at is None


def test_publishing_an_old_revision_again_needs_a_change_note(guide_index):
    guide = make_guide(guide_index)  # first published without a note, as first publishes may be
    first = guide.live_revision
    draft = guide.get_latest_revision_as_object()
    draft.summary, draft.change_note = "第二版", "更新说明"
    draft.save_revision().publish()
    with pytest.raises(PublishingRefused, match="请填写更新说明"):
        first.publish()
    assert live_version(guide).summary == "第二版"


def test_copy_and_publish_in_the_admin_is_refused(guide_index, admin_client):
    guide = make_guide(guide_index)
    url = reverse("wagtailadmin_pages:copy", args=[guide.pk])
    response = admin_client.post(
        url,
        {"new_title": "复制的事项", "new_slug": "copied", "new_parent_page": guide_index.pk, "publish_copies": "on"},
        HTTP_REFERER=f"http://testserver{url}",
    )
    assert response.status_code == 302
    assert not GuidePage.objects.filter(slug="copied", live=True).exists()  # its item code is the original's
    assert "事项编码" in admin_client.get(response["Location"]).content.decode()


def test_a_live_page_created_in_code_is_checked_and_a_draft_is_not(guide_index):
    with pytest.raises(PublishingRefused, match="全程网办的事项必须填写网上办理地址"):
        make_guide(guide_index, online_level="full", visits_required=0)
    draft = make_guide(guide_index, online_level="full", visits_required=0, publish=False, live=False)
    assert not draft.live
    draft.title = "草稿改名"
    draft.save_revision()  # a draft keeps whatever the editor wrote


def test_saving_a_live_guide_without_a_new_live_revision_is_not_a_publish(guide_index):
    guide = make_guide(guide_index)  # live, no change note: a move saves it like this, and is no publish
    guide.title = "改名"
    guide.save()
    assert live_version(guide).title == "改名"
