"""The editorial roles: department editor groups, the central reviewers and the workflow between them.

Each department's editor group holds add/change on the guide index; guides/models/permissions.py scopes those
grants to the group's department. The department field of the guide form offers a department editor only their
own departments, so a new guide cannot be filed under someone else's.

No department group holds "publish": guides go live when their site's reviewer group approves them in the site's
workflow (a Wagtail GroupApprovalTask), assigned on the site's root page, so it covers the site's tree and no other
site's. The default site's are 政务服务中心审核 and 指南审核 (what a one-site installation always had); any other
site's bear its city's name before them (江北市政务服务中心审核, 江北市指南审核). Wagtail publishes an approved
revision as the approving user, so a site's reviewers hold "publish" (and nothing else) on the site's guide indexes:
they may approve, unpublish and view drafts, but edit a guide only while it waits for their approval.

The material library and the catalogue of standard items are one for the whole province: the default site's
service centre edits them, every other role sees them.
"""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Site,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from guides.models import Department, DepartmentEditors, GuideIndexPage
from guides.models.site_settings import SiteSettings
from web.sites import default_site_id, site_of

REVIEWERS = "政务服务中心审核"
WORKFLOW = "指南审核"
EDITOR_PAGE_ACTIONS = ("add", "change")
REVIEWER_PAGE_ACTIONS = ("publish",)
# What Wagtail's first migration names in English: the default workflow, its task and groups, seen in the admin's
# workflow pages, reports and group lists. Renamed where they still bear Wagtail's names.
WAGTAIL_DEFAULT_NAMES = {
    Workflow: {"Moderators approval": _("默认审批流程")},
    Task: {"Moderators approval": _("默认审批")},
    Group: {"Moderators": _("默认审核员"), "Editors": _("默认编辑")},
}
# Department editors answer the feedback on their own guides (guides/feedback/admin.py scopes the inbox).
EDITOR_MODEL_PERMISSIONS = (
    "wagtailadmin.access_admin",
    "guides.view_department",
    "guides.view_servicehall",
    "guides.view_material",
    "guides.view_catalogueitem",
    "guides.view_feedback",
    "guides.change_feedback",
)
# A site's reviewers see every department's feedback.
REVIEWER_MODEL_PERMISSIONS = EDITOR_MODEL_PERMISSIONS
# The default site's service centre keeps the shared material library and the catalogue of standard items
# (事项目录), which also shows it the catalogue report (guides/admin/catalogue.py).
LIBRARY_PERMISSIONS = (
    "guides.add_material",
    "guides.change_material",
    "guides.add_catalogueitem",
    "guides.change_catalogueitem",
)
DOCUMENT_PERMISSIONS = ("add_document", "choose_document")


def editor_group_name(department):
    return _("%(department)s编辑") % {"department": department.name}


def _permissions(names):
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def _grant_documents(group):
    root = Collection.get_first_root_node()
    for codename in DOCUMENT_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label="wagtaildocs", codename=codename)
        GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission)


def _grant_pages(group, pages, actions):
    for action in actions:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{action}_page")
        for page in pages:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _editor_group(department):
    link = DepartmentEditors.objects.filter(department=department).select_related("group").first()
    if link:
        return link.group
    name = editor_group_name(department)
    if DepartmentEditors.objects.filter(group__name=name).exists():  # another site's department of the same name
        site = department.site
        name = _("%(group)s（%(site)s）") % {"group": name, "site": site.site_name or site.hostname}
    group, _created = Group.objects.get_or_create(name=name)
    DepartmentEditors.objects.create(department=department, group=group)
    return group


@transaction.atomic
def setup_roles():
    """Create or repair the groups, permissions and workflow. Safe to run again; returns the groups it manages."""
    indexes = list(GuideIndexPage.objects.all())
    for model, names in WAGTAIL_DEFAULT_NAMES.items():
        for english, chinese in names.items():
            if not model.objects.filter(name=chinese).exists():
                model.objects.filter(name=english).update(name=chinese)

    # Before each site had its own, one workflow was assigned on every guide index: the sites' own take over.
    WorkflowPage.objects.filter(page__in=indexes, workflow__name=WORKFLOW).delete()
    default_id = default_site_id()
    reviewer_groups = [
        _site_review(site, indexes, default=site.pk == default_id)
        for site in Site.objects.select_related("root_page").order_by("pk")
    ]

    editor_groups = []
    for department in Department.objects.select_related("site__root_page"):
        group = _editor_group(department)
        group.permissions.add(*_permissions(EDITOR_MODEL_PERMISSIONS))
        _grant_documents(group)
        # A department writes on its own site only: the guide indexes in its site's tree.
        own = [index for index in indexes if index.path.startswith(department.site.root_page.path)]
        _grant_pages(group, own, EDITOR_PAGE_ACTIONS)
        editor_groups.append(group)
    return reviewer_groups, editor_groups


def review_names(site, default):
    """(reviewer group, workflow) names of a site."""
    if default:
        return REVIEWERS, WORKFLOW
    found = SiteSettings.objects.filter(site=site).first()
    place = (found and (found.city_name or found.site_name)) or site.site_name or site.hostname
    return f"{place}{REVIEWERS}", f"{place}{WORKFLOW}"


def _site_review(site, indexes, default):
    """The reviewer group and workflow of `site`, made or repaired: the workflow is the one assigned on the site's
    root page (made when there is none), its approval task's group the reviewers. Returns the group."""
    group_name, workflow_name = review_names(site, default)
    assigned = WorkflowPage.objects.filter(page=site.root_page).select_related("workflow").first()
    workflow = assigned.workflow if assigned else Workflow.objects.get_or_create(name=workflow_name)[0]
    WorkflowPage.objects.update_or_create(page=site.root_page, defaults={"workflow": workflow})
    task = (
        GroupApprovalTask.objects.filter(pk__in=workflow.workflow_tasks.values("task_id")).first()
        or GroupApprovalTask.objects.filter(name=group_name).first()
        or GroupApprovalTask.objects.create(name=group_name)
    )
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    reviewers = task.groups.first() or Group.objects.get_or_create(name=group_name)[0]
    task.groups.add(reviewers)
    reviewers.permissions.add(*_permissions(REVIEWER_MODEL_PERMISSIONS + (LIBRARY_PERMISSIONS if default else ())))
    _grant_documents(reviewers)
    own = [index for index in indexes if site_of(index.path) == site]
    _grant_pages(reviewers, own, REVIEWER_PAGE_ACTIONS)
    # Publish on another site's indexes (the one reviewer group of before): that site's reviewers' now.
    GroupPagePermission.objects.filter(group=reviewers, permission__codename="publish_page").exclude(
        page__in=own
    ).delete()
    return reviewers


def create_demo_users(password=None, departments=2):
    """Demo accounts: an editor for each of the default site's first `departments` departments (every site has
    its own under the same codes) and one reviewer.

    Existing accounts keep their password. Returns [(username, group name)] and the password given to the
    accounts created now (generated when not given; None when every account existed already).
    """
    password = password or secrets.token_urlsafe(9)
    accounts = [("reviewer", Group.objects.get(name=REVIEWERS))]
    accounts += [
        (f"editor-{department.code}", _editor_group(department))
        for department in Department.objects.filter(site__is_default_site=True)[:departments]
    ]
    created_any = False
    for username, group in accounts:
        user, created = get_user_model().objects.get_or_create(username=username)
        if created:
            user.set_password(password)
            user.save()
            created_any = True
        user.groups.add(group)
    return [(username, group.name) for username, group in accounts], password if created_any else None
