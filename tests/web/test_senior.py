"""长辈版: the switch (a cookie set by a plain link) and the simpler guide page it gives."""

import re

import pytest
from django.core.cache import cache

from tests.factories import add_hall, make_department, make_guide
from web.senior import COOKIE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


@pytest.fixture
def guide(guide_index):
    guide = make_guide(
        guide_index,
        title="不动产转移登记",
        department=make_department(enquiry_phone="0000-86100520"),
        materials=[{"name": "不动产权证书"}, {"name": "配偶同意书", "requirement": "deferrable"}],
        is_free=False,
        fees=[{"name": "登记费", "standard": "80元/件", "basis": "发改价格规〔2016〕2559号"}],
    )
    add_hall(guide)
    return guide


@pytest.fixture
def senior(client):
    client.cookies[COOKIE] = "1"
    return client


def test_switch_sets_the_cookie_and_returns_to_the_page(client):
    response = client.get("/senior-mode/", {"on": "1", "next": "/guides/x/"})
    assert response.status_code == 302 and response["Location"] == "/guides/x/"
    assert response.cookies[COOKIE].value == "1" and response.cookies[COOKIE]["httponly"]
    off = client.get("/senior-mode/", {"on": "0", "next": "/"})
    assert off.cookies[COOKIE].value == "" and off.cookies[COOKIE]["max-age"] == 0


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_switch_never_sends_the_citizen_to_another_site(client, target):
    assert client.get("/senior-mode/", {"on": "1", "next": target})["Location"] == "/"


def test_switch_is_a_link_not_a_form(client):
    assert client.post("/senior-mode/", {"on": "1"}).status_code == 405


def test_senior_guide_page_puts_the_call_under_the_title(senior, guide):
    html = senior.get(guide.url).content.decode()
    assert '<html lang="zh-Hans" class="senior">' in html
    call = html.index('<a class="button button--call" href="tel:0000-86100520">')
    assert html.index("<h1>") < call < html.index('class="key-facts"')


def test_senior_guide_page_keeps_facts_and_materials_open_and_folds_the_rest(senior, guide):
    html = senior.get(guide.url).content.decode()
    assert '<section class="guide-section" id="materials"' in html and "不动产权证书" in html
    folded = re.findall(r'<details class="fold"(?: id="(\w+)")?><summary>([^<]+)</summary>', html)
    assert [summary for _id, summary in folded] == [
        "受理条件",
        "办理流程",
        "收费标准",
        "办理方式",
        "办理地点与咨询",
        "办理结果",
        "设定依据",
        "复核日期与更新记录",
        "反馈（有用吗、纠错、评价）",
    ]
    assert '<details class="fold" open' not in html
    assert 'class="contents"' not in html  # the folds' summaries are the contents


def test_senior_feedback_sent_back_with_errors_is_shown_open(senior, guide):
    response = senior.post(guide.url + "feedback/", {"kind": "error", "error-category": "place", "error-comment": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert '<details class="fold" open><summary>反馈（有用吗、纠错、评价）</summary>' in html
    assert "请说明哪里有错" in html


def test_standard_guide_page_has_a_contents_list_and_no_folds(client, guide):
    html = client.get(guide.url).content.decode()
    assert 'class="fold"' not in html and "button--call" not in html
    contents = re.search(r'<nav class="contents".*?</nav>', html, re.S).group()
    targets = re.findall(r'href="#(\w+)"', contents)
    assert targets == ["materials", "conditions", "steps", "fees", "how", "where", "result", "basis"]
    for target in targets:
        assert f'<section class="guide-section" id="{target}"' in html
    assert '<p class="materials__count">需要准备 2 项材料，其中 1 项可容缺后补。</p>' in html
    assert "<strong>需缴费</strong><small>登记费：80元/件</small>" in html
