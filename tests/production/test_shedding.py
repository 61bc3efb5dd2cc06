"""Overload sheds instead of queueing: with every thread of a real gunicorn busy, a request that waited more than
GUNICORN_MAX_QUEUE_SECONDS for one gets a fast 503 with Retry-After (web/shedding.py), and the rest are served."""

import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import pytest

from .servers import APP_PORT, Gunicorn, manage, production_env

pytestmark = pytest.mark.faults

SETUP = """
from tests.factories import make_guide, make_site
home, index = make_site()
for number in range(30):
    make_guide(index, title=f"排队测试事项{number}", summary="不动产登记、身份证、营业执照")
"""


@pytest.fixture(scope="module")
def one_thread_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("shedding")
    env = production_env(
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        MEDIA_ROOT=str(folder / "media"),
        GUNICORN_MAX_QUEUE_SECONDS="0.3",
    )
    manage(env, "migrate", "--no-input")
    manage(env, "collectstatic", "--no-input")
    manage(env, "shell", "-c", SETUP)
    server = Gunicorn(env, workers=1, threads=1)
    server.start()
    yield server
    server.stop()


def timed_get(path):
    import http.client

    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", APP_PORT, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Retry-After"), time.monotonic() - started
    finally:
        connection.close()


def test_excess_requests_get_a_fast_503_with_retry_after(one_thread_server):
    # Uncached searches (each query its own page), 60 at once at one thread: most must wait far longer than 0.3 s.
    paths = [f"/search/?{urllib.parse.urlencode({'q': f'排队测试事项{n} 登记'})}" for n in range(60)]
    with ThreadPoolExecutor(max_workers=60) as pool:
        answers = list(pool.map(timed_get, paths))
    statuses = [status for status, _retry, _seconds in answers]
    assert set(statuses) <= {200, 503}, statuses
    assert statuses.count(200) >= 1 and statuses.count(503) >= 10, statuses
    assert all(retry == "1" for status, retry, _seconds in answers if status == 503)
    # Nobody waits for the whole queue: the slowest answer is about the queue bound plus a few renders, far below
    # what 60 searches one after another on one thread take.
    serial = sum(seconds for status, _retry, seconds in answers if status == 200) / statuses.count(200) * 60
    assert max(seconds for _status, _retry, seconds in answers) < max(3.0, serial / 3)
    assert timed_get(paths[0])[0] == 200  # and once the burst is over, the server answers as before
