"""One render at a time of each kept page: requests that miss a page another request is rendering wait for it.

A page or variant that is not kept yet (web/pagecache.py: a new search, the first visitors after a publish or a
start) is often asked by several visitors at once: a popular query, the guide everybody opens. Each rendered it
for itself, 5-40 ms of CPU each, and on a loaded machine the renders made each other slow (benchmarks/load.py on
PostgreSQL + Redis: the answered guide's 11 pages were rendered 29 times in its first pass).

Now the first request to miss a key renders it; the others that miss it meanwhile wait for that render, at most
WAIT_SECONDS, then take the page it kept, or render it themselves when it kept none (a page that may not be
kept, an error) or took too long. In one process they wait on an event. Across processes, the render is claimed
in the shared cache (an `add` that expires after WAIT_SECONDS, so a worker that dies mid-render holds nobody up
for longer); a process that finds the claim taken asks the shared cache for the page every POLL_SECONDS until it
is there or the claim is gone. With the shared cache unreachable (web/caches.py) every process renders for itself,
as before.
"""

import contextlib
import threading
import time

from django.core.cache import cache

from web.caches import CacheUnavailable, strict

WAIT_SECONDS = 2.0
POLL_SECONDS = 0.02


class Renders:
    """The renders under way in this process, by key."""

    def __init__(self):
        self.lock = threading.Lock()
        self.under_way = {}  # key -> threading.Event, set when its render ended

    def once(self, key, find, render):
        """The response for `key`: `render()` if no other request is rendering it, else `find()` once that render
        ended (None: nothing kept), else `render()` after all."""
        with self.lock:
            done = self.under_way.get(key)
            leading = done is None
            if leading:
                done = self.under_way[key] = threading.Event()
        if not leading:
            done.wait(WAIT_SECONDS)
            found = find()
            return render() if found is None else found
        try:
            return across_processes(key, find, render)
        finally:
            with self.lock:
                del self.under_way[key]
            done.set()


def across_processes(key, find, render):
    """`render()` once this process holds the shared claim on `key`; while another process holds it, `find()`
    every POLL_SECONDS (at most WAIT_SECONDS), and `render()` when it finds nothing before the claim is gone."""
    claim = f"{key}:rendering"
    try:
        claimed = strict(cache).add(claim, 1, WAIT_SECONDS)
    except CacheUnavailable:
        return render()
    if claimed:
        try:
            return render()
        finally:
            with contextlib.suppress(CacheUnavailable):  # else it expires after WAIT_SECONDS
                strict(cache).delete(claim)
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        time.sleep(POLL_SECONDS)
        try:
            ended = strict(cache).get(claim) is None  # asked first: a render that ended has kept its page by then
        except CacheUnavailable:
            ended = True
        found = find()
        if found is not None:
            return found
        if ended or time.monotonic() > deadline:
            return render()


renders = Renders()
