"""The admin says when its searches answered from the database because the search engine was unreachable.

The lists and choosers keep working (search/backends/fallback.py); the editor is told why a result may differ
and that nothing is lost. A full page carries the notice as an admin message; a list or chooser refreshed in
place (a fragment fetched by the admin's JavaScript) carries it at its top, where the editor is looking.
"""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.admin import messages

from .backends import fallback


def notice():
    return _("搜索引擎暂时无法连接，以下搜索结果由数据库备用搜索给出；内容没有丢失，引擎恢复后自动使用引擎。")


def is_fragment(request):
    return request.headers.get("x-requested-with") == "XMLHttpRequest"


class EngineFallbackNoticeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(reverse("wagtailadmin_home")):
            return self.get_response(request)
        with fallback.watch() as fell_back:
            request.search_fell_back = fell_back
            response = self.get_response(request)
        is_html = response.get("Content-Type", "").startswith("text/html")
        if fell_back and is_fragment(request) and is_html and not response.streaming:
            banner = format_html('<p class="help-block help-warning" role="status">{}</p>', notice())
            response.content = banner.encode(response.charset) + response.content
        return response

    def process_template_response(self, request, response):
        # Before the page renders, so the message shows on this page; the lists count their results in the view.
        if getattr(request, "search_fell_back", False) and not is_fragment(request):
            messages.warning(request, notice())
        return response
