"""一件事 pages as a step-by-step: steps with and/or, deadlines, totals and one combined material list from the
guides a visitor may see, narrowed by one set of questions; the combined checklist; a guide's place."""

import pytest
from wagtail.models import PageViewRestriction

from guides.models import GuidePage, LifeEventItem, LifeEventPage
from guides.models.pages import guide_facts
from tests.factories import make_guide, make_material


@pytest.fixture
def event(site_tree):
    home, index = site_tree
    id_card = make_material(name="居民身份证")
    who = {"由谁办理？": ["本人办理", "委托代理人办理"]}
    proxy = {"name": "授权委托书", "applies_to": "委托代理人办理"}
    shop = make_guide(
        index,
        title="个体工商户设立登记",
        committed_limit_days=0,
        visits_required=1,
        situations=who,
        materials=[{"material": id_card}, proxy],
    )
    company = make_guide(
        index,
        title="企业设立登记",
        committed_limit_days=3,
        visits_required=0,
        situations=who,
        materials=[{"material": id_card}, {"name": "公司章程"}, proxy],
    )
    permit = make_guide(
        index,
        title="食品经营许可",
        committed_limit_days=10,
        visits_required=1,
        materials=[
            {"material": id_card, "exempt_by_data_sharing": True, "medium": "electronic"},
            {"name": "食品安全管理制度"},
        ],
    )
    drain = make_guide(
        index,
        title="排水许可",
        committed_limit_days=15,
        visits_required=2,
        is_free=False,
        fees=[{"name": "工本费", "standard": "10 元", "basis": "《排水管理条例》"}],
        materials=[{"name": "排水设施图"}],
    )
    page = LifeEventPage(title="开办餐饮店一件事", slug="restaurant", intro="开餐馆", event_name="领取营业执照")
    page.bundle = [
        LifeEventItem(guide=shop, logic="number", sort_order=0, note="个体经营"),
        LifeEventItem(guide=company, logic="or", sort_order=1, note="公司形式"),
        LifeEventItem(guide=permit, logic="number", sort_order=2, deadline_amount=1, deadline_unit="month"),
        LifeEventItem(guide=drain, logic="and", sort_order=3, optional=True),
    ]
    home.add_child(instance=page)
    page.save_revision().publish()
    return {"page": page, "shop": shop, "company": company, "permit": permit, "drain": drain}


def sheet_of(html):
    return html.split('<article class="checklist')[1]


@pytest.mark.django_db
def test_steps_number_alternatives_once_and_carry_deadlines(client, event):
    html = client.get(event["page"].url).content.decode()
    assert "办理步骤（共 2 步）" in html
    steps = html.split('class="step-by-step__step"')[1:]
    assert len(steps) == 2
    assert "个体工商户设立登记" in steps[0] and "企业设立登记" in steps[0] and "任选其一" in steps[0]
    assert 'step-by-step__logic--or">或' in steps[0]
    assert "食品经营许可" in steps[1] and 'step-by-step__logic--and">和' in steps[1]
    assert "领取营业执照后 1 个月内" in steps[1] and "视情况办理" in steps[1]


@pytest.mark.django_db
def test_totals_are_computed_from_the_guides(client, event):
    html = client.get(event["page"].url).content.decode()
    totals = html.split('class="journey-totals"')[1].split("</dl>")[0]
    assert "10–18 个工作日" in totals  # 个体户 (即办) + 许可 10 … 公司 3 + the slower of 许可 and 排水 (15)
    assert "1–4 次" in totals  # 公司 (0) + 许可 (1) … 个体户 (1) + 许可 (1) + 排水 (2)
    assert "视情况收费：工本费 10 元（排水许可）" in totals


@pytest.mark.django_db
def test_combined_materials_list_a_library_material_once_with_its_steps(client, event):
    html = client.get(event["page"].url).content.decode()
    table = html.split('class="materials combined-materials"')[1].split("</table>")[0]
    assert table.count('<th scope="row">') == 5  # 身份证, 授权委托书, 公司章程, 管理制度, 排水设施图
    id_card = table.split("居民身份证")[1].split("</tr>")[0]
    assert "第 1 步 个体工商户设立登记" in id_card and "第 2 步 食品经营许可" in id_card
    proxy = table.split("授权委托书")[1].split("</tr>")[0]
    assert "仅由谁办理？委托代理人办理" in proxy and "视情形" in proxy
    # One question for both guides that ask it
    assert html.count("<legend>由谁办理？</legend>") == 1


@pytest.mark.django_db
def test_answers_narrow_the_combined_list(client, event):
    html = client.get(event["page"].url, {"q1": "本人办理"}).content.decode()
    table = html.split('class="materials combined-materials"')[1].split("</table>")[0]
    assert "授权委托书" not in table and "居民身份证" in table
    assert "您的情况：本人办理" in html
    assert 'href="/restaurant/print/?q1=%E6%9C%AC%E4%BA%BA%E5%8A%9E%E7%90%86"' in html


@pytest.mark.django_db
def test_only_guides_a_visitor_may_see_count(client, event):
    PageViewRestriction.objects.create(page=event["company"], restriction_type=PageViewRestriction.LOGIN)
    event["drain"].unpublish()
    html = client.get(event["page"].url).content.decode()
    assert "企业设立登记" not in html and "公司章程" not in html and "排水" not in html
    assert "任选其一" not in html
    totals = html.split('class="journey-totals"')[1].split("</dl>")[0]
    assert "10 个工作日" in totals and "2 次" in totals and "全部不收费" in totals
    printed = client.get(event["page"].url + "print/").content.decode()
    assert "企业设立登记" not in printed and "公司章程" not in printed


@pytest.mark.django_db
def test_combined_checklist_prints_steps_totals_and_materials(client, event):
    response = client.get(event["page"].url + "print/", {"q1": "委托代理人办理"})
    sheet = sheet_of(response.content.decode())
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "一件事合并告知单" in sheet and "告知单编号：" in sheet and '<svg role="img"' in sheet
    assert "个体工商户设立登记 <strong>或</strong> 企业设立登记" in sheet
    assert "〔领取营业执照后 1 个月内〕" in sheet
    assert sheet.count('class="tick"') == 5
    assert "申请人情形：</strong>由谁办理？ 委托代理人办理" in sheet
    assert "/restaurant/?q1=" in sheet  # the printed link back keeps the answers


@pytest.mark.django_db
def test_guide_page_says_which_step_it_is_with_previous_and_next(client, event):
    html = client.get(event["permit"].url).content.decode()
    nav = html.split('class="life-event-nav"')[1].split("</nav>")[0]
    assert f'属于：<a href="{event["page"].url}">开办餐饮店一件事</a> · 第 2 步 · 领取营业执照后 1 个月内' in nav
    assert f'上一步：<a href="{event["shop"].url}" rel="prev">个体工商户设立登记</a>' in nav
    assert "企业设立登记" in nav and "下一步" not in nav
    first = client.get(event["company"].url).content.decode()
    assert "第 1 步" in first and "上一步" not in first and "下一步：" in first


@pytest.mark.django_db
def test_a_hidden_life_event_is_not_named_on_the_guide(client, event):
    event["page"].unpublish()
    assert "life-event-nav" not in client.get(event["permit"].url).content.decode()


def test_a_limit_in_natural_days_adds_up_in_working_days_rounded_up():
    """Totals compare like with like (guides.limits): 10 natural days are 7 1/7 working days, counted as 8."""
    guide = GuidePage(committed_limit_days=10, committed_limit_unit="natural", visits_required=1, is_free=True)
    assert guide_facts(LifeEventItem(guide=guide)).days == 8
    guide.committed_limit_unit = "working"
    assert guide_facts(LifeEventItem(guide=guide)).days == 10
