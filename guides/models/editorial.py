"""Editorial records: which group writes which department's guides, and each guide's public update log."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DepartmentEditors(models.Model):
    """Links a department to the user group that writes its guides.

    See guides/models/permissions.py (what the group may do) and guides/admin/roles.py (how it is set up)."""

    department = models.OneToOneField(
        "guides.Department", verbose_name=_("部门"), on_delete=models.CASCADE, related_name="editors"
    )
    group = models.OneToOneField(
        "auth.Group", verbose_name=_("编辑组"), on_delete=models.CASCADE, related_name="department_editors"
    )

    class Meta:
        verbose_name = _("部门编辑组")
        verbose_name_plural = _("部门编辑组")

    def __str__(self):
        return f"{self.department} · {self.group}"


class GuideUpdate(models.Model):
    """更新记录: one public entry in a guide's update log.

    Written when a guide is published (with the revision, its change note and the field-level summary against
    the previously published revision) and when a library material that the guide uses changes (no revision).
    """

    guide = models.ForeignKey(
        "guides.GuidePage", verbose_name=_("办事指南"), on_delete=models.CASCADE, related_name="updates"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("版本"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("更新时间"), default=timezone.now, db_index=True)
    note = models.CharField(_("更新说明"), max_length=200)
    changes = models.JSONField(_("变更摘要"), default=list, blank=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("更新记录")
        verbose_name_plural = _("更新记录")

    def __str__(self):
        return f"{self.guide_id} {self.published_at:%Y-%m-%d} {self.note}"
