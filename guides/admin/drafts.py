"""放弃草稿: an editor takes a live guide back to its published version.

The discarded draft is not deleted: the live version is saved again as the newest revision (logged as a revert),
so the draft stays in the guide's history and can be restored from there.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from guides.models import GuidePage


class DiscardDraftView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "guides/admin/discard_draft.html"
    page_title = gettext_lazy("放弃草稿")
    header_icon = "undo"

    def dispatch(self, request, page_id):
        self.guide = get_object_or_404(GuidePage, pk=page_id)
        if not self.guide.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        self.edit_url = reverse("wagtailadmin_pages:edit", args=(self.guide.pk,))
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.guide.title

    def refusal(self):
        """Why this guide's draft cannot be discarded now, or None."""
        if not self.guide.live or not self.guide.live_revision_id:
            return _("这篇指南尚未发布，没有可以恢复的线上版本")
        if not self.guide.has_unpublished_changes:
            return _("草稿与线上版本相同，没有需要放弃的修改")
        if self.guide.workflow_in_progress:
            return _("这篇指南正在审核中，请先撤回审核，再放弃草稿")
        return None

    def get_context_data(self, **kwargs):
        draft = self.guide.get_latest_revision_as_object()
        return super().get_context_data(
            guide=self.guide, changes=draft.changes_against_live(), refusal=self.refusal(), edit_url=self.edit_url
        )

    def post(self, request, page_id):
        refusal = self.refusal()
        if refusal:
            messages.error(request, refusal)
            return redirect(self.edit_url)
        live = self.guide.live_revision
        live.as_object().save_revision(user=request.user, log_action=True, previous_revision=live, clean=False)
        messages.success(request, _("已放弃草稿，「%(title)s」恢复为线上版本") % {"title": self.guide.title})
        return redirect(self.edit_url)
