"""The editors' reports: what citizens searched for this week and what found nothing; the synonyms their searches
propose (a query that found nothing, then one that found guides), which an editor accepts or dismisses."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from .models import QueryDay, Synonym, SynonymProposal
from .synonyms import accepted_group

REPORT_DAYS = 7
REPORT_ROWS = 50
PROPOSAL_DAYS = 30  # a proposal counts while both of its queries were searched within this many days
SYNONYM_PERMISSIONS = ("zhinan_search.add_synonym", "zhinan_search.change_synonym")


def week_queries(now=None, days=REPORT_DAYS, rows=REPORT_ROWS):
    """(top queries, zero-result queries) of the last `days` days (today included): dicts of normalised,
    searches, results, from the daily counts."""
    since = timezone.localdate(now) - datetime.timedelta(days=days - 1)
    recent = QueryDay.objects.filter(day__gte=since).values("normalised")
    grouped = recent.annotate(searches=Sum("searches"), results=Max("results")).order_by("-searches", "normalised")
    top = list(grouped[:rows])
    nothing = list(grouped.filter(results=0)[:rows])
    return top, nothing


class ReportView(WagtailAdminTemplateMixin, TemplateView):
    """An admin page under 报告 with its title as the last breadcrumb."""

    header_icon = "search"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]


class SearchQueriesReportView(ReportView):
    template_name = "search/admin/queries_report.html"
    page_title = _("本周搜索词")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["top"], context["nothing"] = week_queries()
        context["days"] = REPORT_DAYS
        return context


def open_proposals(now=None, days=PROPOSAL_DAYS, rows=REPORT_ROWS):
    """Proposals nobody accepted or dismissed yet, seen in the last `days` days, whose first query found nothing
    each time it was searched then and whose second found guides (both as the query log counted them, so a beacon
    cannot propose queries nobody searched); the most clicked first."""
    since = timezone.localdate(now) - datetime.timedelta(days=days - 1)
    recent = QueryDay.objects.filter(day__gte=since)
    found_nothing = recent.values("normalised").annotate(most=Max("results")).filter(most=0).values("normalised")
    found_guides = recent.filter(results__gt=0).values("normalised")
    return list(
        SynonymProposal.objects.filter(
            status=SynonymProposal.Status.OPEN,
            last_seen__gte=since,
            failed__in=found_nothing,
            better__in=found_guides,
        ).order_by("-clicks", "-reformulations", "failed")[:rows]
    )


def accept(proposal, user=None):
    """Make `proposal` a synonym: its terms join the editors' group that has one of them, or form a new group.
    Returns the Synonym; raises ValidationError (in Chinese) when it cannot be one (the same word twice, too
    long)."""
    with transaction.atomic():
        groups = {synonym.pk: synonym.term_list for synonym in Synonym.objects.select_for_update()}
        key, terms = accepted_group(groups, proposal.failed, proposal.better)
        synonym = Synonym.objects.get(pk=key) if key else Synonym(note=gettext_now("采纳自搜索同义词建议"))
        created = synonym.pk is None
        synonym.terms = "、".join(terms)
        synonym.full_clean()
        synonym.save()
        proposal.status = SynonymProposal.Status.ACCEPTED
        proposal.save(update_fields=["status"])
        log(synonym, "wagtail.create" if created else "wagtail.edit", user=user)
    return synonym


class SynonymProposalsReportView(ReportView):
    template_name = "search/admin/synonym_proposals.html"
    page_title = _("同义词建议")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["proposals"] = open_proposals()
        context["days"] = PROPOSAL_DAYS
        context["can_decide"] = self.request.user.has_perms(SYNONYM_PERMISSIONS)
        return context


@require_POST
def decide_proposal(request, pk, decision):
    """采纳 (accept) or 忽略 (dismiss) one open proposal, then back to the report."""
    if not request.user.has_perms(SYNONYM_PERMISSIONS):
        raise PermissionDenied
    if decision not in ("accept", "dismiss"):
        raise Http404
    proposal = get_object_or_404(SynonymProposal, pk=pk, status=SynonymProposal.Status.OPEN)
    if decision == "dismiss":
        proposal.status = SynonymProposal.Status.DISMISSED
        proposal.save(update_fields=["status"])
        messages.success(request, gettext_now("已忽略“%(failed)s”的建议。") % {"failed": proposal.failed})
        return redirect("zhinan_synonym_proposals")
    try:
        synonym = accept(proposal, request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, gettext_now("已采纳：同义词组“%(terms)s”已生效。") % {"terms": synonym.terms})
    return redirect("zhinan_synonym_proposals")
