"""Review that shows the change: autosaves equal to live are no change, the 发布检查 panel (changes against live,
rules as warnings), the compare link against live, and discarding a draft."""

from django.urls import reverse
from wagtail.models import Revision

from guides.models import GuidePage
from tests.guides.admin import test_roles
from tests.guides.editing import edit_form_data

world = test_roles.world
client_for = test_roles.client_for


def edit_url(guide):
    return reverse("wagtailadmin_pages:edit", args=[guide.pk])


def autosave(client, guide, **changes):
    """What Wagtail 8's autosave posts while the editor types: the form as a plain save, answered in JSON."""
    response = client.post(edit_url(guide), edit_form_data(client, guide, **changes), HTTP_ACCEPT="application/json")
    assert response.json()["success"], response.content
    guide.refresh_from_db()
    return response.json()["revision_id"]


def test_an_autosave_that_says_what_live_says_is_no_unpublished_change(world):
    editor, guide = client_for(world, "editor_a"), world["live"]
    revision_id = autosave(editor, guide)
    assert revision_id != guide.live_revision_id
    assert not guide.has_unpublished_changes
    autosave(editor, guide, committed_limit_days="3")
    assert guide.has_unpublished_changes
    autosave(editor, guide, committed_limit_days=str(world["live"].committed_limit_days))
    assert not guide.has_unpublished_changes


def test_a_new_change_note_alone_is_kept_as_a_change(world):
    editor, guide = client_for(world, "editor_a"), world["live"]
    autosave(editor, guide, change_note="核对了全文")
    assert guide.has_unpublished_changes
    assert 'value="核对了全文"' in editor.get(edit_url(guide)).content.decode()


def test_a_draft_that_breaks_a_rule_is_saved_and_warned_about(world):
    editor, guide = client_for(world, "editor_a"), world["live"]
    data = edit_form_data(editor, guide, committed_limit_days="99")
    editor.post(edit_url(guide), data)
    guide.refresh_from_db()
    assert guide.get_latest_revision_as_object().committed_limit_days == 99
    html = editor.get(edit_url(guide)).content.decode()
    assert "提交审核和发布前必须改正" in html
    assert "承诺办结时限（99 个工作日）不能超过法定办结时限（20 个工作日）" in html
    assert "承诺办结时限：5 个工作日 → 99 个工作日" in html
    submit = edit_form_data(editor, guide, change_note="延长", **{"action-submit": "action-submit"})
    editor.post(edit_url(guide), submit)
    guide.refresh_from_db()
    assert guide.current_workflow_state is None


def test_the_reviewer_sees_the_submitted_changes_against_live(world):
    editor, guide = client_for(world, "editor_a"), world["live"]
    autosave(editor, guide, committed_limit_days="3")
    autosave(editor, guide, committed_limit_days="3", limit_note="不含公告时间")
    data = edit_form_data(editor, guide, change_note="承诺时限压缩", **{"action-submit": "action-submit"})
    editor.post(edit_url(guide), data)
    guide.refresh_from_db()
    submitted = guide.current_workflow_state.current_task_state.revision
    reviewer = client_for(world, "reviewer")
    html = reviewer.get(edit_url(guide)).content.decode()
    assert "承诺办结时限：5 个工作日 → 3 个工作日" in html
    assert "时限说明已修改" in html
    compare = reverse("wagtailadmin_pages:revisions_compare", args=[guide.pk, "live", submitted.pk])
    assert compare in html
    assert reviewer.get(compare).status_code == 200
    assert "放弃草稿" not in html  # a guide under review is withdrawn before its draft is discarded


def test_a_guide_never_published_has_nothing_to_compare(world):
    html = client_for(world, "editor_a").get(edit_url(world["draft"])).content.decode()
    assert "这篇指南尚未发布" in html and "与线上版本逐项比较" not in html


def test_an_editor_discards_a_draft_and_it_stays_in_the_history(world):
    editor, guide = client_for(world, "editor_a"), world["live"]
    draft_revision = autosave(editor, guide, committed_limit_days="3")
    url = reverse("guides_discard_draft", args=[guide.pk])
    assert "承诺办结时限：5 个工作日 → 3 个工作日" in editor.get(url).content.decode()
    client_for(world, "editor_b").post(url)  # another department's editor: refused
    guide.refresh_from_db()
    assert guide.has_unpublished_changes
    editor.post(url)
    guide.refresh_from_db()
    assert not guide.has_unpublished_changes
    assert guide.get_latest_revision_as_object().committed_limit_days == 5
    assert Revision.objects.filter(pk=draft_revision).exists()
    assert GuidePage.objects.get(pk=guide.pk).committed_limit_days == 5
    # Nothing left to discard: the page says so and changes nothing.
    assert "没有需要放弃的修改" in editor.get(url).content.decode()
