"""The guide editor's 发布检查 panel (guides/models/editor_panels.py)."""

from tests.guides.admin.test_review_changes import autosave, client_for, edit_url, world  # noqa: F401 - fixture

CHANGE_NOTE_WANTED = "请填写更新说明"


def test_a_draft_equal_to_live_asks_for_no_change_note(world):  # noqa: F811
    editor, guide = client_for(world, "editor_a"), world["live"]
    html = editor.get(edit_url(guide)).content.decode()
    assert "草稿与线上版本相同" in html
    assert CHANGE_NOTE_WANTED not in html
    assert "已通过全部发布规则" in html


def test_a_draft_that_changes_live_asks_for_a_change_note(world):  # noqa: F811
    editor, guide = client_for(world, "editor_a"), world["live"]
    autosave(editor, guide, committed_limit_days="3")
    html = editor.get(edit_url(guide)).content.decode()
    assert "承诺办结时限：5 个工作日 → 3 个工作日" in html
    assert CHANGE_NOTE_WANTED in html
