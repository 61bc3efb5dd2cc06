"""The editors' feedback inbox: each department reads and answers the feedback on its own guides.

Every 纠错 and 差评 gets a handling record (处理情况, who, when) within 15 working days; the dashboard panel
lists those past their deadline. A department editor sees and opens only their own departments' feedback
(the list, the edit and inspect pages, the dashboard); the service centre and administrators see it all.
"""

import django_filters
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.snippets.views.snippets import EditView, InspectView, SnippetViewSet

from guides.models import Department, Feedback, GuideUpdate
from guides.models.feedback import needs_handling_q, overdue_q
from guides.models.permissions import on_own_sites, site_ids, writable_department_ids


def own_feedback(user, feedback=None):
    """The feedback this user may read and answer: a department editor only their departments' guides', a site's
    reviewers only their sites' (a guide's department is of the guide's site)."""
    feedback = Feedback.objects.all() if feedback is None else feedback
    departments = writable_department_ids(user)
    if departments is not None:
        feedback = feedback.filter(guide__department_id__in=departments)
    sites = site_ids(user)
    return feedback if sites is None else feedback.filter(guide__department__site_id__in=sites)


def own_departments(request):
    """The departments the inbox's filter offers: those of the user's sites (each site has its own 公安局)."""
    return on_own_sites(Department.objects.all(), request.user)


class FeedbackFilterSet(WagtailFilterSet):
    department = django_filters.ModelChoiceFilter(
        label=_("实施部门"), field_name="guide__department", queryset=own_departments
    )

    class Meta:
        model = Feedback
        fields = ["department", "kind", "handled", "category", "rating"]


class FeedbackForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "correction" in self.fields:
            self.fields["correction"].queryset = GuideUpdate.objects.filter(guide_id=self.instance.guide_id)


class FeedbackEditView(EditView):
    def get_object(self, queryset=None):
        return super().get_object(own_feedback(self.request.user))

    def save_instance(self):
        if {"handled", "note"} & set(self.form.changed_data):
            self.form.instance.record_handling(self.request.user)
        return super().save_instance()


class FeedbackInspectView(InspectView):
    def get_object(self, queryset=None):
        return own_feedback(self.request.user).get(pk=self.pk)


class FeedbackViewSet(SnippetViewSet):
    model = Feedback
    icon = "mail"
    menu_label = _("群众反馈")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["guide", "kind", "useful", "category", "rating", "comment", "created_at", "handled", "handled_by"]
    filterset_class = FeedbackFilterSet
    search_fields = ["comment", "note"]
    ordering = ["handled", "-created_at"]
    inspect_view_enabled = True
    edit_view_class = FeedbackEditView
    inspect_view_class = FeedbackInspectView
    edit_handler = ObjectList(
        [
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
            FieldPanel("correction"),
            FieldRowPanel(
                [FieldPanel("handled_by", read_only=True), FieldPanel("handled_at", read_only=True)],
                heading=_("处理记录"),
            ),
        ],
        base_form_class=FeedbackForm,
    )

    def get_queryset(self, request):
        return own_feedback(request.user).select_related("guide", "handled_by")


OVERDUE_LISTED = 20  # the dashboard lists the oldest; the feedback list has them all


class OverdueFeedbackPanel(Component):
    """Dashboard: 纠错 and 差评 past their handling deadline (15 working days), oldest first; three queries
    however many there are."""

    name = "guides_feedback_overdue"
    template_name = "guides/admin/feedback_overdue_panel.html"
    order = 95

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        feedback = own_feedback(self.user)
        overdue = feedback.filter(overdue_q()).select_related("guide").order_by("created_at", "pk")
        return {
            "overdue": overdue[:OVERDUE_LISTED],
            "overdue_count": overdue.count(),
            "open_count": feedback.filter(needs_handling_q(), handled=False).count(),
            "open_list_url": reverse("wagtailsnippets_guides_feedback:list") + "?handled=false",
        }
