"""What a fresh worker renders of each site before it takes traffic (web/warmup.py): the home page, a guide (the
guide template, its blocks and the feedback forms) and a search for that guide's name (the vocabulary, jieba,
the engine's client)."""

import urllib.parse

from guides.models import GuidePage
from guides.models.querysets import visible


def paths(site):
    guide = visible(GuidePage.objects, site).order_by("path").first()
    if guide is None:
        return ["/"]
    return ["/", guide.relative_url(site), "/search/?" + urllib.parse.urlencode({"q": guide.title})]
