"""/open-data/: the whole implementation list of the live guides, in the format that import_guides reads back."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from guides.importexport import CONTENT_TYPES, FORMATS, export_guides


@require_safe
def index(request):
    return render(request, "guides/open_data.html", {"formats": FORMATS})


@require_safe
def implementation_list(request, fmt):
    if fmt not in FORMATS:
        raise Http404
    response = HttpResponse(export_guides(fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="implementation-list.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
