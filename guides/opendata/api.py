"""The read-only JSON API. Bad parameters get a 4xx with a message in Chinese, never a 500."""

from django.core.paginator import EmptyPage, Paginator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site

from guides.choices import Audience
from guides.models import Department, GuidePage
from guides.models.querysets import private_q
from guides.models.site_settings import SiteSettings, absolute_url, current
from web.responses import json_response

from . import serialize
from .openapi import document

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


def read_only(view):
    """GET and HEAD only; any other method gets 405. Nothing here changes state, so the CSRF check (which
    would answer other methods with 403 first) has nothing to protect."""
    return csrf_exempt(require_safe(view))


class BadParameter(Exception):
    pass


def answer(data, status=200):
    return json_response(data, status, open_data=True)


def error(message, status):
    return answer({"error": message}, status=status)


def whole_number(params, name, default, lowest, highest):
    raw = params.get(name)
    if raw is None:
        return default
    if not raw.isascii() or not raw.isdigit() or not lowest <= int(raw) <= highest:
        raise BadParameter(
            _("参数 %(name)s 应为 %(lowest)d 到 %(highest)d 之间的整数")
            % {"name": name, "lowest": lowest, "highest": highest}
        )
    return int(raw)


def matching(queryset, **lookup):
    """`queryset` filtered on exact text values. No stored text holds a NUL character, and PostgreSQL refuses to
    compare one, so such a value matches nothing without asking the database."""
    if any("\x00" in value for value in lookup.values()):
        return queryset.none()
    return queryset.filter(**lookup)


def page_link(request, number):
    params = request.GET.copy()
    params["page"] = str(number)
    return absolute_url(request, f"{request.path}?{params.urlencode()}")


@read_only
def guide_list(request):
    guides = serialize.public_guides(request)
    try:
        page_number = whole_number(request.GET, "page", 1, 1, 100_000)
        page_size = whole_number(request.GET, "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)
        audience = request.GET.get("audience")
        if audience is not None:
            if audience not in Audience.values:
                raise BadParameter(_("参数 audience 应为以下之一：%(values)s") % {"values": "、".join(Audience.values)})
            guides = guides.filter(audience=audience)
        if "department" in request.GET:
            guides = matching(guides, department__code=request.GET["department"])
    except BadParameter as problem:
        return error(str(problem), 400)
    paginator = Paginator(guides, page_size)
    try:
        page = paginator.page(page_number)
    except EmptyPage:
        return error(
            _("没有第 %(page)d 页，共 %(pages)d 页") % {"page": page_number, "pages": paginator.num_pages}, 404
        )
    return answer(
        {
            "count": paginator.count,
            "page": page.number,
            "page_size": page_size,
            "next": page_link(request, page.next_page_number()) if page.has_next() else None,
            "previous": page_link(request, page.previous_page_number()) if page.has_previous() else None,
            "results": [serialize.guide_summary(guide, request) for guide in page],
        }
    )


@read_only
def guide_detail(request, item_code):
    guide = matching(serialize.with_details(serialize.public_guides(request)), item_code=item_code).first()
    if guide is None:
        return error(_("没有事项编码为 %(code)s 的办事指南") % {"code": item_code}, 404)
    return answer(serialize.guide_detail(guide, request))


@read_only
def department_list(request):
    departments = Department.objects.on(Site.find_for_request(request))
    return answer({"results": [serialize.department_detail(department) for department in departments]})


@read_only
def department_detail(request, code):
    department = matching(Department.objects.on(Site.find_for_request(request)), code=code).first()
    if department is None:
        return error(_("没有代码为 %(code)s 的部门") % {"code": code}, 404)
    guides = serialize.public_guides(request).filter(department=department)
    return answer(
        {
            **serialize.department_detail(department),
            "guides": [serialize.guide_summary(guide, request) for guide in guides],
        }
    )


def public_sites():
    """The sites whose home page is live and public, the default site first."""
    sites = list(Site.objects.select_related("root_page").order_by("-is_default_site", "pk"))
    public = Page.objects.filter(pk__in=[site.root_page_id for site in sites]).live().exclude(private_q())
    shown = set(public.values_list("pk", flat=True))
    return [site for site in sites if site.root_page_id in shown]


@read_only
def site_list(request):
    """The installation's public sites: name, city, public base URL, parent site (?parent=<id>: the sites below
    that one) and how many guides each shows."""
    try:
        parent = whole_number(request.GET, "parent", None, 1, 2**31 - 1)
    except BadParameter as problem:
        return error(str(problem), 400)
    sites = public_sites()
    ids = {site.pk for site in sites}
    settings = {row.site_id: row for row in SiteSettings.objects.filter(site__in=sites)}
    results = []
    for site in sites:
        row = settings.get(site.pk) or SiteSettings(site=site)
        parent_id = row.parent_site_id if row.parent_site_id in ids else None  # a parent that is not public: none
        if parent is not None and parent_id != parent:
            continue
        results.append(
            {
                "id": site.pk,
                "name": row.site_name or site.site_name or site.hostname,
                "city": row.city_name,
                "base_url": row.root_url,
                "parent": parent_id,
                "guide_count": GuidePage.objects.visible(site).count(),
            }
        )
    response = answer({"results": results})
    # Every site's counts, on every host: the page cache keeps a page per site generation, which a publish on
    # another city's site leaves as it is, so this list is not kept (a few small queries each time).
    response["Cache-Control"] = "no-cache"
    return response


@read_only
def openapi(request):
    return answer(document(absolute_url(request, "/api/v1"), current(request).city_name))
