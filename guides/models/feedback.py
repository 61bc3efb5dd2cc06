"""Citizen feedback on a guide: 这个页面有用吗, 纠错 and the 好差评 rating, with the editors' handling."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedbackKind(models.TextChoices):
    USEFUL = "useful", _("页面是否有用")
    ERROR = "error", _("纠错")
    RATING = "rating", _("好差评")


class ErrorCategory(models.TextChoices):
    MATERIALS = "materials", _("申请材料有误")
    LIMITS = "limits", _("时限或收费有误")
    PLACE = "place", _("地点、窗口或电话有误")
    PROCESS = "process", _("办理流程有误")
    LINK = "link", _("链接或下载无法打开")
    OTHER = "other", _("其他问题")


class Rating(models.IntegerChoices):
    """好差评: five levels, 5 the best."""

    VERY_SATISFIED = 5, _("非常满意")
    SATISFIED = 4, _("满意")
    FAIRLY_SATISFIED = 3, _("基本满意")
    DISSATISFIED = 2, _("不满意")
    VERY_DISSATISFIED = 1, _("非常不满意")


COMMENT_MAX_LENGTH = 500


class Feedback(models.Model):
    """One message from the public about one guide."""

    guide = models.ForeignKey(
        "guides.GuidePage", verbose_name=_("办事指南"), on_delete=models.CASCADE, related_name="feedback"
    )
    kind = models.CharField(_("类型"), max_length=10, choices=FeedbackKind.choices)
    useful = models.BooleanField(_("有用"), null=True, blank=True)
    category = models.CharField(_("纠错类别"), max_length=20, choices=ErrorCategory.choices, blank=True)
    rating = models.PositiveSmallIntegerField(_("评价"), choices=Rating.choices, null=True, blank=True)
    comment = models.TextField(_("留言"), max_length=COMMENT_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True, db_index=True)
    handled = models.BooleanField(_("已处理"), default=False, db_index=True)
    note = models.TextField(_("处理备注"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("群众反馈")
        verbose_name_plural = _("群众反馈")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.guide.title}"

    @property
    def department(self):
        return self.guide.department
