"""Learning from searches: which guide a citizen opens from the results, and which query found guides after one
that found nothing.

The results page stays as cached as it was: static/js/search-learning.js posts a small beacon
(navigator.sendBeacon) when a result is opened and when a search follows, within a few minutes in the same tab,
one that found nothing (the tab's sessionStorage holds that query; the server never sees it otherwise). Without
JavaScript nothing is recorded, which is acceptable.

Nothing about the person is stored: no address (the rate limit counts a hash of it in the cache, for ten minutes),
no cookie, no browser. A click is one more count for (day, normalised query, guide, position); a reformulation one
more count for (query that found nothing, query that found guides), a SynonymProposal for the editors' report.

The beacon answers 204 and writes two small rows at most; bad input gets a 4xx with a message in Chinese. It needs
no CSRF token (the page is cached for everyone and carries none; there is nobody's session to act for), but a
browser posting from another site is refused: Origin, when sent, must be this host, and Sec-Fetch-Site, when sent,
same-origin.
"""

from urllib.parse import urlsplit

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from guides.models import GuidePage
from web import ratelimit
from web.responses import json_response
from web.sites import EVERY_SITE

from . import tallies
from .models import GuideClick, SynonymProposal
from .query import clean

BEACON_LIMIT = 60  # beacons per client within the window: a citizen opens a few results, a script many
BEACON_WINDOW_SECONDS = 600
MAX_POSITION = 10_000  # results are paged by 10 up to page 1000


class BadBeacon(ValueError):
    """Input the beacon cannot record; the message is in Chinese."""


def record_click(normalised, page_id, position, day=None):
    day = day or timezone.localdate()
    key = {"day": day, "normalised": normalised, "page_id": page_id, "position": position}
    tallies.add(GuideClick, [{**key, "clicks": 1}], key=list(key), added=["clicks"])


def record_reformulation(failed, better, clicked, day=None):
    """One more time `failed` (found nothing) was followed by `better`, and by a click on a result when `clicked`."""
    field = "clicks" if clicked else "reformulations"
    row = {"failed": failed, "better": better, field: 1, "last_seen": day or timezone.localdate()}
    tallies.add(SynonymProposal, [row], key=["failed", "better"], added=[field])


def parse(data):
    """(normalised query, previous query that found nothing or "", guide id or None, position or None) from a
    beacon's form data; raises BadBeacon."""
    query = clean(data.get("q", ""))
    if not query:
        raise BadBeacon(_("缺少搜索词。"))
    previous = clean(data.get("prev", ""))
    previous = "" if previous == query else previous
    guide = whole_number(data, "guide", _("指南编号"), 1, 2**31 - 1)
    position = whole_number(data, "position", _("结果位次"), 1, MAX_POSITION)
    if (guide is None) != (position is None):
        raise BadBeacon(_("指南编号和结果位次要一起提供。"))
    if guide is None and not previous:
        raise BadBeacon(_("没有可以记录的内容。"))
    if guide is not None and not GuidePage.objects.visible(EVERY_SITE).filter(pk=guide).exists():
        raise BadBeacon(_("没有编号为 %(guide)s 的公开办事指南。") % {"guide": guide})
    return query, previous, guide, position


def whole_number(data, name, label, low, high):
    raw = (data.get(name) or "").strip()
    if not raw:
        return None
    if not raw.isascii() or not raw.isdigit() or not low <= int(raw) <= high:
        message = _("%(label)s（参数 %(name)s）应为 %(low)s 到 %(high)s 之间的整数。")
        raise BadBeacon(message % {"label": label, "name": name, "low": low, "high": high})
    return int(raw)


def from_this_site(request):
    origin = request.headers.get("Origin")
    if origin and urlsplit(origin).netloc != request.get_host():
        return False
    return request.headers.get("Sec-Fetch-Site", "same-origin") == "same-origin"


@csrf_exempt  # see the module's docstring: no token on a cached page, and cross-site posts are refused below
@never_cache
def beacon(request):
    if request.method != "POST":
        response = json_response({"error": _("请用 POST 提交。")}, status=405)
        response["Allow"] = "POST"
        return response
    if not from_this_site(request):
        return json_response({"error": _("只接受本站页面发送的记录。")}, status=403)
    if not ratelimit.hit(ratelimit.client_key(request, "search-beacon"), BEACON_LIMIT, BEACON_WINDOW_SECONDS):
        return json_response({"error": _("提交得太频繁了，请稍后再试。")}, status=429)
    try:
        query, previous, guide, position = parse(request.POST)
    except BadBeacon as error:
        return json_response({"error": str(error)}, status=400)
    except (MultiPartParserError, RequestDataTooBig, TooManyFieldsSent):
        return json_response({"error": _("无法读取提交的内容。")}, status=400)
    if guide is not None:
        record_click(query, guide, position)
    if previous:
        record_reformulation(previous, query, clicked=guide is not None)
    return HttpResponse(status=204)
