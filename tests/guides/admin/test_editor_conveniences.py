"""The guide form's conveniences: a pinyin slug from the Chinese title, the editor's own department."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from guides.admin import roles
from guides.models import GuidePage
from guides.models.forms import pinyin_slug
from tests.factories import make_department, make_guide, make_material, make_site
from tests.guides.editing import edit_form_data


def test_a_slug_is_the_pinyin_of_the_title():
    assert pinyin_slug("居民身份证换领") == "ju-min-shen-fen-zheng-huan-ling"
    assert pinyin_slug("《营业执照》补领（B类）") == "ying-ye-zhi-zhao-bu-ling-b-lei"
    assert len(pinyin_slug("不动产登记" * 30)) <= 80


@pytest.fixture
def editor_form(db):
    home, index = make_site()
    own, other = make_department(name="临江市民政局"), make_department(name="临江市公安局")
    roles.setup_roles()
    editor = get_user_model().objects.create_user("editor", password="pw")
    editor.groups.add(roles._editor_group(own))
    form_class = GuidePage.get_edit_handler().get_form_class()
    return form_class(instance=GuidePage(), for_user=editor, parent_page=index), own, other


def test_the_department_is_the_editors_own_and_offered_alone(editor_form):
    form, own, other = editor_form
    assert form.initial["department"] == own.pk
    offered = [str(label) for _value, label in form.fields["department"].widget.choices]
    assert own.name in offered
    assert other.name not in offered
    assert not form.fields["slug"].required


def last_cell(html, row_name):
    """The text of the last cell in the list row that names `row_name`."""
    row = html.split(row_name, 1)[1].split("</tr>", 1)[0]
    return re.sub(r"<[^>]+>", "", row.rsplit("<td", 1)[1].split(">", 1)[1]).strip()


def test_the_material_library_counts_the_guides_using_each_material(admin_client, guide_index):
    used, unused = make_material(name="居民身份证"), make_material(name="结婚证")
    for title in ("居民身份证换领", "居民身份证补领"):
        make_guide(guide_index, title=title, materials=[{"material": used}])
    html = admin_client.get("/admin/snippets/guides/material/").content.decode()
    assert "使用的指南数" in html
    assert (last_cell(html, used.name), last_cell(html, unused.name)) == ("2", "0")


def test_a_material_row_ticks_the_guides_own_situation_options(admin_client, guide_index):
    guide = make_guide(
        guide_index,
        situations={"由谁办理？": ["本人办理", "委托代理人办理"]},
        materials=[{"name": "居民身份证"}, {"name": "授权委托书", "applies_to": "委托代理人办理"}],
    )
    url = reverse("wagtailadmin_pages:edit", args=[guide.pk])
    html = admin_client.get(url).content.decode()
    ticked = re.search(r'<input type="checkbox" name="materials-1-applies_to" value="委托代理人办理"[^>]*>', html)
    unticked = re.search(r'<input type="checkbox" name="materials-1-applies_to" value="本人办理"[^>]*>', html)
    assert ticked and "checked" in ticked.group(0)
    assert unticked and "checked" not in unticked.group(0)
    assert "由谁办理？" in html  # the options are grouped under their question
    assert "沿用材料库的设置" in html  # 来源渠道's empty choice, in words
    assert "---------" not in html.split('name="materials-0-source"', 1)[1].split("</select>", 1)[0]
    assert "css/admin.css" in html  # compact material rows

    data = edit_form_data(admin_client, guide, **{"action-save": "action-save", "materials-0-notes": "原件\r\n复印件"})
    data["conditions"] = "第一行\r\n第二行"
    posted = {key: values[-1] for key, values in data.lists()}
    posted["materials-1-applies_to"] = ["本人办理", "委托代理人办理"]  # two ticks
    assert admin_client.post(url, posted).status_code == 302
    guide.refresh_from_db()
    draft = guide.get_latest_revision_as_object()
    rows = sorted(draft.materials.all(), key=lambda row: row.sort_order)
    assert [row.applies_to for row in rows] == ["", "本人办理、委托代理人办理"]  # stored as before
    assert rows[0].notes == "原件\n复印件"  # browsers post CRLF; stored text keeps LF
    assert draft.conditions == "第一行\n第二行"


def test_a_guide_without_situations_keeps_a_text_field(admin_client, guide_index):
    guide = make_guide(guide_index)
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[guide.pk])).content.decode()
    assert re.search(r'<input type="text" name="materials-0-applies_to"', html)
