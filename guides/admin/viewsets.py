"""Admin listings of the reference data that many guides point at: departments, service halls, the material library."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from guides.models import Department, Material, ServiceHall


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
    list_display = ["name", "category", "source", "electronic_certificate"]
    list_filter = ["category", "source", "electronic_certificate"]


class ReferenceDataGroup(SnippetViewSetGroup):
    items = (DepartmentViewSet, ServiceHallViewSet, MaterialViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("基础数据")
    menu_name = "reference-data"
