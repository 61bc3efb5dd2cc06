"""Extra context of the public guide page."""

from django.utils.translation import gettext_lazy as _

from guides import print as checklist_print
from guides.feedback_forms import FORMS
from guides.models.feedback import FeedbackKind
from guides.ratings import satisfaction


def feedback_forms(bound=None):
    """Unbound forms for each feedback kind, with `bound` (a bound form) in its place; prefixed so ids are unique."""
    forms = {kind: form_class(prefix=kind) for kind, form_class in FORMS.items()}
    if bound is not None:
        forms[bound.kind.value] = bound
    return forms


def public_context(page, request, questions, answers):
    query = checklist_print.answers_query(questions, answers)
    ratings = page.feedback.filter(kind=FeedbackKind.RATING).values_list("rating", flat=True)
    return {
        "answers_query": query,
        "answered": [(q, answers[q.number]) for q in questions if q.number in answers],
        "print_url": page.url + "print/" + (f"?{query}" if query else ""),
        "feedback_forms": feedback_forms(),
        "satisfaction": satisfaction(ratings),
        "feedback_headings": {
            FeedbackKind.USEFUL.value: _("这个页面有用吗？"),
            FeedbackKind.ERROR.value: _("纠错：告诉我们哪里有误"),
            FeedbackKind.RATING.value: _("好差评：评价这项服务"),
        },
    }
