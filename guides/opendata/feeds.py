"""Atom feed of guide changes: one entry per publish of a guide that is still public."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from wagtail.models import PageLogEntry

from guides.models import GuidePage

ENTRIES = 50


class GuideChangesFeed(Feed):
    feed_type = Atom1Feed
    title = _("办事指南更新记录")
    subtitle = _("办事指南每次发布的更新")
    link = "/"

    def items(self):
        guides = GuidePage.objects.visible()
        publishes = list(
            PageLogEntry.objects.filter(action="wagtail.publish", page__in=guides.values("pk")).order_by(
                "-timestamp", "-pk"
            )[:ENTRIES]
        )
        by_id = guides.in_bulk({entry.page_id for entry in publishes})
        return [(entry, by_id[entry.page_id]) for entry in publishes]

    def item_title(self, item):
        entry, guide = item
        return guide.title

    def item_description(self, item):
        entry, guide = item
        return guide.summary

    def item_link(self, item):
        entry, guide = item
        return guide.url

    def item_guid(self, item):
        entry, guide = item
        return f"{guide.url}#publish-{entry.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item[0].timestamp

    def item_updateddate(self, item):
        return item[0].timestamp
