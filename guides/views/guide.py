"""The public guide page: the guide's own context (GuidePage.get_context) plus its feedback forms and ratings.

A guide with situation answers (`?q1=…`) is kept for the next visitor who gives the same answers
(web.pagecache.variant); without a query string the page cache in front of the view keeps it."""

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from guides.feedback.forms import feedback_forms
from guides.feedback.ratings import guide_satisfaction
from guides.models.feedback import FeedbackKind
from web import pagecache
from web.kept import Kept

FEEDBACK_HEADINGS = {
    FeedbackKind.USEFUL.value: _("这个页面有用吗？"),
    FeedbackKind.ERROR.value: _("纠错：告诉我们哪里有误"),
    FeedbackKind.RATING.value: _("好差评：评价这项服务"),
}
# (guide, site, language) -> the unbound feedback forms' HTML with a placeholder for the form token; about 6 KB
FEEDBACK_SECTIONS = Kept(size=2000)
MATERIAL_ROWS = Kept(size=5000)  # (guide, site) -> its material rows as read (material_rows()); ~1 KB a row


def guide_page(page, request, **overrides):
    """The guide page; `overrides` replace context values (a bound feedback form with its errors)."""
    if overrides or not request.GET:
        return render_guide_page(page, request, overrides)
    return pagecache.variant(request, lambda: (render_guide_page(page, request, overrides), None))[0]


def render_guide_page(page, request, overrides):
    context = {"satisfaction": guide_satisfaction(page), "feedback_headings": FEEDBACK_HEADINGS}
    if not overrides:  # a form sent back with its errors (feedback_forms) is rendered with them
        context["feedback_section"] = feedback_section(page, request)
    site_id = kept_site(page, request)
    rows = None if site_id is None else MATERIAL_ROWS.get((page.pk, site_id), page.material_rows, site_id=site_id)
    return page.render(request, context_overrides={**context, **overrides}, material_rows=rows)


def kept_site(page, request):
    """The id of the site whose generation keeps `page`'s parts, or None when they must be rendered afresh: a
    preview, a page not live, a request no site answers."""
    if getattr(request, "is_preview", False) or not page.live:
        return None
    site = Site.find_for_request(request)
    return site.pk if site else None


def feedback_section(page, request):
    """The guide's empty feedback forms, rendered once per content generation (they change only with the guide's
    address) with a placeholder for the form token, which is filled in for each visitor, masked afresh as Django
    does. Previews and pages not live render afresh."""
    placeholder = pagecache.CSRF_PLACEHOLDER.decode()

    def render():
        context = {
            "page": page,
            "request": request,
            "feedback_forms": feedback_forms(),
            "feedback_headings": FEEDBACK_HEADINGS,
            "csrf_token": placeholder,
        }
        return render_to_string("guides/feedback_forms.html", context)

    site_id = kept_site(page, request)
    html = (
        render()
        if site_id is None
        else FEEDBACK_SECTIONS.get((page.pk, site_id, get_language()), render, site_id=site_id)
    )
    return mark_safe(html.replace(placeholder, get_token(request)))  # noqa: S308 (our template's output)
