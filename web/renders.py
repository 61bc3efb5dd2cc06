"""One render at a time of each kept page in a process: requests that miss a page another thread of the same process
is rendering wait for it.

A page or variant that is not kept yet (web/pagecache.py: a new search, the first visitors after a publish or a
start) is often asked by several visitors at once: a popular query, the guide everybody opens. Each thread rendered
it for itself, 5-40 ms of CPU each, and the renders of one process only took turns under its GIL, so the last of
them ended as late as if they had waited for the first (benchmarks/load.py on PostgreSQL + Redis: the answered
guide's 11 pages were rendered 29 times in its first pass).

Now the first thread to miss a key renders it; the others that miss it meanwhile wait for that render, at most
WAIT_SECONDS, then take the page it kept, or render it themselves when it kept none (a page that may not be kept,
an error) or took too long.

Only within a process: the processes run on different cores, and a process that waited for another's render
(a claim in the shared cache, tried and measured) left its core idle while the one rendering had several renders
to do under its single GIL; the first pass of the answered guide then shed requests that waited too long.
"""

import threading

WAIT_SECONDS = 2.0


class Renders:
    """The renders under way in this process, by key."""

    def __init__(self):
        self.lock = threading.Lock()
        self.under_way = {}  # key -> threading.Event, set when its render ended

    def once(self, key, find, render):
        """The response for `key`: what `find()` has kept (None: nothing), else `render()` if no other thread is
        rendering it, else `find()` once that render ended, else `render()` after all."""
        found = find()
        if found is not None:
            return found
        with self.lock:
            done = self.under_way.get(key)
            leading = done is None
            if leading:
                done = self.under_way[key] = threading.Event()
        if leading:
            try:
                return render()
            finally:
                with self.lock:
                    del self.under_way[key]
                done.set()
        done.wait(WAIT_SECONDS)
        found = find()
        return render() if found is None else found


renders = Renders()
