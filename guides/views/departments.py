"""Department pages: each department's guides with their key facts and contacts (routes of the home page)."""

from django.http import Http404
from wagtail.models import Site

from guides.models import Department, GuidePage


def department_list(home, request):
    departments = GuidePage.objects.departments(Site.find_for_request(request))
    return home.render(request, template="guides/department_list.html", context_overrides={"departments": departments})


def department_detail(home, request, code):
    department = Department.objects.on(Site.find_for_request(request)).filter(code=code).first()
    if department is None:
        raise Http404
    guides = GuidePage.objects.visible(Site.find_for_request(request)).filter(department=department).order_by("title")
    return home.render(
        request,
        template="guides/department_page.html",
        context_overrides={"department": department, "guides": guides},
    )
