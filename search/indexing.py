"""Index-on-save, and the bulk indexing that a long run of saves (an import) puts it off for.

Wagtail (modelsearch) indexes each object as it is saved: it reads the object back, analyses it with the current
vocabulary and writes it to every backend. An import saves each guide three times (the new page, its revision, the
publish), and each save of a guide changes the vocabulary's names, so that each index-on-save rebuilt the
vocabulary and the database backend recomputed its title norms over the whole index.

Inside `deferred()` a save only notes what to index. When the block ends without an error, and once its
transaction has committed, the noted objects are read back a chunk at a time and given to each backend's
`add_bulk`, with the vocabulary built once: nothing of a rolled-back import reaches an engine. Outside the block,
saves are indexed as Wagtail indexes them.

`connect()` (search.apps) makes `index_on_save` the one post_save receiver for indexing: modelsearch's own is not
connected (search_auto_update, which wagtail.search's ready() reads after ours) or is disconnected.
"""

import logging
from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction
from django.db.models.signals import post_save
from modelsearch import signal_handlers
from modelsearch.backends import get_search_backends_with_name
from modelsearch.index import get_indexed_models

logger = logging.getLogger(__name__)

CHUNK = 500  # objects read back and written per add_bulk

_deferred = ContextVar("search_deferred_indexing", default=None)


def index_on_save(sender, instance, raw=False, **kwargs):
    """post_save receiver of every indexed model: modelsearch's, or inside `deferred()` a note of what to index."""
    pending = _deferred.get()
    if pending is None:
        signal_handlers.post_save_signal_handler(instance, raw=raw, **kwargs)
        return
    if raw:
        return
    indexed = instance.get_indexed_instance()  # a page's specific instance, as modelsearch indexes it
    if indexed is not None:
        pending[type(indexed)].add(indexed.pk)


@contextmanager
def deferred():
    """Index the objects saved inside the block once, in bulk, after the transaction commits (nothing when the
    block raises). Nested blocks index with the outermost."""
    if _deferred.get() is not None:
        yield
        return
    pending = defaultdict(set)
    token = _deferred.set(pending)
    try:
        yield
    finally:
        _deferred.reset(token)
    if pending:
        transaction.on_commit(lambda: index_bulk(pending))


def index_bulk(pending):
    """Index {model: pks} into every backend that indexes on save, CHUNK objects per add_bulk. As on a save, an
    engine's failure is logged (update_index repairs it) and the database backend's is raised."""
    backends = list(get_search_backends_with_name(with_auto_update=True))
    for model, pks in pending.items():
        pks = sorted(pks)
        for start in range(0, len(pks), CHUNK):
            objects = list(model.get_indexed_objects().filter(pk__in=pks[start : start + CHUNK]))
            for name, backend in backends:
                try:
                    backend.add_bulk(model, objects)
                except Exception:
                    logger.exception("%d %s could not be added to the '%s' search backend", len(objects), model, name)
                    if not backend.catch_indexing_errors:
                        raise


def connect():
    """Make `index_on_save` the receiver that indexes each indexed model on save (called from search.apps)."""
    models = [model for model in get_indexed_models() if getattr(model, "search_auto_update", True)]
    for model in models:  # read every flag before setting any: subclasses inherit them
        model.search_auto_update = False
        post_save.disconnect(signal_handlers.post_save_signal_handler, sender=model)
        post_save.connect(index_on_save, sender=model, dispatch_uid=f"search-index-on-save-{model._meta.label}")
