"""A publish the rules refused deep inside Wagtail (a workflow approval, a copy, a bulk action) is answered in
the admin as a refusal the editor can act on, not as a server error."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from wagtail.admin import messages

from guides.rules import PublishingRefused


class PublishingRefusedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, PublishingRefused):
            return None
        problems = "；".join(error.message for error in exception.errors)
        messages.error(request, _("这篇指南未通过发布检查，没有发布：%(problems)s") % {"problems": problems})
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = reverse("wagtailadmin_home")
        return redirect(back)
