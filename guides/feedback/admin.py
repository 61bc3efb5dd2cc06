"""The editors' feedback inbox: filter by department, kind and state; mark handled with a note."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.snippets.views.snippets import SnippetViewSet

from guides.models import Department, Feedback


class FeedbackFilterSet(WagtailFilterSet):
    department = django_filters.ModelChoiceFilter(
        label=_("实施部门"), field_name="guide__department", queryset=Department.objects.all()
    )

    class Meta:
        model = Feedback
        fields = ["department", "kind", "handled", "category", "rating"]


class FeedbackViewSet(SnippetViewSet):
    model = Feedback
    icon = "mail"
    menu_label = _("群众反馈")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["guide", "kind", "useful", "category", "rating", "comment", "created_at", "handled"]
    filterset_class = FeedbackFilterSet
    search_fields = ["comment", "note"]
    ordering = ["handled", "-created_at"]
    inspect_view_enabled = True
    panels = [
        FieldRowPanel([FieldPanel("guide", read_only=True), FieldPanel("kind", read_only=True)], heading=_("来源")),
        FieldRowPanel(
            [
                FieldPanel("useful", read_only=True),
                FieldPanel("category", read_only=True),
                FieldPanel("rating", read_only=True),
            ],
            heading=_("内容"),
        ),
        FieldPanel("comment", read_only=True),
        FieldPanel("handled"),
        FieldPanel("note"),
    ]
