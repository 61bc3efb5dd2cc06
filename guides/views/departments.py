"""Department pages: each department's guides with their key facts and contacts."""

from django.db.models import Count, Q
from django.http import Http404

from guides.models import Department, GuidePage


def live_guides():
    return GuidePage.objects.live().public().select_related("department")


def department_list(home, request):
    departments = Department.objects.annotate(
        guide_count=Count("guides", filter=Q(guides__live=True, guides__view_restrictions__isnull=True))
    ).filter(guide_count__gt=0)
    return home.render(request, template="guides/department_list.html", context_overrides={"departments": departments})


def department_detail(home, request, code):
    department = Department.objects.filter(code=code).first()
    if department is None:
        raise Http404
    guides = live_guides().filter(department=department).order_by("title")
    return home.render(
        request,
        template="guides/department_page.html",
        context_overrides={"department": department, "guides": guides},
    )
