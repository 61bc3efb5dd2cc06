"""Load shedding for gunicorn's threaded worker: a request that waited too long for a thread gets a fast 503.

gunicorn's gthread worker hands each readable connection to a pool of threads; when every thread is busy, the
connections wait in the pool's queue without bound, and under overload every visitor waits seconds (a 9-second
p99 was measured). This worker notes when a connection joined the queue; a thread that picks it up after more
than GUNICORN_MAX_QUEUE_SECONDS reads the request and answers at once with 503 Service Unavailable and a
Retry-After, without running the site, so the threads go to requests that can still be answered in time and the
visitor (or the load balancer, which may try another server) knows at once. Below that wait nothing changes.

Only requests that are safe to repeat are shed: a GET or HEAD outside the admin. A POST (an editor's save, a
citizen's 纠错) or anything in the admin always waits its turn, so nobody's writing is thrown away.

Used through config/gunicorn.py (worker_class); imported by gunicorn only, never by the site.
"""

import os
import time

from gunicorn.workers.gthread import ThreadWorker

MAX_QUEUE_SECONDS = float(os.environ.get("GUNICORN_MAX_QUEUE_SECONDS", "0.5"))
RETRY_AFTER_SECONDS = 1
BODY = "服务繁忙，请稍后再试。\n".encode()
RESPONSE = (
    b"HTTP/1.1 503 Service Unavailable\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n"
    b"Cache-Control: no-store\r\n"
    + f"Retry-After: {RETRY_AFTER_SECONDS}\r\nContent-Length: {len(BODY)}\r\n".encode()
    + b"Connection: close\r\n\r\n"
    + BODY
)
LOG_EVERY_SECONDS = 10
NEVER_SHED_PREFIXES = ("/admin/", "/django-admin/")


def sheddable(req):
    """Whether a request may be refused for waiting: one a visitor can simply repeat, never one that writes."""
    return req.method in ("GET", "HEAD") and not req.path.startswith(NEVER_SHED_PREFIXES)


class SheddingThreadWorker(ThreadWorker):
    """gunicorn's gthread worker, answering 503 to requests that waited more than MAX_QUEUE_SECONDS."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.shed, self.logged_at = 0, float("-inf")

    def enqueue_req(self, conn):
        conn.queued_at = time.monotonic()
        super().enqueue_req(conn)

    def handle_request(self, req, conn):
        waited = time.monotonic() - getattr(conn, "queued_at", time.monotonic())
        if waited <= MAX_QUEUE_SECONDS or not sheddable(req):
            return super().handle_request(req, conn)
        conn.sock.sendall(RESPONSE)
        self.shed += 1
        now = time.monotonic()
        if now - self.logged_at > LOG_EVERY_SECONDS:  # a line per interval, not per refused request
            self.logged_at = now
            self.log.warning("overloaded: %d requests answered 503 (waited more than %.1fs)", self.shed, waited)
        return False  # close the connection
