"""/open-data/: the implementation list of the guides every visitor may see (none behind a login), in the
format that import_guides reads back."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe
from wagtail.models import Site

from guides.importexport import CONTENT_TYPES, FORMATS, export_guides
from guides.models import GuidePage


@require_safe
def index(request):
    return render(request, "guides/open_data.html", {"formats": FORMATS})


@require_safe
def implementation_list(request, fmt):
    if fmt not in FORMATS:
        raise Http404
    response = HttpResponse(
        export_guides(fmt, GuidePage.objects.visible(Site.find_for_request(request))), content_type=CONTENT_TYPES[fmt]
    )
    response["Content-Disposition"] = f'attachment; filename="implementation-list.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
