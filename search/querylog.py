"""The query log: each search adds one raw entry and counts towards its query's day.

Raw entries (QueryLog) are kept SEARCH_QUERY_LOG_DAYS days (default 30) and daily counts (QueryDay)
SEARCH_QUERY_DAYS_KEPT days (default 400), so the log stays bounded however many people search; each process
deletes what is older at most once an hour.
"""

import datetime
import os
import threading
import time

from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone

from .models import QueryDay, QueryLog

RAW_DAYS = int(os.environ.get("SEARCH_QUERY_LOG_DAYS", "30"))
DAYS_KEPT = int(os.environ.get("SEARCH_QUERY_DAYS_KEPT", "400"))
PURGE_EVERY_SECONDS = 3600
_purged = {"at": float("-inf")}
_lock = threading.Lock()


def record(query, normalised, results, engine):
    """Log one search: a raw entry, and one more search of `normalised` today."""
    QueryLog.objects.create(query=query[:100], normalised=normalised, results=results, engine=engine)
    today = timezone.localdate()
    counted = QueryDay.objects.filter(day=today, normalised=normalised)
    if not counted.update(searches=F("searches") + 1, results=Greatest("results", results)):
        try:
            with transaction.atomic():  # another process may create the same row first
                QueryDay.objects.create(day=today, normalised=normalised, searches=1, results=results)
        except IntegrityError:
            counted.update(searches=F("searches") + 1, results=Greatest("results", results))
    purge_when_due()


def purge(now=None):
    """Delete raw entries older than RAW_DAYS days and daily counts older than DAYS_KEPT days."""
    now = now or timezone.now()
    QueryLog.objects.filter(created_at__lt=now - datetime.timedelta(days=RAW_DAYS)).delete()
    QueryDay.objects.filter(day__lt=timezone.localdate(now) - datetime.timedelta(days=DAYS_KEPT)).delete()


def purge_when_due():
    with _lock:
        if time.monotonic() - _purged["at"] < PURGE_EVERY_SECONDS:
            return
        _purged["at"] = time.monotonic()
    purge()
