"""gunicorn settings: `gunicorn -c config/gunicorn.py config.wsgi`. Every value can be changed from the environment."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Threaded workers: a request mostly waits on PostgreSQL, Redis or the search engine, so threads keep the cores busy
# without a process per connection. web/shedding.py's variant of gunicorn's gthread worker answers 503 with
# Retry-After to a request that waited more than GUNICORN_MAX_QUEUE_SECONDS (default 0.5) for a thread, so an
# overload sheds load instead of queueing every visitor for seconds.
worker_class = "web.shedding.SheddingThreadWorker"
# One worker per core and one more, not gunicorn's usual two per core: each worker runs Python on one core at a time
# (the GIL) and its threads cover the waits. More processes only took turns on the same cores, each derived its own
# per-generation values (web/kept.py), and with the local memory cache each rendered every new search once more for
# its own copies (web/pagecache.py). benchmarks/load.py, 2 cores, machine loaded by other work, 3 workers against 5:
# the search mix 2,199/s p99 148 ms against 1,496/s p99 237 ms on SQLite, 2,870/s p99 317 ms against 794/s p99
# 416 ms on PostgreSQL + Redis.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
# Eight threads, not four: a kept page costs about 0.5 ms of CPU and a page rendered afresh (a new search) 10-40 ms.
# With four, a worker whose threads were all rendering left the cheap requests waiting in its queue behind them
# (and shed after GUNICORN_MAX_QUEUE_SECONDS); with eight they take turns under the GIL with the renders. Each
# thread keeps its own PostgreSQL connection (DATABASE_CONN_MAX_AGE): workers x (threads + 1) connections at most.
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycling workers (against a slow leak) is off by default: a recycled worker drops its keep-alive connections,
# which clients see as errors under load. Set e.g. 50000 if memory grows.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
# The reverse proxy in front (nginx, a load balancer) sets X-Forwarded-Proto; trust it only from these addresses.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


def post_worker_init(worker):
    """Before the worker takes traffic: render a few pages of each site in-process (web/warmup.py), so that its
    first visitors do not wait behind templates, translations and jieba loading, and are not shed for it.

    Then what is loaded by now (Django, Wagtail, the templates, jieba's dictionary and the search vocabulary: some
    420,000 objects) is moved out of the garbage collector's sight (gc.freeze): it lives as long as the worker,
    and each full collection walked all of it while holding the GIL, 0.3 to 0.9 s in which none of the worker's
    threads ran, the p99 of every page and the sheds of web/shedding.py."""
    import gc

    from django.db import connections

    from web import warmup  # Django is set up in the worker only, once gunicorn has loaded the application

    warmup.warm(worker.wsgi, notify=worker.notify)
    connections.close_all()  # this thread serves no request: its connections would stay open for nothing
    gc.collect()  # the warm-up's garbage goes, not into the frozen generation
    gc.freeze()
