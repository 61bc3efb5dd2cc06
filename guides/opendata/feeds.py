"""Atom feed of guide changes: one entry per publish of a guide that is still public. Its title names the site's
city and every link is on the site's public address (site settings), not the address the request came by."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.models import PageLogEntry, Site

from guides.models import GuidePage
from guides.models.site_settings import absolute_url, current, page_full_url

ENTRIES = 50


class GuideChangesFeed(Feed):
    feed_type = Atom1Feed
    item_guid_is_permalink = False

    def get_object(self, request, *args, **kwargs):
        """The request: the feed object itself is shared by every request, so nothing is kept on it."""
        return request

    def title(self, request):
        city = current(request).city_name
        return _("%(city)s办事指南更新记录") % {"city": city} if city else _("办事指南更新记录")

    def subtitle(self, request):
        return _("办事指南每次发布的更新")

    def link(self, request):
        return absolute_url(request, "/")

    def feed_url(self, request):
        return absolute_url(request, request.path)

    def items(self, request):
        guides = GuidePage.objects.visible(Site.find_for_request(request))
        publishes = list(
            PageLogEntry.objects.filter(action="wagtail.publish", page__in=guides.values("pk")).order_by(
                "-timestamp", "-pk"
            )[:ENTRIES]
        )
        by_id = guides.in_bulk({entry.page_id for entry in publishes})
        urls = {}
        for guide in by_id.values():
            urls[guide.pk] = page_full_url(guide, request)
        return [(entry, by_id[entry.page_id], urls[entry.page_id]) for entry in publishes]

    def item_title(self, item):
        entry, guide, url = item
        return guide.title

    def item_description(self, item):
        entry, guide, url = item
        return guide.summary

    def item_link(self, item):
        entry, guide, url = item
        return url

    def item_guid(self, item):
        entry, guide, url = item
        return f"{url}#publish-{entry.pk}"

    def item_pubdate(self, item):
        return item[0].timestamp

    def item_updateddate(self, item):
        return item[0].timestamp
