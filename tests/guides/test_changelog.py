"""The public update log: field-level summaries from revisions, change notes, and library material changes."""

import pytest
from django.urls import reverse
from wagtail.models import ReferenceIndex

from guides import changelog
from guides.models import GuideUpdate
from tests.factories import make_guide, make_material
from tests.guides.editing import edit_form_data

BASE = {
    "legal_limit_days": 20,
    "committed_limit_days": 5,
    "is_free": True,
    "fees": [],
    "online_level": "partial",
    "online_url": "https://zwfw.example.gov.cn/a",
    "visits_required": 1,
    "materials": [
        {"material": 7, "name": "", "form": "original", "medium": "paper", "copies": 1, "requirement": "required"},
        {"material": None, "name": "授权委托书", "form": "original", "medium": "paper", "copies": 1},
    ],
}
NAMES = {7: "居民身份证"}


def summary(**changes):
    return changelog.summarize(changelog.snapshot(BASE, NAMES), changelog.snapshot({**BASE, **changes}, NAMES))


def test_first_publish():
    assert changelog.summarize(None, changelog.snapshot(BASE, NAMES)) == ["首次发布"]


def test_nothing_public_changed():
    assert summary() == []


def test_materials_added_removed_and_changed():
    materials = [
        {**BASE["materials"][0], "copies": 2, "form": "copy"},
        {"material": None, "name": "户口簿", "form": "original", "medium": "paper", "copies": 1},
    ]
    assert summary(materials=materials) == [
        "新增材料「户口簿」",
        "删除材料「授权委托书」",
        "材料「居民身份证」：材料形式：原件 → 复印件；份数：1 → 2",
    ]


def test_limits_fees_and_online():
    fees = [{"name": "工本费", "standard": "20元", "basis": "价格文件"}]
    lines = summary(
        committed_limit_days=0, is_free=False, fees=fees, online_level="full", visits_required=0, online_url=""
    )
    assert lines == [
        "承诺办结时限：5 个工作日 → 即办",
        "收费：不收费 → 收费",
        "新增收费项目「工本费」",
        "网上办理深度：部分网办 → 全程网办",
        "网上办理地址：https://zwfw.example.gov.cn/a → （空）",
        "到办事现场次数：1 → 0",
    ]


def test_fee_standard_changed():
    before = {**BASE, "is_free": False, "fees": [{"name": "工本费", "standard": "20元", "basis": "文件"}]}
    after = {**before, "fees": [{"name": "工本费", "standard": "10元", "basis": "文件"}]}
    lines = changelog.summarize(changelog.snapshot(before, NAMES), changelog.snapshot(after, NAMES))
    assert lines == ["收费项目「工本费」：20元，文件 → 10元，文件"]


def test_library_material_changes():
    old = {"name": "居民身份证", "source": "applicant", "blank_form_id": None, "electronic_certificate": False}
    new = {**old, "source": "government", "blank_form_id": 3, "electronic_certificate": True}
    assert changelog.material_changes(old, new) == [
        "来源渠道：申请人自备 → 政府部门核发",
        "空白表格已更新",
        "可用电子证照替代：否 → 是",
    ]


def publish(guide, note, **changes):
    page = guide.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(page, name, value)
    page.change_note = note
    page.save_revision().publish()


def test_each_publish_logs_its_note_and_summary(guide_index, client):
    guide = make_guide(guide_index, legal_limit_days=20, committed_limit_days=10)
    publish(guide, "压缩承诺时限", committed_limit_days=5)
    entries = list(guide.updates.all())
    assert [(e.note, e.changes) for e in entries] == [
        ("压缩承诺时限", ["承诺办结时限：10 个工作日 → 5 个工作日"]),
        ("首次发布", ["首次发布"]),
    ]
    html = client.get(guide.url).content.decode()
    assert "更新记录" in html and "压缩承诺时限" in html and "承诺办结时限：10 个工作日 → 5 个工作日" in html


def test_a_library_material_change_reaches_every_guide_that_uses_it(guide_index, client):
    id_card = make_material(name="居民身份证")
    users = [make_guide(guide_index, materials=[{"material": id_card}]) for _ in range(2)]
    other = make_guide(guide_index)
    id_card.name = "居民身份证（含电子证照）"
    id_card.electronic_certificate = True
    id_card.save()
    for guide in users:
        entry = guide.updates.first()
        assert entry.note == "材料库更新：「居民身份证（含电子证照）」"
        assert entry.changes == ["材料名称：居民身份证 → 居民身份证（含电子证照）", "可用电子证照替代：否 → 是"]
        assert "居民身份证（含电子证照）" in client.get(guide.url).content.decode()
    assert not other.updates.filter(note__startswith="材料库更新").exists()
    id_card.save()  # saved again without a change: no new entries
    assert GuideUpdate.objects.filter(note__startswith="材料库更新").count() == 2


@pytest.mark.django_db
def test_admin_shows_where_a_material_is_used(guide_index, admin_client):
    id_card = make_material(name="居民身份证")
    guide = make_guide(guide_index, title="户口迁移", materials=[{"material": id_card}])
    assert ReferenceIndex.get_references_to(id_card).exists()
    html = admin_client.get(reverse("wagtailsnippets_guides_material:usage", args=[id_card.pk])).content.decode()
    assert guide.title in html


def test_republishing_in_the_editor_needs_a_change_note(guide_index, admin_client):
    guide = make_guide(guide_index, summary="旧说明")
    url = reverse("wagtailadmin_pages:edit", args=[guide.pk])
    data = edit_form_data(admin_client, guide, summary="新说明", **{"action-publish": "action-publish"})
    assert data["change_note"] == ""
    response = admin_client.post(url, data)
    assert "请填写更新说明" in response.content.decode()
    guide.refresh_from_db()
    assert guide.summary == "旧说明"
    data["change_note"] = "更新一句话说明"
    assert admin_client.post(url, data).status_code == 302
    guide.refresh_from_db()
    assert guide.summary == "新说明"
    assert guide.updates.first().note == "更新一句话说明"


def test_a_draft_that_differs_only_in_bookkeeping_or_line_breaks_says_the_same():
    live = {**BASE, "pk": 3, "live": True, "legal_basis": "《甲法》\n《乙法》", "change_note": "首次发布"}
    draft = {**BASE, "pk": 3, "live": False, "legal_basis": "《甲法》\r\n《乙法》", "change_note": ""}
    assert changelog.same_content(draft, live)
    assert not changelog.same_content({**draft, "change_note": "核对全文"}, live)
    assert not changelog.same_content({**draft, "committed_limit_days": 4}, live)
    assert changelog.summarize(changelog.snapshot(live, NAMES), changelog.snapshot(draft, NAMES)) == []


def test_texts_steps_and_halls_are_named_when_they_change():
    before = {**BASE, "conditions": "年满十六周岁", "steps": [{"title": "受理", "description": ""}]}
    after = {**BASE, "conditions": "年满十八周岁", "steps": [{"title": "受理", "description": "当场"}]}
    lines = changelog.summarize(changelog.snapshot(before, NAMES), changelog.snapshot(after, NAMES))
    assert lines == ["受理条件已修改", "办理流程已修改"]
