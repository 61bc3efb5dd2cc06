"""The guide editor's 发布检查 panel: what going live would change, and which publishing rules the draft breaks.

The rules are warnings here: a draft is always saved (guides/models/forms.py); only submitting and publishing
refuse a guide that breaks them. A reviewer who opens a guide waiting for approval sees the same panel, so the
changes of the submitted version against the live one are the first thing they read.
"""

from django.urls import reverse
from wagtail.admin.panels import Panel


class PublishingCheckPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "guides/admin/publishing_check_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            guide = self.instance
            context["changes"] = guide.changes_against_live() if guide.pk else None
            # A refused submit or publish shows the problems beside their fields already.
            refused = self.form is not None and self.form.is_bound and bool(self.form.errors)
            context["problems"] = [] if refused else guide.publishing_problems()
            if context["changes"] == []:
                # Nothing would go live, so there is nothing for a change note to describe (yet).
                context["problems"] = [problem for problem in context["problems"] if problem.field != "change_note"]
            context["refused"] = refused
            if context["changes"]:
                context["compare_url"] = reverse(
                    "wagtailadmin_pages:revisions_compare", args=(guide.pk, "live", guide.latest_revision_id)
                )
                if guide.permissions_for_user(self.request.user).can_edit() and not guide.workflow_in_progress:
                    context["discard_url"] = reverse("guides_discard_draft", args=(guide.pk,))
            return context
