"""Admin: synonyms, the 情形与意图 lexicon and pinned popular items (snippets), the weekly search queries report and
the synonyms the searches propose."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import LexiconEntry, PopularPin, Synonym
from .reports import SearchQueriesReportView, SynonymProposalsReportView, decide_proposal


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = _("搜索同义词")
    add_to_admin_menu = True
    menu_order = 800
    list_display = ["terms", "note", "updated_at"]
    search_fields = ["terms", "note"]


register_snippet(SynonymViewSet)


class PopularPinViewSet(SnippetViewSet):
    """Ordered by dragging in the listing (Orderable's sort_order)."""

    model = PopularPin
    icon = "pick"
    menu_label = _("热门事项置顶")
    add_to_admin_menu = True
    menu_order = 810
    list_display = ["page", "audience", "site"]


register_snippet(PopularPinViewSet)


class LexiconEntryViewSet(SnippetViewSet):
    model = LexiconEntry
    icon = "search"
    menu_label = _("搜索情形与意图")
    add_to_admin_menu = True
    menu_order = 801
    list_display = ["phrase", "terms", "source", "enabled", "updated_at"]
    list_filter = ["source", "enabled"]
    search_fields = ["phrase", "terms"]


register_snippet(LexiconEntryViewSet)


@hooks.register("register_admin_urls")
def register_report_url():
    return [
        path("reports/search-queries/", SearchQueriesReportView.as_view(), name="zhinan_search_queries"),
        path("reports/synonym-proposals/", SynonymProposalsReportView.as_view(), name="zhinan_synonym_proposals"),
        path(
            "reports/synonym-proposals/<int:pk>/<str:decision>/",
            decide_proposal,
            name="zhinan_synonym_proposal_decide",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return AdminOnlyMenuItem(
        _("本周搜索词"), reverse("zhinan_search_queries"), name="zhinan-search-queries", icon_name="search", order=1310
    )


@hooks.register("register_reports_menu_item")
def register_proposals_menu_item():
    return AdminOnlyMenuItem(
        _("同义词建议"),
        reverse("zhinan_synonym_proposals"),
        name="zhinan-synonym-proposals",
        icon_name="search",
        order=1320,
    )
