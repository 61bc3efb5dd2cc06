"""一件事 on the public pages: a guide's place in its life events, and the totals of a step-by-step."""

from django import template
from django.utils.translation import gettext as _

from guides.models import LifeEventPage

register = template.Library()


@register.inclusion_tag("guides/includes/life_event_nav.html", takes_context=True)
def life_event_nav(context, guide):
    """属于：X 一件事 · 第 n 步, with the previous and next steps, for each visible life event listing `guide`."""
    return {"places": LifeEventPage.places_of(guide), "request": context.get("request")}


@register.filter
def days_span(span):
    """A guides.steps.Span of committed working days: 即办, 5 个工作日, or 5–25 个工作日."""
    if span.high == 0:
        return _("即办")
    if span.exact:
        return _("%(days)s 个工作日") % {"days": span.low}
    if span.low == 0:
        return _("即办至 %(high)s 个工作日") % {"high": span.high}
    return _("%(low)s–%(high)s 个工作日") % {"low": span.low, "high": span.high}


@register.filter
def visits_span(span):
    """A guides.steps.Span of trips to a hall: 零跑动, 2 次, or 1–3 次."""
    if span.high == 0:
        return _("零跑动")
    if span.exact:
        return _("%(visits)s 次") % {"visits": span.low}
    return _("%(low)s–%(high)s 次") % {"low": span.low, "high": span.high}
