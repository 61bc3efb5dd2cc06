"""好差评 figures for one guide: shown only once enough people have rated, so one vote cannot mislead.

A guide's figures are kept in the shared cache (with the page caches on), under a version of that guide's ratings
that a rating saved or deleted moves on once it is committed: the next request reads them afresh, in every
process, and a request that read the old ratings just before the commit keeps them under the old version, which
nobody reads again. A rating is not a content change, so it does not start a content generation (web.pagecache)."""

from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.signals import post_delete, post_save

from guides.models.feedback import Feedback, FeedbackKind
from web.pagecache import keeping

MINIMUM_RATINGS = 10
GOOD_FROM = 3  # 非常满意, 满意 and 基本满意 count as 好评, as on the national 好差评 system
KEPT_SECONDS = 600  # bounds how long figures stay kept if a version's move was lost (the cache unreachable)


@dataclass(frozen=True)
class Satisfaction:
    total: int
    good: int

    @property
    def share(self):
        return self.good / self.total


def guide_satisfaction(guide):
    """The satisfaction of `guide`'s ratings (see satisfaction), kept until the guide is rated again."""
    if not keeping():
        return satisfaction(*counts(guide))
    version = cache.get(version_key(guide.pk), 0)
    key = f"zhinan:ratings:{guide.pk}:{version}"
    kept = cache.get(key)
    if kept is None:
        kept = counts(guide)
        cache.set(key, kept, KEPT_SECONDS)
    return satisfaction(*kept)


def counts(guide):
    """(ratings, good ratings) of `guide`."""
    good = Count("pk", filter=Q(rating__gte=GOOD_FROM))
    figures = guide.feedback.filter(kind=FeedbackKind.RATING).aggregate(total=Count("pk"), good=good)
    return figures["total"], figures["good"]


def satisfaction(total, good, minimum=MINIMUM_RATINGS):
    """The satisfaction of `total` ratings of which `good` are 好评, or None while there are fewer than `minimum`."""
    return None if total < minimum else Satisfaction(total=total, good=good)


def version_key(guide_id):
    return f"zhinan:ratings-version:{guide_id}"


def connect():
    for name, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(rated, sender=Feedback, dispatch_uid=f"guides.feedback.rated.{name}")


def rated(sender, instance, **kwargs):
    """Signal receiver (a feedback saved or deleted): once a rating is committed, its guide's kept figures are
    read afresh."""
    if instance.kind == FeedbackKind.RATING:
        transaction.on_commit(lambda: move_version(instance.guide_id))


def move_version(guide_id):
    key = version_key(guide_id)
    try:
        cache.incr(key)
    except ValueError:  # no version kept yet (or evicted): any other value than the one readers fell back to
        cache.set(key, 1, None)
