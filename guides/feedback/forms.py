"""The three public feedback forms on a guide. Each carries a honeypot field that people never see."""

from django import forms
from django.utils.translation import gettext_lazy as _

from guides.models.feedback import COMMENT_MAX_LENGTH, ErrorCategory, Feedback, FeedbackKind, Rating


class FeedbackForm(forms.ModelForm):
    # Bots fill every field; people never see this one (hidden by CSS and from screen readers).
    website = forms.CharField(required=False, label=_("请勿填写此项"))
    comment = forms.CharField(
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        label=_("留言（选填）"),
        help_text=_("最多 %(n)s 字，请勿填写身份证号、电话等个人信息") % {"n": COMMENT_MAX_LENGTH},
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    kind = None

    class Meta:
        model = Feedback
        fields = ["comment"]

    @property
    def is_spam(self):
        return bool(self.cleaned_data.get("website"))

    def save(self, guide):
        feedback = super().save(commit=False)
        feedback.guide = guide
        feedback.kind = self.kind
        feedback.save()
        return feedback


class UsefulForm(FeedbackForm):
    kind = FeedbackKind.USEFUL
    useful = forms.TypedChoiceField(
        label=_("这个页面有用吗？"),
        choices=[("yes", _("有用")), ("no", _("没用"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )

    class Meta(FeedbackForm.Meta):
        fields = ["useful", "comment"]


class ErrorReportForm(FeedbackForm):
    kind = FeedbackKind.ERROR
    category = forms.ChoiceField(label=_("哪里有错？"), choices=ErrorCategory.choices, widget=forms.RadioSelect)
    comment = forms.CharField(
        max_length=COMMENT_MAX_LENGTH,
        label=_("具体说明"),
        help_text=_("最多 %(n)s 字，请勿填写身份证号、电话等个人信息") % {"n": COMMENT_MAX_LENGTH},
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("请说明哪里有错，方便我们核实更正")},
    )

    class Meta(FeedbackForm.Meta):
        fields = ["category", "comment"]


class RatingForm(FeedbackForm):
    kind = FeedbackKind.RATING
    rating = forms.TypedChoiceField(
        label=_("您对这项服务的评价"), choices=Rating.choices, coerce=int, widget=forms.RadioSelect
    )

    class Meta(FeedbackForm.Meta):
        fields = ["rating", "comment"]


FORMS = {form.kind.value: form for form in (UsefulForm, ErrorReportForm, RatingForm)}


def feedback_forms(bound=None):
    """Unbound forms for each feedback kind, with `bound` (a bound form) in its place; prefixed so ids are unique."""
    forms = {kind: form_class(prefix=kind) for kind, form_class in FORMS.items()}
    if bound is not None:
        forms[bound.kind.value] = bound
    return forms
