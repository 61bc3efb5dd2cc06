"""Files waiting between an import's preview and its confirmation: private, and gone after a day.

The admin previews an uploaded file, keeps it under a random token, and applies it when the administrator
confirms. The file holds whatever was uploaded (perhaps unpublished content), so it is kept where no URL
reaches it: a folder outside MEDIA_ROOT (which the web server serves) and outside the static files, by default
`private/guide-imports/` in the project, or the folder named by the environment variable IMPORT_PREVIEW_ROOT
(with several app servers, a folder they share). A location inside a served folder is refused.

A file older than MAX_AGE is neither applied nor kept: each upload purges the old ones, and so does
`python manage.py purge_import_previews` (for cron), judging age by the file's modification time.
"""

import datetime
import os
import re
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

ENVIRONMENT_VARIABLE = "IMPORT_PREVIEW_ROOT"
MAX_AGE = datetime.timedelta(days=1)
TOKEN = re.compile(r"^[0-9a-f]{32}\.(xlsx|csv|json)$")


class PrivateStorage(FileSystemStorage):
    """A FileSystemStorage whose files have no URL (FileSystemStorage would fall back to MEDIA_URL)."""

    def url(self, name):
        raise NotImplementedError("import previews are private: they have no URL")


def _served_folders():
    folders = [settings.MEDIA_ROOT, settings.STATIC_ROOT, *settings.STATICFILES_DIRS]
    return [Path(folder).resolve() for folder in folders if folder]


def location():
    """The folder of preview files (IMPORT_PREVIEW_ROOT, or private/guide-imports in the project)."""
    configured = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    folder = Path(configured or Path(settings.BASE_DIR) / "private" / "guide-imports").resolve()
    for served in _served_folders():
        if folder.is_relative_to(served) or served.is_relative_to(folder):
            raise ImproperlyConfigured(
                f"{ENVIRONMENT_VARIABLE}={folder} would put import previews in a folder the web server serves "
                f"({served}); choose a private folder"
            )
    return folder


def storage():
    return PrivateStorage(location=location(), file_permissions_mode=0o600, directory_permissions_mode=0o700)


def _expired(path, now):
    return now - path.stat().st_mtime > MAX_AGE.total_seconds()


def purge(now=None):
    """Delete preview files older than MAX_AGE; returns how many were deleted."""
    folder, now = location(), time.time() if now is None else now
    if not folder.is_dir():
        return 0
    deleted = 0
    for path in folder.iterdir():
        try:
            if path.is_file() and _expired(path, now):
                path.unlink()
                deleted += 1
        except FileNotFoundError:  # another process purged it first
            continue
    return deleted


def keep(data, fmt):
    """Store an uploaded file until it is confirmed (purging the expired ones first); returns its token."""
    purge()
    token = f"{uuid.uuid4().hex}.{fmt}"
    storage().save(token, ContentFile(data))
    return token


def take(token):
    """The bytes kept under `token`, or None when the token is malformed, unknown or expired."""
    if not TOKEN.match(token or ""):
        return None
    path = location() / token
    try:
        if _expired(path, time.time()):
            path.unlink(missing_ok=True)
            return None
        return path.read_bytes()
    except FileNotFoundError:
        return None


def discard(token):
    if TOKEN.match(token or ""):
        (location() / token).unlink(missing_ok=True)
