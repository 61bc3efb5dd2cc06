"""The query log: each search adds one raw entry and counts towards its query's day.

Searches are not written on the request path: `record` adds the entry to this process's pending batch, and a
background thread writes the batch every FLUSH_SECONDS in one transaction (the raw rows in one insert, one count
per query and day). The batch is written at exit too (gunicorn's workers exit through sys.exit on a normal stop or
restart, which runs atexit), so nothing is lost on a normal shutdown; while the database cannot be written, the
batch is kept (up to MAX_PENDING entries, the oldest dropped after that) and written with the next one. With
SEARCH_QUERY_LOG_DEFERRED off (the tests' settings) each search is written at once.

Raw entries (QueryLog) are kept SEARCH_QUERY_LOG_DAYS days (default 30) and daily counts (QueryDay, and the
daily clicks on results: GuideClick, search/clicks.py; the synonym proposals nobody decided on)
SEARCH_QUERY_DAYS_KEPT days (default 400), so the log stays bounded however many people search; each process
deletes what is older at most once an hour.
"""

import atexit
import datetime
import logging
import os
import threading
import time
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, close_old_connections, transaction
from django.utils import timezone

from . import tallies
from .models import GuideClick, QueryDay, QueryLog, SynonymProposal

RAW_DAYS = int(os.environ.get("SEARCH_QUERY_LOG_DAYS", "30"))
DAYS_KEPT = int(os.environ.get("SEARCH_QUERY_DAYS_KEPT", "400"))
PURGE_EVERY_SECONDS = 3600
FLUSH_SECONDS = 1.0
MAX_PENDING = 50_000
_purged = {"at": float("-inf")}
_lock = threading.Lock()

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Entry:
    query: str
    normalised: str
    results: int
    engine: str
    day: datetime.date


def record(query, normalised, results, engine):
    """Log one search: a raw entry, and one more search of `normalised` today."""
    entry = Entry(query[:100], normalised, results, engine, timezone.localdate())
    if settings.SEARCH_QUERY_LOG_DEFERRED:
        pending.add(entry)
    else:
        write([entry])
        purge_when_due()


def write(entries):
    """Write `entries` in one transaction: their raw rows, and each query's count for its day."""
    searches, results = Counter(), {}
    for entry in entries:
        key = (entry.day, entry.normalised)
        searches[key] += 1
        results[key] = max(results.get(key, 0), entry.results)
    with transaction.atomic():
        QueryLog.objects.bulk_create(
            QueryLog(query=entry.query, normalised=entry.normalised, results=entry.results, engine=entry.engine)
            for entry in entries
        )
        tallies.add(
            QueryDay,
            [
                {"day": day, "normalised": normalised, "searches": count, "results": results[day, normalised]}
                for (day, normalised), count in searches.items()
            ],
            key=["day", "normalised"],
            added=["searches"],
            larger=["results"],
        )


class Pending:
    """This process's searches not yet written, and the thread that writes them."""

    def __init__(self):
        self.lock = threading.Lock()  # guards `entries`
        self.writing = threading.Lock()  # held while a batch is taken and written: the flush at exit waits for it
        self.entries = []
        self.writer_pid = None  # the process whose thread writes: a forked child starts its own

    def add(self, entry):
        with self.lock:
            self.entries.append(entry)
            del self.entries[:-MAX_PENDING]
            if self.writer_pid != os.getpid():
                self.writer_pid = os.getpid()
                threading.Thread(target=self.write_every_second, name="query-log", daemon=True).start()

    def write_every_second(self):
        while True:
            time.sleep(FLUSH_SECONDS)
            self.flush()
            close_old_connections()

    def flush(self):
        """Write what is pending now; on a database error keep it for the next time. Never raises.

        One flush at a time: the one at exit waits for a batch the thread is writing (the thread is a daemon,
        stopped once the exit handlers have run, so a batch it had taken would otherwise be lost)."""
        with self.writing:
            with self.lock:
                entries, self.entries = self.entries, []
            if not entries:
                return
            try:
                write(entries)
                purge_when_due()
            except DatabaseError:
                logger.exception("query log: %d searches could not be written; kept for the next try", len(entries))
                with self.lock:
                    self.entries[:0] = entries
                    del self.entries[:-MAX_PENDING]


pending = Pending()
atexit.register(pending.flush)


def purge(now=None):
    """Delete raw entries older than RAW_DAYS days; daily counts (searches, clicks) and undecided proposals older
    than DAYS_KEPT days."""
    now = now or timezone.now()
    QueryLog.objects.filter(created_at__lt=now - datetime.timedelta(days=RAW_DAYS)).delete()
    oldest_day = timezone.localdate(now) - datetime.timedelta(days=DAYS_KEPT)
    QueryDay.objects.filter(day__lt=oldest_day).delete()
    GuideClick.objects.filter(day__lt=oldest_day).delete()
    SynonymProposal.objects.filter(last_seen__lt=oldest_day, status=SynonymProposal.Status.OPEN).delete()


def purge_when_due():
    with _lock:
        if time.monotonic() - _purged["at"] < PURGE_EVERY_SECONDS:
            return
        _purged["at"] = time.monotonic()
    purge()
