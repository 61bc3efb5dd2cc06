"""承诺公示: the board's figures from the live guides, for the page and for /api/commitments/."""

from django.db.models import Count, Q
from django.http import JsonResponse
from django.views.decorators.http import require_safe

from guides import commitments
from guides.models import GuideIndexPage
from guides.views.departments import live_guides


def guide_rows(request=None):
    """One plain row per live, public guide, ordered by department then title."""
    guides = (
        live_guides()
        .annotate(
            material_count=Count("materials", distinct=True),
            exempt_count=Count("materials", filter=Q(materials__exempt_by_data_sharing=True), distinct=True),
            pledge_count=Count("materials", filter=Q(materials__pledge_allowed=True), distinct=True),
        )
        .order_by("department__ordering", "department__name", "title")
    )
    return [
        commitments.GuideRow(
            title=guide.title,
            url=guide.get_url(request),
            department=guide.department.name,
            department_code=guide.department.code,
            legal_limit_days=guide.legal_limit_days,
            committed_limit_days=guide.committed_limit_days,
            online_level=guide.online_level,
            visits_required=guide.visits_required,
            materials=guide.material_count,
            exempt_materials=guide.exempt_count,
            pledge_materials=guide.pledge_count,
        )
        for guide in guides
    ]


def guide_list_url(request=None):
    """Where the board's figures link to: the guide index, which filters by the same GET parameters."""
    index = GuideIndexPage.objects.live().public().first()
    return index.get_url(request) if index else None


@require_safe
def commitments_api(request):
    data = commitments.board(guide_rows(request))
    data["guide_list_url"] = guide_list_url(request)
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
