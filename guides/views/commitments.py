"""/api/commitments/: the commitments board's figures as JSON, the same as the board page (CommitmentsPage), with
the guides it lists one by one paged (page, page_size): a province's site holds thousands."""

from django.core.paginator import EmptyPage
from django.utils.translation import gettext as _

from guides.models.pages import commitments_board
from guides.opendata.api import BadParameter, error, page_link, read_only, whole_number
from web.responses import json_response

MAX_PAGE_SIZE = 1000


@read_only
def commitments_api(request):
    try:
        number = whole_number(request.GET, "page", 1, 1, 100_000)
        size = whole_number(request.GET, "page_size", 100, 1, MAX_PAGE_SIZE)
    except BadParameter as problem:
        return error(str(problem), 400)
    try:
        board = commitments_board(request, number, size)
    except EmptyPage:
        return error(_("没有第 %(page)d 页") % {"page": number}, 404)
    pages = board["paging"]["pages"]
    board["paging"]["next"] = page_link(request, number + 1) if number < pages else None
    board["paging"]["previous"] = page_link(request, number - 1) if number > 1 else None
    return json_response(board)
