"""Which guide an imported item code is about (guides/importexport/matching.py): drafts hold no code."""

import pytest
from wagtail.models import Revision

from guides.importexport import import_guides
from guides.models import GuidePage
from tests.factories import make_guide

from .support import edited_json, refused_report

NEW_CODE = "11330100MB0000003X4000333C003"


def _summary_changed(guides):
    guides[0]["summary"] = "导入的说明"


def _with_new_guide(guides):
    new = dict(guides[1], item_code=NEW_CODE, title="食品经营许可", slug="")
    guides.append(new)


def _untouched(draft):
    revisions = Revision.objects.filter(object_id=str(draft.pk)).count()

    def check():
        draft.refresh_from_db()
        assert not draft.live and draft.summary == "一句话说明"
        assert Revision.objects.filter(object_id=str(draft.pk)).count() == revisions

    return check


def test_a_draft_reusing_a_listed_code_neither_blocks_nor_takes_the_import(content, guide_index):
    police_guide = content["guides"][0]
    draft = make_guide(
        guide_index, department=content["market"], item_code=police_guide.item_code, live=False, publish=False
    )
    untouched = _untouched(draft)
    plan = import_guides(edited_json(_summary_changed), "list.json")
    assert [change.page.pk for change in plan.updated] == [police_guide.pk]
    assert GuidePage.objects.get(pk=police_guide.pk).summary == "导入的说明"
    untouched()


def test_a_draft_holding_a_new_code_and_its_default_slug_does_not_block_creation(content, guide_index):
    draft = make_guide(
        guide_index, department=content["market"], item_code=NEW_CODE, slug=NEW_CODE.lower(), live=False, publish=False
    )
    untouched = _untouched(draft)
    plan = import_guides(edited_json(_with_new_guide), "list.json")
    assert [change.record.item_code for change in plan.created] == [NEW_CODE]
    created = GuidePage.objects.live().get(item_code=NEW_CODE)
    assert created.pk != draft.pk and created.slug == f"{NEW_CODE.lower()}-2"
    untouched()


def test_a_published_guides_draft_cannot_take_another_guides_code(content):
    police_guide, market_guide = content["guides"]
    police_guide.item_code = market_guide.item_code
    police_guide.save_revision()

    def change(guides):
        guides[1]["summary"] = "导入的说明"

    plan = import_guides(edited_json(change), "list.json")
    assert [change.page.pk for change in plan.updated] == [market_guide.pk]
    assert police_guide.get_latest_revision_as_object().item_code == market_guide.item_code


@pytest.mark.parametrize("edited_later", [False, True])
def test_a_guide_taken_offline_keeps_its_code_and_stays_offline(content, edited_later):
    police_guide, market_guide = content["guides"]
    code = police_guide.item_code
    data = edited_json(_summary_changed)  # an export from before the guide went offline
    police_guide.unpublish()
    if edited_later:  # while offline, its draft (the row of a page that is not live) takes the other code
        police_guide.refresh_from_db()
        police_guide.item_code = market_guide.item_code
        police_guide.save()
        police_guide.save_revision()

    report = refused_report(data, "list.json")
    assert "导入被拒绝：发现 1 个问题" in report
    assert f"第 1 条事项「事项编码」列：事项编码「{code}」属于已下线的指南「居民身份证换领」" in report
    assert not GuidePage.objects.get(pk=police_guide.pk).live


def test_two_live_guides_with_one_code_are_refused_by_name(content, guide_index):
    police_guide = content["guides"][0]
    twin = make_guide(guide_index, department=content["market"], title="重复的指南")
    # Only data older than the rules can hold this: no route to live lets it happen now.
    GuidePage.objects.filter(pk=twin.pk).update(item_code=police_guide.item_code)
    report = refused_report(edited_json(_summary_changed), "list.json")
    assert f"事项编码「{police_guide.item_code}」同时属于多篇指南：居民身份证换领、重复的指南" in report
