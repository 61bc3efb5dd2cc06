"""Wagtail's admin hooks for guides: what guides/admin/ and guides/feedback/ add to the admin."""

from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import path, reverse, reverse_lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.models import AbstractPage, Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from guides.admin.catalogue import CatalogueReportView, catalogue_report_csv, may_see_report
from guides.admin.drafts import DiscardDraftView
from guides.admin.imports import ImportView, export_view
from guides.admin.review_dates_panel import ReviewDuePanel
from guides.admin.viewsets import ReferenceDataGroup
from guides.feedback.admin import FeedbackViewSet, OverdueFeedbackPanel
from guides.models import Department, GuidePage, ServiceHall
from guides.models.permissions import DepartmentPagePermissionPolicy, without_other_departments
from web.sites import sites_within

register_snippet(ReferenceDataGroup)

register_snippet(FeedbackViewSet)


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    panels.append(ReviewDuePanel(request.user))
    panels.append(OverdueFeedbackPanel(request.user))


# Registered before any admin view asks for the policy (Wagtail requires it early): see permissions.py.
register_permission_policy(AbstractPage, DepartmentPagePermissionPolicy(Page))


@hooks.register("construct_explorer_page_queryset")
def show_department_editors_their_guides(parent_page, pages, request):
    """A department editor lists only their own departments' guides (other pages are unaffected)."""
    return without_other_departments(pages, request.user)


@hooks.register("construct_page_chooser_queryset")
def choose_among_own_guides(pages, request):
    """The page chooser, too, shows a department editor no other department's guide or draft title."""
    return without_other_departments(pages, request.user)


class AdministratorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("guides/import/", ImportView.as_view(), name="guides_import"),
        path("guides/export/<str:fmt>/", export_view, name="guides_export"),
        path("guides/<int:page_id>/discard-draft/", DiscardDraftView.as_view(), name="guides_discard_draft"),
        path("reports/catalogue/", CatalogueReportView.as_view(), name="catalogue_report"),
        path("reports/catalogue/csv/", catalogue_report_csv, name="catalogue_report_csv"),
    ]


class CatalogueReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_report(request.user)


@hooks.register("register_reports_menu_item")
def register_catalogue_report_menu_item():
    return CatalogueReportMenuItem(
        _("同事项同标准对比"), reverse_lazy("catalogue_report"), icon_name="list-ul", order=1000
    )


@hooks.register("register_settings_menu_item")
def register_import_menu_item():
    return AdministratorMenuItem(_("导入导出实施清单"), reverse_lazy("guides_import"), icon_name="upload", order=900)


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_of_wrong_guides(request, action_type, objects, action):
    """Bulk publishing skips the editor form, so apply its checks here: the rules, and a note for a republish."""
    if action_type != "publish":
        return None
    refused = []
    for page in objects:
        draft = page.specific.get_latest_revision_as_object()
        if isinstance(draft, GuidePage) and draft.publishing_problems():
            refused.append(draft.title)
    if not refused:
        return None
    messages.error(
        request,
        _("以下指南未通过发布检查（发布规则或更新说明），请逐篇打开编辑后发布：%(titles)s")
        % {"titles": "、".join(refused)},
    )
    return redirect(action.next_url)


def sites_holding_reference_data(pages):
    """The sites whose home page is one of `pages` or below one, and that departments or halls belong to: deleting
    them would take that reference data with them (their foreign keys protect it)."""
    sites = {site.pk: site for page in pages for site in sites_within(page.path)}.values()
    used = {*Department.objects.values_list("site", flat=True), *ServiceHall.objects.values_list("site", flat=True)}
    return [site for site in sites if site.pk in used]


def refuse_deleting_sites_with_reference_data(request, pages, next_url):
    sites = sites_holding_reference_data(pages)
    if not sites:
        return None
    messages.error(
        request,
        _("不能删除站点“%(sites)s”的首页：该站点还有部门或服务大厅。请先把它们移到其他站点或删除后再试。")
        % {"sites": "、".join(site.site_name or site.hostname for site in sites)},
    )
    return redirect(next_url)


@hooks.register("before_delete_page")
def refuse_deleting_a_site_home_with_reference_data(request, page):
    if request.method != "POST":
        return None
    return refuse_deleting_sites_with_reference_data(request, [page], reverse("wagtailadmin_explore", args=[page.pk]))


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_a_site_home_with_reference_data(request, action_type, objects, action):
    if action_type != "delete":
        return None
    return refuse_deleting_sites_with_reference_data(request, objects, action.next_url)


@hooks.register("insert_global_admin_css")
def admin_css():
    """The admin's own styles (static/css/admin.css): compact 申请材料 rows in the guide editor."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))
