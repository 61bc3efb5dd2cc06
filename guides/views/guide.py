"""The public guide page: the guide's own context (GuidePage.get_context) plus its feedback forms and ratings."""

from django.utils.translation import gettext_lazy as _

from guides.feedback.forms import feedback_forms
from guides.feedback.ratings import satisfaction
from guides.models.feedback import FeedbackKind

FEEDBACK_HEADINGS = {
    FeedbackKind.USEFUL.value: _("这个页面有用吗？"),
    FeedbackKind.ERROR.value: _("纠错：告诉我们哪里有误"),
    FeedbackKind.RATING.value: _("好差评：评价这项服务"),
}


def guide_page(page, request, **overrides):
    """The guide page; `overrides` replace context values (a bound feedback form with its errors)."""
    ratings = page.feedback.filter(kind=FeedbackKind.RATING).values_list("rating", flat=True)
    context = {
        "feedback_forms": feedback_forms(),
        "satisfaction": satisfaction(ratings),
        "feedback_headings": FEEDBACK_HEADINGS,
    }
    return page.render(request, context_overrides={**context, **overrides})
