"""The query log's batch (search/querylog.py): the flush at exit waits for the batch the thread is writing."""

import datetime
import threading
import time

import pytest
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone

from search import querylog
from search.models import QueryDay, QueryLog


def entry(query):
    return querylog.Entry(query, query, 1, "default", datetime.date(2026, 1, 1))


def test_the_flush_at_exit_waits_for_the_batch_the_thread_is_writing(monkeypatch):
    pending = querylog.Pending()
    written, in_flight, release = [], threading.Event(), threading.Event()

    def write(entries):
        if not written and not in_flight.is_set():  # the thread's batch: still being written at exit
            in_flight.set()
            release.wait(5)
        written.extend(entries)

    monkeypatch.setattr(querylog, "write", write)
    monkeypatch.setattr(querylog, "purge_when_due", lambda: None)
    pending.entries = [entry("身份证")]
    thread = threading.Thread(target=pending.flush)  # what the thread does every second
    thread.start()
    assert in_flight.wait(5)
    pending.entries.append(entry("不动产"))  # a search while that batch is written
    threading.Timer(0.2, release.set).start()
    pending.flush()  # what atexit runs on a normal shutdown: the daemon thread stops right after it
    assert [logged.query for logged in written] == ["身份证", "不动产"]
    thread.join(5)


def test_a_batch_the_database_refused_is_kept_for_the_next_flush(monkeypatch):
    pending = querylog.Pending()
    attempts = []

    def write(entries):
        attempts.append([logged.query for logged in entries])
        if len(attempts) == 1:
            raise querylog.DatabaseError("database is locked")

    monkeypatch.setattr(querylog, "write", write)
    monkeypatch.setattr(querylog, "purge_when_due", lambda: None)
    pending.entries = [entry("身份证")]
    pending.flush()
    pending.entries.append(entry("不动产"))
    pending.flush()
    assert attempts == [["身份证"], ["身份证", "不动产"]]
    assert pending.entries == []


def in_own_connection(work):
    """`work()` in a thread of its own: its own connection, committed outside the test's transaction."""
    outcome = {}

    def run():
        try:
            outcome["value"] = work()
        except DatabaseError as error:
            outcome["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks between two writers (the PostgreSQL run)")
@pytest.mark.django_db
def test_two_processes_batches_of_the_same_queries_in_opposite_orders_do_not_deadlock():
    """Each batch locks its rows in key order: one batch that holds 不动产 and then wants 身份证 never waits for a
    batch that took 身份证 first (in the batch's own order, that one would wait for 不动产: a deadlock). Each writer
    has a connection of its own, outside the test's transaction, so the rows are committed and removed at the end."""
    day = datetime.date(2001, 1, 1)  # a day no other test counts
    rows = QueryDay.objects.filter(day=day)

    def setup():
        for query in ("不动产", "身份证"):
            QueryDay.objects.create(day=day, normalised=query, searches=1, results=1)

    holding, release = threading.Event(), threading.Event()
    started = timezone.now()

    def first_process():
        with transaction.atomic():
            querylog.write([querylog.Entry("不动产", "不动产", 1, "default", day)])
            holding.set()
            release.wait(5)
            querylog.write([querylog.Entry("身份证", "身份证", 1, "default", day)])

    def other_process():
        querylog.write([querylog.Entry(query, query, 1, "default", day) for query in ("身份证", "不动产")])

    try:
        in_own_connection(setup)[0].join(10)
        first, first_outcome = in_own_connection(first_process)
        assert holding.wait(5)
        other, other_outcome = in_own_connection(other_process)
        time.sleep(0.5)  # the other batch now waits for a row the first one holds
        release.set()
        first.join(10)
        other.join(10)
        assert "error" not in first_outcome and "error" not in other_outcome
        counted = in_own_connection(lambda: dict(rows.values_list("normalised", "searches")))
        counted[0].join(10)
        assert counted[1]["value"] == {"不动产": 3, "身份证": 3}
    finally:
        logged = QueryLog.objects.filter(created_at__gte=started, normalised__in=["不动产", "身份证"])
        in_own_connection(lambda: (rows.delete(), logged.delete()))[0].join(10)


@pytest.mark.django_db
def test_a_batch_adds_searches_keeps_the_most_results_and_creates_new_days():
    day = datetime.date(2026, 1, 1)
    QueryDay.objects.create(day=day, normalised="身份证", searches=4, results=7)
    querylog.write(
        [
            querylog.Entry("身份证", "身份证", 2, "default", day),
            querylog.Entry("身份证 ", "身份证", 9, "default", day),
            querylog.Entry("不动产", "不动产", 3, "default", day),
            querylog.Entry("身份证", "身份证", 1, "default", day + datetime.timedelta(days=1)),
        ]
    )
    counts = QueryDay.objects.values_list("day", "normalised", "searches", "results")
    assert sorted(counts) == [
        (day, "不动产", 1, 3),
        (day, "身份证", 6, 9),
        (day + datetime.timedelta(days=1), "身份证", 1, 1),
    ]
    assert QueryLog.objects.count() == 4
