"""Dashboard panel: guides overdue for review or due within 30 days, per department."""

from wagtail.admin.ui.components import Component

from guides import review_dates
from guides.models import GuidePage
from guides.models.permissions import writable_department_ids


class ReviewDuePanel(Component):
    name = "guides_review_due"
    template_name = "guides/admin/review_panel.html"
    order = 90

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        return {
            "departments": GuidePage.objects.due_for_review(writable_department_ids(self.user)),
            "days": review_dates.DUE_SOON_DAYS,
        }
