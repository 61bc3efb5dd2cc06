"""The print checklist page (一次性告知单): answers kept, conditions shown, version, number, place, phones,
signature, the 补正 sheet; drafts private."""

import re

import pytest

from tests.factories import add_hall, make_guide


@pytest.fixture
def guide(guide_index):
    guide = make_guide(
        guide_index,
        title="结婚登记",
        materials=[{"name": "居民身份证"}, {"name": "离婚证", "applies_to": "离异"}],
        situations={"婚姻状况": ["未婚", "离异"]},
    )
    add_hall(guide, window="二楼 12 号窗口")
    return guide


@pytest.mark.django_db
def test_checklist_keeps_the_answers(client, guide):
    html = client.get(guide.url + "print/", {"q1": "未婚"}).content.decode()
    assert "一次性告知单" in html
    assert "居民身份证" in html and "离婚证" not in html
    assert "婚姻状况 未婚" in html
    assert "/guides/" in html and "?q1=未婚" in html  # the printed link back keeps the answers
    assert '<svg role="img"' in html
    assert html.count('class="tick"') == 1


@pytest.mark.django_db
def test_checklist_shows_version_place_phones_and_signature(client, guide):
    html = client.get(guide.url + "print/").content.decode()
    assert "指南第 1 版" in html
    assert "二楼 12 号窗口" in html
    assert guide.phones.enquiry in html and guide.phones.complaint in html
    assert "窗口工作人员签名" in html
    assert html.count('class="tick"') == 2


@pytest.mark.django_db
def test_guide_page_links_to_the_checklist_with_the_answers(client, guide):
    html = client.get(guide.url, {"q1": "离异"}).content.decode()
    assert f'href="{guide.url}print/?q1=%E7%A6%BB%E5%BC%82"' in html


@pytest.mark.django_db
def test_checklist_of_a_draft_is_not_public(client, guide_index):
    draft = make_guide(guide_index, publish=False, live=False)
    assert client.get(draft.url + "print/").status_code == 404


@pytest.mark.django_db
def test_unanswered_checklist_says_when_each_material_is_needed(client, guide):
    html = client.get(guide.url + "print/").content.decode()
    sheet = html.split('<article class="checklist')[1]  # the 补正 form above it lists every material
    assert "未选择情形" in sheet
    everyone, divorced = sheet.split("仅以下情形需要：婚姻状况：离异")
    assert "居民身份证" in everyone and "离婚证" not in everyone
    assert "离婚证" in divorced


@pytest.mark.django_db
def test_version_counts_this_guides_own_publishes(client, guide, guide_index):
    make_guide(guide_index)  # another guide's publish does not move this guide's version
    for note in ("更新材料", "更新窗口"):
        guide.change_note = note
        guide.save_revision().publish()
    html = client.get(guide.url + "print/").content.decode()
    assert "指南第 3 版" in html
    guide.refresh_from_db()
    assert guide.live_revision.pk > 3  # the global revision id is not what is printed


SHEET_NUMBER = re.compile(r'class="checklist__number">(\d{8}-\d{4}-[2-9A-Z]{6})<')


@pytest.mark.django_db
def test_every_sheet_has_its_own_number_and_is_never_cached(client, guide):
    first = client.get(guide.url + "print/")
    second = client.get(guide.url + "print/")
    numbers = [SHEET_NUMBER.search(response.content.decode()).group(1) for response in (first, second)]
    assert numbers[0] != numbers[1]
    assert "no-store" in first["Cache-Control"]


@pytest.mark.django_db
def test_correction_sheet_lists_what_the_applicant_did_not_bring(client, guide):
    id_card, divorce = guide.materials.order_by("sort_order")
    response = client.post(guide.url + "print/?q1=离异", {"brought": [str(id_card.pk)], "applicant": "张三"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "补正材料一次性告知单" in html and "申请人：<strong>张三</strong>" in html
    notice, received = html.split("需要补正的材料（共 1 项）")[1].split("已收取的材料：")
    assert "离婚证" in notice and "居民身份证" not in notice.split("</table>")[0]
    assert "居民身份证" in received.split("</p>")[0]
    assert "申请人签收" in html


@pytest.mark.django_db
def test_correction_form_refuses_bad_input_with_a_message(client, guide):
    too_long = client.post(guide.url + "print/", {"applicant": "张" * 41})
    assert too_long.status_code == 400
    assert "申请人姓名" in too_long.content.decode() and "补正材料一次性告知单" not in too_long.content.decode()
    unknown = client.post(guide.url + "print/", {"brought": ["999999"]})
    assert unknown.status_code == 400
    assert client.put(guide.url + "print/").status_code == 405


@pytest.mark.django_db
def test_guide_page_offers_the_print_link_beside_the_answers(client, guide):
    html = client.get(guide.url, {"q1": "离异"}).content.decode()
    summary = html.split('class="situations__summary"')[1].split("</p>")[0]
    assert f'href="{guide.url}print/?q1=%E7%A6%BB%E5%BC%82"' in summary


@pytest.mark.django_db
def test_answered_checklist_lists_the_chosen_situations_materials_as_needed(client, guide):
    sheet = client.get(guide.url + "print/", {"q1": "离异"}).content.decode().split('<article class="checklist')[1]
    assert "离婚证" in sheet and "仅以下情形需要" not in sheet


@pytest.mark.django_db
def test_correction_sheet_keeps_the_condition_of_a_missing_material(client, guide):
    id_card, _divorce = guide.materials.order_by("sort_order")
    html = client.post(guide.url + "print/", {"brought": [str(id_card.pk)]}).content.decode()
    missing = html.split("需要补正的材料（共 1 项）")[1].split("</table>")[0]
    assert "仅以下情形需要：婚姻状况：离异" in missing and "离婚证" in missing
