"""Values each process derives once per content generation (web.pagecache), for what every page repeats: the
site header, the view restrictions, a guide's sections that no answer changes.

Only with the page caches on (PAGE_CACHE_SECONDS > 0): off (the tests), every value is derived on each call, and
reading the generation (once a second) does not make a request's number of queries depend on the clock. A publish,
a change to the reference data, a Site, its settings or a view restriction starts a new generation: the process
that made the change sees it at once, every other within a second, as with the cached pages. A value of one site's
pages is kept by that site's generation (the caller names the site), so a publish on another site leaves it kept.
"""

import threading
from collections import OrderedDict

from web.pagecache import local_copies


class Kept:
    """At most `size` values by key, each of its site's content generation; least recently used go first."""

    def __init__(self, size):
        self.size = size
        self.lock = threading.Lock()
        self.values = OrderedDict()  # key -> (generation, value)
        local_copies.on_clear(self.clear)

    def get(self, key, derive, site_id=None):
        """The value kept for `key` in the current generation of the site `site_id`, else `derive()` (kept, when
        the page caches are on). Without a site, the newest generation of any site: a change anywhere derives it
        afresh."""
        generation = local_copies.kept_generation(site_id)
        if generation is None:
            return derive()
        with self.lock:
            kept_in, value = self.values.get(key, (None, None))
            if kept_in == generation:
                self.values.move_to_end(key)
                return value
        value = derive()
        with self.lock:
            self.values[key] = (generation, value)
            self.values.move_to_end(key)
            while len(self.values) > self.size:
                self.values.popitem(last=False)
        return value

    def clear(self):
        with self.lock:
            self.values = OrderedDict()
