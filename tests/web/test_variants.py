"""A guide page with situation answers kept for the next visitor (web.pagecache.variant): the form token stays
each visitor's own, the page is private to the browser, and a publish shows at once."""

import itertools
import re

import pytest
from django.test import Client
from django.test.signals import template_rendered

from guides.models import GuidePage
from guides.views import guide as guide_views
from web.models import ContentGeneration
from web.pagecache import CSRF_PLACEHOLDER, local_copies, variants
from web.senior import COOKIE as SENIOR_COOKIE

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


pytestmark = pytest.mark.usefixtures("page_caches")


def answered(client, situation_guide, answer):
    return client.get(situation_guide.url, {"q1": answer})


def test_answers_are_kept_per_combination(client, situation_guide, monkeypatch):
    rendered = []
    render = guide_views.render_guide_page
    monkeypatch.setattr(guide_views, "render_guide_page", lambda *args: rendered.append(args) or render(*args))
    own = answered(client, situation_guide, "本人办理")
    assert own.status_code == 200 and "授权委托书" not in own.content.decode()
    assert "授权委托书" in answered(client, situation_guide, "委托代理人办理").content.decode()
    again = answered(client, situation_guide, "本人办理")
    assert len(rendered) == 2
    assert TOKEN.sub("", again.content.decode()) == TOKEN.sub("", own.content.decode())
    assert len(variants.entries) == 2


def test_the_form_token_is_each_visitors_own_and_the_page_private(situation_guide):
    first, second = Client(), Client()
    pages = [answered(visitor, situation_guide, "本人办理") for visitor in (first, second)]
    tokens = [TOKEN.search(page.content.decode()).group(1) for page in pages]
    assert CSRF_PLACEHOLDER.decode() not in tokens
    assert tokens[0] != tokens[1]
    assert all(page["Cache-Control"] == "private, no-cache" for page in pages)
    form = TOKEN.search(pages[1].content.decode()).group(0)
    assert form and pages[1].cookies["csrftoken"].value  # the second visitor got a cookie that matches the token


def test_a_publish_shows_at_once(client, situation_guide):
    answered(client, situation_guide, "本人办理")
    situation_guide.title = "户口迁入"
    situation_guide.change_note = "名称更新"
    situation_guide.save_revision().publish()
    ContentGeneration.objects.update(changed_at=2e9)  # as the commit hook would (tests never commit)
    local_copies.recheck()
    assert "户口迁入" in answered(client, situation_guide, "本人办理").content.decode()


def test_feedback_errors_and_signed_in_editors_are_never_kept(client, situation_guide, admin_user):
    editor = Client()
    editor.force_login(admin_user)
    assert "no-store" in editor.get(situation_guide.url, {"q1": "本人办理"})["Cache-Control"]
    assert not variants.entries


def test_the_feedback_forms_are_rendered_once_per_generation_and_post_with_each_visitors_token(
    situation_guide, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    fresh = TOKEN.sub("", answered(Client(), situation_guide, "本人办理").content.decode())  # nothing kept
    settings.PAGE_CACHE_SECONDS = 60
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    pages = [answered(first, situation_guide, "本人办理"), answered(second, situation_guide, "委托代理人办理")]
    assert len(guide_views.FEEDBACK_SECTIONS.values) == 1  # the second answer reused the forms
    assert TOKEN.sub("", pages[0].content.decode()) == fresh
    tokens = [TOKEN.search(page.content.decode()).group(1) for page in pages]
    assert tokens[0] != tokens[1] and CSRF_PLACEHOLDER.decode() not in tokens
    for visitor, token in zip((first, second), tokens, strict=True):
        sent = visitor.post(
            f"{situation_guide.url}feedback/", {"kind": "useful", "useful-useful": "yes", "csrfmiddlewaretoken": token}
        )
        assert sent.status_code == 302
    sent = first.post(
        f"{situation_guide.url}feedback/", {"kind": "useful", "useful-useful": "yes", "csrfmiddlewaretoken": tokens[1]}
    )
    assert sent.status_code == 403  # one visitor's token is no good with another's cookie


def test_a_form_sent_back_with_errors_shows_them_and_a_new_slug_moves_the_forms(client, situation_guide):
    answered(client, situation_guide, "本人办理")
    refused = client.post(f"{situation_guide.url}feedback/", {"kind": "error", "error-category": ""})
    assert refused.status_code == 400 and "请说明哪里有错" in refused.content.decode()
    situation_guide.slug, situation_guide.change_note = "hukou-qianru", "地址更新"
    situation_guide.save_revision().publish()
    ContentGeneration.objects.update(changed_at=2e9)  # as the commit hook would (tests never commit)
    local_copies.recheck()
    situation_guide.refresh_from_db()
    page = answered(client, situation_guide, "本人办理").content.decode()
    assert 'action="/guides/hukou-qianru/feedback/"' in page


def answer_queries(guide):
    """Every query string of `guide`'s situation answers: each question unanswered or answered with each option."""
    questions = guide.situation_questions
    choices = [[None, *question.options] for question in questions]
    return [
        {question.param: option for question, option in zip(questions, combination, strict=True) if option}
        for combination in itertools.product(*choices)
    ]


@pytest.fixture
def demo_guide(demo, db):
    """The demo guide with the most answer combinations."""
    return max(GuidePage.objects.live(), key=lambda situation_guide: len(answer_queries(situation_guide)))


@pytest.mark.parametrize("senior", [False, True], ids=["standard", "senior"])
def test_every_answer_combination_equals_a_render_with_nothing_kept(demo_guide, settings, senior):
    visitor = Client()
    if senior:
        visitor.cookies[SENIOR_COOKIE] = "1"
    queries = answer_queries(demo_guide)
    assert len(queries) >= 6

    def page(query):
        response = visitor.get(demo_guide.url, query)
        assert response.status_code == 200
        return TOKEN.sub("", response.content.decode())

    settings.PAGE_CACHE_SECONDS = 0
    fresh = [page(query) for query in queries]
    settings.PAGE_CACHE_SECONDS = 60
    rendered = []

    def count(sender, template, **kwargs):
        rendered.extend([template.name] if template.name == "components/material_row.html" else [])

    template_rendered.connect(count)
    try:
        kept = [page(query) for query in queries]
    finally:
        template_rendered.disconnect(count)
    assert len(set(fresh)) > 2  # the answers change the page…
    for query, fresh_page, kept_page in zip(queries, fresh, kept, strict=True):
        assert kept_page == fresh_page, query  # …and every combination is the same with its parts kept
    assert len(rendered) == demo_guide.materials.count()  # each row rendered once, then only picked
