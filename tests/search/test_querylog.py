"""The query log's batch (search/querylog.py): the flush at exit waits for the batch the thread is writing."""

import datetime
import threading

from search import querylog


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
