"""Receiving feedback posted from a guide page."""

from django.contrib import messages
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from guides.models.site_settings import current
from guides.views.guide import guide_page
from web import ratelimit

from .forms import FORMS, feedback_forms


def post_feedback(page, request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    kind = request.POST.get("kind", "")
    form_class = FORMS.get(kind)
    if form_class is None:
        return TemplateResponse(
            request, "guides/feedback_refused.html", {"page": page, "message": _("无法识别的反馈类型。")}, status=400
        )
    if not ratelimit.hit(ratelimit.client_key(request, "feedback")):
        message = _("您提交得太频繁了，请 %(minutes)s 分钟后再试。如有急事，请拨打 %(hotline)s 政务服务便民热线。") % {
            "minutes": ratelimit.FEEDBACK_WINDOW_SECONDS // 60,
            "hotline": current(request).hotline,
        }
        return TemplateResponse(request, "guides/feedback_refused.html", {"page": page, "message": message}, status=429)
    form = form_class(request.POST, prefix=kind)
    if not form.is_valid():
        response = guide_page(page, request, feedback_forms=feedback_forms(form), feedback_error=kind)
        response.status_code = 400
        return response
    if not form.is_spam:
        form.save(page)
    messages.success(request, _("感谢您的反馈！我们会认真处理。"))
    return HttpResponseRedirect(page.url + "#feedback")
