"""Admin pages for the implementation list: download an export, upload a file, preview it, then apply it.

The uploaded file waits between the preview and the confirmation in a private folder no URL reaches, under a
random name the confirmation form carries back, for a day at most (guides/importexport/previews.py); it is
checked again when applied, so a guide edited in between is not lost.

An import goes into the site chosen on the page, an export is one site's: a user limited to sites
(permissions.site_ids) is offered only theirs, preselected; an administrator any site. A site not offered, or
none at all, is refused with a message before anything is read.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Site

from guides import importexport
from guides.importexport import previews
from guides.models.permissions import site_ids
from guides.models.site_settings import SiteSettings


def _require_administrator(request):
    if not request.user.is_superuser:
        raise PermissionDenied


def sites_for(user):
    """The sites this user may import into and export, the default site first."""
    sites = Site.objects.select_related("root_page").order_by("-is_default_site", "pk")
    allowed = site_ids(user)
    return sites if allowed is None else sites.filter(pk__in=allowed)


class SiteChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, site):
        return site_label(site)


def site_label(site):
    """The site's public name (its settings', else Wagtail's) and hostname: 江北市政务服务网（jiangbei.example）."""
    name = SiteSettings.objects.filter(site=site).values_list("site_name", flat=True).first() or site.site_name
    return f"{name}（{site.hostname}）" if name else site.hostname


class SiteForm(forms.Form):
    site = SiteChoiceField(
        label=gettext_lazy("导入到站点"),
        queryset=Site.objects.none(),
        empty_label=None,
        required=False,  # not sent: the preselected one
        error_messages={"invalid_choice": gettext_lazy("没有这个站点，或您不能导入到这个站点")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites_for(user)
        self.fields["site"].initial = self.fields["site"].queryset.first()

    def clean_site(self):
        site = self.cleaned_data["site"] or self.fields["site"].initial
        if site is None:
            raise forms.ValidationError(_("您没有可以导入的站点"))
        return site


class UploadForm(SiteForm):
    file = forms.FileField(
        label=gettext_lazy("实施清单文件"),
        help_text=gettext_lazy("Excel（.xlsx）、CSV 或 JSON，格式与导出的文件相同；不超过 5 MB"),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > importexport.UPLOAD.bytes:
            raise forms.ValidationError(importexport.too_large(importexport.UPLOAD))
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
            form=kwargs.pop("form", None) or UploadForm(user=self.request.user),
            formats=importexport.FORMATS,
            export_sites=[(site, site_label(site)) for site in sites_for(self.request.user)],
            **kwargs,
        )

    def post(self, request):
        if "token" in request.POST:
            return self.confirm(request, request.POST["token"])
        form = UploadForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        upload, site = form.cleaned_data["file"], form.cleaned_data["site"]
        data = upload.read()
        try:
            fmt = importexport.readers.format_of(upload.name)
            plan = importexport.import_guides(data, upload.name, dry_run=True, site=site)
        except importexport.ImportRefused as refused:
            return self.render_to_response(self.get_context_data(problems=refused.problems), status=400)
        token = previews.keep(data, fmt) if plan.changes else None
        return self.render_to_response(
            self.get_context_data(plan=plan, token=token, filename=upload.name, site=site, site_name=site_label(site))
        )

    def confirm(self, request, token):
        chosen = SiteForm(request.POST, user=request.user)
        if not chosen.is_valid():  # checked before the file is taken: it stays for a corrected confirmation
            return self.render_to_response(self.get_context_data(form_errors=chosen.errors["site"]), status=400)
        site = chosen.cleaned_data["site"]
        data = previews.take(token)
        if data is None:
            raise Http404(_("找不到待导入的文件（预览后超过 24 小时会被删除），请重新上传"))
        try:
            plan = importexport.import_guides(data, token, user=request.user, site=site)
        except importexport.ImportRefused as refused:
            return self.render_to_response(self.get_context_data(problems=refused.problems), status=400)
        finally:
            previews.discard(token)
        messages.success(
            request,
            _("导入到%(site)s完成：新增 %(created)s 篇，更新 %(updated)s 篇，%(unchanged)s 篇未变化")
            % {
                "site": site_label(site),
                "created": len(plan.created),
                "updated": len(plan.updated),
                "unchanged": len(plan.unchanged),
            },
        )
        return redirect(reverse("guides_import"))


def export_view(request, fmt):
    """One site's implementation list (?site=<id>; the default site when not given)."""
    _require_administrator(request)
    if fmt not in importexport.FORMATS:
        raise Http404
    chosen = SiteForm({"site": request.GET.get("site", "")}, user=request.user)
    if not chosen.is_valid():
        return HttpResponseBadRequest("；".join(chosen.errors["site"]), content_type="text/plain; charset=utf-8")
    site = chosen.cleaned_data["site"]
    response = HttpResponse(
        importexport.export_guides(fmt, importexport.site_guides(site)), content_type=importexport.CONTENT_TYPES[fmt]
    )
    response["Content-Disposition"] = f'attachment; filename="implementation-list-{site.hostname}.{fmt}"'
    return response
