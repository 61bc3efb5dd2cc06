"""Files waiting between an admin preview and its confirmation: private, and gone after a day."""

import io
import os
import time

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from django.views.static import serve

from guides.importexport import previews
from guides.models import GuidePage

from .support import edited_json, upload

A_DAY_AND_A_MINUTE = 24 * 3600 + 60


def _summary_changed(guides):
    guides[0]["summary"] = "后台导入"


def _preview(admin_client):
    response = upload(admin_client, edited_json(_summary_changed), "list.json")
    assert response.status_code == 200
    return response.context["token"]


def _age(path, seconds):
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_a_preview_file_is_kept_where_no_url_reaches_it(content, admin_client, preview_folder):
    token = _preview(admin_client)
    assert (preview_folder / token).is_file()
    served = [settings.MEDIA_ROOT, settings.STATIC_ROOT, *settings.STATICFILES_DIRS]
    assert not any(preview_folder.resolve().is_relative_to(folder) for folder in served)
    assert not (settings.MEDIA_ROOT.exists() and list(settings.MEDIA_ROOT.rglob(token)))
    for path in (f"guide-imports/{token}", token):
        assert admin_client.get(f"{settings.MEDIA_URL}{path}").status_code == 404
        with pytest.raises(Http404):
            serve(RequestFactory().get("/"), path, document_root=settings.MEDIA_ROOT)
    with pytest.raises(NotImplementedError):
        previews.storage().url(token)


def test_the_default_folder_is_private_and_a_served_one_is_refused(db, monkeypatch):
    monkeypatch.delenv(previews.ENVIRONMENT_VARIABLE)
    assert previews.location() == (settings.BASE_DIR / "private" / "guide-imports").resolve()
    monkeypatch.setenv(previews.ENVIRONMENT_VARIABLE, str(settings.MEDIA_ROOT / "guide-imports"))
    with pytest.raises(ImproperlyConfigured):
        previews.keep(b"{}", "json")


def test_a_preview_older_than_a_day_is_not_applied(content, admin_client, preview_folder):
    token = _preview(admin_client)
    _age(preview_folder / token, A_DAY_AND_A_MINUTE)
    response = admin_client.post(reverse("guides_import"), {"token": token})
    assert response.status_code == 404
    assert GuidePage.objects.get(pk=content["guides"][0].pk).summary == "一句话说明"
    assert not (preview_folder / token).exists()


def test_old_previews_are_purged_by_each_upload_and_by_the_command(content, admin_client, preview_folder):
    old, recent = _preview(admin_client), _preview(admin_client)
    _age(preview_folder / old, A_DAY_AND_A_MINUTE)
    _age(preview_folder / recent, 23 * 3600)
    newest = _preview(admin_client)
    assert sorted(path.name for path in preview_folder.iterdir()) == sorted([recent, newest])

    _age(preview_folder / recent, A_DAY_AND_A_MINUTE)
    out = io.StringIO()
    call_command("purge_import_previews", stdout=out)
    assert "已删除 1 个" in out.getvalue()
    assert [path.name for path in preview_folder.iterdir()] == [newest]
