"""The guide page's sections: the contents list they make, and 长辈版's folding."""

import re

import pytest
from django.db import connection
from django.template import Context, Template, TemplateSyntaxError
from django.test.utils import CaptureQueriesContext

from tests.factories import make_guide
from web.models import ContentGeneration
from web.pagecache import local_copies

PAGE = """{% load guide_page_tags %}{% guide_sections %}
{% guide_section "materials" _("申请材料") always_open %}<table></table>{% endguide_section %}
{% if fees %}{% guide_section "fees" _("收费标准") %}<p>80 元</p>{% endguide_section %}{% endif %}
{% guide_section "steps" heading %}<ol></ol>{% endguide_section %}
{% endguide_sections %}"""


def render(source=PAGE, **context):
    return " ".join(Template(source).render(Context(context)).split())


def test_sections_get_a_contents_list_of_the_sections_shown():
    html = render(fees=True, heading="办理流程")
    assert html.startswith('<nav class="contents" aria-labelledby="contents-heading">')
    assert (
        '<ol class="contents__list"> <li><a href="#materials">申请材料</a></li><li><a href="#fees">收费标准</a></li>'
        '<li><a href="#steps">办理流程</a></li> </ol> </nav>'
    ) in html
    assert (
        '<section class="guide-section" id="steps" aria-labelledby="steps-heading">'
        '<h2 id="steps-heading">办理流程</h2><ol></ol></section>'
    ) in html


def test_a_section_left_out_leaves_the_contents_list_too():
    html = render(fees=False, heading="办理流程")
    assert 'href="#fees"' not in html and 'id="fees"' not in html
    assert 'href="#materials"' in html and 'href="#steps"' in html


def test_senior_mode_folds_every_section_but_the_open_ones_and_has_no_contents_list():
    html = render(fees=True, heading="办理流程", senior_mode=True)
    assert "contents" not in html
    assert html.startswith('<section class="guide-section" id="materials"')
    assert (
        '<details class="fold" id="fees"><summary>收费标准</summary><div class="fold__body"><p>80 元</p></div>'
        "</details>"
    ) in html
    assert '<details class="fold" id="steps"><summary>办理流程</summary>' in html


def test_headings_are_escaped():
    html = render(heading="<script>")
    assert "&lt;script&gt;" in html and "<script>" not in html


@pytest.mark.parametrize(
    "source",
    [
        '{% load guide_page_tags %}{% guide_sections "x" %}{% endguide_sections %}',
        '{% load guide_page_tags %}{% guide_section "x" %}{% endguide_section %}',
        '{% load guide_page_tags %}{% guide_section "x" "y" "z" %}{% endguide_section %}',
        "{% load guide_page_tags %}{% senior_fold %}{% endsenior_fold %}",
    ],
)
def test_wrong_arguments_are_a_template_error(source):
    with pytest.raises(TemplateSyntaxError):
        Template(source)


FOLD = '{% load guide_page_tags %}{% senior_fold _("反馈") error %}<section><h2>反馈</h2></section>{% endsenior_fold %}'


def test_senior_fold_leaves_the_standard_page_as_it_is():
    assert render(FOLD) == "<section><h2>反馈</h2></section>"


def test_senior_fold_folds_in_senior_mode_and_opens_when_asked():
    closed = '<details class="fold"><summary>反馈</summary><div class="fold__body"><section><h2>反馈</h2></section>'
    assert render(FOLD, senior_mode=True).startswith(closed)
    assert render(FOLD, senior_mode=True, error="rating").startswith('<details class="fold" open><summary>反馈')


@pytest.fixture
def answered_guide(guide_index):
    return make_guide(
        guide_index,
        title="户口迁移",
        situations={"由谁办理": ["本人办理", "委托代理人办理"]},
        materials=[{"name": "居民身份证"}, {"name": "授权委托书", "applies_to": "委托代理人办理"}],
    )


def step_queries(client, url, answer, **extra):
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url, {"q1": answer, **extra}).content.decode()
    return html, [query for query in queries.captured_queries if "guides_guidestep" in query["sql"]]


def without_token(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


@pytest.mark.django_db
def test_the_parts_no_answer_changes_are_rendered_once_per_generation(client, answered_guide, settings):
    """With the page caches on, a second answer renders only what answers change; the page reads as rendered
    afresh, contents list included, and a publish shows at once."""
    url = answered_guide.url
    fresh = {answer: step_queries(client, url, answer)[0] for answer in ("本人办理", "委托代理人办理")}
    settings.PAGE_CACHE_SECONDS = 60
    local_copies.clear()
    try:
        html, reads = step_queries(client, url, "本人办理")
        assert reads and without_token(html) == without_token(fresh["本人办理"])
        html, reads = step_queries(client, url, "委托代理人办理")
        assert reads == [] and without_token(html) == without_token(fresh["委托代理人办理"])
        assert 'href="#steps"' in html and "授权委托书" in html

        answered_guide.conditions = "本市户籍居民"
        answered_guide.change_note = "受理条件更新"
        answered_guide.save_revision().publish()
        ContentGeneration.objects.update(changed_at=2e9)  # as the commit hook would (every site: ids vary)
        local_copies.recheck()
        assert "本市户籍居民" in step_queries(client, url, "本人办理", x="1")[0]
    finally:
        local_copies.clear()


@pytest.mark.django_db
def test_the_situations_form_is_kept_unanswered_and_each_answer_is_checked_per_request(client, guide_index, settings):
    """The kept form reads as one rendered afresh for every answer combination (values that need escaping
    included), and a publish that changes the questions shows at once."""
    situations = {"住房": ['租住"公租房"', "A&B 住房"], "由谁办理": ["本人办理", "委托代理人办理"]}
    guide = make_guide(guide_index, title="公积金提取", situations=situations, materials=[{"name": "居民身份证"}])
    answers = [{}, {"q1": "A&B 住房"}, {"q1": '租住"公租房"', "q2": "委托代理人办理"}, {"q2": "本人办理"}]
    fresh = [without_token(client.get(guide.url, params).content.decode()) for params in answers]
    settings.PAGE_CACHE_SECONDS = 60
    local_copies.clear()
    try:
        for params, expected in zip(answers, fresh, strict=True):  # the last two use the form kept by the second
            assert without_token(client.get(guide.url, params).content.decode()) == expected
        html = client.get(guide.url, answers[2]).content.decode()
        assert 'name="q1" value="租住&quot;公租房&quot;" checked>' in html
        assert 'name="q2" value="委托代理人办理" checked>' in html and html.count(" checked>") == 2
        assert "清除选择" in html and "清除选择" not in client.get(guide.url).content.decode()

        guide.situations = [("situation", {"question": "住房", "options": ["自有住房", "A&B 住房"]})]
        guide.change_note = "情形问题更新"
        guide.save_revision().publish()
        ContentGeneration.objects.update(changed_at=2e9)  # as the commit hook would (every site: ids vary)
        local_copies.recheck()
        html = client.get(guide.url, {"q1": "自有住房"}).content.decode()
        assert 'value="自有住房" checked>' in html and "租住" not in html and "由谁办理" not in html
    finally:
        local_copies.clear()
