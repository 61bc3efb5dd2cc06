"""Admin registration: the reference snippets, grouped under one menu."""

from django.shortcuts import redirect
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from guides.admin_views.imports import ImportView, export_view
from guides.admin_views.review_panel import ReviewDuePanel
from guides.feedback_admin import FeedbackViewSet
from guides.models import Department, GuidePage, Material, ServiceHall
from guides.roles import writable_department_ids
from guides.rules import check_page


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    menu_label = _("部门")
    list_display = ["name", "short_name", "code", "enquiry_phone", "complaint_phone"]
    search_fields = ["name", "short_name", "code"]


class ServiceHallViewSet(SnippetViewSet):
    model = ServiceHall
    icon = "site"
    menu_label = _("办事大厅")
    list_display = ["name", "address", "phone"]
    search_fields = ["name", "address"]


class MaterialViewSet(SnippetViewSet):
    model = Material
    icon = "doc-full"
    menu_label = _("材料库")
    list_display = ["name", "category", "source", "electronic_certificate"]
    list_filter = ["category", "source", "electronic_certificate"]
    search_fields = ["name", "description"]


class ReferenceDataGroup(SnippetViewSetGroup):
    items = (DepartmentViewSet, ServiceHallViewSet, MaterialViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("基础数据")
    menu_name = "reference-data"


register_snippet(ReferenceDataGroup)

register_snippet(FeedbackViewSet)


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    panels.append(ReviewDuePanel(request.user))


@hooks.register("construct_explorer_page_queryset")
def show_department_editors_their_guides(parent_page, pages, request):
    """A department editor lists only their own departments' guides (other pages are unaffected)."""
    department_ids = writable_department_ids(request.user)
    if department_ids is None:
        return pages
    return pages.exclude(pk__in=GuidePage.objects.exclude(department_id__in=department_ids).values("pk"))


class AdministratorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("guides/import/", ImportView.as_view(), name="guides_import"),
        path("guides/export/<str:fmt>/", export_view, name="guides_export"),
    ]


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
        if isinstance(draft, GuidePage) and (
            check_page(draft) or (draft.first_published_at and not draft.change_note.strip())
        ):
            refused.append(draft.title)
    if not refused:
        return None
    messages.error(
        request,
        _("以下指南未通过发布检查（发布规则或更新说明），请逐篇打开编辑后发布：%(titles)s")
        % {"titles": "、".join(refused)},
    )
    return redirect(action.next_url)
