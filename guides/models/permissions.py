"""Who may do what with a guide: Wagtail's page permissions, scoped to the editor's department.

Wagtail grants page permissions per subtree, and every guide lives under one guide index. So each department's
editor group holds add/change on the guide index, and `DepartmentPermissionTester` scopes those grants: on a
guide they count only when the guide belongs to the group's department, and on any other page (the index)
only "add" counts. Grants of any other group keep Wagtail's usual meaning, and superusers (the
administrators) may do everything. The groups themselves are set up by guides/admin/roles.py.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import page_permission_policy

from web.sites import site_of, sites_within

from .editorial import DepartmentEditors
from .snippets import Department

_CACHE = "_guides_department_groups"
_SITES_CACHE = "_guides_site_ids"


def department_groups(user):
    """{group id: department id} of the department editor groups this user belongs to (cached on the user)."""
    if not hasattr(user, _CACHE):
        pairs = DepartmentEditors.objects.filter(group__user=user).values_list("group_id", "department_id")
        setattr(user, _CACHE, dict(pairs) if user.is_authenticated else {})
    return getattr(user, _CACHE)


def scoped_actions(user, page):
    """The page actions ("add", "change", "publish", …) the user's grants give on this page, department-scoped."""
    groups = department_groups(user)
    is_guide = hasattr(page, "department_id")  # a guide belongs to a department; no other page does
    actions = set()
    for grant in page_permission_policy.get_cached_permissions_for_user(user):
        if not page.path.startswith(grant.page.path):
            continue
        action = grant.permission.codename.rsplit("_", maxsplit=1)[0]
        department_id = groups.get(grant.group_id)
        if department_id is None or (page.department_id == department_id if is_guide else action == "add"):
            actions.add(action)
    return actions


class DepartmentPermissionTester(PagePermissionTester):
    """Wagtail's page permission tester with department grants scoped as the module docstring says."""

    def __init__(self, user, page):
        super().__init__(user, page)
        if user.is_active and not user.is_superuser:
            self.permissions = scoped_actions(user, page)


def without_other_departments(pages, user):
    """A page queryset without the guides of departments a department editor does not write for (their drafts'
    titles are nobody else's business); unchanged for anyone else."""
    departments = writable_department_ids(user)
    if departments is None:
        return pages
    # On the page's own fields (its type and id), which the admin's page search can filter by as the database can.
    guides = apps.get_model("guides", "GuidePage")
    own = guides.objects.filter(department_id__in=departments).values_list("pk", flat=True)
    return pages.filter(~Q(content_type=ContentType.objects.get_for_model(guides)) | Q(id__in=list(own)))


class DepartmentPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page permission policy, with what a department editor may explore narrowed to their own
    departments' guides: the explorer, the admin's page search and its API all ask `explorable_instances`."""

    def explorable_instances(self, user):
        return without_other_departments(super().explorable_instances(user), user)


def writable_department_ids(user):
    """The departments whose guides this user may file, or None when not limited to department grants."""
    if user.is_superuser:
        return None
    groups = department_groups(user)
    grants = page_permission_policy.get_cached_permissions_for_user(user)
    if not grants or any(grant.group_id not in groups for grant in grants):
        return None
    # A department's grant counts only in its own site's tree (a county's 公安局 files no guide for the city).
    roots = dict(Department.objects.filter(pk__in=groups.values()).values_list("pk", "site__root_page__path"))
    return {
        groups[grant.group_id]
        for grant in grants
        if grant.page.path.startswith(roots.get(groups[grant.group_id]) or "-")
    }


def site_ids(user):
    """Ids of the sites whose reference data (departments, halls) and imports this user works on, or None when not
    limited to sites (superusers, and users with no page grant: no editor or reviewer role).

    A department editor's site is their department's; anyone else's are the sites of the pages they hold grants on
    (a site's reviewers hold theirs on its guide indexes), with every site below a grant (cached on the user)."""
    if not hasattr(user, _SITES_CACHE):
        setattr(user, _SITES_CACHE, _site_ids(user))
    return getattr(user, _SITES_CACHE)


def _site_ids(user):
    if not user.is_authenticated or user.is_superuser:
        return None
    grants = page_permission_policy.get_cached_permissions_for_user(user)
    if not grants:
        return None
    groups = department_groups(user)
    found = set(Department.objects.filter(pk__in=groups.values()).values_list("site_id", flat=True))
    for grant in grants:
        if grant.group_id in groups:
            continue
        site = site_of(grant.page.path)
        found.update(other.pk for other in [*([site] if site else []), *sites_within(grant.page.path)])
    return found


def on_own_sites(queryset, user):
    """A queryset of per-site rows (a `site` field) narrowed to the user's sites (site_ids); unchanged for anyone
    not limited to sites."""
    sites = site_ids(user)
    return queryset if sites is None else queryset.filter(site__in=sites)
