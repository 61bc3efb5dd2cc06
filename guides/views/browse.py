"""Guide lists with filters (GET parameters), and the home page's browse sections."""

from django.db.models import Count
from django.utils.translation import gettext as _

from guides import browse
from guides.models import Department
from guides.models.choices import Audience
from guides.views.departments import live_guides

POPULAR_COUNT = 8


def filtered_list_context(request, guides):
    """Context of a filtered guide list; raises browse.FilterError on an unknown filter value."""
    departments = dict(Department.objects.values_list("code", "name"))
    chosen = browse.parse_filters(request.GET, departments)
    return {
        "guides": browse.apply_filters(guides, chosen),
        "chosen_filters": browse.describe_filters(chosen, departments),
    }


def audience_choice(request):
    """The home page's 个人 / 法人 switch: 'person', 'business' or '' (both)."""
    value = request.GET.get("audience", "")
    return value if value in (Audience.PERSON, Audience.BUSINESS) else ""


def popular_guides(audience=""):
    """Most-used guides: the most feedback received, then the most recently published."""
    guides = live_guides()
    if audience:
        guides = guides.filter(audience__in=[audience, Audience.BOTH])
    return guides.annotate(use_count=Count("feedback")).order_by("-use_count", "-first_published_at")[:POPULAR_COUNT]


def audience_tabs():
    return [
        ("", _("全部")),
        (Audience.PERSON.value, _("个人办事")),
        (Audience.BUSINESS.value, _("法人办事")),
    ]
