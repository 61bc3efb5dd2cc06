"""Page numbers that are digits to Python but not numbers to the site: 400 with a Chinese message, never 500.

"²".isdigit() is true and int("²") raises; "①" and "٣" are digits of other kinds; a 22-digit page is beyond any
page. Run with the production settings (hashed static files, DEBUG off), through Django's handler in a process
of its own."""

import json
import urllib.parse

import pytest

from .servers import manage, production_env

BAD_PAGES = ["²", "①", "٣", "9999999999999999999999"]
ENDPOINTS = ["/search/?q=身份证&page={}", "/api/search/?q=身份证&page={}", "/api/v1/guides/?page={}"]
SCRIPT = """
import json
from django.test import Client
from tests.factories import make_site
make_site()
client = Client(SERVER_NAME="127.0.0.1", raise_request_exception=False)  # a 500 is an answer here
answers = {{}}
for url in {urls!r}:
    response = client.get(url)
    answers[url] = [response.status_code, response.content.decode()]
print("answers:" + json.dumps(answers))
"""


def url(endpoint, page):
    return endpoint.format(urllib.parse.quote(page))


@pytest.fixture(scope="module")
def answers(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad-pages")
    env = production_env(
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        MEDIA_ROOT=str(folder / "media"),
        STATIC_ROOT=str(folder / "static"),  # the suites side by side read the checkout's staticfiles/
    )
    manage(env, "migrate", "--no-input")
    manage(env, "collectstatic", "--no-input")
    urls = [url(endpoint, page) for endpoint in ENDPOINTS for page in [*BAD_PAGES, "1", "abc"]]
    printed = manage(env, "shell", "-c", SCRIPT.format(urls=urls)).stdout
    return json.loads(printed.split("answers:", 1)[1])


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("page", BAD_PAGES)
def test_a_page_number_that_is_not_ascii_digits_in_range_is_refused(answers, endpoint, page):
    status, body = answers[url(endpoint, page)]
    assert status == 400, body[:500]
    assert "参数 page 应为" in body


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_good_page_number_is_answered(answers, endpoint):
    assert answers[url(endpoint, "1")][0] == 200
    assert answers[url(endpoint, "abc")][0] == 400
