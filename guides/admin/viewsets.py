"""Admin listings of the reference data that many guides point at: departments, service halls, the material library
and the catalogue of standard items (guides/admin/catalogue.py)."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from guides.models import Department, Material, ServiceHall

from .catalogue import CatalogueItemViewSet


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    menu_label = _("部门")
    list_display = ["name", "short_name", "code", "enquiry_phone", "complaint_phone"]


class ServiceHallViewSet(SnippetViewSet):
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
