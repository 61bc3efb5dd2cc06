"""Citizen feedback on a guide: 这个页面有用吗, 纠错 and the 好差评 rating, with the editors' handling."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guides import limits
from guides.commitments import HandlingRow
from web import pagecache


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
# 好差评: a rating below 基本满意 is a 差评; every 差评 and 纠错 is answered within this many working days.
BAD_BELOW = Rating.FAIRLY_SATISFIED
HANDLING_WORKING_DAYS = 15


def needs_handling_q():
    """The feedback that needs a handling record: every 纠错 and every 差评."""
    return models.Q(kind=FeedbackKind.ERROR) | models.Q(kind=FeedbackKind.RATING, rating__lt=BAD_BELOW)


def overdue_q(today=None):
    """Unhandled 纠错 and 差评 past their deadline on `today`, as a query (see Feedback.is_overdue)."""
    last_start = limits.last_start_due_before(today or timezone.localdate(), HANDLING_WORKING_DAYS)
    day_after = last_start + datetime.timedelta(days=1)
    after_last_start = timezone.make_aware(datetime.datetime.combine(day_after, datetime.time.min))
    return needs_handling_q() & models.Q(handled=False, created_at__lt=after_last_start)


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
    note = models.TextField(_("处理情况"), blank=True, help_text=_("做了什么：核实结果、更正内容或答复群众的话"))
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    correction = models.ForeignKey(
        "guides.GuideUpdate",
        verbose_name=_("据此更正的更新记录"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="corrected_feedback",
        help_text=_("因这条纠错而更正了指南时，选择那次发布的更新记录"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("群众反馈")
        verbose_name_plural = _("群众反馈")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.guide.title}"

    @property
    def department(self):
        return self.guide.department

    @property
    def needs_handling(self):
        """纠错 and 差评 need a handling record within HANDLING_WORKING_DAYS working days."""
        return self.kind == FeedbackKind.ERROR or (self.kind == FeedbackKind.RATING and (self.rating or 5) < BAD_BELOW)

    @property
    def due_date(self):
        if not self.needs_handling or self.created_at is None:
            return None
        return limits.add_working_days(timezone.localdate(self.created_at), HANDLING_WORKING_DAYS)

    def is_overdue(self, today=None):
        return not self.handled and self.due_date is not None and (today or timezone.localdate()) > self.due_date

    def clean(self):
        if self.handled and not (self.note or "").strip():
            raise ValidationError({"note": _("标记为已处理时，请写明处理情况")})
        if self.correction_id and self.correction.guide_id != self.guide_id:
            raise ValidationError({"correction": _("只能选择这篇指南自己的更新记录")})

    def record_handling(self, user):
        """Who handled it and when (cleared again if it is reopened)."""
        self.handled_by, self.handled_at = (user, timezone.now()) if self.handled else (None, None)


def handling_rows(guides):
    """The 纠错 and 差评 about these guides as the commitments board counts them (guides.commitments)."""
    rows = []
    feedback = Feedback.objects.filter(needs_handling_q(), guide__in=guides).values_list(
        "guide__department__code", "kind", "created_at", "handled", "handled_at"
    )
    for code, kind, created_at, handled, handled_at in feedback:
        days = (handled_at - created_at).total_seconds() / 86400 if handled and handled_at else None
        rows.append(HandlingRow(department_code=code, bad_rating=kind == FeedbackKind.RATING, handling_days=days))
    return rows


def board_changed(sender, instance, **kwargs):
    """A 纠错 or 差评 arriving or being handled moves the board's 差评整改率: cached pages must not hide it."""
    if instance.needs_handling:
        pagecache.start_new_generation()


def connect():
    for name, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(board_changed, sender=Feedback, dispatch_uid=f"guides.feedback.board_changed.{name}")
