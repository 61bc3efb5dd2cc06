"""One way to answer JSON: Chinese left readable (UTF-8, not \\u escapes)."""

from django.http import JsonResponse


def json_response(data, status=200, *, open_data=False):
    """A JSON response; `open_data` lets any site read it (Access-Control-Allow-Origin: *)."""
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    if open_data:
        response["Access-Control-Allow-Origin"] = "*"
    return response
