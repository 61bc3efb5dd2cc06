"""Writes the public changelog (更新记录, GuideUpdate rows): on every publish of a guide, and when a library
material changes. guides/changelog.py computes what changed; this module reads and writes the database.

Connected in GuidesConfig.ready(), so publishing from the admin, the workflow, an import, scheduled publishing
or code all leave an entry.
"""

from django.db.models.signals import post_save, pre_save
from django.utils.translation import gettext as _
from wagtail.signals import page_published

from guides import changelog

from .editorial import GuideUpdate
from .guide import GuidePage, library_names
from .snippets import Material


def record_publish(sender, instance, revision, **kwargs):
    """Log a guide's publish with its change note and what changed since the previously published revision."""
    if revision is None:
        return
    previous = GuideUpdate.objects.filter(guide=instance, revision__isnull=False).select_related("revision").first()
    old_content = previous.revision.content if previous else None
    names = library_names(revision.content, *([old_content] if old_content else []))
    old = changelog.snapshot(old_content, names) if old_content else None
    note = (revision.content.get("change_note") or "").strip() or (_("首次发布") if old is None else _("内容更新"))
    GuideUpdate.objects.create(
        guide=instance,
        revision=revision,
        note=note,
        changes=changelog.summarize(old, changelog.snapshot(revision.content, names)),
    )


def _library_values(material):
    return {field: getattr(material, field) for field, _label, _choices in changelog.LIBRARY_FIELDS}


def remember_material(sender, instance, raw=False, **kwargs):
    """Keep the stored values of a library material about to be saved, for `record_material_change`."""
    if raw or not instance.pk:
        return
    stored = sender.objects.filter(pk=instance.pk).first()
    instance._stored_values = _library_values(stored) if stored else None


def record_material_change(sender, instance, created=False, raw=False, **kwargs):
    """Add an update-log entry to every guide that uses a library material that changed."""
    old = getattr(instance, "_stored_values", None)
    if raw or created or old is None:
        return
    lines = changelog.material_changes(old, _library_values(instance))
    instance._stored_values = _library_values(instance)
    if not lines:
        return
    note = _("材料库更新：「%(name)s」") % {"name": instance.name}
    guides = GuidePage.objects.filter(materials__material=instance).distinct()
    GuideUpdate.objects.bulk_create([GuideUpdate(guide=guide, note=note, changes=lines) for guide in guides])


def connect():
    page_published.connect(record_publish, sender=GuidePage, dispatch_uid="guides.changelog.record_publish")
    pre_save.connect(remember_material, sender=Material, dispatch_uid="guides.changelog.remember_material")
    post_save.connect(record_material_change, sender=Material, dispatch_uid="guides.changelog.record_material_change")
