"""Hostile and malformed input: always a 200 or a 400 with a Chinese message, never a 500."""

import pytest

from tests.factories import make_guide

QUERIES = [
    '"',
    "*",
    "AND",
    "OR NOT",
    "NEAR(",
    "-",
    "'",
    "\\",
    "(((",
    "{title body}:x",
    "title:不动产",
    "^不动产",
    '"不动产',
    "身份证 AND OR",
    "\x00\x01\x1f",
    "<script>alert(1)</script>",
    "%",
    "不" * 10_000,
    "a" * 10_000,
    "🙂",
]
BAD_PARAMS = [
    {"page": "0"},
    {"page": "-1"},
    {"page": "abc"},
    {"page": "1e3"},
    {"page": "99999999999999999999"},
    {"page": "2.5"},
    {"page": "²"},
    {"page": "①"},
    {"page": "٣"},
    {"department": "no-such-department"},
    {"audience": "martian"},
    {"online": "1"},
    {"free": "maybe"},
]


@pytest.fixture
def one_guide(guide_index, search_index):
    make_guide(guide_index, title="不动产首次登记", summary="首次登记")
    search_index.refresh()


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("url", ["/search/", "/api/search/", "/api/search/suggest/"])
def test_hostile_queries_never_fail(client, one_guide, url, query):
    response = client.get(url, {"q": query})
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "搜索" in response.content.decode()


@pytest.mark.parametrize("url", ["/search/", "/api/search/", "/api/search/suggest/"])
def test_bytes_that_are_not_utf8_never_fail(client, one_guide, url):
    """A lone surrogate (ED A0 80), a stray FF and a cut-off character (E4 B8), as raw bytes in the URL."""
    response = client.get(url, QUERY_STRING="q=%ED%A0%80%FF%E4%B8&department=%FF")
    assert response.status_code in (200, 400)


@pytest.mark.parametrize("params", BAD_PARAMS)
@pytest.mark.parametrize("url", ["/search/", "/api/search/"])
def test_bad_parameters_get_a_chinese_400(client, one_guide, url, params):
    response = client.get(url, {"q": "不动产", **params})
    assert response.status_code == 400
    text = response.json()["error"] if url.startswith("/api/") else response.content.decode()
    assert any("\u4e00" <= char <= "\u9fff" for char in text)


@pytest.mark.parametrize("params", BAD_PARAMS)
def test_a_refused_search_keeps_what_was_typed_in_the_box(client, one_guide, params):
    response = client.get("/search/", {"q": "<b>不动产</b>", **params})
    assert response.status_code == 400
    assert 'value="&lt;b&gt;不动产&lt;/b&gt;"' in response.content.decode()


def test_a_long_query_is_echoed_to_at_most_100_characters(client, one_guide):
    response = client.get("/search/", {"q": "不动产" + "查" * 3000})
    html = response.content.decode()
    assert response.status_code == 200
    assert "查" * 97 in html and "查" * 98 not in html
    assert len(response.content) < 60_000
    assert client.get("/api/search/", {"q": "不动产" + "查" * 3000}).json()["query"] == "不动产" + "查" * 97


def test_page_past_the_end_shows_the_last_page(client, one_guide):
    data = client.get("/api/search/", {"q": "不动产", "page": "7"}).json()
    assert data["total"] == 1
    assert [result["title"] for result in data["results"]] == ["不动产首次登记"]


def test_post_is_refused(client, one_guide):
    assert client.post("/api/search/", {"q": "不动产"}).status_code == 405
