"""The print checklist (一次性告知单) of one guide, for the applicant's situation."""

from urllib.parse import unquote

from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from guides import checklist
from guides.models.site_settings import page_full_url


def print_checklist(page, request):
    context = page.get_context(request)
    link = checklist.guide_link(page_full_url(page, request), context["questions"], context["answers"])
    context.update(
        guide_link_text=unquote(link),
        qr_code=checklist.qr_svg(link, _("二维码：扫码打开本办事指南（保留您选择的情形）")),
        printed_on=timezone.localdate(),
        revision=page.live_revision,
    )
    return TemplateResponse(request, "guides/guide_print.html", context)
