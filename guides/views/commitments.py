"""/api/commitments/: the commitments board's figures as JSON, the same as the board page (CommitmentsPage)."""

from django.views.decorators.http import require_safe

from guides.models.pages import commitments_board
from web.responses import json_response


@require_safe
def commitments_api(request):
    return json_response(commitments_board(request))
