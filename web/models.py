"""The web app's one table: rate limit counts while the shared cache is unreachable (web/ratelimit.py)."""

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
