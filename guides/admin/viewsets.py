"""Admin listings of the reference data that many guides point at: departments, service halls, the material library
and the catalogue of standard items (guides/admin/catalogue.py).

Departments and halls belong to a site: an editor or reviewer of one site (permissions.site_ids) sees only their
site's in the lists and choosers, and any view of another site's row (edit, delete, copy, usage, history, inspect,
the chooser's pick) answers 403. The material library and the catalogue are one, province-wide, for every site."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from guides.models import Department, Material, ServiceHall
from guides.models.permissions import on_own_sites, site_ids

from .catalogue import CatalogueItemViewSet


class OwnSiteObject:
    """An admin view of one per-site row that refuses another site's (403)."""

    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        sites = site_ids(self.request.user)
        if sites is not None and instance.site_id not in sites:
            raise PermissionDenied
        return instance


class OwnSiteRows:
    """A chooser view that lists only the user's sites' rows."""

    def get_object_list(self):
        return on_own_sites(super().get_object_list(), self.request.user)


def own_site(view_class, mixin=OwnSiteObject):
    return type(view_class.__name__, (mixin, view_class), {})


class SiteChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = own_site(chooser.ChooseView, OwnSiteRows)
    choose_results_view_class = own_site(chooser.ChooseResultsView, OwnSiteRows)
    chosen_view_class = own_site(chooser.SnippetChosenView)


class PerSiteViewSet(SnippetViewSet):
    """Rows of one site each (a `site` field): the user's sites' only."""

    chooser_viewset_class = SiteChooserViewSet
    edit_view_class = own_site(SnippetViewSet.edit_view_class)
    delete_view_class = own_site(SnippetViewSet.delete_view_class)
    copy_view_class = own_site(SnippetViewSet.copy_view_class)
    usage_view_class = own_site(SnippetViewSet.usage_view_class)
    history_view_class = own_site(SnippetViewSet.history_view_class)
    inspect_view_class = own_site(SnippetViewSet.inspect_view_class)

    def get_queryset(self, request):
        return on_own_sites(self.model.objects.all(), request.user)


class DepartmentViewSet(PerSiteViewSet):
    model = Department
    icon = "group"
    menu_label = _("部门")
    list_display = ["name", "short_name", "code", "enquiry_phone", "complaint_phone"]


class ServiceHallViewSet(PerSiteViewSet):
    model = ServiceHall
    icon = "site"
    menu_label = _("办事大厅")
    list_display = ["name", "address", "phone"]


class MaterialViewSet(SnippetViewSet):
    model = Material
    icon = "doc-full"
    menu_label = _("材料库")
    # How many guides ask for each material: what a change to it reaches (not sortable: a search cannot sort by it).
    list_display = [
        "name",
        "category",
        "source",
        "electronic_certificate",
        Column("guide_count", label=_("使用的指南数")),
    ]
    list_filter = ["category", "source", "electronic_certificate"]

    def get_queryset(self, request):
        return Material.objects.annotate(guide_count=Count("guide_uses__guide", distinct=True))


class ReferenceDataGroup(SnippetViewSetGroup):
    items = (DepartmentViewSet, ServiceHallViewSet, MaterialViewSet, CatalogueItemViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("基础数据")
    menu_name = "reference-data"
