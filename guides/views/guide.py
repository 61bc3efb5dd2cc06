"""The public guide page: the guide's own context (GuidePage.get_context) plus its feedback forms and ratings.

A guide with situation answers (`?q1=…`) is kept for the next visitor who gives the same answers
(web.pagecache.variant); without a query string the page cache in front of the view keeps it."""

from django.utils.translation import gettext_lazy as _

from guides.feedback.forms import feedback_forms
from guides.feedback.ratings import satisfaction
from guides.models.feedback import FeedbackKind
from web import pagecache

FEEDBACK_HEADINGS = {
    FeedbackKind.USEFUL.value: _("这个页面有用吗？"),
    FeedbackKind.ERROR.value: _("纠错：告诉我们哪里有误"),
    FeedbackKind.RATING.value: _("好差评：评价这项服务"),
}


def guide_page(page, request, **overrides):
    """The guide page; `overrides` replace context values (a bound feedback form with its errors)."""
    if overrides or not request.GET:
        return render_guide_page(page, request, overrides)
    return pagecache.variant(request, lambda: (render_guide_page(page, request, overrides), None))[0]


def render_guide_page(page, request, overrides):
    ratings = page.feedback.filter(kind=FeedbackKind.RATING).values_list("rating", flat=True)
    context = {
        "feedback_forms": feedback_forms(),
        "satisfaction": satisfaction(ratings),
        "feedback_headings": FEEDBACK_HEADINGS,
    }
    return page.render(request, context_overrides={**context, **overrides})
