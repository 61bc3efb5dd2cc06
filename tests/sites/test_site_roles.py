"""Editors and reviewers are scoped to their site as they are to their department, through the admin URLs.

江南市 (the default site) and 江北市 each have a department, a hall and a guide; the editor of 江南市公安局 works
on 江南's and is refused 江北's; each site has its own reviewer group and workflow on its home page."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupPagePermission, Site, Workflow, WorkflowPage

from guides.admin import roles
from guides.models import DepartmentEditors, Feedback, Material
from guides.models.site_settings import SiteSettings
from tests.factories import make_department, make_guide, make_hall, make_site
from tests.guides.editing import edit_form_data
from tests.sites.builders import add_site

NORTH = "jiangbei.example"


@pytest.fixture
def cities(db, settings, django_user_model):
    settings.ALLOWED_HOSTS = ["localhost", "testserver", NORTH]
    _home, south_index = make_site()
    south = Site.objects.get()
    SiteSettings.objects.create(site=south, site_name="江南市政务服务网", city_name="江南市")
    north, north_index = add_site(NORTH, "江北市")
    world = {"south": south, "north": north}
    for side, site, index, city in (("south", south, south_index, "江南市"), ("north", north, north_index, "江北市")):
        department = make_department(name=f"{city}公安局", code="police", site=site)
        world[f"{side}_department"] = department
        world[f"{side}_hall"] = make_hall(name=f"{city}市民中心", site=site)
        world[f"{side}_guide"] = make_guide(index, title=f"{city}户口迁移", department=department)
        world[f"{side}_index"] = index
    roles.setup_roles()
    editor = django_user_model.objects.create_user("south-editor", password="pw")
    editor.groups.add(DepartmentEditors.objects.get(department=world["south_department"]).group)
    world["editor"] = editor
    return world


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def body(response):
    """The page, or the HTML of a chooser's JSON answer."""
    if response["Content-Type"].startswith("application/json"):
        return response.json().get("html", "")
    return response.content.decode()


def refused(response):
    """403, or the admin's permission-denied redirect to its home."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def grant_change(world):
    """The editor's group may change departments and halls: what is left to refuse is the other site's."""
    group = DepartmentEditors.objects.get(department=world["south_department"]).group
    group.permissions.add(
        *Permission.objects.filter(codename__in=["change_department", "change_servicehall", "delete_servicehall"])
    )


@pytest.mark.parametrize("model", ["department", "hall"])
def test_an_editor_lists_and_chooses_only_their_sites_reference_data(cities, model):
    client = client_for(cities["editor"])
    url_model = "department" if model == "department" else "servicehall"
    own, other = cities[f"south_{model}"], cities[f"north_{model}"]
    listing = client.get(reverse(f"wagtailsnippets_guides_{url_model}:list"))
    assert listing.status_code == 200
    assert own.name in listing.content.decode()
    assert other.name not in listing.content.decode()
    chooser = client.get(reverse(f"wagtailsnippetchoosers_guides_{url_model}:choose"))
    assert own.name in body(chooser)
    assert other.name not in body(chooser)
    results = client.get(reverse(f"wagtailsnippetchoosers_guides_{url_model}:choose_results"), {"q": "市"})
    assert own.name in body(results)
    assert other.name not in body(results)
    chosen = f"wagtailsnippetchoosers_guides_{url_model}:chosen"
    assert client.get(reverse(chosen, args=[own.pk])).status_code == 200
    assert refused(client.get(reverse(chosen, args=[other.pk])))


@pytest.mark.parametrize("model", ["department", "hall"])
def test_an_editor_may_not_edit_another_sites_department_or_hall(cities, model):
    grant_change(cities)
    client = client_for(cities["editor"])
    url_model = "department" if model == "department" else "servicehall"
    own, other = cities[f"south_{model}"], cities[f"north_{model}"]
    edit = f"wagtailsnippets_guides_{url_model}:edit"
    assert client.get(reverse(edit, args=[own.pk])).status_code == 200
    assert refused(client.get(reverse(edit, args=[other.pk])))
    before = other.name
    response = client.post(reverse(edit, args=[other.pk]), {"name": "改名", "address": "改址", "site": other.site_id})
    assert refused(response)
    other.refresh_from_db()
    assert other.name == before
    for view in ("usage", "history"):
        assert refused(client.get(reverse(f"wagtailsnippets_guides_{url_model}:{view}", args=[other.pk])))
    if model == "hall":
        delete = reverse("wagtailsnippets_guides_servicehall:delete", args=[other.pk])
        assert refused(client.post(delete))
        assert type(other).objects.filter(pk=other.pk).exists()


def test_an_editor_may_not_edit_explore_or_choose_another_sites_guides(cities):
    client = client_for(cities["editor"])
    own, other = cities["south_guide"], cities["north_guide"]
    assert client.get(reverse("wagtailadmin_pages:edit", args=[own.pk])).status_code == 200
    assert refused(client.get(reverse("wagtailadmin_pages:edit", args=[other.pk])))
    data = {"title": "改过的标题", "slug": other.slug}
    assert refused(client.post(reverse("wagtailadmin_pages:edit", args=[other.pk]), data))
    other.refresh_from_db()
    assert other.title == "江北市户口迁移"
    # Outside what they may explore, the explorer sends them back to their own part of the tree.
    elsewhere = client.get(reverse("wagtailadmin_explore", args=[cities["north_index"].pk]))
    assert elsewhere.status_code == 302
    assert elsewhere["Location"] == reverse("wagtailadmin_explore", args=[cities["south_index"].pk])
    explorer = client.get(reverse("wagtailadmin_explore", args=[cities["south_index"].pk])).content.decode()
    assert own.title in explorer and other.title not in explorer
    for url in ("/admin/choose-page/search/", "/admin/pages/search/"):
        found = body(client.get(url, {"q": "户口迁移"}))
        assert own.title in found, url
        assert other.title not in found, url
    chooser = body(client.get(f"/admin/choose-page/{cities['north_index'].pk}/"))
    assert other.title not in chooser


def test_each_site_has_its_own_reviewers_and_workflow(cities):
    south_guide, north_guide = cities["south_guide"], cities["north_guide"]
    assert south_guide.get_workflow().name == roles.WORKFLOW
    assert north_guide.get_workflow().name == "江北市指南审核"
    south_reviewers = Group.objects.get(name=roles.REVIEWERS)
    north_reviewers = Group.objects.get(name="江北市政务服务中心审核")
    assert list(north_guide.get_workflow().tasks.get().specific.groups.all()) == [north_reviewers]
    assert list(south_guide.get_workflow().tasks.get().specific.groups.all()) == [south_reviewers]
    # Each group may publish on its own site's guide index only.
    assert [p.page_id for p in south_reviewers.page_permissions.all()] == [cities["south_index"].pk]
    assert [p.page_id for p in north_reviewers.page_permissions.all()] == [cities["north_index"].pk]
    # The shared material library is the default site's service centre's to edit.
    assert south_reviewers.permissions.filter(codename="change_material").exists()
    assert not north_reviewers.permissions.filter(codename="change_material").exists()


def test_a_reviewer_of_one_site_cannot_approve_or_publish_the_others(cities, django_user_model):
    reviewer = django_user_model.objects.create_user("south-reviewer", password="pw")
    reviewer.groups.add(Group.objects.get(name=roles.REVIEWERS))
    north_guide = cities["north_guide"]
    north_guide.title = "江北市户口迁移（待审）"
    revision = north_guide.save_revision()
    Workflow.objects.get(name="江北市指南审核").start(north_guide, cities["editor"])
    task_state = north_guide.current_workflow_task_state
    assert not task_state.task.specific.user_can_access_editor(north_guide, reviewer)
    assert not task_state.task.specific.get_actions(north_guide, reviewer)
    assert not north_guide.permissions_for_user(reviewer).can_publish()
    client = client_for(reviewer)
    assert refused(client.get(reverse("wagtailadmin_pages:edit", args=[north_guide.pk])))
    listing = client.get(reverse("wagtailsnippets_guides_department:list")).content.decode()
    assert "江南市公安局" in listing and "江北市公安局" not in listing
    assert revision.pk == north_guide.latest_revision_id


def test_setup_roles_moves_the_one_workflow_of_before_to_each_sites_home(cities):
    """An installation set up before sites had their own: one workflow on every guide index, one reviewer group
    that may publish everywhere. Running setup_roles again leaves each site with its own."""
    old = Workflow.objects.get(name=roles.WORKFLOW)
    south_reviewers = Group.objects.get(name=roles.REVIEWERS)
    for index in (cities["south_index"], cities["north_index"]):
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": old})
    GroupPagePermission.objects.create(
        group=south_reviewers,
        page=cities["north_index"],
        permission=Permission.objects.get(codename="publish_page"),
    )
    assert cities["north_guide"].get_workflow() == old
    roles.setup_roles()
    assert cities["north_guide"].get_workflow().name == "江北市指南审核"
    assert cities["south_guide"].get_workflow() == old
    assert not south_reviewers.page_permissions.filter(page=cities["north_index"]).exists()


def test_the_material_library_stays_shared(cities):
    material = Material.objects.create(name="居民身份证")
    assert not hasattr(material, "site_id")


def test_a_guide_cannot_be_given_another_sites_hall_by_a_hand_made_post(cities):
    """The hall chooser lists only the editor's site; a POST naming another site's hall is refused with a message,
    draft or publish, and the guide keeps its own hall."""
    client = client_for(cities["editor"])
    own, other_hall = cities["south_guide"], cities["north_hall"]
    url = reverse("wagtailadmin_pages:edit", args=[own.pk])
    for action in ("action-save", "action-publish"):
        data = edit_form_data(client, own, **{"halls-0-hall": str(other_hall.pk), action: action})
        response = client.post(url, data)
        assert response.status_code == 200
        assert "只能选择本站点的办理地点" in response.content.decode()
    assert [row.hall for row in own.get_latest_revision_as_object().halls.all()] != [other_hall]
    assert list(own.halls.values_list("hall__site", flat=True)) == [cities["south"].pk]


def test_a_sites_reviewers_read_only_their_sites_feedback(cities, django_user_model):
    for side in ("south", "north"):
        Feedback.objects.create(guide=cities[f"{side}_guide"], kind="error", category="materials", comment=f"{side}错")
    reviewer = django_user_model.objects.create_user("north-reviewer", password="pw")
    reviewer.groups.add(Group.objects.get(name="江北市" + roles.REVIEWERS))
    listing = client_for(reviewer).get(reverse("wagtailsnippets_guides_feedback:list"))
    assert listing.status_code == 200
    assert "north错" in listing.content.decode()
    assert "south错" not in listing.content.decode()
    # The department filter offers the departments of the reviewer's sites only (each site has its own 公安局).
    assert "江北市公安局" in listing.content.decode() and "江南市公安局" not in listing.content.decode()
    south = Feedback.objects.get(comment="south错")
    assert client_for(reviewer).get(reverse("wagtailsnippets_guides_feedback:edit", args=[south.pk])).status_code == 404


def test_departments_of_one_name_on_two_sites_get_a_group_each(cities):
    """A department's name is unique within its site only: another site's 公安局 gets its own editor group, not the
    first one's (whose members would then write on both sites)."""
    own = {side: make_department(name="公安局", code="gongan", site=cities[side]) for side in ("south", "north")}
    roles.setup_roles()
    roles.setup_roles()
    groups = {side: DepartmentEditors.objects.get(department=department).group for side, department in own.items()}
    assert groups["south"] != groups["north"]
    for side in ("south", "north"):
        granted = {grant.page_id for grant in GroupPagePermission.objects.filter(group=groups[side])}
        assert granted == {cities[f"{side}_index"].pk}


def test_the_demo_accounts_edit_for_the_default_sites_departments(cities):
    """Every site has its departments under the same codes (both sites' 公安局 are `police` here): the demo's
    editor-<code> accounts are the default site's, not one account in two sites' groups."""
    roles.create_demo_users("pw")
    editors = DepartmentEditors.objects.filter(group__user__username__startswith="editor-")
    assert set(editors.values_list("department__site", flat=True)) == {cities["south"].pk}
