"""The results page's repeated parts, built in Python instead of a template loop: a result row, a facet's options,
and the promotions a query has.

A results page repeats these tens of times, and each pass through the template engine cost about 0.1 ms (variable
lookups, `{% pageurl %}`, number formatting); here a row is one string format over parts that are either kept per
content generation (the guide's address on the request's site, its key facts: site_tags, guide_tags) or the
query's own (the highlighted title and summary), each escaped unless it is already safe HTML, as the template did.
"""

import html

from django.utils.safestring import mark_safe
from modelsearch.utils import normalise_query_string
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page

from guides.models.querysets import visible
from guides.templatetags.guide_tags import key_facts
from guides.templatetags.site_tags import kept_page_url
from web.kept import Kept
from web.sites import scope_key

ROW = (
    "<li>"
    '<h3><a href="{}" data-guide="{}" data-position="{}">{}</a></h3>'
    "<p>{}</p>"
    '<p class="search-results__facts">{}</p>'
    "</li>"
)
OPTION = '<li><a href="{}"{}>{}</a> ({})</li>'
CURRENT = mark_safe(' aria-current="true"')  # noqa: S308 - a constant

# The sites searched -> {normalised query: [SearchPromotion]}: editors promote a few pages for a few queries, so
# all of a site's are read once per content generation (a SearchPromotion's change starts a new one).
PROMOTIONS = Kept(size=64)


def _escaped(value):
    """`value` as HTML: escaped unless it is already safe HTML (conditional_escape, without its lazy-string
    wrapper, which cost more than the escaping on a page of many rows)."""
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def join_html(template, rows):
    """`template` filled with each row of values (each escaped unless safe), one per line: format_html_join."""
    return mark_safe("\n".join(template.format(*map(_escaped, values)) for values in rows))  # noqa: S308 - escaped


def result_rows(request, rows, start):
    """The <li> of each (guide, highlighted title, highlighted summary) in `rows`, numbered on from `start` (the
    position the search-learning script reports when a result is chosen)."""
    return join_html(
        ROW,
        (
            (
                kept_page_url(request, guide),
                guide.pk,
                position,
                title,
                summary,
                key_facts(guide, department=True, visits=False, fee=False),
            )
            for position, (guide, title, summary) in enumerate(rows, start)
        ),
    )


def facet_options(options):
    """The <li> of each option of a facet (search.views._facet_links): its link, the current one marked."""
    return join_html(
        OPTION,
        (
            (option["url"], CURRENT if option["selected"] else "", option["label"], option["count"])
            for option in options
        ),
    )


def promotions(params):
    """The promotions for the query of `params` whose page is one the searched sites show."""
    found = PROMOTIONS.get(scope_key(params.sites), lambda: _promotions_by_query(params.sites))
    return found.get(normalise_query_string(params.q), [])


def _promotions_by_query(sites):
    found = {}
    chosen = SearchPromotion.objects.filter(page__in=visible(Page.objects.all(), sites))
    for promotion in chosen.select_related("page", "query"):
        found.setdefault(promotion.query.query_string, []).append(promotion)
    return found
