"""The web app's tables: the page cache's content generation, and rate limit counts while the shared cache is
unreachable."""

from django.db import models
from django.utils import timezone


class RateLimitHit(models.Model):
    """One use of a rate-limited form by one client (its hashed address), counted here during a cache outage."""

    key = models.CharField(max_length=100)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["key", "at"]), models.Index(fields=["at"])]

    def __str__(self):
        return f"{self.key} {self.at:%Y-%m-%d %H:%M:%S}"


class ContentGeneration(models.Model):
    """One row (pk 1): when the public content last changed, the generation of every cached page (web/pagecache.py).
    In the database rather than the shared cache, so that a change made while the cache is unreachable is not lost."""

    changed_at = models.FloatField(help_text="seconds since the epoch")

    def __str__(self):
        return repr(self.changed_at)
