"""The editors' report: what citizens searched for this week, and what found nothing."""

import datetime

from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import QueryDay

REPORT_DAYS = 7
REPORT_ROWS = 50


def week_queries(now=None, days=REPORT_DAYS, rows=REPORT_ROWS):
    """(top queries, zero-result queries) of the last `days` days (today included): dicts of normalised,
    searches, results, from the daily counts."""
    since = timezone.localdate(now) - datetime.timedelta(days=days - 1)
    recent = QueryDay.objects.filter(day__gte=since).values("normalised")
    grouped = recent.annotate(searches=Sum("searches"), results=Max("results")).order_by("-searches", "normalised")
    top = list(grouped[:rows])
    nothing = list(grouped.filter(results=0)[:rows])
    return top, nothing


class SearchQueriesReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "search/admin/queries_report.html"
    page_title = _("本周搜索词")
    header_icon = "search"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["top"], context["nothing"] = week_queries()
        context["days"] = REPORT_DAYS
        return context
