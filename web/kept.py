"""Values each process derives once per content generation (web.pagecache), for what every page repeats: the
site header, the view restrictions, a guide's sections that no answer changes.

Only with the page caches on (PAGE_CACHE_SECONDS > 0): off (the tests), every value is derived on each call, and
reading the generation (once a second) does not make a request's number of queries depend on the clock. A publish,
a change to the reference data, a Site, its settings or a view restriction starts a new generation: the process
that made the change sees it at once, every other within a second, as with the cached pages.
"""

import threading
from collections import OrderedDict

from django.conf import settings

from web.pagecache import local_copies


class Kept:
    """At most `size` values by key, all of one content generation; least recently used go first."""

    def __init__(self, size):
        self.size = size
        self.lock = threading.Lock()
        self.generation, self.values = None, OrderedDict()
        local_copies.on_clear(self.clear)

    def get(self, key, derive):
        """The value kept for `key` in this generation, else `derive()` (kept, when the page caches are on)."""
        generation = local_copies.current_generation() if settings.PAGE_CACHE_SECONDS > 0 else None
        if generation is None:
            return derive()
        with self.lock:
            if self.generation == generation and key in self.values:
                self.values.move_to_end(key)
                return self.values[key]
        value = derive()
        with self.lock:
            if self.generation != generation:
                self.generation, self.values = generation, OrderedDict()
            self.values[key] = value
            while len(self.values) > self.size:
                self.values.popitem(last=False)
        return value

    def clear(self):
        with self.lock:
            self.generation, self.values = None, OrderedDict()
