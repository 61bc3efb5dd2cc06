"""The catalogue in the admin: its snippet listing and the province report 同事项同标准 (HTML and CSV).

The report is for whoever keeps the catalogue (the service centre holds `guides.change_catalogueitem`, see
guides/admin/roles.py) and for administrators: it shows every site's implementation, which a site's own editors
do not otherwise see. It reads the live guides of every Wagtail site; a guide's site is the site whose root
page is its nearest ancestor. The comparison itself is guides/catalogue_comparison.py.
"""

import csv
import io

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Site
from wagtail.snippets.views.snippets import SnippetViewSet

from guides.catalogue_comparison import FIELDS, Implementation, compare
from guides.importexport.formulas import neutralise
from guides.models import CatalogueItem, GuideFee, GuidePage
from web.sites import site_of

REPORT_PERMISSION = "guides.change_catalogueitem"
ITEMS_PER_PAGE = 20


class CatalogueItemViewSet(SnippetViewSet):
    model = CatalogueItem
    icon = "list-ul"
    menu_label = gettext_lazy("事项目录")
    list_display = [
        "code",
        "name",
        "item_type",
        "audience",
        Column("legal_limit_text", label=gettext_lazy("法定办结时限")),
        Column("guide_count", label=gettext_lazy("实施的指南数")),
    ]
    list_filter = ["item_type", "audience"]

    def get_queryset(self, request):
        return CatalogueItem.objects.annotate(guide_count=Count("guides", filter=Q(guides__live=True)))


def may_see_report(user):
    return user.is_active and user.has_perm(REPORT_PERMISSION)


def fees_text(guide):
    if guide.is_free:
        return _("不收费")
    return "；".join(f"{fee.name}（{fee.standard}）" if fee.standard else fee.name for fee in guide.fees.all())


def sites_in_order():
    return list(Site.objects.select_related("root_page").order_by("-is_default_site", "site_name", "hostname", "pk"))


def implementations(items, sites):
    """The Implementation of every live guide that implements one of `items`, on one of `sites`."""
    shown = {site.pk for site in sites}
    guides = (
        GuidePage.objects.live()
        .filter(catalogue_item__in=items)
        .select_related("department")
        .prefetch_related(Prefetch("fees", queryset=GuideFee.objects.order_by("sort_order")))
        .order_by("path")
    )
    found = []
    for guide in guides:
        site = site_of(guide.path)
        if site is None or site.pk not in shown:
            continue
        found.append(
            Implementation(
                item_id=guide.catalogue_item_id,
                site_id=site.pk,
                department=guide.department.name,
                item_code=guide.item_code,
                committed_days=guide.committed_limit_days,
                committed_unit=guide.committed_limit_unit,
                visits=guide.visits_required,
                online_level=guide.online_level,
                fees=fees_text(guide),
            )
        )
    return found


def comparisons(items):
    sites = sites_in_order()
    return sites, compare(items, sites, implementations(items, sites))


def site_name(site):
    return site.site_name or site.hostname


class CatalogueReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "guides/admin/catalogue_report.html"
    page_title = gettext_lazy("同事项同标准对比")
    header_icon = "list-ul"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        if not may_see_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        only_differing = self.request.GET.get("differs") == "1"
        number = self.request.GET.get("p")
        if only_differing:
            # Which items differ is known only once every implementation is compared: page the comparisons.
            sites, found = comparisons(list(CatalogueItem.objects.all()))
            page = Paginator([each for each in found if each.differs], ITEMS_PER_PAGE).get_page(number)
            found = page.object_list
        else:
            page = Paginator(CatalogueItem.objects.all(), ITEMS_PER_PAGE).get_page(number)
            sites, found = comparisons(list(page.object_list))
        return super().get_context_data(
            page_obj=page,
            sites=sites,
            comparisons=found,
            only_differing=only_differing,
            fields=FIELDS,
            csv_url=reverse("catalogue_report_csv"),
            **kwargs,
        )


CSV_HEADERS = (
    "目录编码",
    "事项名称",
    "法定办结时限",
    "站点",
    "实施主体",
    "事项编码",
    "承诺办结时限",
    "跑动次数",
    "网上办理深度",
    "收费",
    "各站点不一致的项",
    "本站点落后于其他站点的项",
)


def csv_rows(found):
    for comparison in found:
        item = comparison.item
        for row in comparison.rows:
            each = row.implementation
            facts = (
                [each.department, each.item_code, each.committed_text, each.visits, each.online_level_text, each.fees]
                if each
                else [_("未实施"), "", "", "", "", ""]
            )
            yield [
                item.code,
                item.name,
                item.legal_limit_text,
                site_name(row.site),
                *facts,
                comparison.differs_text,
                row.behind_text,
            ]


def catalogue_report_csv(request):
    """The whole report as CSV: one line per catalogue item and site (UTF-8 with a BOM, so Excel reads Chinese)."""
    if not may_see_report(request.user):
        raise PermissionDenied
    _sites, found = comparisons(list(CatalogueItem.objects.all()))
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(CSV_HEADERS)
    for cells in csv_rows(found):
        writer.writerow([neutralise(cell) for cell in cells])
    response = HttpResponse(output.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="catalogue-comparison.csv"'
    return response
