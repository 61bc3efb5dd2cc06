"""/open-data/: the implementation list of the guides every visitor may see (none behind a login), in the
format that import_guides reads back.

CSV and JSON are streamed, written BATCH guides at a time, so that a site's thousands of guides never sit in
memory at once; the file is the same as export_guides writes in one piece. XLSX is a zip, sent whole once
written, but its sheets are written row by row from guides read a batch at a time (guides.importexport.writers)."""

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe
from wagtail.models import Site

from guides.importexport import CONTENT_TYPES, FORMATS, export_guides
from guides.importexport.writers import batches, export_records, write
from guides.models import GuidePage

BATCH = 500
STREAMED = {"csv", "json"}


@require_safe
def index(request):
    return render(request, "guides/open_data.html", {"formats": FORMATS})


def streamed(fmt, guides):
    """The export file in pieces: each batch written as a file of its own, then joined (CSV: one header row;
    JSON: one {"guides": [...]} around every batch's guides)."""
    if fmt == "csv":
        first = True
        for batch in batches(guides, BATCH):
            chunk = write(export_records(batch), fmt)
            yield chunk if first else chunk.partition(b"\r\n")[2]
            first = False
        if first:
            yield write([], fmt)
        return
    yield b'{"guides": ['
    separator = b""
    for batch in batches(guides, BATCH):
        chunk = write(export_records(batch), fmt)
        yield separator + chunk[chunk.index(b"[") + 1 : chunk.rindex(b"]")].strip()
        separator = b","
    yield b"]}"


@require_safe
def implementation_list(request, fmt):
    if fmt not in FORMATS:
        raise Http404
    guides = GuidePage.objects.visible(Site.find_for_request(request))
    if fmt in STREAMED:
        response = StreamingHttpResponse(streamed(fmt, guides), content_type=CONTENT_TYPES[fmt])
    else:
        response = HttpResponse(export_guides(fmt, guides), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="implementation-list.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
