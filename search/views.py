"""Search views: the results page and the JSON API (search and suggestions).

The results page is kept for the next visitor who asks the same (web.pagecache.variant: until the content
changes, bounded); every search is logged all the same. The API is never cached."""

from functools import wraps

from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Site

from guides.models import LifeEventPage
from guides.models.site_settings import page_full_url
from web import pagecache, warmup
from web.responses import json_response

from . import page_parts, service, vocabulary
from .highlight import highlight
from .query import clean
from .related import related_pages

SUGGESTION_LIMIT = 8
PAGE_TEMPLATE = "search/search_page.html"


def with_search_params(bad_request, cache=never_cache):
    """View decorator: GET only, cached as `cache` says (never by default), called with parsed SearchParams.

    A wrong parameter answers `bad_request(request, message)` (a 400 with the message in Chinese).
    """

    def decorate(view):
        @cache
        @require_GET
        @wraps(view)
        def wrapped(request):
            try:
                params = service.parse_params(request.GET, Site.find_for_request(request))
            except service.BadRequest as error:
                return bad_request(request, str(error))
            return view(request, params)

        return wrapped

    return decorate


def as_it_is(view):
    return view


def refused_search_page(request, message):
    """The search page saying why its parameters were refused (a 400), with what the citizen typed still in the box
    to search again without the wrong filter: the params of a search for the typed query alone, over the sites it
    covered (the request's site, or the province when the scope asked for was one)."""
    scope = request.GET.get("scope", "")
    params = service.SearchParams(
        q=service.typed_query(request.GET),
        site=Site.find_for_request(request),
        scope=scope if scope in service.SCOPES else "",
    )
    return render(request, PAGE_TEMPLATE, {"error": message, "params": params}, status=400)


@with_search_params(refused_search_page, cache=as_it_is)
def search_page(request, params):
    response, logged = pagecache.variant(request, lambda: render_search_page(request, params))
    log_page_search(request, logged, params)
    return response


def log_page_search(request, logged, params=None):
    """Count a results page's search in the query log: one this view rendered, or one a kept page answered before
    the view (its hit handler: the params are read again from the same query string)."""
    if logged and not warmup.is_warmup(request):  # a page from the cache is a search all the same
        params = params or service.parse_params(request.GET, Site.find_for_request(request))
        service.log_search(params, *logged)


pagecache.on_variant_hit("search:page", log_page_search)


def render_search_page(request, params):
    """(the results page, what the query log needs of it)."""
    outcome = service.search(params, log=False)
    facets = _facet_links(params, outcome.facets)
    results = _results(outcome)
    context = {
        "params": params,
        "outcome": outcome,
        "results": results,
        "result_groups": _result_groups(request, outcome, results),
        "partial_count": outcome.partial,
        "facets": [(heading, page_parts.facet_options(options)) for heading, options in facets],
        "chosen_filters": sum(option["selected"] for _heading, options in facets for option in options),
        "pages": _page_links(params, outcome.page, outcome.capped),
        # Above the count limit no facet counts the results: the chosen filters can still be undone.
        "unfiltered": "?" + params.query_string(**dict.fromkeys(params.chosen, ""), page="")
        if outcome.capped and params.chosen
        else None,
        "scope_link": params.scope_link(),
    }
    if outcome.query and params.page == 1:
        context["promotions"] = page_parts.promotions(params)
        related = related_pages(outcome.query, params.sites)
        context["best_bet"] = service.best_bet(outcome.query, related, outcome.page or ())
        context["best_bet_is_life_event"] = isinstance(context["best_bet"], LifeEventPage)
        context["related"] = [page for page in related if page != context["best_bet"]]
        if not outcome.total:
            context["popular"] = service.popular_guides(params)
    logged = (outcome.query.text, outcome.total, outcome.engine) if outcome.query else None
    return render(request, PAGE_TEMPLATE, context), logged


@with_search_params(lambda request, message: json_response({"error": message}, status=400))
def search_api(request, params):
    outcome = service.search(params)
    return json_response(
        {
            "query": params.q,
            "total": outcome.total,
            # More match than total says (the count stopped at SEARCH_COUNT_LIMIT): docs/search.md.
            "total_is_lower_bound": outcome.capped,
            # The results answering the whole query come first; the partial ones match only some of its words.
            "whole_matches": outcome.whole,
            "partial_matches": outcome.partial,
            "results": [
                {
                    "title": guide.title,
                    "url": page_full_url(guide, request) or guide.url,
                    "item_code": guide.item_code,
                    "department": guide.department.name,
                    "summary": guide.summary,
                    "committed_limit_days": guide.committed_limit_days,
                    "committed_limit_unit": guide.committed_limit_unit,
                    "committed_limit_text": guide.committed_limit_text,
                    "highlight": str(marked_summary),
                }
                for guide, _marked_title, marked_summary in _results(outcome)
            ],
            "facets": outcome.facets,
        }
    )


@never_cache
@require_GET
def suggest_api(request):
    text = clean(request.GET.get("q", ""))
    if len(text) > 40:
        return json_response({"error": _("搜索建议只接受 40 个字以内的词。")}, status=400)
    foreign = vocabulary.foreign_names(Site.find_for_request(request))
    found = vocabulary.current().complete(text, SUGGESTION_LIMIT, foreign=foreign) if text else []
    return json_response({"query": text, "suggestions": found})


def _facet_links(params, facets):
    """[(heading, [option + "url" + "selected"])]: each option link toggles that filter, back to page 1.

    A facet with one value narrows nothing and is left out, unless it is the chosen filter (to be undone)."""
    links = []
    headings = service.facet_labels(get_language())["headings"]
    for name, options in facets.items():
        chosen = params.selected(name)
        if len(options) < 2 and not chosen:
            continue
        for option in options:
            option["selected"] = option["value"] == chosen
            option["url"] = "?" + params.query_string(
                **{name: "" if option["selected"] else option["value"], "page": ""}
            )
        links.append((headings[name], options))
    return links


def _page_links(params, page, capped):
    if page is None or not page.has_other_pages():
        return None
    return {
        "number": page.number,
        "count": page.paginator.num_pages,
        "capped": capped,  # the pages reach the count limit: there are more results than they show
        "previous": "?" + params.query_string(page=page.number - 1) if page.has_previous() else None,
        "next": "?" + params.query_string(page=page.number + 1) if page.has_next() else None,
    }


def _result_groups(request, outcome, results):
    """[(partial, position of the first, rows as HTML)]: the page's results that answer the whole query, then those
    that match only some of its words (the page puts a notice above them); empty groups left out."""
    if not results:
        return []
    start = outcome.page.start_index()
    split = min(max(outcome.whole - (start - 1), 0), len(results))
    groups = [(False, start, results[:split]), (True, start + split, results[split:])]
    return [(partial, first, page_parts.result_rows(request, rows, first)) for partial, first, rows in groups if rows]


def _results(outcome):
    """(guide, highlighted title, highlighted summary) for the current page of results."""
    if outcome.page is None:
        return []
    marks = outcome.query.marks
    return [(guide, highlight(guide.title, marks), highlight(guide.summary, marks)) for guide in outcome.page]
