"""The public components, rendered on their own: the time limit, the key-facts row, the material row, the
material count and the terms explained in place."""

import pytest
from django.template import Context, Template

from guides.choices import OnlineLevel, ServiceScope
from guides.models import Department, GuideMaterial, GuidePage
from guides.templatetags.guide_tags import KEY_FACTS, TERMS
from tests.factories import make_guide
from web.models import ContentGeneration
from web.pagecache import local_copies

# Only for the page type Wagtail looks up when a page object is made; the components read no rows.
pytestmark = pytest.mark.django_db


def render(source, **context):
    """The component's output with runs of whitespace folded to one space, as a browser shows it."""
    return " ".join(Template("{% load guide_tags %}" + source).render(Context(context)).split())


def guide(**fields):
    """An unsaved guide: the components read its fields only."""
    values = {
        "title": "居民身份证换领",
        "department": Department(name="市公安局", code="gongan"),
        "committed_limit_days": 5,
        "legal_limit_days": 20,
        "online_level": "partial",
        "visits_required": 1,
        "is_free": True,
    }
    values.update(fields)
    return GuidePage(**values)


# The limit: 即办 / 承诺 N 个工作日


@pytest.mark.parametrize(
    ("form", "committed", "expected"),
    [
        ("list", 0, '<strong class="badge badge--instant">即办</strong>'),
        ("list", 5, "承诺 5 个工作日"),
        ("fact", 0, '<strong class="badge badge--instant">即办</strong> <span>法定 20 个工作日</span>'),
        ("fact", 5, "<strong>5 个工作日</strong> <span>法定 20 个工作日</span>"),
        ("print", 0, "即办（法定 20 个工作日）"),
        ("print", 5, "5 个工作日（法定 20 个工作日）"),
        ("cell", 0, "即办"),
        ("cell", 5, "5 个工作日"),
    ],
)
def test_limit_says_instant_for_zero_days_and_the_committed_days_otherwise(form, committed, expected):
    assert render("{% limit guide form %}", guide=guide(committed_limit_days=committed), form=form) == expected


def test_limit_defaults_to_the_list_wording():
    assert render("{% limit guide %}", guide=guide(committed_limit_days=5)) == "承诺 5 个工作日"


def test_limit_fact_shows_the_limit_note():
    html = render('{% limit guide "fact" %}', guide=guide(limit_note="跨省异地办理承诺 20 个工作日"))
    assert html.endswith("<small>跨省异地办理承诺 20 个工作日</small>")
    assert "<small>" not in render('{% limit guide "fact" %}', guide=guide(limit_note=""))


def test_limit_reads_the_commitments_boards_plain_rows():
    assert render('{% limit row "cell" %}', row={"committed_limit_days": 0, "legal_limit_days": 5}) == "即办"
    assert render('{% limit row "cell" %}', row={"committed_limit_days": 3, "legal_limit_days": 5}) == "3 个工作日"


def test_limit_counts_natural_days_and_says_a_legal_zero_as_on_the_spot():
    identity_card = guide(legal_limit_days=60, legal_limit_unit="natural", committed_limit_days=15)
    assert (
        render('{% limit guide "fact" %}', guide=identity_card)
        == "<strong>15 个工作日</strong> <span>法定 60 个自然日</span>"
    )
    marriage = guide(legal_limit_days=0, committed_limit_days=0)
    assert render('{% limit guide "print" %}', guide=marriage) == "即办（法定当场办结）"
    assert "0 个" not in render('{% limit guide "fact" %}', guide=marriage)


def test_limit_refuses_an_unknown_form():
    with pytest.raises(ValueError, match="short"):
        render('{% limit guide "short" %}', guide=guide())


# The key-facts row


def test_key_facts_default_to_the_guide_lists_row():
    html = render("{% key_facts guide %}", guide=guide(committed_limit_days=0, is_free=False))
    assert html == '<strong class="badge badge--instant">即办</strong> · 部分网办 · 最多跑一次 · 收费'


def test_key_facts_keep_one_order_whatever_the_page_picks():
    facts = guide(online_level="full", visits_required=0)
    search_result = render("{% key_facts guide department=True visits=False fee=False %}", guide=facts)
    assert search_result == "市公安局 · 承诺 5 个工作日 · 全程网办"
    life_event = render("{% key_facts guide department=True online=False fee=False %}", guide=facts)
    assert life_event == "市公安局 · 承诺 5 个工作日 · 零跑动"


def test_key_facts_show_nothing_when_asked_for_nothing():
    assert render("{% key_facts guide limit=False online=False visits=False fee=False %}", guide=guide()) == ""


# The material row


def material(**fields):
    values = {
        "name": "居民户口簿",
        "form": "original",
        "medium": "electronic",
        "copies": 2,
        "requirement": "optional",
        "source": "government",
        "notes": "受理点通过人口信息系统核验户籍信息，无需提交",
        "exempt_by_data_sharing": True,
    }
    values.update(fields)
    return GuideMaterial(**values)


def test_material_row_on_the_guide_page():
    html = render("{% material_row row %}", row=material(applies_to="本人办理、代理人办理"))
    assert html.startswith(
        '<tr> <th scope="row">居民户口簿 <details class="term term--badge">'
        '<summary><span class="term__label">免提交</span></summary>'
        '<span class="term__text">部门通过数据共享直接获取，您不用提交。</span></details>'
    )
    assert '<td class="material__form">原件 · 电子 · 2 份</td>' in html
    assert (
        '<td class="material__requirement requirement--optional"><details class="term">'
        '<summary><span class="term__label">非必需</span></summary>'
        '<span class="term__text">按您的情况提供，没有也可以办理。</span></details></td>'
    ) in html
    assert '<td class="material__source">政府部门核发</td>' in html
    assert '<span class="pre-line">受理点通过人口信息系统核验户籍信息，无需提交</span>' in html
    assert '<small class="applies">适用情形：本人办理、代理人办理</small>' in html
    assert "tick" not in html and "可告知承诺" not in html and "data-label" not in html


def test_material_row_explains_deferrable_and_leaves_required_plain():
    deferrable = render("{% material_row row %}", row=material(requirement="deferrable"))
    assert (
        '<summary><span class="term__label">容缺</span></summary><span class="term__text">缺少这项材料也可以先受理'
        in deferrable
    )
    required = render("{% material_row row %}", row=material(requirement="required"))
    assert '<td class="material__requirement requirement--required">必需</td>' in required


def test_material_row_without_notes_or_source_marks_those_cells_empty():
    html = render("{% material_row row %}", row=material(notes="", source=""))
    assert '<td class="material__notes empty"> </td>' in html
    assert '<td class="material__source empty">—</td>' in html


def test_material_row_with_situations_but_no_notes_shows_no_empty_notes_line():
    html = render("{% material_row row %}", row=material(notes="", applies_to="已婚"))
    assert '<td class="material__notes"> <small class="applies">适用情形：已婚</small> </td>' in html
    assert "pre-line" not in html


def test_material_row_on_the_print_checklist():
    html = render('{% material_row row "print" 3 %}', row=material(pledge_allowed=True, notes="很长的说明" * 20))
    assert html.startswith(
        '<tr> <td class="tick-cell"><span class="tick" aria-hidden="true"></span></td> <th scope="row">3. 居民户口簿'
        ' <span class="badge badge--good">免提交</span> <span class="badge badge--good">可告知承诺</span>'
    )
    assert "<small>" + "很长的说明" * 11 in html and "很长的说明" * 12 not in html  # notes cut to 60 characters
    assert "<td>原件 2 份 · 电子</td> <td>非必需</td>" in html
    assert "data-label" not in html and "政府部门核发" not in html


def test_material_row_refuses_an_unknown_form():
    with pytest.raises(ValueError, match="table"):
        render('{% material_row row "table" %}', row=material())


# The honest material count


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([{}, {}, {}], "需要准备 3 项材料。"),
        ([{}, {"requirement": "deferrable"}], "需要准备 2 项材料，其中 1 项可容缺后补。"),
        ([{}, {}, {"exempt_by_data_sharing": True}], "需要准备 2 项材料；另有 1 项免提交。"),
        ([{}, {"requirement": "optional"}], "需要准备 1 项材料；另有 1 项非必需。"),
        (
            [{}, {"requirement": "optional"}, {"exempt_by_data_sharing": True, "requirement": "optional"}],
            "需要准备 1 项材料；另有 1 项非必需、1 项免提交。",
        ),
        ([{"exempt_by_data_sharing": True}], "不需要准备材料；另有 1 项免提交。"),
    ],
)
def test_material_count_counts_only_what_the_applicant_brings(rows, expected):
    defaults = {"requirement": "required", "exempt_by_data_sharing": False}
    rows = [material(**{**defaults, **row}) for row in rows]
    assert render("{% material_count rows %}", rows=rows) == expected


# Terms explained in place


def test_term_with_an_explanation_opens_it_without_javascript():
    html = render('{% term "online" "partial" "部分网办" %}')
    assert html == (
        '<details class="term"><summary><span class="term__label">部分网办</span></summary>'
        '<span class="term__text">可以在网上申请或预约，仍要去现场核验或领取。</span></details>'
    )


def test_term_without_an_explanation_is_plain_text():
    assert render('{% term "requirement" "required" "必需" %}') == "必需"
    assert render('{% term "material" "unknown" "别的" badge=True %}') == '<span class="badge">别的</span>'


def test_every_choice_shown_as_a_term_has_an_explanation():
    for kind, choices in (("online", OnlineLevel), ("scope", ServiceScope)):
        assert {value for value in choices.values if (kind, value) not in TERMS} == set()


@pytest.mark.django_db
def test_with_the_page_caches_on_a_guides_facts_are_rendered_once_per_generation(guide_index, page_caches):
    saved = make_guide(guide_index, committed_limit_days=0)
    local_copies.recheck()
    line = render("{% key_facts guide %}", guide=saved)
    assert "即办" in line and len(KEY_FACTS.values) == 1
    saved.committed_limit_days = 5  # as a publish would change it
    assert render("{% key_facts guide %}", guide=saved) == line  # the same generation: the kept line
    assert "不收费" not in render("{% key_facts guide fee=False %}", guide=saved)  # each choice of facts its own
    ContentGeneration.objects.filter(pk=1).update(changed_at=2e9)  # a publish, as its commit hook would
    local_copies.recheck()
    assert "承诺 5 个工作日" in render("{% key_facts guide %}", guide=saved)
