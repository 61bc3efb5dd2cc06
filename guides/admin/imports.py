"""Admin pages for the implementation list: download an export, upload a file, preview it, then apply it.

The uploaded file waits between the preview and the confirmation in a private folder no URL reaches, under a
random name the confirmation form carries back, for a day at most (guides/importexport/previews.py); it is
checked again when applied, so a guide edited in between is not lost.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from guides import importexport
from guides.importexport import previews
from guides.models import GuidePage


def _require_administrator(request):
    if not request.user.is_superuser:
        raise PermissionDenied


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("实施清单文件"),
        help_text=gettext_lazy("Excel（.xlsx）、CSV 或 JSON，格式与导出的文件相同；不超过 5 MB"),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > importexport.MAX_BYTES:
            raise forms.ValidationError(_("文件超过 5 MB，请分批导入"))
        return upload


class ImportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "guides/admin/import.html"
    page_title = gettext_lazy("导入导出实施清单")
    header_icon = "upload"

    def get_breadcrumbs_items(self):  # 首页 › 导入导出实施清单, not a header reading only 首页
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        _require_administrator(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            form=kwargs.pop("form", None) or UploadForm(), formats=importexport.FORMATS, **kwargs
        )

    def post(self, request):
        if "token" in request.POST:
            return self.confirm(request, request.POST["token"])
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            fmt = importexport.readers.format_of(upload.name)
            plan = importexport.import_guides(data, upload.name, dry_run=True)
        except importexport.ImportRefused as refused:
            return self.render_to_response(self.get_context_data(problems=refused.problems), status=400)
        token = previews.keep(data, fmt) if plan.changes else None
        return self.render_to_response(self.get_context_data(plan=plan, token=token, filename=upload.name))

    def confirm(self, request, token):
        data = previews.take(token)
        if data is None:
            raise Http404(_("找不到待导入的文件（预览后超过 24 小时会被删除），请重新上传"))
        try:
            plan = importexport.import_guides(data, token, user=request.user)
        except importexport.ImportRefused as refused:
            return self.render_to_response(self.get_context_data(problems=refused.problems), status=400)
        finally:
            previews.discard(token)
        messages.success(
            request,
            _("导入完成：新增 %(created)s 篇，更新 %(updated)s 篇，%(unchanged)s 篇未变化")
            % {"created": len(plan.created), "updated": len(plan.updated), "unchanged": len(plan.unchanged)},
        )
        return redirect(reverse("guides_import"))


def export_view(request, fmt):
    _require_administrator(request)
    if fmt not in importexport.FORMATS:
        raise Http404
    response = HttpResponse(
        importexport.export_guides(fmt, GuidePage.objects.live()), content_type=importexport.CONTENT_TYPES[fmt]
    )
    response["Content-Disposition"] = f'attachment; filename="implementation-list.{fmt}"'
    return response
