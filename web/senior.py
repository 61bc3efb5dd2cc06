"""长辈版 (senior mode): a cookie, set by a plain link so it works without JavaScript."""

from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe

COOKIE = "senior"
ONE_YEAR = 365 * 24 * 3600


def is_on(request):
    return request.COOKIES.get(COOKIE) == "1"


@require_safe
def toggle(request):
    """/senior-mode/?on=1&next=/guides/x/ switches the mode and returns to where the citizen was."""
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.GET.get("on") == "1":
        response.set_cookie(COOKIE, "1", max_age=ONE_YEAR, samesite="Lax", httponly=True)
    else:
        response.delete_cookie(COOKIE, samesite="Lax")
    return response


def context_processor(request):
    return {"senior_mode": is_on(request)}
