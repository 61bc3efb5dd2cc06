"""Previewing a draft guide in the admin, and publishing a guide at a scheduled time."""

import datetime

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from guides.models import GuidePage
from tests.factories import make_guide
from tests.guides.editing import edit_form_data


def test_preview_shows_the_unsaved_edit_not_the_live_page(guide_index, admin_client):
    guide = make_guide(guide_index, summary="线上的说明")
    data = edit_form_data(admin_client, guide, summary="预览中的说明")
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[guide.pk])
    assert admin_client.post(preview_url, data).json() == {"is_valid": True, "is_available": True}
    html = admin_client.get(preview_url).content.decode()
    assert "预览中的说明" in html
    assert "线上的说明" in admin_client.get(guide.url).content.decode()


def test_scheduled_publishing(guide_index):
    guide = make_guide(guide_index, summary="旧说明")
    page = guide.get_latest_revision_as_object()
    page.summary = "定时发布的说明"
    page.change_note = "定时更新说明"
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()
    guide.refresh_from_db()
    assert guide.summary == "旧说明"
    assert guide.scheduled_revision == revision

    assert GuidePage.objects.get(pk=guide.pk).live_revision != revision
    # An hour passes: move the scheduled time (stored twice by Wagtail) into the past rather than waiting.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled")
    guide.refresh_from_db()
    assert guide.summary == "定时发布的说明"
    assert guide.updates.first().note == "定时更新说明"
