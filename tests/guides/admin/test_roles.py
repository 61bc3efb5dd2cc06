"""Roles through the admin URLs: each role × create / edit / submit / publish / delete / view drafts, own vs other.

The guides under test belong to department A. "editor A" is the own-department case, "editor B" the other one.
Each action is posted to the real admin URL and judged by its effect in the database, not by a status code.
"""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, WorkflowState

from guides.admin import roles
from guides.models import DepartmentEditors, GuidePage, GuideUpdate
from tests.factories import make_department, make_guide, make_site
from tests.guides.editing import edit_form_data

ROLES = ("editor_a", "editor_b", "reviewer", "admin")


@pytest.fixture
def world(db):
    home, index = make_site()
    department_a, department_b = make_department(name="甲局"), make_department(name="乙局")
    roles.setup_roles()
    users = {}
    user_model = get_user_model()
    users["admin"] = user_model.objects.create_superuser("admin", "admin@example.invalid", "pw")
    for name, group in (
        ("editor_a", roles._editor_group(department_a)),
        ("editor_b", roles._editor_group(department_b)),
        ("reviewer", Group.objects.get(name=roles.REVIEWERS)),
    ):
        users[name] = user_model.objects.create_user(name, password="pw")
        users[name].groups.add(group)
    live = make_guide(index, department=department_a, title="甲局已发布事项")
    draft = make_guide(index, department=department_a, title="甲局草稿事项", publish=False, live=False)
    return {"index": index, "a": department_a, "b": department_b, "users": users, "live": live, "draft": draft}


def client_for(world, role):
    client = Client()
    client.force_login(world["users"][role])
    return client


def admin_form(world, guide, **changes):
    """The edit form as the admin sees it, with `changes` applied; posted by the role under test."""
    return edit_form_data(client_for(world, "admin"), guide, **changes)


def do_create(world, client, department):
    url = reverse("wagtailadmin_pages:add", args=["guides", "guidepage", world["index"].pk])
    data = admin_form(world, world["live"], title="新事项", slug="new-item", item_code="NEW-0001")
    data["department"] = str(department.pk)
    client.post(url, data)
    return GuidePage.objects.filter(slug="new-item", department=department).exists()


def do_edit(world, client, guide):
    before = guide.revisions.count()
    client.post(reverse("wagtailadmin_pages:edit", args=[guide.pk]), admin_form(world, guide, summary="改过的说明"))
    guide.refresh_from_db()
    return guide.revisions.count() > before and guide.get_latest_revision_as_object().summary == "改过的说明"


def do_submit(world, client, guide):
    data = admin_form(world, guide, change_note="更新材料", **{"action-submit": "action-submit"})
    client.post(reverse("wagtailadmin_pages:edit", args=[guide.pk]), data)
    return WorkflowState.objects.filter(base_content_type__isnull=False, object_id=str(guide.pk)).exists()


def do_publish(world, client, guide):
    data = admin_form(world, guide, summary="直接发布", change_note="直接发布", **{"action-publish": "1"})
    client.post(reverse("wagtailadmin_pages:edit", args=[guide.pk]), data)
    guide.refresh_from_db()
    return guide.live and guide.summary == "直接发布"


def do_delete(world, client, guide):
    client.post(reverse("wagtailadmin_pages:delete", args=[guide.pk]))
    return not Page.objects.filter(pk=guide.pk).exists()


def do_view_draft(world, client, guide):
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[guide.pk]))
    return response.status_code == 200 and guide.title in response.content.decode()


# role → whether it may act on department A's guides
EXPECTED = {
    "create": {"editor_a": True, "editor_b": False, "reviewer": False, "admin": True},
    "edit": {"editor_a": True, "editor_b": False, "reviewer": False, "admin": True},
    "submit": {"editor_a": True, "editor_b": False, "reviewer": False, "admin": True},
    "publish": {"editor_a": False, "editor_b": False, "reviewer": False, "admin": True},
    "delete_draft": {"editor_a": True, "editor_b": False, "reviewer": False, "admin": True},
    "delete_live": {"editor_a": False, "editor_b": False, "reviewer": False, "admin": True},
    "view_draft": {"editor_a": True, "editor_b": False, "reviewer": True, "admin": True},
}
ACTIONS = {
    "create": lambda world, client: do_create(world, client, world["a"]),
    "edit": lambda world, client: do_edit(world, client, world["live"]),
    "submit": lambda world, client: do_submit(world, client, world["live"]),
    "publish": lambda world, client: do_publish(world, client, world["live"]),
    "delete_draft": lambda world, client: do_delete(world, client, world["draft"]),
    "delete_live": lambda world, client: do_delete(world, client, world["live"]),
    "view_draft": lambda world, client: do_view_draft(world, client, world["draft"]),
}


@pytest.mark.parametrize("action", sorted(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(world, role, action):
    assert ACTIONS[action](world, client_for(world, role)) is EXPECTED[action][role]


@pytest.mark.parametrize("role", ["editor_a", "admin"])
def test_nobody_but_admin_files_a_guide_under_another_department(world, role):
    assert do_create(world, client_for(world, role), world["b"]) is (role == "admin")


def test_editor_cannot_move_own_guide_to_another_department(world):
    client = client_for(world, "editor_a")
    data = admin_form(world, world["live"], department=str(world["b"].pk))
    response = client.post(reverse("wagtailadmin_pages:edit", args=[world["live"].pk]), data)
    assert response.status_code == 200
    assert world["live"].get_latest_revision_as_object().department_id == world["a"].pk


def test_editor_cannot_edit_the_guide_index(world):
    index = world["index"]
    assert not index.permissions_for_user(world["users"]["editor_a"]).can_edit()
    response = client_for(world, "editor_a").get(reverse("wagtailadmin_pages:edit", args=[index.pk]))
    assert response.status_code != 200


def test_explorer_lists_only_own_department_guides(world):
    make_guide(world["index"], department=world["b"], title="乙局事项")
    url = reverse("wagtailadmin_explore", args=[world["index"].pk])
    html = client_for(world, "editor_a").get(url).content.decode()
    assert "甲局已发布事项" in html
    assert "乙局事项" not in html
    assert "乙局事项" in client_for(world, "admin").get(url).content.decode()


def test_workflow_reviewer_approves_and_the_note_reaches_the_update_log(world):
    guide = world["live"]
    assert do_submit(world, client_for(world, "editor_a"), guide)
    guide.refresh_from_db()
    assert guide.summary != "直接发布"
    reviewer = client_for(world, "reviewer")
    dashboard = reviewer.get(reverse("wagtailadmin_home")).content.decode()
    assert guide.title in dashboard
    state = guide.current_workflow_state
    task_state = state.current_task_state
    preview = reviewer.get(reverse("wagtailadmin_pages:workflow_preview", args=[guide.pk, task_state.task.pk]))
    assert preview.status_code == 200
    url = reverse("wagtailadmin_pages:workflow_action", args=[guide.pk, "approve", task_state.pk])
    reviewer.post(url, {"comment": ""})
    guide.refresh_from_db()
    assert guide.live and not guide.has_unpublished_changes
    assert GuideUpdate.objects.filter(guide=guide).first().note == "更新材料"


def test_setup_roles_is_idempotent(world):
    counts = (Group.objects.count(), GroupPagePermission.objects.count(), DepartmentEditors.objects.count())
    call_command("setup_roles")
    call_command("setup_roles")
    assert (Group.objects.count(), GroupPagePermission.objects.count(), DepartmentEditors.objects.count()) == counts
    assert DepartmentEditors.objects.count() == 2
    department_grants = GroupPagePermission.objects.filter(group__department_editors__isnull=False)
    assert not department_grants.filter(permission__codename="publish_page").exists()


def test_demo_users(world, monkeypatch):
    monkeypatch.setenv("ZHINAN_DEMO_PASSWORD", "demo-pass-1")
    call_command("setup_roles", demo_users=True)
    call_command("setup_roles", demo_users=True)
    reviewer = get_user_model().objects.get(username="reviewer")
    assert reviewer.groups.filter(name=roles.REVIEWERS).exists()
    assert reviewer.check_password("pw")  # an existing account keeps its password
    editors = get_user_model().objects.filter(username__startswith="editor-", groups__department_editors__isnull=False)
    assert editors.count() == 2
    assert all(editor.check_password("demo-pass-1") for editor in editors)


def test_bulk_publishing_applies_the_editor_form_checks(world):
    guide, reviewer = world["live"], client_for(world, "reviewer")
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish")) + f"?id={guide.pk}"
    draft = guide.get_latest_revision_as_object()
    draft.committed_limit_days, draft.change_note = 90, "放宽时限"
    draft.save_revision()
    reviewer.post(url)
    guide.refresh_from_db()
    assert guide.committed_limit_days == 5 and guide.has_unpublished_changes

    draft = guide.get_latest_revision_as_object()
    draft.committed_limit_days = 3
    draft.save_revision()
    reviewer.post(url)
    guide.refresh_from_db()
    assert guide.committed_limit_days == 3 and not guide.has_unpublished_changes
    assert guide.updates.first().note == "放宽时限"


@pytest.mark.parametrize(("role", "status"), [("reviewer", 200), ("editor_a", 200), ("admin", 200)])
def test_the_service_centre_and_the_departments_answer_feedback(world, role, status):
    response = client_for(world, role).get(reverse("wagtailsnippets_guides_feedback:list"))
    assert response.status_code == status


def readable(response):
    """The answer's text, JSON answers (the API, the chooser) decoded so that Chinese reads as itself."""
    if response["Content-Type"].startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/api/main/pages/{draft}/",
        "/admin/api/main/pages/?child_of={index}&for_explorer=1",
        "/admin/api/main/pages/?descendant_of={index}",
        "/admin/choose-page/{index}/",
        "/admin/pages/{index}/",
    ],
)
def test_drafts_stay_private_to_their_department(world, url):
    url = url.format(draft=world["draft"].pk, index=world["index"].pk)
    other, own = client_for(world, "editor_b").get(url), client_for(world, "editor_a").get(url)
    assert own.status_code == 200 and "甲局草稿事项" in readable(own)
    assert other.status_code in (200, 404) and "甲局草稿事项" not in readable(other)
